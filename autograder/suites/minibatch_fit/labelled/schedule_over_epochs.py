"""A linear schedule divided by epochs (it never reaches 0.0001), written out by hand."""

import numpy as np
from nnkit_data import one_hot_encoding

EXPECTED_HINTS = ["schedule_end"]


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
        return 100.0 * np.mean(np.argmax(self.predict(X), axis=0) == y)

    def update(self, X_b, y_b, eta):
        A0 = X_b.T
        Y = one_hot_encoding(y_b, self.n_y).T
        Z1, A1, Z2, A2 = self.forpass(A0)
        E2 = Y - A2
        dZ2 = E2 * self.g_prime(Z2)
        dZ1 = (self.W2.T @ dZ2) * self.g_prime(Z1)
        self.W2 += eta * dZ2 @ A1.T / len(y_b)
        self.W1 += eta * dZ1 @ A0.T / len(y_b)
        self.cost_.append(0.5 * np.sum(E2**2) / len(y_b))

    def fit(self, X, y):
        self.cost_ = []
        for _ in range(self.epochs):
            self.update(X, y, self.eta)
        return self


class MnistSGD(MnistBGD):
    def fit(self, X, y):
        self.cost_ = []
        for _ in range(self.epochs):
            for i in range(len(y)):
                self.update(X[i : i + 1], y[i : i + 1], self.eta)
        return self


class MnistMiniBatch(MnistBGD):
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=20, batch_size=32, random_seed=1, schedule=False):
        super().__init__(n_x, n_h, n_y, eta, epochs, random_seed)
        self.batch_size, self.schedule = batch_size, schedule

    def learning_rate(self, epoch):
        if not self.schedule or self.epochs == 1:
            return self.eta
        return self.eta - (self.eta - 0.0001) * epoch / self.epochs

    def fit(self, X, y):
        self.cost_ = []
        for epoch in range(self.epochs):
            eta = self.learning_rate(epoch)
            for s in range(0, len(y), self.batch_size):
                self.update(X[s : s + self.batch_size], y[s : s + self.batch_size], eta)
        return self
