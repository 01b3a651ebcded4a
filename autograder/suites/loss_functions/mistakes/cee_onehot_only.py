"""Cross-entropy that only understands one-hot targets (the book's first version)."""

import numpy as np

MISTAKE = {
    "hint": "cee_onehot_only",
    "ko": "정답이 정수 레이블로 주어질 때도 처리해야 합니다 (t.size != y.size 이면 레이블).",
    "en": "Handle integer labels too (when t.size != y.size, t holds labels).",
    "fails": [
        "cee_batch_labels",
        "cee_batch_of_one[labels]",
        "cee_mean_labels",
        "cee_one_label",
        "cee_single_label",
        "cee_zero_at_answer",
        "cee_zero_probability",
    ],
}


def cross_entropy_error(y, t):
    if y.ndim == 1:
        y, t = y.reshape(1, -1), np.asarray(t).reshape(1, -1)
    return -np.sum(t * np.log(y + 1e-7)) / y.shape[0]
