"""The update loop stops one layer early: W[1] is never changed."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "update_loop_off_by_one",
    "ko": "갱신 반복문이 한 층 모자랍니다: W[1]이 바뀌지 않았습니다. range(L, 0, -1)은 L … 1을 지납니다 (끝값 0은 빠집니다).",
    "en": "Your update loop stops one layer short: W[1] never changes. range(L, 0, -1) visits L … 1 (the stop value 0 is left out).",
    "fails": ["backprop_*", "fit_*"],
}


def _short_update_backprop(self, Z, A, Y):
    L = self.layers - 1
    E = Y - A[L]
    dZ = [None] * self.layers
    dZ[L] = E * self.g_prime[L](Z[L])
    for i in range(L - 1, 0, -1):
        dZ[i] = (self.W[i + 1].T @ dZ[i + 1]) * self.g_prime[i](Z[i])
    m = Y.shape[1]
    for i in range(L, 1, -1):
        self.W[i] += self.eta * dZ[i] @ A[i - 1].T / m
    return E


DeepNeuralNet.backprop = _short_update_backprop
