# Park Minsu: the lecture's hidden-error shortcut E1 = W2.T @ E2 in all three fit methods.
import numpy as np
from nnkit_data import one_hot_encoding


class MnistBGD:
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=100, random_seed=1):
        self.n_x, self.n_h, self.n_y = n_x, n_h, n_y
        self.eta, self.epochs = eta, epochs
        rng = np.random.default_rng(random_seed)
        self.W1 = rng.uniform(-1.0, 1.0, (n_h, n_x))
        self.W2 = rng.uniform(-1.0, 1.0, (n_y, n_h))
        self.cost_ = []

    def g(self, Z):
        return 1.0 / (1.0 + np.exp(-Z))

    def g_prime(self, Z):
        return self.g(Z) * (1.0 - self.g(Z))

    def forpass(self, A0):
        Z1 = self.W1 @ A0
        A1 = self.g(Z1)
        Z2 = self.W2 @ A1
        A2 = self.g(Z2)
        return Z1, A1, Z2, A2

    def predict(self, X):
        return self.forpass(X.T)[-1]

    def evaluate(self, X, y):
        return float(np.mean(self.predict(X).argmax(axis=0) == y) * 100)

    def backprop(self, A0, Y, eta):
        Z1, A1, Z2, A2 = self.forpass(A0)
        E2 = Y - A2
        E1 = self.W2.T @ E2  # as in the lecture
        dZ2 = E2 * self.g_prime(Z2)
        dZ1 = E1 * self.g_prime(Z1)
        m = A0.shape[1]
        self.W2 += eta * dZ2 @ A1.T / m
        self.W1 += eta * dZ1 @ A0.T / m
        return 0.5 * np.sum(E2 * E2) / m

    def fit(self, X, y):
        Y = one_hot_encoding(y, self.n_y).T
        self.cost_ = [self.backprop(X.T, Y, self.eta) for _ in range(self.epochs)]
        return self


class MnistSGD(MnistBGD):
    def fit(self, X, y):
        Y = one_hot_encoding(y, self.n_y).T
        self.cost_ = []
        for _ in range(self.epochs):
            for i in range(len(y)):
                self.cost_.append(self.backprop(X[i : i + 1].T, Y[:, i : i + 1], self.eta))
        return self


class MnistMiniBatch(MnistBGD):
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=20, batch_size=32, random_seed=1, schedule=False):
        super().__init__(n_x, n_h, n_y, eta, epochs, random_seed)
        self.batch_size, self.schedule = batch_size, schedule

    def learning_rate(self, epoch):
        if not self.schedule or self.epochs == 1:
            return self.eta
        return self.eta - (self.eta - 0.0001) * epoch / (self.epochs - 1)

    def fit(self, X, y):
        Y = one_hot_encoding(y, self.n_y).T
        self.cost_ = []
        for e in range(self.epochs):
            for s in range(0, len(y), self.batch_size):
                A0 = X[s : s + self.batch_size].T
                self.cost_.append(self.backprop(A0, Y[:, s : s + self.batch_size], self.learning_rate(e)))
        return self
