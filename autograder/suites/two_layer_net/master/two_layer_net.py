# BEGIN STUB
"""과제 3: 2층 신경망 · Exercise 3: a two-layer network (TwoLayerNet).

밑바닥부터 시작하는 딥러닝 4.4.2 (simpleNet)와 4.5 (TwoLayerNet, 미니배치 학습)를 따릅니다.
Follows Deep Learning from Scratch 4.4.2 (simpleNet) and 4.5 (TwoLayerNet, mini-batch training).

자가 점검 · Self-check (이 폴더에서 · from this folder):  python check.py

규칙 · Conventions (the grader checks these):
- 행 우선입니다: [[row_major: 한 행이 한 샘플]]. x (N, input_size), 은닉층 a1 = x @ W1 + b1.
  Row-major: one sample per row. x (N, input_size); hidden pre-activation a1 = x @ W1 + b1.
- self.params 의 모양 · shapes: W1 (input_size, hidden_size), b1 (hidden_size,),
  W2 (hidden_size, output_size), b2 (output_size,). 편향은 1차원입니다 · biases are 1-D.
- [[reads_params: 모든 메서드는 self.params 에서 가중치를 읽습니다]]. 채점기는 네트워크를 만든 뒤
  net.params 를 자기 값으로 바꿉니다 (무작위 초기값에 기대지 마세요).
  Every method reads the weights from self.params: the grader builds the network, then replaces
  net.params with its own values (never rely on the random initial weights).
- [[keeps_inputs: 입력 배열 (x, t, x_train, ...)을 바꾸지 마세요.]] Never modify input arrays.
- 아래 도우미 함수들은 앞 과제에서 만든 것입니다. 그대로 쓰세요.
  The helpers below are the ones you wrote in earlier exercises; use them as they are.
"""
# END STUB
# BEGIN REFERENCE
"""Reference solution, exercise 3: a two-layer network (Deep Learning from Scratch 4.4.2, 4.5)."""
# END REFERENCE

import numpy as np

# BEGIN STUB
# ---- 도우미 (앞 과제) · helpers from earlier exercises ------------------------------------------
# END STUB
# BEGIN REFERENCE
# ---- helpers from earlier exercises (identical in the stub) -----------------------------------
# END REFERENCE


def sigmoid(x):
    # BEGIN STUB
    """시그모이드 · sigmoid, elementwise."""
    # END STUB
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    # BEGIN STUB
    """시그모이드의 도함수 · derivative of the sigmoid at x: sigmoid(x) · (1 − sigmoid(x)).

    x 는 시그모이드에 **들어가는** 값 (a1)입니다. 이미 시그모이드를 지난 z1 이 아닙니다.
    x is the value that goes **into** the sigmoid (a1), not z1 = sigmoid(a1).
    """
    # END STUB
    return (1.0 - sigmoid(x)) * sigmoid(x)


def softmax(x):
    # BEGIN STUB
    """소프트맥스 · softmax: (K,) 전체에, (N, K)는 각 행마다 · over (K,), or each row of (N, K)."""
    x = x - np.max(x, axis=-1, keepdims=True)
    # END STUB
    # BEGIN REFERENCE
    x = x - np.max(x, axis=-1, keepdims=True)  # exp never overflows: largest term is e^0
    # END REFERENCE
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    # BEGIN STUB
    """교차 엔트로피 오차의 [[loss_batch_mean: 배치 평균 · batch mean]] of the cross-entropy error.

    y (N, K) 또는 (K,); t 는 원-핫 (y와 같은 모양) 또는 정수 레이블 (N,).
    y (N, K) or (K,); t one-hot (same shape as y) or integer labels (N,). Returns a float.
    """
    # END STUB
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1)
    # BEGIN STUB
    if t.size == y.size:
    # END STUB
    # BEGIN REFERENCE
    if t.size == y.size:  # one-hot -> labels
    # END REFERENCE
        t = t.argmax(axis=1)
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t.ravel()] + 1e-7)) / n


