"""Layer i's forward pass uses g[i-1] (the previous layer's activation; g[0] is the sigmoid)."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "activation_index_shifted",
    "ko": "층 i는 자기 활성화 함수 self.g[i]를 씁니다 (self.g[i-1]이 아님). activate의 첫 쌍이 층 1입니다.",
    "en": "Layer i uses its own activation self.g[i], not self.g[i-1]; activate's first pair is layer 1.",
    "fails": ["forpass_*", "fit_*", "predict_*", "evaluate_*"],
}


def _shifted_forpass(self, A0):
    Z, A = [None], [A0]
    for i in range(1, self.layers):
        Z.append(self.W[i] @ A[i - 1])
        A.append(self.g[i - 1](Z[i]))
    return Z, A


DeepNeuralNet.forpass = _shifted_forpass
