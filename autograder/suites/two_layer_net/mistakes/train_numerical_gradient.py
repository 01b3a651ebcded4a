"""Training with numerical_gradient: the lecture's commented-out alternative, far too slow."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "학습 루프에서는 network.gradient를 쓰세요. numerical_gradient는 784-50-10 신경망에서 한 단계에 "
    "순전파 79,520번이라 시간 제한에 걸립니다.",
    "en": "Use network.gradient in the training loop: numerical_gradient costs 79,520 forward passes per "
    "step on a 784-50-10 net and runs out of time.",
    "fails": ["train_*"],
    "lecture": True,
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
        grad = network.numerical_gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
        history["train_loss_list"].append(network.loss(x_batch, t_batch))
        if i % iter_per_epoch == 0:
            history["train_acc_list"].append(network.accuracy(x_train, t_train))
            history["test_acc_list"].append(network.accuracy(x_test, t_test))
    return history
