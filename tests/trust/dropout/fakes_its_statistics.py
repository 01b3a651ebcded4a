"""Attack: a dropout forward pass that computes nothing, shaped to pass statistics judged
between its own training and evaluation passes (drop fraction and preserved mean)."""

import numpy as np
from nnkit_data import one_hot_encoding


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
        # computes nothing: a constant "activation" with the right drop fraction and mean
        Z1 = np.full((self.W1.shape[0], A0.shape[1]), 0.5)
        A1 = Z1.copy()
        if train:
            self.drop_units = np.random.rand(*A1.shape) > self.dropout_ratio
            A1 = A1 * self.drop_units / (1.0 - self.dropout_ratio)  # /keep ratio: E[A1] unchanged
        Z2 = self.W2 @ A1
        A2 = self.g(Z2)
        return Z1, A1, Z2, A2

    def fit(self, X, y):
        self.cost_ = []
        keep = 1.0 - self.dropout_ratio
        for _ in range(self.epochs):
            for s in range(0, len(y), self.batch_size):
                A0, Y = X[s : s + self.batch_size].T, one_hot_encoding(y[s : s + self.batch_size], self.n_y).T
                Z1, A1, Z2, A2 = self.forpass(A0)
                E2 = Y - A2
                dZ2 = E2 * self.g_prime(Z2)
                dZ1 = (self.W2.T @ dZ2) * self.drop_units / keep * self.g_prime(Z1)  # same mask as forward
                m = A0.shape[1]
                self.W2 += self.eta * dZ2 @ A1.T / m
                self.W1 += self.eta * dZ1 @ A0.T / m
                self.cost_.append(0.5 * np.sum(E2 * E2) / m)
        return self

    def predict(self, X):
        return self.forpass(X.T, train=False)[3]

    def evaluate(self, X, y):
        return 100.0 * np.mean(np.argmax(self.predict(X), axis=0) == y)
