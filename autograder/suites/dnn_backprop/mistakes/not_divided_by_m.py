"""The update sums over the batch instead of averaging: no division by m."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "not_divided_by_m",
    "ko": "갱신량이 정확한 값의 m배입니다: 샘플 수 m = Y.shape[1]로 나누세요.",
    "en": "Your update is m times the exact one: divide by the number of samples m = Y.shape[1].",
    "fails": ["backprop_*", "fit_*"],
}


def _summed_backprop(self, Z, A, Y):
    L = self.layers - 1
    E = Y - A[L]
    dZ = [None] * self.layers
    dZ[L] = E * self.g_prime[L](Z[L])
    for i in range(L - 1, 0, -1):
        dZ[i] = (self.W[i + 1].T @ dZ[i + 1]) * self.g_prime[i](Z[i])
    for i in range(L, 0, -1):
        self.W[i] += self.eta * dZ[i] @ A[i - 1].T
    return E


DeepNeuralNet.backprop = _summed_backprop
