"""Perturbs a copy of x: right when f uses its argument, a zero gradient when f reads x by reference."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "perturbs_copy",
    "ko": "기울기가 0입니다: x의 복사본을 바꾸었나요? f가 인자를 무시하고 같은 배열을 참조로 읽으면 (TwoLayerNet의 f = lambda W: net.loss(x, t)처럼) 복사본을 바꿔도 f는 변하지 않습니다. x 자체를 바꾸고 저장한 값을 되돌려 넣으세요.",
    "en": "The gradient is zero: did you perturb a copy of x? When f ignores its argument and reads the array by reference (like f = lambda W: net.loss(x, t) in TwoLayerNet), changing a copy does not change f. Perturb x itself and put the saved value back.",
    "fails": [
        "gradient_simple_net",
        "gradient_by_reference*",
        "gradient_restores_x",
        "gradient_simple_net_restores",
    ],
}


def numerical_gradient(f, x):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        plus, minus = x.astype(float), x.astype(float)
        plus[i] += H
        minus[i] -= H
        grad[i] = (f(plus) - f(minus)) / (2 * H)
    return grad
