"""Plain (non-inverted) dropout: units dropped, the kept ones not rescaled, forward and backward."""

import numpy as np
from nnkit_data import one_hot_encoding

EXPECTED_HINTS = ["no_scaling"]


class MnistMiniBatchDropout:
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=40, batch_size=32, random_seed=1, dropout_ratio=0.5):
        self.n_x, self.n_h, self.n_y = n_x, n_h, n_y
        self.eta, self.epochs, self.batch_size = eta, epochs, batch_size
        self.dropout_ratio = dropout_ratio
        rng = np.random.default_rng(random_seed)
        self.W1 = rng.uniform(-1.0, 1.0, (n_h, n_x))
        self.W2 = rng.uniform(-1.0, 1.0, (n_y, n_h))
        self.drop_units = None
        self.cost_ = []

    def g(self, Z):
        return 1.0 / (1.0 + np.exp(-Z))

    def g_prime(self, Z):
        return self.g(Z) * (1.0 - self.g(Z))

    def forpass(self, A0, train=True):
        Z1 = self.W1 @ A0
        A1 = self.g(Z1)
        if train:
            self.drop_units = np.random.rand(*A1.shape) > self.dropout_ratio
            A1 = A1 * self.drop_units
        Z2 = self.W2 @ A1
        A2 = self.g(Z2)
        return Z1, A1, Z2, A2

    def fit(self, X, y):
        self.cost_ = []
        for _ in range(self.epochs):
            for s in range(0, len(y), self.batch_size):
                X_b, y_b = X[s : s + self.batch_size], y[s : s + self.batch_size]
                A0 = X_b.T
                Y = one_hot_encoding(y_b, self.n_y).T
                Z1, A1, Z2, A2 = self.forpass(A0)
                E2 = Y - A2
                dZ2 = E2 * self.g_prime(Z2)
                dZ1 = (self.W2.T @ dZ2) * self.drop_units * self.g_prime(Z1)
                self.W2 += self.eta * dZ2 @ A1.T / len(y_b)
                self.W1 += self.eta * dZ1 @ A0.T / len(y_b)
                self.cost_.append(0.5 * np.sum(E2**2) / len(y_b))
        return self

    def predict(self, X):
        return self.forpass(X.T, train=False)[3]

    def evaluate(self, X, y):
        return 100.0 * np.mean(np.argmax(self.predict(X), axis=0) == y)