def numerical_gradient(f, x):
    # BEGIN STUB
    """중앙 차분 기울기 · central-difference gradient of f at the array x (h = 1e-4).

    x 의 원소를 **제자리에서** 하나씩 ±h 만큼 바꾸어 f(x)를 부르고, 끝나면 되돌려 놓습니다.
    Nudges the entries of x **in place**, one at a time by ±h, calls f(x), and restores them.
    그래서 f 가 인자를 쓰지 않고 self.params 를 읽어도 됩니다 (강의의 loss_W = lambda W: ...).
    So f may ignore its argument and read self.params instead (the lecture's loss_W).

    Returns:
        np.ndarray, x 와 같은 모양 · same shape as x.
    """
    # END STUB
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        # BEGIN STUB
        x[idx] = tmp
        # END STUB
        # BEGIN REFERENCE
        x[idx] = tmp  # restore the entry
        # END REFERENCE
    return grad


def plot_history(history):
    # BEGIN STUB
    """train_neuralnet 의 기록을 그립니다 · plot what train_neuralnet recorded (matplotlib).

    왼쪽: 반복마다의 손실. 오른쪽: 에포크마다의 훈련/시험 정확도.
    Left: the loss at each iteration. Right: train and test accuracy at each epoch.
    Returns the matplotlib figure (in a notebook it is drawn; in a script call plt.show()).
    """
    # END STUB
    import matplotlib.pyplot as plt

    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    ax_loss.plot(history["train_loss_list"])
    ax_loss.set_xlabel("iteration")
    ax_loss.set_ylabel("loss")
    epochs = np.arange(len(history["train_acc_list"]))
    ax_acc.plot(epochs, history["train_acc_list"], label="train acc")
    ax_acc.plot(epochs, history["test_acc_list"], label="test acc", linestyle="--")
    ax_acc.set_xlabel("epochs")
    ax_acc.set_ylabel("accuracy")
    ax_acc.set_ylim(0, 1.0)
    ax_acc.legend(loc="lower right")
    return fig


# BEGIN STUB
# ---- 과제 · the exercise ------------------------------------------------------------------------
# END STUB
# BEGIN REFERENCE
# ---- the exercise -----------------------------------------------------------------------------
# END REFERENCE


# BEGIN STUB
class simpleNet:  # noqa: N801 (강의의 이름 · the lecture's name)
    """강의 4.4.2의 simpleNet: 가중치 W (2, 3) 하나, 편향·은닉층 없음.
    The lecture's simpleNet (4.4.2): one weight matrix W (2, 3), no bias, no hidden layer.
    """

# END STUB
# BEGIN REFERENCE
class simpleNet:  # noqa: N801 (the lecture's name)
# END REFERENCE
    def __init__(self):
        self.W = np.random.randn(2, 3)

    def predict(self, x):
        # BEGIN STUB
        """x (2,) 또는 (N, 2) → 점수 · scores x @ W, shape (3,) or (N, 3)."""
        # END STUB
        return x @ self.W

    def loss(self, x, t):
        # BEGIN STUB
        """Task 3.2 — simpleNet 의 손실 · simpleNet's loss.

        predict → softmax → cross_entropy_error 순서입니다.
        predict, then softmax, then cross_entropy_error.

        Args:
            x: (2,) 또는 (N, 2). t: 원-핫 (3,) / (N, 3) 또는 레이블 · one-hot or labels.
        Returns:
            float. 예 · e.g. the lecture's W, x = [0.6, 0.9], t = [0, 0, 1] → 0.928068...
        """
        # END STUB
        # BEGIN SOLUTION
        return cross_entropy_error(softmax(self.predict(x)), t)
        # END SOLUTION


