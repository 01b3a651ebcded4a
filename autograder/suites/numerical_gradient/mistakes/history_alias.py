"""Appends x itself to x_history and updates it in place: every row is the final x."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "history_alias",
    "ko": "x_history의 행이 모두 마지막 x와 같습니다: x.copy()를 저장하세요 (x -= ...는 저장해 둔 같은 배열을 바꿉니다).",
    "en": "Every row of x_history is the final x: append x.copy() (x -= ... changes the very array you stored).",
    "fails": [
        "descent_lecture",
        "descent_bowl*",
        "descent_defaults",
        "descent_one_step",
        "descent_matrix",
        "descent_integer_init",
        "descent_integer_init_x",
        "descent_keeps_init_x",
        "descent_leaves_init_x",
    ],
}


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    x_history = []
    for _ in range(step_num):
        x_history.append(x)
        x -= lr * numerical_gradient(f, x)
    return x, np.array(x_history)
