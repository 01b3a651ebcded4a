# Park Minho: backprop without dividing by the batch size; accuracy that only takes one-hot t.

import numpy as np

# ---- 도우미 (앞 과제) · helpers from earlier exercises ------------------------------------------


def sigmoid(x):
    """시그모이드 · sigmoid, elementwise."""
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    """시그모이드의 도함수 · derivative of the sigmoid at x: sigmoid(x) · (1 − sigmoid(x)).

    x 는 시그모이드에 **들어가는** 값 (a1)입니다. 이미 시그모이드를 지난 z1 이 아닙니다.
    x is the value that goes **into** the sigmoid (a1), not z1 = sigmoid(a1).
    """
    return (1.0 - sigmoid(x)) * sigmoid(x)


def softmax(x):
    """소프트맥스 · softmax: (K,) 전체에, (N, K)는 각 행마다 · over (K,), or each row of (N, K)."""
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    """교차 엔트로피 오차의 배치 평균 · batch mean of the cross-entropy error.

    y (N, K) 또는 (K,); t 는 원-핫 (y와 같은 모양) 또는 정수 레이블 (N,).
    y (N, K) or (K,); t one-hot (same shape as y) or integer labels (N,). Returns a float.
    """
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t.ravel()] + 1e-7)) / n


def numerical_gradient(f, x):
    """중앙 차분 기울기 · central-difference gradient of f at the array x (h = 1e-4).

    x 의 원소를 **제자리에서** 하나씩 ±h 만큼 바꾸어 f(x)를 부르고, 끝나면 되돌려 놓습니다.
    Nudges the entries of x **in place**, one at a time by ±h, calls f(x), and restores them.
    그래서 f 가 인자를 쓰지 않고 self.params 를 읽어도 됩니다 (강의의 loss_W = lambda W: ...).
    So f may ignore its argument and read self.params instead (the lecture's loss_W).

    Returns:
        np.ndarray, x 와 같은 모양 · same shape as x.
    """
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp
    return grad


def plot_history(history):
    """train_neuralnet 의 기록을 그립니다 · plot what train_neuralnet recorded (matplotlib).

    왼쪽: 반복마다의 손실. 오른쪽: 에포크마다의 훈련/시험 정확도.
    Left: the loss at each iteration. Right: train and test accuracy at each epoch.
    Returns the matplotlib figure (in a notebook it is drawn; in a script call plt.show()).
    """
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



class simpleNet:
    def __init__(self):
        self.W = np.random.randn(2, 3)

    def predict(self, x):
        return np.dot(x, self.W)

    def loss(self, x, t):
        z = self.predict(x)
        y = softmax(z)
        loss = cross_entropy_error(y, t)
        return loss


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params["W1"] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params["b2"] = np.zeros(output_size)

    def predict(self, x):
        W1, W2 = self.params["W1"], self.params["W2"]
        b1, b2 = self.params["b1"], self.params["b2"]
        a1 = np.dot(x, W1) + b1
        z1 = sigmoid(a1)
        a2 = np.dot(z1, W2) + b2
        y = softmax(a2)
        return y

    def loss(self, x, t):
        y = self.predict(x)
        return cross_entropy_error(y, t)

    def accuracy(self, x, t):
        y = self.predict(x)
        y = np.argmax(y, axis=1)
        t = np.argmax(t, axis=1)  # one-hot labels only
        accuracy = np.sum(y == t) / float(x.shape[0])
        return accuracy

    def numerical_gradient(self, x, t):
        loss_W = lambda W: self.loss(x, t)
        grads = {}
        grads["W1"] = numerical_gradient(loss_W, self.params["W1"])
        grads["b1"] = numerical_gradient(loss_W, self.params["b1"])
        grads["W2"] = numerical_gradient(loss_W, self.params["W2"])
        grads["b2"] = numerical_gradient(loss_W, self.params["b2"])
        return grads

    def gradient(self, x, t):
        W1, W2 = self.params["W1"], self.params["W2"]
        b1, b2 = self.params["b1"], self.params["b2"]
        grads = {}
        batch_num = x.shape[0]

        # forward
        a1 = np.dot(x, W1) + b1
        z1 = sigmoid(a1)
        a2 = np.dot(z1, W2) + b2
        y = softmax(a2)

        # backward
        dy = y - t  # forgot / batch_num
        grads["W2"] = np.dot(z1.T, dy)
        grads["b2"] = np.sum(dy, axis=0)
        da1 = np.dot(dy, W2.T)
        dz1 = sigmoid_grad(a1) * da1
        grads["W1"] = np.dot(x.T, dz1)
        grads["b1"] = np.sum(dz1, axis=0)
        return grads


def train_neuralnet(
    network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100, learning_rate=0.1, seed=0
):
    rng = np.random.default_rng(seed)
    train_loss_list, train_acc_list, test_acc_list = [], [], []
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size / batch_size, 1)

    for i in range(iters_num):
        batch_mask = rng.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train[batch_mask]

        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]

        loss = network.loss(x_batch, t_batch)
        train_loss_list.append(loss)

        if i % iter_per_epoch == 0:
            train_acc = network.accuracy(x_train, t_train)
            test_acc = network.accuracy(x_test, t_test)
            train_acc_list.append(train_acc)
            test_acc_list.append(test_acc)

    return {"train_loss_list": train_loss_list, "train_acc_list": train_acc_list, "test_acc_list": test_acc_list}
