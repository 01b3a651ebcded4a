"""Backprop without dividing by the batch size: the gradient of the sum, not of the mean loss."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "no_batch_division",
    "ko": "배치 크기 N으로 나누지 않았습니다: 손실이 배치 평균이므로 dy = (y − t) / N입니다.",
    "en": "Not divided by the batch size N: the loss is a batch mean, so dy = (y − t) / N.",
    "fails": [
        "gradient_small",
        "gradient_duplicated_batch",
        "gradient_random",
        "gradient_stacked_twice",
        "gradient_mnist",
        "backprop_check*",
        "train_*",
        "gradient_keeps_params",
        "params_unchanged_by_gradient",
    ],
}


def _gradient(self, x, t):
    p = self.params
    a1 = x @ p["W1"] + p["b1"]
    z1 = sigmoid(a1)
    y = softmax(z1 @ p["W2"] + p["b2"])
    dy = y - t
    da1 = (dy @ p["W2"].T) * sigmoid_grad(a1)
    return {"W1": x.T @ da1, "b1": np.sum(da1, axis=0), "W2": z1.T @ dy, "b2": np.sum(dy, axis=0)}


TwoLayerNet.gradient = _gradient