class TwoLayerNet:
    # BEGIN STUB
    """2층 신경망 · two-layer network: input → affine → sigmoid → affine → softmax."""

    # END STUB
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }

    def predict(self, x):
        # BEGIN STUB
        """Task 3.1 — 순전파 · forward pass.

        a1 = x @ W1 + b1,  z1 = sigmoid(a1),  a2 = z1 @ W2 + b2,  y = softmax(a2).

        Args:
            x: (N, input_size), [[one_sample: 또는 샘플 하나 · or one sample (input_size,)]].
        Returns:
            y: 확률 · probabilities, shape (N, output_size) (or (output_size,)); 각 행의 합은 1.
            Each row sums to 1.
        """
        # END STUB
        # BEGIN SOLUTION
        p = self.params
        z1 = sigmoid(x @ p["W1"] + p["b1"])
        return softmax(z1 @ p["W2"] + p["b2"])
        # END SOLUTION

    def loss(self, x, t):
        # BEGIN STUB
        """Task 3.2 — 손실 · loss: cross_entropy_error(self.predict(x), t), 배치 평균 · batch mean.

        Args:
            x: (N, input_size). [[loss_targets: t: 원-핫 (N, output_size) 또는 정수 레이블 · or integer labels (N,)]].
        Returns:
            float.
        """
        # END STUB
        # BEGIN SOLUTION
        return cross_entropy_error(self.predict(x), t)
        # END SOLUTION

    def accuracy(self, x, t):
        # BEGIN STUB
        """Task 3.3 — 정확도 · accuracy, [[accuracy_fraction: as a **fraction** in [0, 1] (0.87, not 87)]].

        예측 클래스는 predict(x) 의 각 행의 argmax 입니다. The predicted class is the argmax of each row.
        t 는 원-핫 (N, output_size) **또는** 정수 레이블 (N,) 둘 다 받아야 합니다
        (t.ndim 으로 구분하세요). [[accuracy_targets: t may be one-hot (N, output_size) **or** integer labels (N,)]]:
        accept both (tell them apart by t.ndim).

        Returns:
            float: 맞힌 개수 / N · number correct / N.
        """
        # END STUB
        # BEGIN SOLUTION
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0])
        # END SOLUTION

    def numerical_gradient(self, x, t):
        # BEGIN STUB
        """Task 3.4 — 수치 미분으로 구한 손실의 기울기 · gradient of the loss by numerical differentiation.

        위의 도우미 numerical_gradient(f, self.params[key])를 키마다 부르세요. 복사본이 아니라
        [[numgrad_params_itself: self.params[key] 자체를 넘겨야 합니다]]: 도우미가 그 배열을 바꾸어 가며 손실을 잽니다.
        Call the helper numerical_gradient(f, self.params[key]) for each key. Pass self.params[key]
        itself, not a copy: the helper nudges that very array while f measures the loss.

        주의 · Warning: 매개변수 하나마다 순전파 2번입니다. 784-50-10 신경망은 매개변수가 39,760개라
        한 번 부르는 데 순전파 79,520번 (몇 분)이 걸립니다. 작은 신경망에서 기울기 확인에만 쓰고,
        학습이나 파일 최상위 코드에서는 부르지 마세요 (채점기의 시간 제한에 걸립니다).
        Two forward passes per parameter: a 784-50-10 net has 39,760 parameters, so one call is
        79,520 forward passes (minutes). Use it only to check gradients on a small net; never in
        training or at the top level of your file (the grader's time limit will stop it).

        Args:
            x: (N, input_size). t: 원-핫 또는 레이블 · one-hot or labels.
        Returns:
            dict with keys "W1", "b1", "W2", "b2", each the same shape as self.params[key].
        """
        # END STUB
        # BEGIN SOLUTION
        loss_W = lambda W: self.loss(x, t)  # the helper nudges self.params[key] in place
        return {key: numerical_gradient(loss_W, self.params[key]) for key in ("W1", "b1", "W2", "b2")}
        # END SOLUTION

    def gradient(self, x, t):
        # BEGIN STUB
        """Task 3.5 — 오차역전파로 구한 손실의 기울기 · gradient of the loss by backpropagation.

        순전파 a1, z1, y 를 구한 뒤 · after the forward pass a1, z1, y:
            dy  = (y − t) / N              # N = x.shape[0]: 손실이 배치 **평균**이므로 · the loss is a mean
            W2 ← z1.T @ dy,   b2 ← dy 의 열 합 · column sums of dy (axis=0)
            da1 = (dy @ W2.T) * sigmoid_grad(a1)     # a1 이지 z1 이 아님 · a1, not z1
            W1 ← x.T @ da1,   b1 ← da1 의 열 합 · column sums of da1 (axis=0)
        같은 배치를 두 번 이어 붙인 배치의 기울기는 원래 배치의 기울기와 같아야 합니다.
        [[gradient_batch_mean: The gradient of a batch stacked twice must equal the original batch's gradient.]]

        Args:
            x: (N, input_size). t: 원-핫 · one-hot (N, output_size).
        Returns:
            dict "W1", "b1", "W2", "b2", 각각 self.params[key] 와 같은 모양 (b1, b2 는 1차원).
            Each has the shape of self.params[key] ([[biases_1d: b1 and b2 are 1-D, not (1, n)]]).
            [[gradient_keeps_params: self.params 는 바꾸지 않습니다]] · does not change self.params.
        """
        # END STUB
        # BEGIN SOLUTION
        p = self.params
        a1 = x @ p["W1"] + p["b1"]
        z1 = sigmoid(a1)
        y = softmax(z1 @ p["W2"] + p["b2"])
        dy = (y - t) / x.shape[0]  # the loss is the batch mean
        da1 = (dy @ p["W2"].T) * sigmoid_grad(a1)
        return {"W1": x.T @ da1, "b1": np.sum(da1, axis=0), "W2": z1.T @ dy, "b2": np.sum(dy, axis=0)}
        # END SOLUTION


