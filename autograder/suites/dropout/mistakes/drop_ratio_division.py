"""The lecture's division by the drop ratio instead of the keep ratio (right only at 0.5)."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "dropout_ratio로 나누었나요? 강의의 코드는 dropout_ratio = 0.5일 때만 맞습니다. "
    "남기는 비율 1 − dropout_ratio로 나누어야 A1의 기댓값이 그대로입니다 (순전파와 역전파 모두).",
    "en": "Did you divide by dropout_ratio? The lecture's code is right only at dropout_ratio = 0.5. "
    "Divide by the keep ratio 1 − dropout_ratio so that A1 keeps its expected value (forward and backward).",
    "hint": "drop_ratio_division",
    "fails": [
        "forpass_small_train",
        "fit_small",
        "forpass_train[p02]",
        "forpass_train[p08]",
        "forpass_statistics[p02]",
        "forpass_statistics[p08]",
        "fit_one_epoch[p02]",
        "fit_one_epoch[p08]",
        "fit_two_epochs",
        "fit_small_twice",
        "fit_cost",
        "fit_small_cost",
    ],
    "lecture": True,
}


def _forpass_by_drop_ratio(self, A0, train=True):
    Z1 = self.W1 @ A0
    A1 = self.g(Z1)
    if train:
        self.drop_units = np.random.rand(*A1.shape) > self.dropout_ratio
        A1 = A1 * self.drop_units / self.dropout_ratio
    Z2 = self.W2 @ A1
    return Z1, A1, Z2, self.g(Z2)


def _fit_drop(self, X, y):
    self.cost_ = []
    for _ in range(self.epochs):
        for s in range(0, len(y), self.batch_size):
            A0, Y = X[s : s + self.batch_size].T, one_hot_encoding(y[s : s + self.batch_size], self.n_y).T
            Z1, A1, Z2, A2 = self.forpass(A0)
            E2 = Y - A2
            dZ2 = E2 * self.g_prime(Z2)
            dZ1 = (self.W2.T @ dZ2) * self.drop_units / self.dropout_ratio * self.g_prime(Z1)
            self.W2 += self.eta * dZ2 @ A1.T / A0.shape[1]
            self.W1 += self.eta * dZ1 @ A0.T / A0.shape[1]
            self.cost_.append(0.5 * np.sum(E2 * E2) / A0.shape[1])
    return self


MnistMiniBatchDropout.forpass = _forpass_by_drop_ratio
MnistMiniBatchDropout.fit = _fit_drop
