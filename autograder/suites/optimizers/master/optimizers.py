# BEGIN STUB
"""과제 7: 최적화 기법과 조기 종료 · Exercise 7: optimizers and early stopping.

AI 스쿨 강의(오차역전파·최적화)와 13-1 강의를 따릅니다. 다섯 가지 갱신 규칙, 두 가지 학습률 감소,
조기 종료를 완성하세요. · Follows the AI-school lecture (backprop, optimizers) and lecture 13-1.
Complete five update rules, two learning-rate schedules and early stopping.

자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Rules (the grader checks these):
- 모든 update(params, grads)는 params의 배열을 제자리에서 바꿉니다(params[key] -= ...).
  [[in_place: update changes the arrays of params in place (params[key] -= ...)]].
- grads는 바꾸지 않습니다. [[keeps_grads: never modify grads]].
- 상태(h, v, m, t)는 옵티마이저 객체마다, 매개변수 키마다 따로 둡니다.
  [[state_per_key: state (h, v, m, t) belongs to one optimizer object and is kept per parameter key]].
- float32 매개변수는 float32로 남습니다. [[float32_params: float32 parameters stay float32]].
- numpy만 사용하세요. np.random은 쓰지 않습니다 (조기 종료는 주어진 rng만 씁니다).
  Use numpy only, and no np.random (early stopping uses only the rng it is given).
"""
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 7: optimizers and early stopping (AI-school lecture; 13-1)."""
# END REFERENCE

import numpy as np

EPS = 1e-7  # inside the square root: sqrt(h + 1e-7), so a zero gradient at the first step is no 0/0


class SGD:
    # BEGIN STUB
    """Task 7.1 — 확률적 경사 하강법 · SGD: w ← w − ε·∂E/∂w.

    Args:
        lr: 학습률 ε · the learning rate ε (default 0.01).

    update(params, grads):
        params: dict 키 → 배열 (TwoLayerNet.params처럼) · dict key → array, as TwoLayerNet.params.
        grads: 같은 키, 같은 모양의 기울기 · gradients with the same keys and shapes.
        Returns None; params의 배열이 제자리에서 바뀝니다 · the arrays of params change in place.
    """

    # END STUB
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        # BEGIN SOLUTION Task 7.1: SGD.update
        for key in params:
            params[key] -= self.lr * grads[key]
        # END SOLUTION


class Momentum:
    # BEGIN STUB
    """Task 7.2 — 모멘텀 · Momentum: w(t+1) = w(t) − ε∇E(t) + μΔw(t−1).

    Δw(t) = μ·Δw(t−1) − ε·∇E(t) 를 키마다 v[key]에 두고 w ← w + Δw(t) 로 갱신합니다. 첫 단계의
    Δw(t−1)은 0입니다. · Keep Δw(t) = μ·Δw(t−1) − ε·∇E(t) per key in v[key] and update
    w ← w + Δw(t); [[momentum_first: Δw(t−1) is zero at the first step]].

    Args:
        lr: ε (default 0.01).  momentum: μ (default 0.9).
    """

    # END STUB
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = {}

    def update(self, params, grads):
        # BEGIN SOLUTION Task 7.2: Momentum.update
        for key in params:
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            v *= self.momentum
            v -= self.lr * grads[key]  # Δw(t) = μ·Δw(t−1) − ε·∇E(t)
            params[key] += v
        # END SOLUTION


class AdaGrad:
    # BEGIN STUB
    """Task 7.3 — AdaGrad: h ← h + (∂E/∂w)²;  w ← w − ε · ∂E/∂w / √(h + 1e-7).

    h는 키마다 0에서 시작해 **계속 누적**됩니다. · h starts at zero per key and keeps **accumulating**.
    [[adagrad_eps: the small 1e-7 goes inside the square root]], √(h + 1e-7), so that a zero gradient
    at the first step is not 0/0.

    Args:
        lr: ε (default 0.01).
    """

    # END STUB
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = {}

    def update(self, params, grads):
        # BEGIN SOLUTION Task 7.3: AdaGrad.update
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h += grads[key] ** 2
            params[key] -= self.lr * grads[key] / np.sqrt(h + EPS)
        # END SOLUTION


class RMSProp:
    # BEGIN STUB
    """Task 7.4 — RMSProp: h ← r·h + (1 − r)·(∂E/∂w)²;  w ← w − ε · ∂E/∂w / √(h + 1e-7).

    [[rmsprop_decay: r multiplies the old h and (1 − r) the new squared gradient]]; h starts at zero
    per key. · r는 이전 h에, (1 − r)은 새 기울기 제곱에 곱합니다.

    Args:
        lr: ε (default 0.01).  decay_rate: r (default 0.99).
    """

    # END STUB
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate = lr, decay_rate
        self.h = {}

    def update(self, params, grads):
        # BEGIN SOLUTION Task 7.4: RMSProp.update
        for key in params:
            h = self.h.setdefault(key, np.zeros_like(params[key]))
            h *= self.decay_rate
            h += (1 - self.decay_rate) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / np.sqrt(h + EPS)
        # END SOLUTION


class Adam:
    # BEGIN STUB
    """Task 7.5 — Adam: 모멘텀 + RMSProp, 편향 보정 포함 · Momentum plus RMSProp, with bias correction.

    update가 한 번 불릴 때마다 t ← t + 1 (키 수와 무관) · [[adam_t: t grows by one per update call]],
    whatever the number of keys. For each key:
        m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
        m̂ = m / (1 − β1^t);   v̂ = v / (1 − β2^t)      ([[adam_bias: the bias correction]])
        w ← w − ε · m̂ / √(v̂ + 1e-7)

    Args:
        lr: ε (default 0.001).  beta1: β1 (default 0.9).  beta2: β2 (default 0.999).
    """

    # END STUB
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.t = 0
        self.m, self.v = {}, {}

    def update(self, params, grads):
        # BEGIN SOLUTION Task 7.5: Adam.update
        self.t += 1
        for key in params:
            m = self.m.setdefault(key, np.zeros_like(params[key]))
            v = self.v.setdefault(key, np.zeros_like(params[key]))
            m *= self.beta1
            m += (1 - self.beta1) * grads[key]
            v *= self.beta2
            v += (1 - self.beta2) * grads[key] ** 2
            m_hat = m / (1 - self.beta1**self.t)  # m and v start at zero: early steps are scaled up
            v_hat = v / (1 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / np.sqrt(v_hat + EPS)
        # END SOLUTION


def exponential_decay(eta0, t, r):
    # BEGIN STUB
    """Task 7.6 — 지수 감소 학습률 · exponential schedule (13-1): η(t) = η0 · 10^(−t/r).

    Args:
        eta0: 처음 학습률 η0 · the initial rate.  t: 에포크(0부터) · the epoch, from 0.  r: 감소 폭 · the scale.
    Returns:
        float (or an array when t is an array).
    """
    # END STUB
    # BEGIN SOLUTION
    return eta0 * 10 ** (-t / r)
    # END SOLUTION


def power_decay(eta0, t, r, c):
    # BEGIN STUB
    """Task 7.7 — 거듭제곱 감소 학습률 · power schedule (13-1): η(t) = η0 · (1 + t/r)^(−c).

    Args:
        eta0: η0.  t: 에포크(0부터) · the epoch, from 0.  r, c: 감소 폭과 지수 · scale and exponent.
    Returns:
        float (or an array when t is an array).
    """
    # END STUB
    # BEGIN SOLUTION
    return eta0 * (1 + t / r) ** (-c)
    # END SOLUTION


def fit_early_stopping(network, optimizer, x_train, t_train, x_test, t_test, epochs, batch_size, rng):
    # BEGIN STUB
    """Task 7.8 — 조기 종료 · early stopping: 시험 정확도가 가장 높았던 에포크와 그때의 가중치.

    에포크마다 · every epoch:
      1. order = rng.permutation(N) 로 한 번 섞고 · shuffle once with rng.permutation(N);
      2. order[0:batch_size], order[batch_size:2·batch_size], ... 순서로 미니배치마다
         grads = network.gradient(x, t); optimizer.update(network.params, grads)
         (마지막 배치는 짧을 수 있습니다 · the last batch may be shorter);
      3. acc = network.accuracy(x_test, t_test).
    [[best_epoch_one_based: the best epoch is 1-based]] (강의의 early_stopped_time, 첫 에포크 = 1); 같은
    정확도면 처음 것 (np.argmax처럼) · ties go to the first, as np.argmax.
    [[best_params_copied: the returned parameters are copies taken at that epoch]], not the live arrays
    that training keeps changing.

    Args:
        network: TwoLayerNet (과제 3의 것 · exercise 3's): params, gradient(x, t), accuracy(x, t).
        optimizer: SGD, Momentum, AdaGrad, RMSProp 또는 Adam 객체 · an optimizer object.
        x_train: (N, 784) float32;  t_train: (N,) 레이블 · labels.
        x_test, t_test: 평가용 · for the per-epoch evaluation.
        epochs: 에포크 수 · number of epochs.  batch_size: 미니배치 크기 · mini-batch size.
        rng: np.random.Generator — 섞을 때 이것만 쓰세요 · shuffle with this one only.
    Returns:
        (early_stopped_time, best_params): int (1-based), dict key → 배열 복사본 · array copies.
    """
    # END STUB
    # BEGIN SOLUTION
    n = x_train.shape[0]
    best_acc, early_stopped_time, best_params = -1.0, 0, {}
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            optimizer.update(network.params, network.gradient(x_train[batch], t_train[batch]))
        acc = network.accuracy(x_test, t_test)
        if acc > best_acc:  # strictly better: ties keep the first epoch, as np.argmax
            best_acc, early_stopped_time = acc, epoch
            best_params = {key: value.copy() for key, value in network.params.items()}
    return early_stopped_time, best_params
    # END SOLUTION
