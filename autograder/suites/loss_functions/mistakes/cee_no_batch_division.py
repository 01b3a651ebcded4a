"""Cross-entropy summed over the batch, not divided by the batch size."""

import numpy as np

MISTAKE = {
    "hint": "cee_no_batch_division",
    "ko": "배치 크기 N으로 나누지 않았습니다: 배치의 평균을 돌려주세요.",
    "en": "Not divided by the batch size N: return the mean over the batch.",
    "fails": [
        "cee_batch_labels",
        "cee_batch_onehot",
        "cee_float32",
        "cee_keeps_inputs",
        "cee_mean_labels",
        "cee_mean_onehot",
        "cee_zero_at_answer",
        "cee_zero_probability",
    ],
}


def cross_entropy_error(y, t):
    if y.ndim == 1:
        y, t = y.reshape(1, -1), np.asarray(t).reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    return -np.sum(np.log(y[np.arange(y.shape[0]), t.ravel()] + 1e-7))
