# BEGIN STUB
"""과제 4: 배치·확률적·미니배치 경사 하강법 · Exercise 4: batch, stochastic and mini-batch gradient descent.

파이썬으로 배우는 기계학습 12-3, 13-1강을 따릅니다. 784-n_h-10 신경망 (편향 없음, 시그모이드).
Follows lectures 12-3 and 13-1: a two-layer network without biases and with sigmoid activations.

자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Conventions (the grader checks these):
- 클래스 안에서는 열 우선입니다: A0 = X.T (n_x, m), W1 (n_h, n_x), W2 (n_y, n_h).
  Column-major inside the class: A0 = X.T has one sample per column.
- fit(X, y)는 행 우선 X (m, n_x)와 정수 레이블 y (m,)를 받습니다.
  fit(X, y) takes row-major X (m, n_x) and integer labels y (m,).
- 목표값은 0/1 원-핫입니다 (0.01/0.99 아님): Y = one_hot_encoding(y, n_y).T, 모양 (n_y, m).
  [[one_hot_01: Targets are plain 0/1 one-hot (not 0.01/0.99)]]: Y = one_hot_encoding(y, n_y).T, shape (n_y, m).
- 한 번의 갱신 (배치 X_b, Y_b, 길이 m_b, 학습률 eta) · One update on a batch of length m_b:
      Z1, A1, Z2, A2 = self.forpass(X_b.T)
      E2  = Y_b - A2
      dZ2 = E2 * g'(Z2)
      dZ1 = (W2.T @ dZ2) * g'(Z1)       # 정확한 기울기 · exact gradient (W2 before its update)
      W2 += eta * dZ2 @ A1.T / m_b
      W1 += eta * dZ1 @ A0.T / m_b      # A0 = X_b.T
  은닉층 오차는 W2.T @ dZ2 입니다. 강의의 지름길 W2.T @ E2 는 ½‖Y−A2‖²의 기울기가 아닙니다
  (numerical_gradient로 확인해 보세요).
  [[exact_gradient: The hidden error is W2.T @ dZ2]]. The lecture's shortcut W2.T @ E2 is not the gradient of
  ½‖Y−A2‖² (check it with numerical_gradient).
- 갱신은 **그 배치의 실제 길이 m_b로 나눕니다** (짧은 마지막 배치도 그 길이로).
  Updates are **divided by the actual length m_b of each batch**, a short last batch included.
- cost_: 갱신마다 하나씩, 갱신 직전 순전파로 구한 ½·Σ(Y_b−A2)² / m_b 를 덧붙입니다.
  [[cost_per_update: cost_ gets one entry per update: ½·Σ(Y_b−A2)² / m_b]] from the forward pass of that update.
  fit은 시작할 때 cost_ = [] 로 비우고, 마지막에 self를 돌려줍니다. [[resets_cost_returns_self: fit resets cost_ and returns self.]]
- 입력 X, y를 바꾸지 말고, 가중치는 제자리에서 (+=) 갱신하세요. [[no_input_mutation: Never modify X or y.]]
"""
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 4: batch, stochastic and mini-batch gradient descent (lectures 12-3, 13-1)."""
# END REFERENCE

import numpy as np
from nnkit_data import one_hot_encoding


# BEGIN STUB
class MnistBGD:
    """배치 경사 하강법: 에포크마다 전체 데이터로 한 번 갱신 · Batch GD: one update per epoch."""
# END STUB
# BEGIN REFERENCE
def _step(net, X, y, eta):
    """One gradient step on the rows X (m, n_x) with labels y (m,); returns the batch's cost."""
    A0, Y = X.T, one_hot_encoding(y, net.n_y).T
    Z1, A1, Z2, A2 = net.forpass(A0)
    E2 = Y - A2
    dZ2 = E2 * net.g_prime(Z2)
    dZ1 = (net.W2.T @ dZ2) * net.g_prime(Z1)  # exact gradient: back through dZ2, not E2
    m = len(y)
    net.W2 += eta * dZ2 @ A1.T / m
    net.W1 += eta * dZ1 @ A0.T / m
    return 0.5 * np.sum(E2 * E2) / m
