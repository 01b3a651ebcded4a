"""Softmax that subtracts the maximum in place, changing the caller's array."""

import numpy as np

MISTAKE = {
    "ko": "x -= ... 는 호출한 쪽의 배열을 바꿉니다. x = x - ... 처럼 새 배열을 만드세요.",
    "en": "x -= ... changes the caller's array. Make a new one: x = x - ...",
    "fails": [
        "softmax_keeps_input",
        "softmax_leaves_input",
    ],
}


def softmax(x):
    x -= np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)
