"""No delta inside the log: log(0) gives inf for a zero probability."""

import numpy as np

MISTAKE = {
    "hint": "cee_no_delta",
    "ko": "log 안에 delta = 1e-7을 더하세요: 강의의 값이 그것을 포함하고, 정답 확률이 0이면 log(0) = -inf가 됩니다.",
    "en": "Add delta = 1e-7 inside the log: the lecture's numbers include it, and log(0) = -inf.",
    "fails": [
        "cee_lecture[correct_guess]",
        "cee_lecture[wrong_guess]",
        "cee_mean_labels",
        "cee_mean_onehot",
        "cee_one_label",
        "cee_single_label",
        "cee_single_onehot",
        "cee_zero_at_answer",
        "cee_zero_probability",
    ],
}


def cross_entropy_error(y, t):
    if y.ndim == 1:
        y, t = y.reshape(1, -1), np.asarray(t).reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    with np.errstate(divide="ignore"):
        return -np.sum(np.log(y[np.arange(y.shape[0]), t.ravel()])) / y.shape[0]
