# BEGIN STUB
"""과제 2: 수치 미분과 경사 하강법 · Exercise 2: numerical differentiation and gradient descent.

밑바닥부터 시작하는 딥러닝 4.3–4.4절을 따릅니다. 세 함수를 완성하세요.
Follows Deep Learning from Scratch, sections 4.3–4.4. Complete the three functions below.

자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Rules (the grader checks these):
- numpy만 사용하세요. h = 1e-4 (강의와 같음), 중심 차분 (f(x+h) − f(x−h)) / 2h.
  Use numpy only. h = 1e-4 (as in the lecture), central difference (f(x+h) − f(x−h)) / 2h.
"""
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 2: numerical differentiation (Deep Learning from Scratch 4.3-4.4)."""
# END REFERENCE

import numpy as np

# BEGIN REFERENCE
H = 1e-4  # small enough for accuracy, large enough that x + h != x in float64

# END REFERENCE

def numerical_diff(f, x):
    # BEGIN STUB
    """Task 2.1 — 수치 미분 · numerical derivative of a function of one number.

    중심 차분 (f(x + h) − f(x − h)) / (2h), h = 1e-4 를 쓰세요.
    전방 차분 (f(x + h) − f(x)) / h 은 오차가 크고, h = 1e-50 처럼 너무 작은 h는
    반올림 때문에 x + h == x 가 되어 0을 돌려줍니다.
    [[central_difference: Use the central difference (f(x + h) − f(x − h)) / (2h) with h = 1e-4]]. The forward
    difference (f(x + h) − f(x)) / h is less accurate, and a tiny h such as 1e-50 gives 0
    because x + h rounds back to x.

    Args:
        f: 숫자 하나를 받아 숫자 하나를 돌려주는 함수 · a function of one number.
        x: 미분할 점 (float) · the point.
    Returns:
        float. 예 · e.g. f(x) = 0.01x² + 0.1x → 0.1999999999990898 at x = 5,
        0.2999999999986347 at x = 10.
    """
    # END STUB
    # BEGIN SOLUTION
    return (f(x + H) - f(x - H)) / (2 * H)
    # END SOLUTION


def numerical_gradient(f, x):
    # BEGIN STUB
    """Task 2.2 — 기울기 · gradient of f at x, [[any_shape: for an array x of **any shape**]].

    원소 x[i] 마다 (모든 차원의 인덱스, 예: np.ndindex(x.shape)):
    For each element x[i] (an index over all dimensions, e.g. np.ndindex(x.shape)):

    # END STUB
    # BEGIN REFERENCE
    if x.dtype.kind != "f":
        x = x.astype(float)  # x[i] = 1 + h would be truncated back to 1 in an integer array
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
    # END REFERENCE
        saved = x[i]
        # BEGIN STUB
        x[i] = saved + h;  f_plus  = f(x)
        x[i] = saved - h;  f_minus = f(x)
        x[i] = saved                         # 저장한 값을 되돌려 넣기 · put the saved value back
        grad[i] = (f_plus - f_minus) / (2h)  # h = 1e-4

    - **x 자체를 바꿔 가며** f를 부르세요 (복사본이 아니라). TwoLayerNet처럼 f가 인자를 무시하고
      같은 배열을 참조로 읽는 경우가 있습니다: ``f = lambda W: net.loss(x, t)``.
      복사본을 바꾸면 그런 f의 기울기는 0이 됩니다.
      [[perturb_x_itself: Perturb **x itself**, not a copy]]: f may ignore its argument and read the same array by
      reference (``f = lambda W: net.loss(x, t)`` in TwoLayerNet); perturbing a copy gives such an
      f a zero gradient.
    - 끝나면 x는 **비트 하나까지 원래대로** 있어야 합니다: saved + h − h 처럼 계산해서 되돌리지 말고
      저장한 값을 대입하세요. [[x_restored_exactly: Afterwards x must be **exactly** as before]]: assign the saved value,
      do not compute it back (saved + h − h is not always saved).
    - x가 정수 배열이면 (예: np.array([1, 2])) x[i] = 1 + 1e-4 가 1로 잘립니다. 그때는
      x = x.astype(float) 인 실수 복사본으로 계산하세요 (강의 코드는 이 경우 틀린 값을 냅니다).
      [[integer_array: For an integer array x (e.g. np.array([1, 2]))]], x[i] = 1 + 1e-4 is truncated back to 1: work
      on a float copy x = x.astype(float) instead (the lecture's code returns garbage here).

    Args:
        f: 배열 x를 받아 숫자 하나를 돌려주는 함수 · a function of the array returning one number.
        x: np.ndarray, 어떤 모양이든 · any shape: (n,), (m, n), (a, b, c), ...
    Returns:
        np.ndarray, x와 같은 모양, 실수 · [[float_result: same shape as x, float]].
        예 · e.g. f(x) = x0² + x1² at (3, 4) → [6., 8.]; at (0, 2) → [0., 4.]; at (3, 0) → [6., 0.].
    """
        # END STUB
    # BEGIN SOLUTION
        x[i] = saved + H  # perturb x itself: f may read the array by reference
        f_plus = f(x)
        x[i] = saved - H
        f_minus = f(x)
        x[i] = saved  # put back the saved value, not saved + h - h
        grad[i] = (f_plus - f_minus) / (2 * H)
    return grad
    # END SOLUTION


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    # BEGIN STUB
    """Task 2.3 — 경사 하강법 · gradient descent: step_num times x ← x − lr · ∇f(x).

    - 기울기는 여러분의 numerical_gradient 로 구합니다. Use your numerical_gradient.
    - init_x는 바꾸지 마세요: x = np.array(init_x, dtype=float) 처럼 실수 복사본에서 시작합니다
      (강의 코드처럼 x = init_x 로 두고 x -= ... 하면 호출한 쪽의 배열이 바뀝니다).
      [[init_x_unchanged: Never modify init_x]]: start from a float copy such as x = np.array(init_x, dtype=float)
      (x = init_x followed by x -= ..., as in the lecture, changes the caller's array).
    - x_history: **갱신하기 전의** x를 매 단계 복사해서 (x.copy()) 모읍니다. 첫 행은 init_x,
      마지막 갱신 뒤의 x는 들어가지 않습니다.
      [[history_before_update: x_history collects a copy (x.copy()) of x **before** each update]]: its first row is
      init_x, and the x after the last update is not in it.

    Args:
        f: numerical_gradient 와 같은 함수 · a function as in numerical_gradient.
        init_x: 시작점, 어떤 모양이든 · [[integer_init_x: starting point, any shape (int or float)]].
        lr: 학습률 · learning rate.   step_num: 반복 횟수 · number of updates.
    Returns:
        [[returns_pair: (x, x_history):]] x 는 마지막 x (init_x 와 같은 모양, 실수) · the final x (float);
        x_history 는 np.ndarray, 모양 (step_num, *init_x.shape) · shape (step_num, *init_x.shape).
        예 · e.g. f = x0² + x1², init_x = (−3, 4), lr = 0.1, step_num = 100 → x ≈ (−6.1e-10, 8.1e-10).
    """
    # END STUB
    # BEGIN SOLUTION
    x = np.array(init_x, dtype=float)  # a float copy: init_x stays as it was
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        x -= lr * numerical_gradient(f, x)
    return x, np.array(x_history)
    # END SOLUTION
