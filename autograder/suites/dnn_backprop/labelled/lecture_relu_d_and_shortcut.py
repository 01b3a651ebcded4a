"""A student who kept the lecture's relu_d (in place) and its hidden-error shortcut."""

import numpy as np
from nnkit_data import one_hot_encoding

# the hints that should fire on this file; any other is a wrong firing
EXPECTED_HINTS = ["relu_d_in_place", "lecture_error_shortcut"]


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_d(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(x)


def tanh_d(x):
    return 1.0 - np.tanh(x) ** 2


def relu(x):
    return np.maximum(0.0, x)


def relu_d(x):
    x[x <= 0] = 0
    x[x > 0] = 1
    return x


class DeepNeuralNet:
    def __init__(self, net_arch, activate=None, eta=1.0, epochs=100, random_seed=1):
        self.net_arch = net_arch
        self.layers = len(net_arch)
        self.eta = eta
        self.epochs = epochs
        self.random_seed = random_seed
        rng = np.random.default_rng(random_seed)
        self.W = [None]  # W[0] is not used
        for i in range(1, self.layers):
            self.W.append(2 * rng.random((net_arch[i], net_arch[i - 1])) - 1)
        self.g = [sigmoid] * self.layers
        self.g_prime = [sigmoid_d] * self.layers
        if activate is not None:
            for i, (g, g_prime) in enumerate(zip(activate[::2], activate[1::2]), start=1):
                self.g[i] = g
                self.g_prime[i] = g_prime

    def forpass(self, A0):
        Z, A = [None], [A0]
        for i in range(1, self.layers):
            Z.append(self.W[i] @ A[i - 1])
            A.append(self.g[i](Z[i]))
        return Z, A

    def backprop(self, Z, A, Y):
        L = self.layers - 1
        E = Y - A[L]
        dZ = [None] * self.layers
        dZ[L] = E * self.g_prime[L](Z[L])
        err = E
        for i in range(L - 1, 0, -1):
            err = self.W[i + 1].T @ err
            dZ[i] = err * self.g_prime[i](Z[i])
        m = Y.shape[1]
        for i in range(L, 0, -1):
            self.W[i] += self.eta * dZ[i] @ A[i - 1].T / m
        return E

    def fit(self, X, y):
        A0 = np.array(X, ndmin=2).T
        n_y = self.net_arch[-1]
        Y = np.reshape(y, (1, -1)) if n_y == 1 else one_hot_encoding(y, n_y).T
        self.cost_ = []
        for _ in range(self.epochs):
            Z, A = self.forpass(A0)
            E = self.backprop(Z, A, Y)
            self.cost_.append(np.sqrt(np.sum(E * E)))
        return self

    def predict(self, X):
        Z, A = self.forpass(np.array(X, ndmin=2).T)
        return A[-1]

    def evaluate(self, X, y):
        A = self.predict(X)
        yhat = (A[0] > 0.5).astype(int) if A.shape[0] == 1 else np.argmax(A, axis=0)
        return 100.0 * np.mean(yhat == np.asarray(y))
