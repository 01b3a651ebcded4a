"""Exactly right updates, but cost_ recorded with the lecture's √(ΣE²) instead of ½·Σ(E²)/m_b."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "cost_의 값이 다른 식으로 계산되었습니다. 이 과제의 cost_는 갱신 직전 순전파로 구한 "
    "½·Σ(Y_b−A2)² / m_b입니다 (½을 곱하고 배치 길이로 나눔, 제곱근 없음).",
    "en": "cost_ uses another formula. In this exercise it is ½·Σ(Y_b−A2)² / m_b from the forward pass "
    "of that update (times ½, divided by the batch length, no square root).",
    "hint": "cost_formula",
    "fails": ["*_cost", "*_cost[*]", "minibatch_fit_twice"],
    "lecture": True,
}


def _step(net, X, y, eta):
    A0, Y = X.T, one_hot_encoding(y, net.n_y).T
    Z1, A1, Z2, A2 = net.forpass(A0)
    E2 = Y - A2
    dZ2 = E2 * net.g_prime(Z2)
    dZ1 = (net.W2.T @ dZ2) * net.g_prime(Z1)
    net.W2 += eta * dZ2 @ A1.T / len(y)
    net.W1 += eta * dZ1 @ A0.T / len(y)
    return np.sqrt(np.sum(E2 * E2))
