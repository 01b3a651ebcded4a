"""Bias gradients of shape (1, n) (np.sum with keepdims=True) instead of (n,)."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "bias_keepdims",
    "ko": "b1, b2의 기울기는 1차원 (n,)이어야 합니다: np.sum(..., axis=0)에 keepdims를 쓰지 마세요.",
    "en": "The gradients of b1 and b2 must be 1-D (n,): no keepdims in np.sum(..., axis=0).",
    "fails": ["gradient_*", "train_*", "params_unchanged_by_gradient"],
}


def _gradient(self, x, t):
    p = self.params
    a1 = x @ p["W1"] + p["b1"]
    z1 = sigmoid(a1)
    y = softmax(z1 @ p["W2"] + p["b2"])
    dy = (y - t) / x.shape[0]
    da1 = (dy @ p["W2"].T) * sigmoid_grad(a1)
    return {
        "W1": x.T @ da1,
        "b1": np.sum(da1, axis=0, keepdims=True),
        "W2": z1.T @ dy,
        "b2": np.sum(dy, axis=0, keepdims=True),
    }


TwoLayerNet.gradient = _gradient
