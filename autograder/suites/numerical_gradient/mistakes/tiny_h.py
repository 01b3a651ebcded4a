"""h = 1e-50 (the lecture's "bad" example): x + h rounds back to x, every difference is 0."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "ko": "h가 너무 작습니다: h = 1e-50 이면 x + h == x 가 되어 (반올림 오차) 미분이 0이 됩니다. h = 1e-4 를 쓰세요.",
    "en": "h is too small: with h = 1e-50, x + h == x (rounding error) and the derivative comes out 0. Use h = 1e-4.",
    "fails": [
        "diff_*",
        "gradient_*",
        "descent_lecture",
        "descent_lr_too_*",
        "descent_bowl*",
        "descent_defaults",
        "descent_one_step",
        "descent_matrix",
        "descent_integer_init",
        "descent_leaves_init_x",
        "descent_tiny_lr",
    ],
}

H = 1e-50