# END REFERENCE

# BEGIN REFERENCE

class MnistBGD:
# END REFERENCE
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=100, random_seed=1):
        self.n_x, self.n_h, self.n_y = n_x, n_h, n_y
        self.eta, self.epochs = eta, epochs
        # BEGIN STUB
        rng = np.random.default_rng(random_seed)  # 전역 np.random.seed는 쓰지 않습니다 · no global seed
        # END STUB
        # BEGIN REFERENCE
        rng = np.random.default_rng(random_seed)
        # END REFERENCE
        self.W1 = rng.uniform(-1.0, 1.0, (n_h, n_x))
        self.W2 = rng.uniform(-1.0, 1.0, (n_y, n_h))
        self.cost_ = []

    def g(self, Z):
        # BEGIN STUB
        """시그모이드 · sigmoid."""
        # END STUB
        return 1.0 / (1.0 + np.exp(-Z))

    def g_prime(self, Z):
        # BEGIN STUB
        """시그모이드의 도함수 · derivative of the sigmoid: g(Z)·(1 − g(Z))."""
        # END STUB
        return self.g(Z) * (1.0 - self.g(Z))

    def forpass(self, A0):
        # BEGIN STUB
        """순전파 · forward pass. A0 (n_x, m) -> Z1, A1 (n_h, m), Z2, A2 (n_y, m)."""
        # END STUB
        Z1 = self.W1 @ A0
        A1 = self.g(Z1)
        Z2 = self.W2 @ A1
        A2 = self.g(Z2)
        return Z1, A1, Z2, A2

    def predict(self, X):
        # BEGIN STUB
        """Task 4.1 — 예측 · predict.

        Args:
            X: 행 우선 입력 · row-major inputs, shape (m, n_x).
        Returns:
            A2: 출력층 활성값, **열마다 한 샘플** · output activations, [[column_major: one column per sample]],
            shape (n_y, m).
        """
        # END STUB
        # BEGIN SOLUTION Task 4.1: predict_evaluate
        return self.forpass(X.T)[3]
        # END SOLUTION

    def evaluate(self, X, y):
        # BEGIN STUB
        """Task 4.1 — 정확도 (퍼센트) · accuracy as a percentage.

        예측 클래스는 A2의 각 **열**의 argmax (axis=0)입니다.
        The predicted class is the argmax of each **column** of A2 (axis=0).

        Args:
            X: (m, n_x); y: 정수 레이블 · integer labels (m,).
        Returns:
            [[percent: float in [0, 100], e.g. 87.0 (not 0.87)]].
        """
        # END STUB
        # BEGIN SOLUTION Task 4.1: predict_evaluate
        return 100.0 * np.mean(np.argmax(self.predict(X), axis=0) == y)
        # END SOLUTION

    def fit(self, X, y):
        # BEGIN STUB
        """Task 4.2 — 배치 경사 하강법 · batch gradient descent.

        에포크마다 전체 m개 샘플을 한 배치로 한 번 갱신합니다 (m_b = m). cost_에는 에포크마다 하나.
        Each epoch makes one update on all m samples (m_b = m); cost_ gets one entry per epoch.

        Args:
            X: (m, n_x) 행 우선 · row-major; y: 정수 레이블 · integer labels (m,).
        Returns:
            self
        """
        # END STUB
        # BEGIN SOLUTION Task 4.2: bgd_fit
        self.cost_ = []
        for _ in range(self.epochs):
            self.cost_.append(_step(self, X, y, self.eta))
        return self
        # END SOLUTION


