"""sigmoid_grad applied to z1 = sigmoid(a1), the output of the sigmoid, instead of a1."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "sigmoid_grad_wrong_variable",
    "ko": "출력층 (W2, b2)의 기울기는 맞고 은닉층 (W1, b1)은 틀립니다: da1 = (dy @ W2.T) * sigmoid_grad(a1)을 확인하세요. sigmoid_grad에는 시그모이드에 들어가는 a1을 넘깁니다 (z1 = sigmoid(a1)이 아님).",
    "en": "The output layer (W2, b2) is right but the hidden layer (W1, b1) is not: check da1 = (dy @ W2.T) * sigmoid_grad(a1), where sigmoid_grad takes a1, the input of the sigmoid (not z1 = sigmoid(a1)).",
    "fails": ["gradient_*", "backprop_check*", "train_*", "params_unchanged_by_gradient"],
}


def _gradient(self, x, t):
    p = self.params
    z1 = sigmoid(x @ p["W1"] + p["b1"])
    y = softmax(z1 @ p["W2"] + p["b2"])
    dy = (y - t) / x.shape[0]
    da1 = (dy @ p["W2"].T) * sigmoid_grad(z1)
    return {"W1": x.T @ da1, "b1": np.sum(da1, axis=0), "W2": z1.T @ dy, "b2": np.sum(dy, axis=0)}


TwoLayerNet.gradient = _gradient
