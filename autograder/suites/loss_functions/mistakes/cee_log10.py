"""Base-10 logarithm instead of the natural log."""

import numpy as np

MISTAKE = {
    "hint": "cee_log10",
    "ko": "np.log10이 아니라 자연로그 np.log를 쓰세요.",
    "en": "Use the natural log np.log, not np.log10.",
    "fails": ["cee_*"],
}


def cross_entropy_error(y, t):
    if y.ndim == 1:
        y, t = y.reshape(1, -1), np.asarray(t).reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    return -np.sum(np.log10(y[np.arange(y.shape[0]), t.ravel()] + 1e-7)) / y.shape[0]
