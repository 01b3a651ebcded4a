"""Backprop starting from t − y: the gradient of −loss (training then climbs the loss)."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    # this mistake also shows this case hint, whose advice covers it
    "also": ["gradient_ascent"],
    "hint": "gradient_sign",
    "ko": "기울기의 부호가 반대입니다: dy = (y − t) / N입니다 (t − y가 아님).",
    "en": "The gradient has the wrong sign: dy = (y − t) / N, not (t − y).",
    "fails": ["gradient_*", "backprop_check*", "train_*", "params_unchanged_by_gradient"],
}


def _gradient(self, x, t):
    p = self.params
    a1 = x @ p["W1"] + p["b1"]
    z1 = sigmoid(a1)
    y = softmax(z1 @ p["W2"] + p["b2"])
    dy = (t - y) / x.shape[0]
    da1 = (dy @ p["W2"].T) * sigmoid_grad(a1)
    return {"W1": x.T @ da1, "b1": np.sum(da1, axis=0), "W2": z1.T @ dy, "b2": np.sum(dy, axis=0)}


TwoLayerNet.gradient = _gradient
