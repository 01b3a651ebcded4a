"""The forward loop stops one layer early: the output layer is never computed."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "forpass_loop_off_by_one",
    "ko": "순전파 반복문이 한 층 모자랍니다: 출력층까지 가려면 range(1, self.layers) (= range(1, len(self.W)))를 쓰세요.",
    "en": "Your forward loop stops one layer short: to reach the output layer use range(1, self.layers) (= range(1, len(self.W))).",
    "fails": ["forpass_*", "fit_*", "predict_*", "evaluate_accuracy*"],
}


def _short_forpass(self, A0):
    Z, A = [None], [A0]
    for i in range(1, self.layers - 1):
        Z.append(self.W[i] @ A[i - 1])
        A.append(self.g[i](Z[i]))
    return Z, A


DeepNeuralNet.forpass = _short_forpass
