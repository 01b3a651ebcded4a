"""Accuracy that always takes argmax of t: integer labels (N,) raise an AxisError."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "accuracy_onehot_only",
    "ko": "t가 정수 레이블 (N,)이면 argmax 없이 그대로 비교하세요 (t.ndim != 1일 때만 argmax).",
    "en": "When t holds integer labels (N,), compare them directly (argmax only when t.ndim != 1).",
    "fails": ["accuracy_*[labels]"],
}


def _accuracy(self, x, t):
    y = np.argmax(self.predict(x), axis=1)
    return np.sum(y == np.argmax(t, axis=1)) / float(x.shape[0])


TwoLayerNet.accuracy = _accuracy
