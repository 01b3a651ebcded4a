"""The lecture's shortcut: hidden error W[i+1]ᵀ·E[i+1] instead of the exact W[i+1]ᵀ·dZ[i+1]."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "lecture_error_shortcut",
    "ko": "은닉층 오차를 W[i+1].T @ E[i+1]로 구했나요? 강의의 이 지름길은 ½·Σ(Y − A[L])²의 기울기가 아닙니다. 정확한 식은 dZ[i] = (W[i+1].T @ dZ[i+1]) * g′[i](Z[i])입니다. 과제 2의 numerical_gradient(f, W)로 구한 수치 미분과 비교해 확인해 보세요.",
    "en": "Did you compute the hidden error as W[i+1].T @ E[i+1]? That shortcut from the lecture is not the gradient of ½·Σ(Y − A[L])²; the exact rule is dZ[i] = (W[i+1].T @ dZ[i+1]) * g′[i](Z[i]). Check it against a numerical gradient (numerical_gradient(f, W) from exercise 2).",
    "fails": ["backprop_*", "fit_*"],
    "lecture": True,
}


def _shortcut_backprop(self, Z, A, Y):
    L = self.layers - 1
    E = [None] * self.layers
    dZ = [None] * self.layers
    E[L] = Y - A[L]
    dZ[L] = E[L] * self.g_prime[L](Z[L])
    for i in range(L - 1, 0, -1):
        E[i] = self.W[i + 1].T @ E[i + 1]
        dZ[i] = E[i] * self.g_prime[i](Z[i])
    m = Y.shape[1]
    for i in range(L, 0, -1):
        self.W[i] += self.eta * dZ[i] @ A[i - 1].T / m
    return E[L]


DeepNeuralNet.backprop = _shortcut_backprop
