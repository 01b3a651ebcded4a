"""Softmax normalised over the whole batch instead of each row (a wrong helper carried over)."""

import numpy as np

MISTAKE = {
    "hint": "softmax_whole_batch",
    "ko": "배치 전체의 합이 1이 되었습니다: softmax는 각 행마다 정규화합니다 (axis=-1, keepdims=True).",
    "en": "The whole batch sums to 1: softmax normalises each row (axis=-1, keepdims=True).",
    "fails": [
        "predict_small",
        "predict_batch",
        "predict_mnist",
        "simplenet_batch",
        "loss_*",
        "numgrad_small",
        "numgrad_random*",
        "gradient_small",
        "gradient_duplicated_batch",
        "gradient_random",
        "gradient_stacked_twice",
        "gradient_mnist",
        "backprop_check*",
        "train_*",
        "gradient_keeps_params",
        "params_unchanged_by_gradient",
        "params_unchanged_by_numgrad",
    ],
}


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
