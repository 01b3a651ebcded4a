"""Forward difference (f(x + h) - f(x)) / h instead of the central difference, everywhere."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "forward_difference",
    "ko": "전방 차분 (f(x+h) − f(x)) / h를 썼나요? 중심 차분 (f(x+h) − f(x−h)) / 2h를 쓰세요: 오차가 훨씬 작습니다.",
    "en": "Did you use the forward difference (f(x+h) − f(x)) / h? Use the central one, (f(x+h) − f(x−h)) / 2h: its error is much smaller.",
    "fails": [
        "diff_*",
        "gradient_*",
        "descent_lecture",
        "descent_bowl*",
        "descent_defaults",
        "descent_one_step",
        "descent_matrix",
        "descent_integer_init",
        "descent_leaves_init_x",
        "descent_integer_init_x",
        "descent_keeps_init_x",
    ],
}


def numerical_diff(f, x):
    return (f(x + H) - f(x)) / H


def numerical_gradient(f, x):
    if x.dtype.kind != "f":
        x = x.astype(float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        f_here = f(x)
        x[i] = saved + H
        grad[i] = (f(x) - f_here) / H
        x[i] = saved
    return grad
