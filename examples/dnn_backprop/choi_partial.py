# Choi: activations and forpass done, the rest not started yet.
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_d(x):
    return sigmoid(x) * (1 - sigmoid(x))


def tanh(x):
    return np.tanh(x)


def tanh_d(x):
    return 1 - tanh(x) ** 2


def relu(x):
    return x * (x > 0)


def relu_d(x):
    return (x > 0) * 1.0


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
        Z = [None]
        A = [A0]
        for i in range(1, self.layers):
            Z.append(self.W[i] @ A[i - 1])
            A.append(self.g[i - 1](Z[i]))  # TODO: check the index
        return Z, A

    def backprop(self, Z, A, Y):
        raise NotImplementedError("Task 6.3: backprop")

    def fit(self, X, y):
        raise NotImplementedError("Task 6.4: fit")

    def predict(self, X):
        raise NotImplementedError("Task 6.5: predict")

    def evaluate(self, X, y):
        raise NotImplementedError("Task 6.5: evaluate")
