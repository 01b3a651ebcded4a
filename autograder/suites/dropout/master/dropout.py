# BEGIN STUB
"""과제 5: 드롭아웃 · Exercise 5: dropout.

파이썬으로 배우는 기계학습 13-1강을 따릅니다. 과제 4의 미니배치 신경망 (편향 없음, 시그모이드)에
은닉층 역드롭아웃 (inverted dropout)을 더합니다.
Follows lecture 13-1: exercise 4's mini-batch network (no biases, sigmoid) with inverted dropout
on the hidden layer.

자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Conventions (the grader checks these):
- 과제 4와 같습니다: A0 = X.T (n_x, m), W1 (n_h, n_x), W2 (n_y, n_h), 0/1 원-핫 목표값
  Y = one_hot_encoding(y, n_y).T, 배치는 연속 조각 X[s:s+batch_size] (짧은 마지막 배치 포함),
  갱신은 그 배치의 실제 길이 m_b로 나눔, cost_는 갱신마다 ½·Σ(Y_b−A2)² / m_b.
  As in exercise 4: column-major inside the class, plain 0/1 one-hot targets, consecutive
  batches X[s:s+batch_size] [[short_last_batch: with the short last batch kept]], updates divided by the batch's
  actual length m_b, and [[cost_per_update: cost_ gets ½·Σ(Y_b−A2)² / m_b once per update]].
- 마스크는 전역 생성기에서 뽑습니다 (채점기가 np.random.seed로 정합니다). np.random.seed를
  직접 부르지 마세요. The mask is drawn from the global generator, which the grader seeds;
  [[global_generator: never call np.random.seed yourself]].
"""
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 5: mini-batch gradient descent with inverted dropout (lecture 13-1)."""
# END REFERENCE

import numpy as np
from nnkit_data import one_hot_encoding


class MnistMiniBatchDropout:
    # BEGIN STUB
    """미니배치 경사 하강법 + 은닉층 역드롭아웃 · mini-batch GD with inverted dropout."""

    # END STUB
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=40, batch_size=32, random_seed=1, dropout_ratio=0.5):
        self.n_x, self.n_h, self.n_y = n_x, n_h, n_y
        self.eta, self.epochs, self.batch_size = eta, epochs, batch_size
        # BEGIN STUB
        self.dropout_ratio = dropout_ratio  # 버리는 비율 · the fraction of hidden units DROPPED
        rng = np.random.default_rng(random_seed)  # 전역 np.random.seed는 쓰지 않습니다 · no global seed
        # END STUB
        # BEGIN REFERENCE
        self.dropout_ratio = dropout_ratio
        rng = np.random.default_rng(random_seed)
        # END REFERENCE
        self.W1 = rng.uniform(-1.0, 1.0, (n_h, n_x))
        self.W2 = rng.uniform(-1.0, 1.0, (n_y, n_h))
        # BEGIN STUB
        self.drop_units = None  # forpass(train=True)가 채웁니다 · set by forpass(train=True)
        # END STUB
        # BEGIN REFERENCE
        self.drop_units = None
        # END REFERENCE
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

    def forpass(self, A0, train=True):
        # BEGIN STUB
        """Task 5.1 — 순전파와 역드롭아웃 · forward pass with inverted dropout.

        Z1 = W1 @ A0,  A1 = g(Z1),  Z2 = W2 @ A1,  A2 = g(Z2).
        train=True이면 A1에 드롭아웃을 적용한 뒤 Z2를 계산합니다 · if train, before computing Z2:

            [[mask_formula: self.drop_units = np.random.rand(*A1.shape) > self.dropout_ratio]]   # True = 남김 · kept
            A1 = A1 * self.drop_units / (1 - self.dropout_ratio)

        - 마스크는 호출마다 **딱 한 번**, 정확히 위의 식으로 뽑습니다 (모양 A1.shape = (n_h, m)).
          [[mask_once: Draw the mask **once per call**]], exactly as above (shape A1.shape = (n_h, m)).
        - 나누는 값은 **남기는 비율** 1 − dropout_ratio 입니다 (버리는 비율이 아님). 그래야 A1의
          기댓값이 드롭아웃 없을 때와 같습니다. [[keep_ratio: Divide by the **keep** ratio 1 − dropout_ratio]]
          (not the drop ratio), so that A1 keeps its expected value.
        - 마스크 (불리언, (n_h, m))는 self.drop_units에 보관합니다: fit의 역전파가 그것을 씁니다.
          [[mask_stored: Store the boolean mask (n_h, m) in self.drop_units]]: fit's backward step uses it.
        - train=False (예측·평가)이면 드롭아웃도, 스케일링도 없고 난수도 뽑지 않습니다.
          [[no_dropout_at_test: With train=False (predict, evaluate) there is no dropout, no scaling, no random draw.]]

        Args:
            A0: (n_x, m), 열마다 한 샘플 · one sample per column.
            train: 학습 중인가 · training or not.
        Returns:
            Z1, A1, Z2, A2 — A1은 드롭아웃을 적용한 값 · A1 after dropout (when train).
        """
        # END STUB
        # BEGIN SOLUTION
        Z1 = self.W1 @ A0
        A1 = self.g(Z1)
        if train:
            self.drop_units = np.random.rand(*A1.shape) > self.dropout_ratio
            A1 = A1 * self.drop_units / (1.0 - self.dropout_ratio)  # /keep ratio: E[A1] unchanged
        Z2 = self.W2 @ A1
        A2 = self.g(Z2)
        return Z1, A1, Z2, A2
        # END SOLUTION

    def fit(self, X, y):
        # BEGIN STUB
        """Task 5.2 — 드롭아웃을 쓰는 미니배치 학습 · mini-batch training with dropout.

        에포크마다 연속 배치 X[s:s+batch_size]에 대해 (학습률 self.eta, 일정 없음):
        For each epoch and each consecutive batch (learning rate self.eta, no schedule):

            Z1, A1, Z2, A2 = self.forpass(A0)          # A0 = X_b.T; 마스크를 새로 뽑음 · draws the mask
            E2  = Y_b - A2
            dZ2 = E2 * g'(Z2)
            dZ1 = (W2.T @ dZ2) * self.drop_units / (1 - dropout_ratio) * g'(Z1)
            W2 += eta * dZ2 @ A1.T / m_b
            W1 += eta * dZ1 @ A0.T / m_b

        - 역전파에는 forpass가 보관한 **같은 마스크**를 씁니다 (새로 뽑지 마세요).
          [[same_mask_backward: The backward step uses the **same mask** forpass stored]]; never draw a new one.
        - 순전파가 drop_units / (1 − dropout_ratio)를 곱했으므로 기울기에도 같은 값을 곱합니다.
          The forward pass multiplied by drop_units / (1 − dropout_ratio), [[backward_scaled: so the gradient does too]].
        - 은닉층 오차는 W2.T @ dZ2 입니다 (강의의 지름길 W2.T @ E2가 아님; 과제 4 참고).
          [[exact_gradient: The hidden error is W2.T @ dZ2]], not the lecture's shortcut W2.T @ E2 (see exercise 4).
        - fit은 cost_ = []로 시작하고 self를 돌려줍니다. [[resets_cost_returns_self: fit resets cost_ and returns self.]]

        Args:
            X: (m, n_x) 행 우선 · row-major; y: 정수 레이블 · integer labels (m,).
        Returns:
            self
        """
        # END STUB
        # BEGIN SOLUTION
        self.cost_ = []
        keep = 1.0 - self.dropout_ratio
        for _ in range(self.epochs):
            for s in range(0, len(y), self.batch_size):
                A0, Y = X[s : s + self.batch_size].T, one_hot_encoding(y[s : s + self.batch_size], self.n_y).T
                Z1, A1, Z2, A2 = self.forpass(A0)
                E2 = Y - A2
                dZ2 = E2 * self.g_prime(Z2)
                dZ1 = (self.W2.T @ dZ2) * self.drop_units / keep * self.g_prime(Z1)  # same mask as forward
                m = A0.shape[1]
                self.W2 += self.eta * dZ2 @ A1.T / m
                self.W1 += self.eta * dZ1 @ A0.T / m
                self.cost_.append(0.5 * np.sum(E2 * E2) / m)
        return self
        # END SOLUTION

    def predict(self, X):
        # BEGIN STUB
        """X (m, n_x) -> A2 (n_y, m), 드롭아웃 없이 · without dropout."""
        # END STUB
        return self.forpass(X.T, train=False)[3]

    def evaluate(self, X, y):
        # BEGIN STUB
        """정확도 (퍼센트) · accuracy as a percentage."""
        # END STUB
        return 100.0 * np.mean(np.argmax(self.predict(X), axis=0) == y)
