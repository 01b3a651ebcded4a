"""The lecture's shortcut in the backward step: hidden error W2ᵀ·E2 instead of W2ᵀ·dZ2."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "은닉층 오차를 W2.T @ E2로 구했나요? 강의의 이 지름길은 ½‖Y−A2‖²의 기울기가 아닙니다. "
    "정확한 기울기는 W2.T @ dZ2 (dZ2 = E2 * g'(Z2))입니다. numerical_gradient로 비교해 보세요.",
    "en": "Did you compute the hidden error as W2.T @ E2? That shortcut from the lecture is not the "
    "gradient of ½‖Y−A2‖²; the exact one is W2.T @ dZ2 with dZ2 = E2 * g'(Z2). Compare with numerical_gradient.",
    "hint": "hidden_error_shortcut",
    "fails": ["fit_*"],
    "lecture": True,
}


def _fit_shortcut(self, X, y):
    self.cost_ = []
    keep = 1.0 - self.dropout_ratio
    for _ in range(self.epochs):
        for s in range(0, len(y), self.batch_size):
            A0, Y = X[s : s + self.batch_size].T, one_hot_encoding(y[s : s + self.batch_size], self.n_y).T
            Z1, A1, Z2, A2 = self.forpass(A0)
            E2 = Y - A2
            dZ2 = E2 * self.g_prime(Z2)
            dZ1 = (self.W2.T @ E2) * self.drop_units / keep * self.g_prime(Z1)
            self.W2 += self.eta * dZ2 @ A1.T / A0.shape[1]
            self.W1 += self.eta * dZ1 @ A0.T / A0.shape[1]
            self.cost_.append(0.5 * np.sum(E2 * E2) / A0.shape[1])
    return self


MnistMiniBatchDropout.fit = _fit_shortcut
