"""Labelled: accuracy in percent (x 100)."""

import numpy as np

EXPECTED_HINTS = ["accuracy_percent"]

# ---- helpers from earlier exercises (identical in the stub) -----------------------------------


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_grad(x):
    return (1.0 - sigmoid(x)) * sigmoid(x)


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)  # exp never overflows: largest term is e^0
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1)
    if t.size == y.size:  # one-hot -> labels
        t = t.argmax(axis=1)
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t.ravel()] + 1e-7)) / n


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp  # restore the entry
    return grad


def plot_history(history):
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


# ---- the exercise -----------------------------------------------------------------------------


class simpleNet:  # noqa: N801 (the lecture's name)
    def __init__(self):
        self.W = np.random.randn(2, 3)

    def predict(self, x):
        return x @ self.W

    def loss(self, x, t):
        return cross_entropy_error(softmax(self.predict(x)), t)


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }

    def predict(self, x):
        p = self.params
        z1 = sigmoid(x @ p["W1"] + p["b1"])
        return softmax(z1 @ p["W2"] + p["b2"])

    def loss(self, x, t):
        return cross_entropy_error(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0]) * 100

    def numerical_gradient(self, x, t):
        loss_W = lambda W: self.loss(x, t)  # the helper nudges self.params[key] in place
        return {key: numerical_gradient(loss_W, self.params[key]) for key in ("W1", "b1", "W2", "b2")}

    def gradient(self, x, t):
        p = self.params
        a1 = x @ p["W1"] + p["b1"]
        z1 = sigmoid(a1)
        y = softmax(z1 @ p["W2"] + p["b2"])
        dy = (y - t) / x.shape[0]  # the loss is the batch mean
        da1 = (dy @ p["W2"].T) * sigmoid_grad(a1)
        return {"W1": x.T @ da1, "b1": np.sum(da1, axis=0), "W2": z1.T @ dy, "b2": np.sum(dy, axis=0)}


def train_neuralnet(
    network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100, learning_rate=0.1, seed=0
):
    rng = np.random.default_rng(seed)
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size / batch_size, 1)
    history = {"train_loss_list": [], "train_acc_list": [], "test_acc_list": []}
    for i in range(iters_num):
        batch_mask = rng.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
        history["train_loss_list"].append(network.loss(x_batch, t_batch))
        if i % iter_per_epoch == 0:
            history["train_acc_list"].append(network.accuracy(x_train, t_train))
            history["test_acc_list"].append(network.accuracy(x_test, t_test))
    return history
