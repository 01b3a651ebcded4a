"""Gradient ascent: the step is added, x + lr * grad, so x climbs away from the minimum."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "descent_sign",
    "ko": "x가 최솟값에서 멀어집니다: 기울기의 반대 방향으로 가야 합니다, x = x − lr · grad.",
    "en": "x moves away from the minimum: step against the gradient, x = x − lr · grad.",
    "fails": [
        "descent_lecture",
        "descent_lr_too_small",
        "descent_bowl*",
        "descent_defaults",
        "descent_one_step",
        "descent_matrix",
        "descent_integer_init",
        "descent_leaves_init_x",
        "descent_tiny_lr",
        "descent_integer_init_x",
        "descent_keeps_init_x",
    ],
}


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        x += lr * numerical_gradient(f, x)
    return x, np.array(x_history)
