"""Dropout applied at test time too: train=False is ignored."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "train=False (predict, evaluate)이면 드롭아웃도 스케일링도 하지 마세요: if train: 안에서만 마스크를 씁니다.",
    "en": "With train=False (predict, evaluate) apply neither dropout nor scaling: use the mask only inside if train:.",
    "hint": "dropout_at_test",
    "fails": ["forpass_small_eval", "forpass_eval[*]", "predict_without_dropout", "evaluate_without_dropout"],
}


def _forpass_always(self, A0, train=True):
    Z1 = self.W1 @ A0
    self.drop_units = np.random.rand(*Z1.shape) > self.dropout_ratio
    A1 = self.g(Z1) * self.drop_units / (1.0 - self.dropout_ratio)
    Z2 = self.W2 @ A1
    return Z1, A1, Z2, self.g(Z2)


MnistMiniBatchDropout.forpass = _forpass_always
