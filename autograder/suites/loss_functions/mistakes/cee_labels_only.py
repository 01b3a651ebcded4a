"""Cross-entropy that only understands integer labels: a one-hot t cannot index y."""

import numpy as np

MISTAKE = {
    "hint": "cee_labels_only",
    "ko": "정답이 원-핫으로 주어질 때도 처리해야 합니다: t.size == y.size 이면 t = t.argmax(axis=1) 로 레이블을 얻으세요.",
    "en": "Handle one-hot targets too: when t.size == y.size, get the labels with t = t.argmax(axis=1).",
    "fails": [
        "cee_batch_of_one[onehot]",
        "cee_batch_onehot",
        "cee_float32",
        "cee_keeps_inputs",
        "cee_lecture[correct_guess]",
        "cee_lecture[wrong_guess]",
        "cee_mean_onehot",
        "cee_single_onehot",
    ],
}


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = np.asarray(t).reshape(1, -1)
        y = y.reshape(1, y.size)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t.ravel()] + 1e-7)) / batch_size
