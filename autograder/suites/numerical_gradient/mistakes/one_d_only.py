"""Loops over range(x.size) with x[i]: right for 1-D arrays, an IndexError for 2-D ones."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "one_d_only",
    "ko": "2차원 이상의 배열에서도 모든 원소를 도세요: range(x.size)와 x[i]는 1차원에서만 맞습니다. np.ndindex(x.shape) (또는 np.nditer의 multi_index)를 쓰세요.",
    "en": "Visit every element of arrays with 2 or more dimensions too: range(x.size) with x[i] is right only in 1-D. Use np.ndindex(x.shape) (or np.nditer with multi_index).",
    "fails": [
        "gradient_2d*",
        "gradient_3d",
        "gradient_by_reference[W]",
        "gradient_integer_arrays[2d]",
        "gradient_restores_x",
        "gradient_simple_net",
        "descent_matrix",
        "gradient_simple_net_restores",
    ],
}


def numerical_gradient(f, x):
    if x.dtype.kind != "f":
        x = x.astype(float)
    grad = np.zeros_like(x)
    for i in range(x.size):
        saved = x[i]
        x[i] = saved + H
        f_plus = f(x)
        x[i] = saved - H
        f_minus = f(x)
        x[i] = saved
        grad[i] = (f_plus - f_minus) / (2 * H)
    return grad
