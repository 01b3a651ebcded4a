# 김서연: 정답. 클래스마다 fit을 따로, 배치 갱신은 메서드 하나로 · correct; one update method shared.
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
        _, _, _, A2 = self.forpass(np.array(X, ndmin=2).T)
        return A2

    def evaluate(self, X, y):
        yhat = np.argmax(self.predict(X), axis=0)
        return np.sum(yhat == y) / len(y) * 100

    def update(self, Xb, yb, eta):
        A0 = Xb.T
        Y = one_hot_encoding(yb, self.n_y).T
        Z1, A1, Z2, A2 = self.forpass(A0)
        E2 = Y - A2
        dZ2 = E2 * self.g_prime(Z2)
        E1 = np.dot(self.W2.T, dZ2)
        dZ1 = E1 * self.g_prime(Z1)
        mb = A0.shape[1]
        self.W2 += eta * np.dot(dZ2, A1.T) / mb
        self.W1 += eta * np.dot(dZ1, A0.T) / mb
        self.cost_.append(0.5 * np.sum(E2**2) / mb)

    def fit(self, X, y):
        self.cost_ = []
        for epoch in range(self.epochs):
            self.update(X, y, self.eta)
        return self


class MnistSGD(MnistBGD):
    def fit(self, X, y):
        self.cost_ = []
        for epoch in range(self.epochs):
            for i in range(X.shape[0]):
                self.update(X[i : i + 1], y[i : i + 1], self.eta)
        return self


class MnistMiniBatch(MnistBGD):
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=20, batch_size=32, random_seed=1, schedule=False):
        super().__init__(n_x, n_h, n_y, eta, epochs, random_seed)
        self.batch_size, self.schedule = batch_size, schedule

    def learning_rate(self, epoch):
        if self.schedule and self.epochs > 1:
            return np.linspace(self.eta, 0.0001, self.epochs)[epoch]
        return self.eta

    def fit(self, X, y):
        self.cost_ = []
        m = X.shape[0]
        for epoch in range(self.epochs):
            eta = self.learning_rate(epoch)
            start = 0
            while start < m:
                stop = min(start + self.batch_size, m)
                self.update(X[start:stop], y[start:stop], eta)
                start = stop
        return self