class MnistSGD(MnistBGD):
    # BEGIN STUB
    """확률적 경사 하강법 · stochastic gradient descent (same constructor as MnistBGD)."""

    # END STUB
    def fit(self, X, y):
        # BEGIN STUB
        """Task 4.3 — 확률적 경사 하강법 · stochastic gradient descent.

        에포크마다 샘플을 **주어진 순서대로** (섞지 않고) 하나씩 갱신합니다: X[i:i+1], m_b = 1.
        cost_에는 갱신마다 하나, 즉 epochs × m 개가 쌓입니다.
        Each epoch visits the samples [[sgd_in_order: **in the given order** (no shuffling)]], one update per
        sample on X[i:i+1] (m_b = 1); cost_ ends with epochs × m entries.

        Returns:
            self
        """
        # END STUB
        # BEGIN SOLUTION Task 4.3: sgd_fit
        self.cost_ = []
        for _ in range(self.epochs):
            for i in range(len(y)):
                self.cost_.append(_step(self, X[i : i + 1], y[i : i + 1], self.eta))
        return self
        # END SOLUTION


class MnistMiniBatch(MnistBGD):
    # BEGIN STUB
    """미니배치 경사 하강법 · mini-batch gradient descent."""

    # END STUB
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=20, batch_size=32, random_seed=1, schedule=False):
        super().__init__(n_x, n_h, n_y, eta, epochs, random_seed)
        self.batch_size, self.schedule = batch_size, schedule

    def learning_rate(self, epoch):
        # BEGIN STUB
        """Task 4.5 — 학습률 일정 · learning-rate schedule (lecture 13-1).

        schedule이 False이면 언제나 eta. True이면 eta에서 0.0001까지 에포크마다 선형으로 줄입니다:
        If schedule is False, always eta. If True, a linear decay from eta to 0.0001:

            eta_e = eta - (eta - 0.0001) * e / (epochs - 1),   e = 0, 1, ..., epochs - 1

        즉 첫 에포크 (e=0)는 eta, 마지막 에포크 (e=epochs-1)는 0.0001 입니다
        ([[schedule_linear: np.linspace(eta, 0.0001, epochs)[e]]]와 같음). epochs == 1이면 eta.
        The first epoch (e=0) uses eta and the last (e=epochs-1) uses exactly 0.0001, the same as
        np.linspace(eta, 0.0001, epochs)[e]. [[schedule_edges: With epochs == 1 it is eta.]]

        Args:
            epoch: 0부터 세는 에포크 번호 · epoch number counted from 0.
        Returns:
            float
        """
        # END STUB
        # BEGIN SOLUTION
        if not self.schedule or self.epochs == 1:
            return self.eta
        return self.eta - (self.eta - 0.0001) * epoch / (self.epochs - 1)
        # END SOLUTION

    def fit(self, X, y):
        # BEGIN STUB
        """Task 4.4 — 미니배치 경사 하강법 · mini-batch gradient descent.

        에포크 e마다 학습률 self.learning_rate(e)로, 주어진 순서의 연속 조각
        X[s:s+batch_size] (s = 0, batch_size, 2·batch_size, ...)마다 한 번 갱신합니다.
        **짧은 마지막 배치도 버리지 않고** 그 길이 m_b로 나눕니다. cost_에는
        epochs × ⌈m / batch_size⌉ 개가 쌓입니다.
        In epoch e, with learning rate self.learning_rate(e), make one update per consecutive slice
        X[s:s+batch_size] (s = 0, batch_size, ...), in the given order. **Keep the short last
        batch** and [[short_last_batch: divide its update by its own length m_b]]. cost_ ends with
        epochs × ceil(m / batch_size) entries.

        Returns:
            self
        """
        # END STUB
        # BEGIN SOLUTION Task 4.4: minibatch_fit
        self.cost_ = []
        for epoch in range(self.epochs):
            eta = self.learning_rate(epoch)
            for s in range(0, len(y), self.batch_size):
                self.cost_.append(_step(self, X[s : s + self.batch_size], y[s : s + self.batch_size], eta))
        return self
        # END SOLUTION
