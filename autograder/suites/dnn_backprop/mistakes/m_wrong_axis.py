"""m taken from the wrong axis: Y.shape[0] is n_y (column-major), not the number of samples."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "m_wrong_axis",
    "ko": "m은 샘플 수여야 합니다. 클래스 안에서는 한 열이 한 샘플이므로 m = Y.shape[1]입니다 (Y.shape[0]은 출력 뉴런 수 n_y).",
    "en": "m must be the number of samples. Inside the class one column is one sample, so m = Y.shape[1] (Y.shape[0] is n_y, the number of output neurons).",
    "fails": ["backprop_*", "fit_*"],
    "lecture": True,
}


def _wrong_m_backprop(self, Z, A, Y):
    L = self.layers - 1
    E = Y - A[L]
    dZ = [None] * self.layers
    dZ[L] = E * self.g_prime[L](Z[L])
    for i in range(L - 1, 0, -1):
        dZ[i] = (self.W[i + 1].T @ dZ[i + 1]) * self.g_prime[i](Z[i])
    m = Y.shape[0]
    for i in range(L, 0, -1):
        self.W[i] += self.eta * dZ[i] @ A[i - 1].T / m
    return E


DeepNeuralNet.backprop = _wrong_m_backprop
