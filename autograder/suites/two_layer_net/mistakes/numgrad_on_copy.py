"""numerical_gradient given copies of the parameters: the loss never sees the nudges, all zeros."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "numgrad_on_copy",
    "ko": "기울기가 모두 0입니다: 도우미에 복사본이 아니라 self.params[key] 자체를 넘기세요.",
    "en": "The gradient is all zeros: pass self.params[key] itself to the helper, not a copy.",
    "fails": ["numgrad_small", "numgrad_random*", "params_unchanged_by_numgrad"],
}


def _numerical_gradient(self, x, t):
    loss_W = lambda W: self.loss(x, t)
    return {key: numerical_gradient(loss_W, self.params[key].copy()) for key in ("W1", "b1", "W2", "b2")}


TwoLayerNet.numerical_gradient = _numerical_gradient
