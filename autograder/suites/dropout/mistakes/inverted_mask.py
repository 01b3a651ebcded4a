"""Mask that keeps units with probability dropout_ratio (rand < ratio) instead of dropping them."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "마스크가 뒤집혔습니다: 남기는 유닛이 True인 np.random.rand(*A1.shape) > dropout_ratio 입니다 "
    "(dropout_ratio는 버리는 비율).",
    "en": "The mask is inverted: the kept units are np.random.rand(*A1.shape) > dropout_ratio "
    "(dropout_ratio is the fraction dropped).",
    "hint": "inverted_mask",
    "fails": [
        "forpass_small_train",
        "fit_small",
        "forpass_train[*]",
        "forpass_stores_mask",
        "forpass_statistics[p02]",
        "forpass_statistics[p08]",
        "fit_*",
    ],
}


def _forpass_inverted(self, A0, train=True):
    Z1 = self.W1 @ A0
    A1 = self.g(Z1)
    if train:
        self.drop_units = np.random.rand(*A1.shape) < self.dropout_ratio
        A1 = A1 * self.drop_units / (1.0 - self.dropout_ratio)
    Z2 = self.W2 @ A1
    return Z1, A1, Z2, self.g(Z2)


MnistMiniBatchDropout.forpass = _forpass_inverted
