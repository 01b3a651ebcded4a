"""Softmax normalised over the whole batch instead of each row."""

import numpy as np

MISTAKE = {
    "hint": "softmax_whole_batch",
    "ko": "배치 전체가 아니라 각 행마다 정규화하세요 (axis=-1, keepdims=True).",
    "en": "Normalise each row, not the whole batch (axis=-1, keepdims=True).",
    "fails": [
        "softmax_float32",
        "softmax_huge_batch",
        "softmax_keeps_input",
        "softmax_mnist_batch",
        "softmax_rows",
    ],
}


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
