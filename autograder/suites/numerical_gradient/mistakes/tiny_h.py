"""h = 1e-50 (the lecture's "bad" example): x + h rounds back to x, every difference is 0."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "hint": "tiny_h",
    "ko": "결과가 0입니다: h가 너무 작으면 (예: 1e-50) 반올림 때문에 x + h == x가 되어 차분이 0이 됩니다. h = 1e-4를 쓰세요.",
    "en": "The result is 0: with a tiny h (such as 1e-50) x + h == x after rounding, so every difference is 0. Use h = 1e-4.",
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
        "descent_integer_init_x",
        "descent_keeps_init_x",
    ],
}

H = 1e-50
