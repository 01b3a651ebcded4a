"""The lecture's gradient_descent as written: x = init_x, then x -= ..., which changes the caller's array."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    # this mistake also shows this case hint, whose advice covers it
    "also": ["descent_integer_init_x"],
    "hint": "descent_changes_init_x",
    "ko": "init_x가 바뀌었습니다: 강의 코드처럼 x = init_x로 두고 x -= ...로 갱신하면 호출한 쪽의 배열이 바뀝니다 (정수 init_x에서는 오류가 납니다). x = np.array(init_x, dtype=float)로 실수 복사본에서 시작하세요.",
    "en": "init_x was changed: x = init_x followed by x -= ..., as in the lecture, changes the caller's array (and fails for an integer init_x). Start from a float copy, x = np.array(init_x, dtype=float).",
    "fails": [
        "descent_integer_init",
        "descent_keeps_init_x",
        "descent_leaves_init_x",
        "descent_integer_init_x",
    ],
    "lecture": True,
}


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        x -= lr * numerical_gradient(f, x)
    return x, np.array(x_history)
