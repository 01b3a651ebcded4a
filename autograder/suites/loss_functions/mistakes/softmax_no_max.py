"""Softmax without subtracting the maximum: overflows for large inputs."""

import numpy as np

MISTAKE = {
    "hint": "softmax_no_max",
    "ko": "exp가 오버플로했습니다: 지수를 취하기 전에 최댓값을 빼세요.",
    "en": "exp overflowed: subtract the maximum before taking the exponential.",
    "fails": ["softmax_large_inputs", "softmax_huge_batch"],
}


def softmax(x):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(x)
        return e / np.sum(e, axis=-1, keepdims=True)
