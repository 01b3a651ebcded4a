"""Mean instead of the lecture's ½·sum."""

import numpy as np

MISTAKE = {
    "hint": "mse_mean",
    "ko": "평균(np.mean)을 썼나요? 강의의 오차제곱합은 ½·Σ(y−t)² 입니다.",
    "en": "Did you take the mean? The lecture's error is ½·Σ(y−t)², not the mean.",
    "fails": ["mse_*"],
}


def mean_squared_error(y, t):
    return np.mean((y - t) ** 2)
