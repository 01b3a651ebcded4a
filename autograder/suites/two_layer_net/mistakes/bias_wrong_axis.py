"""Bias gradients summed over the units (axis=1) instead of over the samples."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "bias_wrong_axis",
    "ko": "편향의 기울기는 샘플에 대한 합입니다: np.sum(dy, axis=0)입니다 (axis=1이 아님).",
    "en": "A bias gradient sums over the samples: np.sum(dy, axis=0), not axis=1.",
    "fails": ["gradient_*", "backprop_check*", "train_*", "params_unchanged_by_gradient"],
}


def _gradient(self, x, t):
    p = self.params
    a1 = x @ p["W1"] + p["b1"]
    z1 = sigmoid(a1)
    y = softmax(z1 @ p["W2"] + p["b2"])
    dy = (y - t) / x.shape[0]
    da1 = (dy @ p["W2"].T) * sigmoid_grad(a1)
    return {"W1": x.T @ da1, "b1": np.sum(da1, axis=1), "W2": z1.T @ dy, "b2": np.sum(dy, axis=1)}


TwoLayerNet.gradient = _gradient
