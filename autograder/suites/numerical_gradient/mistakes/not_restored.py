"""Never puts x[i] back: x ends up shifted by -h everywhere, and later elements see earlier shifts."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "not_restored",
    "ko": "끝난 뒤 x가 바뀌어 있습니다: 각 원소의 두 번째 f 호출 뒤에 저장한 값을 다시 넣으세요 (x[i] = saved).",
    "en": "x is changed afterwards: after the second call of f for each element, put the saved value back (x[i] = saved).",
    "fails": [
        "gradient_2d_random*",
        "gradient_by_reference*",
        "gradient_integer_arrays*",
        "gradient_keeps_x",
        "gradient_random_1d*",
        "gradient_restores_x",
        "gradient_simple_net",
        "descent_bowl*",
        "descent_defaults",
        "descent_integer_init",
        "descent_leaves_init_x",
        "descent_lecture",
        "descent_lr_too_small",
        "descent_matrix",
        "descent_one_step",
        "descent_tiny_lr",
        "descent_integer_init_x",
        "descent_keeps_init_x",
        "gradient_simple_net_restores",
    ],
}


def numerical_gradient(f, x):
    if x.dtype.kind != "f":
        x = x.astype(float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + H
        f_plus = f(x)
        x[i] = saved - H
        grad[i] = (f_plus - f(x)) / (2 * H)
    return grad
