"""The lecture's numerical_gradient as written: no float copy, so integer arrays truncate x + h."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "integer_input",
    "ko": "정수 배열에서는 x[i]에 1 + 1e-4를 넣어도 1로 잘립니다 (강의 코드도 여기서 틀린 값을 냅니다). x가 정수 배열이면 x = x.astype(float)로 실수 복사본을 만들어 계산하세요.",
    "en": "In an integer array, x[i] = 1 + 1e-4 is truncated back to 1 (the lecture's code returns garbage here too). For an integer x, compute on a float copy x = x.astype(float).",
    "fails": [
        "gradient_integer_*",
    ],
    "lecture": True,
}


def numerical_gradient(f, x):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = float(saved) + H
        f_plus = f(x)
        x[i] = saved - H
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * H)
    return grad
