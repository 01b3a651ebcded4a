"""Targets 0.01/0.99 (as in some MNIST tutorials) instead of the stated plain 0/1 one-hot."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "목표값은 0/1 원-핫입니다 (0.01/0.99 아님): Y = one_hot_encoding(y, n_y).T.",
    "en": "Targets are plain 0/1 one-hot, not 0.01/0.99: Y = one_hot_encoding(y, n_y).T.",
    "hint": "targets_001_099",
    "fails": ["bgd_*", "sgd_*", "minibatch_*"],
}


def _step(net, X, y, eta):
    A0, Y = X.T, 0.01 + 0.98 * one_hot_encoding(y, net.n_y).T
    Z1, A1, Z2, A2 = net.forpass(A0)
    E2 = Y - A2
    dZ2 = E2 * net.g_prime(Z2)
    dZ1 = (net.W2.T @ dZ2) * net.g_prime(Z1)
    net.W2 += eta * dZ2 @ A1.T / len(y)
    net.W1 += eta * dZ1 @ A0.T / len(y)
    return 0.5 * np.sum(E2 * E2) / len(y)
