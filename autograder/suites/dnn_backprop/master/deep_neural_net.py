# BEGIN STUB
"""과제 6: 심층 신경망과 역전파 · Exercise 6: a deep neural network with backpropagation.

파이썬으로 배우는 기계학습 13-2, 13-3 강의의 DeepNeuralNet 클래스를 완성합니다.
Complete the DeepNeuralNet class of lectures 13-2 and 13-3 (Machine learning with Python).

자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Conventions (the grader checks these):
- 클래스 안에서는 열 우선입니다: 한 열이 한 샘플입니다. A0 = X.T, 모양 (n_0, m).
  [[one_column_per_sample: Column-major inside the class: one column per sample]]. A0 = X.T, shape (n_0, m).
- W[i]의 모양은 (n_i, n_{i-1})이고 편향은 없습니다. W[0]은 쓰지 않습니다 (None).
  W[i] has shape (n_i, n_{i-1}); there are no biases. W[0] is not used (None).
- Z[i] = W[i] @ A[i-1],  A[i] = g[i](Z[i])  (i = 1 … L, L = len(net_arch) - 1).
- 오차는 E = Y − A[L]이고 가중치는 W[i] += eta · dZ[i] @ A[i-1].T / m 로 바꿉니다
  (m = 샘플 수 = A0.shape[1], 학습률 eta를 곱하고 **m으로 나눕니다**).
  The error is E = Y − A[L] and each weight moves by W[i] += eta · dZ[i] @ A[i-1].T / m
  (m = number of samples = A0.shape[1]; [[divide_by_m: multiply by eta and **divide by m**]]).
  이것은 J = ½·Σ(Y − A[L])² / m 에 대한 경사 하강법입니다 · this is gradient descent on
  J = ½·Σ(Y − A[L])² / m.
- numpy와 주어진 one_hot_encoding만 쓰고, 전역 난수 시드(np.random.seed)를 바꾸지 마세요.
  Use numpy and the given one_hot_encoding only; never set the global random seed (np.random.seed).
"""
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 6: a deep neural network with backpropagation (lectures 13-2, 13-3)."""
# END REFERENCE

import numpy as np
from nnkit_data import one_hot_encoding

# BEGIN STUB
# ---- Task 6.1: 활성화 함수 · activation functions -------------------------------------------
# 모두 배열 x를 받아 같은 모양의 **새** 배열을 돌려줍니다 (x를 바꾸지 마세요).
# Each takes an array x and returns a **new** array of the same shape (never modify x).
# 도함수 g′은 Z(활성화 전 값)를 받습니다: sigmoid_d(Z) = sigmoid(Z)·(1 − sigmoid(Z)).
# [[derivative_takes_z: A derivative g′ takes Z]] (the value *before* activation): sigmoid_d(Z) = sigmoid(Z)·(1 − sigmoid(Z)).

# END STUB

def sigmoid(x):
    # BEGIN STUB
    """Task 6.1 — σ(x) = 1 / (1 + e^(−x)), 원소별 · elementwise."""
    # END STUB
    # BEGIN SOLUTION
    return 1.0 / (1.0 + np.exp(-x))
    # END SOLUTION


def sigmoid_d(x):
    # BEGIN STUB
    """Task 6.1 — σ′(x) = σ(x)·(1 − σ(x)). x는 Z입니다 (A가 아님) · x is Z, not A."""
    # END STUB
    # BEGIN SOLUTION
    s = sigmoid(x)
    return s * (1.0 - s)
    # END SOLUTION


def tanh(x):
    # BEGIN STUB
    """Task 6.1 — tanh(x), 원소별 · elementwise."""
    # END STUB
    # BEGIN SOLUTION
    return np.tanh(x)
    # END SOLUTION


def tanh_d(x):
    # BEGIN STUB
    """Task 6.1 — tanh′(x) = 1 − tanh(x)². x는 Z입니다 · x is Z."""
    # END STUB
    # BEGIN SOLUTION
    return 1.0 - np.tanh(x) ** 2
    # END SOLUTION


def relu(x):
    # BEGIN STUB
    """Task 6.1 — relu(x) = max(0, x), 원소별 · elementwise."""
    # END STUB
    # BEGIN SOLUTION
    return np.maximum(0.0, x)
    # END SOLUTION


def relu_d(x):
    # BEGIN STUB
    """Task 6.1 — relu′(x) = 1.0 (x > 0), 0.0 (x ≤ 0; x = 0 에서도 0 · 0 at x = 0 too).

    강의의 relu_d는 x[x<=0] = 0 처럼 **인자 x 자체를 바꿉니다**. 그러면 역전파에 쓰는 Z가
    망가집니다. 새 배열을 돌려주세요 (채점기가 확인합니다).
    The lecture's relu_d **modifies its argument** (x[x<=0] = 0), which destroys the Z that
    backprop still needs. [[new_array: Return a new array (the grader checks that x is unchanged)]].
    """
    # END STUB
    # BEGIN SOLUTION
    return np.where(x > 0, 1.0, 0.0)  # a new array: the caller's Z stays as it was
    # END SOLUTION


class DeepNeuralNet:
    # BEGIN STUB
    """심층 신경망 · a deep neural net with any number of layers (no biases).

    Args:
        net_arch: 층마다 뉴런 수 · neurons per layer, e.g. [784, 100, 10]; L = len(net_arch) − 1.
        activate: (g, g′) 쌍을 층 순서대로 늘어놓은 평평한 리스트 · a flat list of (g, g′) pairs,
            one pair per layer 1, 2, …: e.g. [tanh, tanh_d, sigmoid, sigmoid_d].
            생략한 층은 sigmoid · layers left out use sigmoid.
        eta: 학습률 · learning rate.  epochs: 학습 횟수 · number of passes over the data.
        random_seed: W[i]는 이 시드로 만든 **지역** 생성기에서 [−1, 1) 균등분포로 뽑습니다.
            W[i] is drawn uniformly from [−1, 1) by a **local** generator seeded with it.

    Attributes:
        W: W[i] (n_i, n_{i-1}) for i = 1 … L; W[0] is None.
        g, g_prime: g[i], g_prime[i] are layer i's activation and its derivative (index 0 unused).
        cost_: fit() 이후 에폭마다 하나씩 · after fit(), one number per epoch (see fit).
    """

    # END STUB
    def __init__(self, net_arch, activate=None, eta=1.0, epochs=100, random_seed=1):
        [[fit_returns_self: self.]]net_arch = net_arch
        self.layers = len(net_arch)
        self.eta = eta
        self.epochs = epochs
        self.random_seed = random_seed
        # BEGIN STUB
        rng = np.random.default_rng(random_seed)  # 지역 생성기 · a local generator, not np.random.seed
        # END STUB
        # BEGIN REFERENCE
        rng = np.random.default_rng(random_seed)
        # END REFERENCE
        self.W = [None]  # W[0] is not used
        for i in range(1, self.layers):
            self.W.append(2 * rng.random((net_arch[i], net_arch[i - 1])) - 1)
        self.g = [sigmoid] * self.layers
        self.g_prime = [sigmoid_d] * self.layers
        if activate is not None:
            for i, (g, g_prime) in enumerate(zip(activate[::2], activate[1::2]), start=1):
                self.g[i] = g
                self.g_prime[i] = g_prime

    def forpass(self, A0):
        # BEGIN STUB
        """Task 6.2 — 순전파 · forward pass.

        Z[i] = W[i] @ A[i-1],  A[i] = g[i](Z[i])  for i = 1 … L  (층 i는 g[i]를 씁니다 · layer i uses g[i]).

        Args:
            A0: 입력 · inputs, shape (n_0, m) — 한 열이 한 샘플 · one column per sample.
        Returns:
            (Z, A): 길이 L+1인 리스트 둘 · two lists of length L+1.
            Z[0]은 자리만 차지합니다 (None) · Z[0] is a placeholder (None); Z[i] has shape (n_i, m).
            A[0]은 A0 자신이고 A[i]의 모양은 (n_i, m) · A[0] is A0 itself; A[i] has shape (n_i, m).
        """
        # END STUB
        # BEGIN SOLUTION
        Z, A = [None], [A0]
        for i in range(1, self.layers):
            Z.append(self.W[i] @ A[i - 1])
            A.append(self.g[i](Z[i]))
        return Z, A
        # END SOLUTION

    def backprop(self, Z, A, Y):
        # BEGIN STUB
        """Task 6.3 — 역전파 한 번과 가중치 갱신 · one backpropagation step and weight update.

        정확한 기울기를 쓰세요 · [[exact_gradient: use the exact gradient of J = ½·Σ(Y − A[L])² / m]]:
            E     = Y − A[L]
            dZ[L] = E * g′[L](Z[L])
            dZ[i] = (W[i+1].T @ dZ[i+1]) * g′[i](Z[i])     for i = L−1 … 1
            W[i] += eta * dZ[i] @ A[i-1].T / m               for i = L … 1,  m = Y.shape[1]

        주의 · Careful:
        - 은닉층 오차는 W[i+1].T @ **dZ[i+1]** 입니다. 강의의 W[i+1].T @ E[i+1]는 지름길일 뿐
          정확한 기울기가 아닙니다.
          The hidden error is W[i+1].T @ **dZ[i+1]**; the lecture's W[i+1].T @ E[i+1] is a
          shortcut, not the gradient.
        - 모든 dZ를 **바꾸기 전의** W로 먼저 구한 다음 W를 바꾸세요.
          [[dz_before_update: Compute every dZ with the weights **before** the update]], then update the W's.
        - m은 샘플 수(열의 수)입니다 · m is the number of samples (columns): Y.shape[1].

        Args:
            Z, A: forpass가 돌려준 리스트 · the lists forpass returned.
            Y: 목표값 · targets, shape (n_L, m).
        Returns:
            E = Y − A[L] (n_L, m): 갱신 **전** 출력의 오차 · the error of the output *before* the update.
        """
        # END STUB
        # BEGIN SOLUTION
        L = self.layers - 1
        E = Y - A[L]
        dZ = [None] * self.layers
        dZ[L] = E * self.g_prime[L](Z[L])
        for i in range(L - 1, 0, -1):
            dZ[i] = (self.W[i + 1].T @ dZ[i + 1]) * self.g_prime[i](Z[i])  # exact: through dZ, not E
        m = Y.shape[1]
        for i in range(L, 0, -1):
            self.W[i] += self.eta * dZ[i] @ A[i - 1].T / m
        return E
        # END SOLUTION

    def fit(self, X, y):
        # BEGIN STUB
        """Task 6.4 — 배치 경사 하강법으로 학습 · train by batch gradient descent.

        에폭마다 전체 데이터로 forpass와 backprop을 한 번씩 합니다.
        Each epoch runs forpass and backprop once on all the data.

        - A0 = X.T (n_0, m).
        - 목표값 Y (n_L, m): n_L > 1 이면 0/1 원-핫 one_hot_encoding(y, n_L).T,
          n_L == 1 이면 레이블 자체 (0 또는 1)를 한 행으로: y.reshape(1, m).
          Targets Y (n_L, m): [[onehot_targets: plain 0/1 one-hot one_hot_encoding(y, n_L).T when n_L > 1]]; when
          n_L == 1, [[binary_targets: the labels themselves (0 or 1) as one row]]: y.reshape(1, m).
        - 강의처럼 에폭마다 self.cost_에 √(Σ E²)를 덧붙입니다 (E는 backprop이 돌려준 오차).
          As in the lecture, [[cost_per_epoch: append √(Σ E²) to self.cost_ each epoch]] (E as returned by backprop).
          fit을 부를 때마다 self.cost_ = [] 로 새로 시작합니다 · [[cost_afresh: start self.cost_ afresh]].

        Args:
            X: 행 우선 입력 · row-major inputs, shape (m, n_0).
            y: 정수 레이블 · integer labels, shape (m,).
        Returns:
            self.
        """
        # END STUB
        # BEGIN SOLUTION
        A0 = np.array(X, ndmin=2).T
        n_y = self.net_arch[-1]
        Y = np.reshape(y, (1, -1)) if n_y == 1 else one_hot_encoding(y, n_y).T
        self.cost_ = []
        for _ in range(self.epochs):
            Z, A = self.forpass(A0)
            E = self.backprop(Z, A, Y)
            self.cost_.append(np.sqrt(np.sum(E * E)))
        return self
        # END SOLUTION

    def predict(self, X):
        # BEGIN STUB
        """Task 6.5 — 출력층의 값 · the output layer's activations.

        Args:
            X: 행 우선 · row-major, shape (m, n_0); 샘플 하나 (n_0,) 도 받습니다 · [[predict_one_sample: also one sample (n_0,)]].
        Returns:
            A[L], shape (n_L, m) — 열 우선 · [[predict_column_major: column-major (one column per sample)]].
        """
        # END STUB
        # BEGIN SOLUTION
        Z, A = self.forpass(np.array(X, ndmin=2).T)
        return A[-1]
        # END SOLUTION

    def evaluate(self, X, y):
        # BEGIN STUB
        """Task 6.5 — 정확도(%) · [[accuracy_percent: accuracy as a percentage in [0, 100]]].

        예측 레이블 · predicted label: n_L > 1 이면 열마다 argmax (axis=0) · [[argmax_columns: argmax of each column]];
        n_L == 1 이면 출력 > 0.5 이면 1, 아니면 0 · [[binary_threshold: 1 if the output > 0.5 else 0]].

        Args:
            X: (m, n_0).  y: 정수 레이블 · integer labels (m,).
        Returns:
            float: 100 · (맞힌 수 · correct) / m.
        """
        # END STUB
        # BEGIN SOLUTION
        A = self.predict(X)
        yhat = (A[0] > 0.5).astype(int) if A.shape[0] == 1 else np.argmax(A, axis=0)
        return 100.0 * np.mean(yhat == np.asarray(y))
        # END SOLUTION
