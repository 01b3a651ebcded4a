"""Training steps along the gradient (+=) instead of against it."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "gradient_ascent",
    "ko": "가중치가 반대 방향으로 움직였습니다: 기울기의 반대 방향으로 가세요. params[key] -= learning_rate * grad[key]이고 dy = (y − t) / N입니다.",
    "en": "The weights moved the opposite way: step against the gradient, params[key] -= learning_rate * grad[key] (and dy = (y − t) / N).",
    "fails": ["train_*"],
}


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
            network.params[key] += learning_rate * grad[key]
        history["train_loss_list"].append(network.loss(x_batch, t_batch))
        if i % iter_per_epoch == 0:
            history["train_acc_list"].append(network.accuracy(x_train, t_train))
            history["test_acc_list"].append(network.accuracy(x_test, t_test))
    return history
