# BEGIN STUB
"""과제 1: 손실 함수 · Exercise 1: loss functions.

밑바닥부터 시작하는 딥러닝 4.2절을 따릅니다. 세 함수를 완성하세요.
Follows Deep Learning from Scratch, section 4.2. Complete the three functions below.

자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Rules (the grader checks these):
- numpy만 사용하고, 입력 배열을 바꾸지 마세요 (in-place 연산 금지).
  Use numpy only and [[keeps_inputs: never modify the input arrays (no in-place operations on them)]].
- float32 입력도 처리해야 합니다. [[float32_inputs: Inputs may be float32 as well as float64]].
"""
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 1: loss functions (Deep Learning from Scratch 4.2)."""
# END REFERENCE

import numpy as np


def mean_squared_error(y, t):
    # BEGIN STUB
    """Task 1.1 — 오차제곱합 · sum of squared errors: E = ½ · Σ (y − t)².

    강의의 정의대로 **평균이 아니라 ½ · 합**입니다. 배치(2차원)도 모든 원소를 더합니다.
    As in the lecture this is [[mse_half_sum: **½ · sum, not the mean**]]; [[mse_batch_sum: for a batch, sum over all elements]].

    Args:
        y: 신경망 출력 · network output, shape (10,) or any shape.
        t: 정답 레이블 (원-핫) · one-hot target, same shape as y.
    Returns:
        float: ½·Σ(y−t)². 예 · e.g. y=[0.1,0.05,0.6,0,0.05,0.1,0,0.1,0,0], t one-hot at 2 → 0.0975.
    """
    # END STUB
    # BEGIN SOLUTION
    return 0.5 * np.sum((y - t) ** 2)
    # END SOLUTION


def cross_entropy_error(y, t):
    # BEGIN STUB
    """Task 1.2 — 교차 엔트로피 오차 · cross-entropy error: E = −(1/N) · Σ t·log(y + 1e-7).

    - y가 1차원이면 배치 크기 1인 배치로 다루세요. [[cee_one_d: A 1-D y is a batch of one]].
    - t는 원-핫 (y와 같은 모양) 또는 정수 레이블 (N,) 둘 다 받아야 합니다.
      [[cee_onehot: t is either one-hot (same shape as y)]] [[cee_labels: or integer labels of shape (N,) (a scalar for 1-D y)]].
    - 배치 크기 N으로 나눈 **평균**을 돌려줍니다. [[cee_batch_mean: Return the **mean over the batch** (divide by N)]].
    - log(0)을 피하려고 log 안에 delta = 1e-7 을 더합니다 (자연로그 np.log).
      [[cee_delta: Add delta = 1e-7 inside the natural log]] (np.log) so that log(0) cannot happen.

    Args:
        y: 확률 · probabilities, shape (10,) or (N, 10).
        t: one-hot (same shape as y) or labels (N,) / scalar.
    Returns:
        float. 예 · e.g. the lecture's y with t one-hot at 2 → 0.510825457099338.
    """
    # END STUB
    # BEGIN SOLUTION
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1)
    if t.size == y.size:  # one-hot -> labels
        t = t.argmax(axis=1)
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t.ravel()] + 1e-7)) / n
    # END SOLUTION


def softmax(x):
    # BEGIN STUB
    """Task 1.3 — 소프트맥스 · softmax: y_k = exp(x_k) / Σ_i exp(x_i).

    - 1차원 x는 전체에, 2차원 x (N, K)는 **각 행마다** 따로 적용합니다.
      [[softmax_one_d: For 1-D x normalise over all of it]]; [[softmax_rows: for 2-D x (N, K) normalise **each row** separately]].
    - 큰 입력(예: 1000)에서 오버플로가 나지 않게 최댓값을 빼고 계산하세요.
      [[softmax_max: Subtract the maximum first so that large inputs (e.g. 1000) do not overflow]].

    Args:
        x: 점수 · scores, shape (K,) or (N, K).
    Returns:
        np.ndarray of the same shape as x; each row sums to 1.
    """
    # END STUB
    # BEGIN SOLUTION
    x = x - np.max(x, axis=-1, keepdims=True)  # exp never overflows: largest term is e^0
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)
    # END SOLUTION
