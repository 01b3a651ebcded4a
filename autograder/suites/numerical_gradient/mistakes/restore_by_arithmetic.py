"""Restores x[i] by adding h back instead of assigning the saved value: off by rounding errors."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "restore_by_arithmetic",
    "ko": "x가 아주 조금 (반올림 오차만큼) 바뀌었습니다: x[i] += h처럼 계산해서 되돌리지 말고 저장한 값을 대입하세요 (saved = x[i] ... x[i] = saved).",
    "en": "x changed by rounding errors: do not compute the value back (x[i] += h); save it first and assign it back (saved = x[i] ... x[i] = saved).",
    "fails": [
        "gradient_keeps_x",
        "gradient_restores_x",
        "gradient_simple_net_restores",
    ],
}


def numerical_gradient(f, x):
    if x.dtype.kind != "f":
        x = x.astype(float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += H
        f_plus = f(x)
        x[i] -= 2 * H
        f_minus = f(x)
        x[i] += H
        grad[i] = (f_plus - f_minus) / (2 * H)
    return grad
