"""The update multiplies by A[i] instead of the layer's input A[i-1]."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "ko": "W[i]의 갱신에는 층 i의 **입력** A[i-1]을 씁니다: W[i] += eta * dZ[i] @ A[i-1].T / m. "
    "A[i]가 아닙니다.",
    "en": "W[i]'s update uses layer i's **input** A[i-1]: W[i] += eta * dZ[i] @ A[i-1].T / m, not A[i].",
    "fails": ["backprop_*", "fit_*"],
}


def _a_i_backprop(self, Z, A, Y):
    L = self.layers - 1
    E = Y - A[L]
    dZ = [None] * self.layers
    dZ[L] = E * self.g_prime[L](Z[L])
    for i in range(L - 1, 0, -1):
        dZ[i] = (self.W[i + 1].T @ dZ[i + 1]) * self.g_prime[i](Z[i])
    m = Y.shape[1]
    for i in range(L, 0, -1):
        self.W[i] += self.eta * dZ[i] @ A[i].T / m
    return E


DeepNeuralNet.backprop = _a_i_backprop
