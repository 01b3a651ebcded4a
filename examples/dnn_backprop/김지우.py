# 김지우: 강의 코드 모양 그대로 (E, dZ 리스트), 은닉층은 정확한 기울기 W.T @ dZ.
import numpy as np
from nnkit_data import one_hot_encoding


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_d(x):
    return sigmoid(x) * (1 - sigmoid(x))


def tanh(x):
    return np.tanh(x)


def tanh_d(x):
    return 1 - np.tanh(x) ** 2


def relu(x):
    return np.maximum(0, x)


def relu_d(x):
    d = np.zeros_like(x, dtype=float)
    d[x > 0] = 1
    return d


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
        Z = [[None]]
        A = [A0]
        for i in range(1, len(self.W)):
            z = np.dot(self.W[i], A[i - 1])
            Z.append(z)
            A.append(self.g[i](z))
        return Z, A

    def backprop(self, Z, A, Y):
        E = [None for _ in range(self.layers)]
        dZ = [None for _ in range(self.layers)]
        ll = self.layers - 1
        error = Y - A[ll]
        E[ll] = error
        dZ[ll] = error * self.g_prime[ll](Z[ll])
        for i in range(self.layers - 2, 0, -1):
            E[i] = np.dot(self.W[i + 1].T, dZ[i + 1])
            dZ[i] = E[i] * self.g_prime[i](Z[i])
        m = Y.shape[1]
        for i in range(ll, 0, -1):
            self.W[i] += self.eta * np.dot(dZ[i], A[i - 1].T) / m
        return error

    def fit(self, X, y):
        self.cost_ = []
        if self.net_arch[-1] == 1:
            Y = np.array(y, ndmin=2)
        else:
            Y = one_hot_encoding(y, self.net_arch[-1]).T
        for epoch in range(self.epochs):
            A0 = np.array(X, ndmin=2).T
            Z, A = self.forpass(A0)
            cost = self.backprop(Z, A, Y)
            self.cost_.append(np.sqrt(np.sum(cost * cost)))
        return self

    def predict(self, X):
        A0 = np.array(X, ndmin=2).T
        Z, A = self.forpass(A0)
        return A[-1]

    def evaluate(self, Xtest, ytest):
        A = self.predict(Xtest)
        if A.shape[0] == 1:
            yhat = np.where(A[0] > 0.5, 1, 0)
        else:
            yhat = np.argmax(A, axis=0)
        return np.sum(yhat == ytest) / len(ytest) * 100
