# Park Seojun: copied the lecture's relu_d and its m = Y.shape[0]; the rest is right.
import numpy as np
from nnkit_data import one_hot_encoding


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_d(x):
    s = 1.0 / (1.0 + np.exp(-x))
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(x)


def tanh_d(x):
    return 1.0 - np.tanh(x) ** 2


def relu(x):
    return np.where(x > 0, x, 0.0)


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
        self.W = [None]
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
        for W, g in zip(self.W[1:], self.g[1:]):
            Z.append(W @ A[-1])
            A.append(g(Z[-1]))
        return Z, A

    def backprop(self, Z, A, Y):
        L = self.layers - 1
        error = Y - A[L]
        deltas = {L: error * self.g_prime[L](Z[L])}
        for i in range(L - 1, 0, -1):
            deltas[i] = (self.W[i + 1].T @ deltas[i + 1]) * self.g_prime[i](Z[i])
        m = Y.shape[0]  # number of samples
        for i in range(L, 0, -1):
            self.W[i] += self.eta * deltas[i] @ A[i - 1].T / m
        return error

    def fit(self, X, y):
        n_y = self.net_arch[-1]
        Y = y.reshape(1, -1) if n_y == 1 else one_hot_encoding(y, n_y).T
        self.cost_ = []
        for _ in range(self.epochs):
            Z, A = self.forpass(X.T)
            E = self.backprop(Z, A, Y)
            self.cost_.append(np.sqrt(np.sum(E**2)))
        return self

    def predict(self, X):
        return self.forpass(np.atleast_2d(X).T)[1][-1]

    def evaluate(self, X, y):
        out = self.predict(X)
        yhat = (out[0] > 0.5).astype(int) if len(out) == 1 else out.argmax(axis=0)
        return 100.0 * np.mean(yhat == y)
