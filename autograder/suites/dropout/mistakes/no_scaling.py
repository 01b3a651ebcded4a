"""Dropout without the 1/(1 - ratio) scaling, forward and backward."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "역드롭아웃은 남긴 값을 1 − dropout_ratio로 나눕니다: A1 * self.drop_units / (1 - self.dropout_ratio). "
    "그래야 학습 때와 예측 때 A1의 기댓값이 같습니다.",
    "en": "Inverted dropout divides the kept values by 1 − dropout_ratio: A1 * self.drop_units / (1 - self.dropout_ratio), "
    "so that A1 has the same expected value in training and prediction.",
    "hint": "no_scaling",
    "fails": [
        "forpass_small_train",
        "fit_small",
        "forpass_train[*]",
        "forpass_statistics[*]",
        "fit_*",
    ],
}


def _forpass_unscaled(self, A0, train=True):
    Z1 = self.W1 @ A0
    A1 = self.g(Z1)
    if train:
        self.drop_units = np.random.rand(*A1.shape) > self.dropout_ratio
        A1 = A1 * self.drop_units
    Z2 = self.W2 @ A1
    return Z1, A1, Z2, self.g(Z2)


def _fit_unscaled(self, X, y):
    self.cost_ = []
    for _ in range(self.epochs):
        for s in range(0, len(y), self.batch_size):
            A0, Y = X[s : s + self.batch_size].T, one_hot_encoding(y[s : s + self.batch_size], self.n_y).T
            Z1, A1, Z2, A2 = self.forpass(A0)
            E2 = Y - A2
            dZ2 = E2 * self.g_prime(Z2)
            dZ1 = (self.W2.T @ dZ2) * self.drop_units * self.g_prime(Z1)
            self.W2 += self.eta * dZ2 @ A1.T / A0.shape[1]
            self.W1 += self.eta * dZ1 @ A0.T / A0.shape[1]
            self.cost_.append(0.5 * np.sum(E2 * E2) / A0.shape[1])
    return self


MnistMiniBatchDropout.forpass = _forpass_unscaled
MnistMiniBatchDropout.fit = _fit_unscaled