def train_neuralnet(
    network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100, learning_rate=0.1, seed=0
):
    # BEGIN STUB
    """Task 3.6 — 강의 4.5.2-4.5.3의 미니배치 학습 · the lecture's mini-batch training (4.5.2-4.5.3).

    반복 i = 0, 1, ..., iters_num − 1 마다 · for each iteration i:
        batch_mask = rng.choice(train_size, batch_size)    # [[train_rng_once: rng = np.random.default_rng(seed), 한 번만]] · once
    # END STUB
    # BEGIN REFERENCE
    rng = np.random.default_rng(seed)
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size / batch_size, 1)
    history = {"train_loss_list": [], "train_acc_list": [], "test_acc_list": []}
    for i in range(iters_num):
        batch_mask = rng.choice(train_size, batch_size)
    # END REFERENCE
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        # BEGIN STUB
        grad = network.gradient(x_batch, t_batch)          # 역전파 · backprop ([[train_uses_backprop: numerical_gradient 금지]] · not numerical)
        params[key] −= learning_rate * grad[key]             # W1, b1, W2, b2
        train_loss_list 에 갱신 **후** network.loss(x_batch, t_batch) 를 덧붙임 · [[train_loss_after_update: append the loss **after** the update]]
        i % iter_per_epoch == 0 이면 · if: 전체 x_train / x_test 의 정확도를 train_acc_list / test_acc_list 에
        덧붙임 · append the accuracy on all of x_train / x_test.
    iter_per_epoch = max(train_size / batch_size, 1) (강의 그대로, 나눗셈 / · as in the lecture, true division).
    전역 np.random.seed 는 부르지 말고, 이 rng 만 쓰세요 (같은 seed → 같은 미니배치).
    Never call np.random.seed; use only this rng (same seed → same mini-batches).
    plot_history(결과)로 그래프를 그릴 수 있습니다 · plot the result with plot_history(history).

    Args:
        network: TwoLayerNet (제자리에서 학습됨 · trained in place).
        x_train (M, input_size), t_train 원-핫 · one-hot (M, output_size); x_test, t_test 같은 형식 · likewise.
        iters_num, batch_size, learning_rate: 강의의 값 · the lecture's 10000, 100, 0.1.
        seed: 미니배치 추출용 · for sampling the mini-batches.
    Returns:
        dict {"train_loss_list": [...], "train_acc_list": [...], "test_acc_list": [...]}:
        iters_num 개의 손실과 에포크마다의 정확도 · iters_num losses, one accuracy per epoch.
    """
        # END STUB
    # BEGIN SOLUTION
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
        history["train_loss_list"].append(network.loss(x_batch, t_batch))
        if i % iter_per_epoch == 0:
            history["train_acc_list"].append(network.accuracy(x_train, t_train))
            history["test_acc_list"].append(network.accuracy(x_test, t_test))
    return history
    # END SOLUTION
