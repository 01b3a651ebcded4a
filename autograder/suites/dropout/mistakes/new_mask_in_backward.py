"""A second mask drawn in the backward step instead of reusing the one forpass stored."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "역전파에서 마스크를 새로 뽑았나요? forpass가 self.drop_units에 보관한 같은 마스크를 써야 합니다: "
    "순전파에서 꺼진 유닛은 기울기도 0입니다.",
    "en": "Did you draw a new mask in the backward step? Use the one forpass stored in self.drop_units: "
    "a unit switched off in the forward pass gets zero gradient.",
    "hint": "new_mask_in_backward",
    "fails": ["fit_*"],
}


def _fit_new_mask(self, X, y):
    self.cost_ = []
    keep = 1.0 - self.dropout_ratio
    for _ in range(self.epochs):
        for s in range(0, len(y), self.batch_size):
            A0, Y = X[s : s + self.batch_size].T, one_hot_encoding(y[s : s + self.batch_size], self.n_y).T
            Z1, A1, Z2, A2 = self.forpass(A0)
            E2 = Y - A2
            dZ2 = E2 * self.g_prime(Z2)
            mask = np.random.rand(*Z1.shape) > self.dropout_ratio
            dZ1 = (self.W2.T @ dZ2) * mask / keep * self.g_prime(Z1)
            self.W2 += self.eta * dZ2 @ A1.T / A0.shape[1]
            self.W1 += self.eta * dZ1 @ A0.T / A0.shape[1]
            self.cost_.append(0.5 * np.sum(E2 * E2) / A0.shape[1])
    return self


MnistMiniBatchDropout.fit = _fit_new_mask
