"""Correct forward pass, but the backward step multiplies by the mask without 1/(1 - ratio)."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "역전파에서도 순전파처럼 self.drop_units / (1 - self.dropout_ratio)를 곱해야 합니다: "
    "A1 = g(Z1) · mask / (1 − p) 이므로 dA1/dZ1 = g'(Z1) · mask / (1 − p).",
    "en": "The backward step must multiply by self.drop_units / (1 - self.dropout_ratio) like the forward pass: "
    "A1 = g(Z1) · mask / (1 − p), so dA1/dZ1 = g'(Z1) · mask / (1 − p).",
    "hint": "backward_missing_scale",
    "fails": ["fit_*"],
}


def _fit_backward_unscaled(self, X, y):
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


MnistMiniBatchDropout.fit = _fit_backward_unscaled
