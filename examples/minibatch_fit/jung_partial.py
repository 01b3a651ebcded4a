# Jung: targets 0.01/0.99 in batch GD, SGD not attempted, the rest correct.
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
        return self.forpass(X.T)[3]

    def evaluate(self, X, y):
        correct = 0
        for i, column in enumerate(self.predict(X).T):
            correct += int(np.argmax(column) == y[i])
        return 100.0 * correct / len(y)

    def fit(self, X, y):
        self.cost_ = []
        A0 = X.T
        Y = np.full((self.n_y, len(y)), 0.01)
        Y[y, np.arange(len(y))] = 0.99
        for _ in range(self.epochs):
            Z1, A1, Z2, A2 = self.forpass(A0)
            E2 = Y - A2
            dZ2 = E2 * self.g_prime(Z2)
            dZ1 = (self.W2.T @ dZ2) * self.g_prime(Z1)
            self.W2 += self.eta * dZ2 @ A1.T / len(y)
            self.W1 += self.eta * dZ1 @ A0.T / len(y)
            self.cost_.append(0.5 * np.sum(E2 * E2) / len(y))
        return self


class MnistSGD(MnistBGD):
    def fit(self, X, y):
        raise NotImplementedError("Task 4.3: sgd_fit")


class MnistMiniBatch(MnistBGD):
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=20, batch_size=32, random_seed=1, schedule=False):
        super().__init__(n_x, n_h, n_y, eta, epochs, random_seed)
        self.batch_size, self.schedule = batch_size, schedule

    def learning_rate(self, epoch):
        if not self.schedule or self.epochs < 2:
            return self.eta
        return self.eta + (0.0001 - self.eta) * epoch / (self.epochs - 1)

    def fit(self, X, y):
        self.cost_ = []
        for epoch in range(self.epochs):
            eta = self.learning_rate(epoch)
            for Xb, yb in zip(
                np.array_split(X, range(self.batch_size, len(y), self.batch_size)),
                np.array_split(y, range(self.batch_size, len(y), self.batch_size)),
            ):
                Y = one_hot_encoding(yb, self.n_y).T
                Z1, A1, Z2, A2 = self.forpass(Xb.T)
                E2 = Y - A2
                dZ2 = E2 * self.g_prime(Z2)
                dZ1 = (self.W2.T @ dZ2) * self.g_prime(Z1)
                self.W2 += eta * dZ2 @ A1.T / len(yb)
                self.W1 += eta * dZ1 @ Xb / len(yb)
                self.cost_.append(0.5 * np.sum(E2 * E2) / len(yb))
        return self
