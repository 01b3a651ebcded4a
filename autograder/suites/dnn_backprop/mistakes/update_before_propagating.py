"""One backward loop that updates W[i+1] before using it to propagate dZ to layer i."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "update_before_propagating",
    "ko": "W[i+1]을 이미 바꾼 뒤에 그것으로 dZ[i]를 구했습니다. 모든 dZ를 바꾸기 **전의** W로 먼저 구하고, 그다음에 W를 바꾸세요.",
    "en": "You updated W[i+1] and then used it to compute dZ[i]. Compute every dZ with the weights **before** the update first, then update the W's.",
    "fails": ["backprop_*", "fit_*"],
}


def _interleaved_backprop(self, Z, A, Y):
    L = self.layers - 1
    E = Y - A[L]
    m = Y.shape[1]
    dZ = E * self.g_prime[L](Z[L])
    for i in range(L, 0, -1):
        self.W[i] += self.eta * dZ @ A[i - 1].T / m
        if i > 1:
            dZ = (self.W[i].T @ dZ) * self.g_prime[i - 1](Z[i - 1])
    return E


DeepNeuralNet.backprop = _interleaved_backprop
