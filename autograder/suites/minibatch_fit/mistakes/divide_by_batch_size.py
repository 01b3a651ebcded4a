"""Every mini-batch update divided by batch_size, also for the short last batch."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "갱신을 batch_size로 나누었습니다. 짧은 마지막 배치는 그 실제 길이 (len(y_b))로 나누세요.",
    "en": "Updates are divided by batch_size. Divide by the batch's actual length (len(y_b)): the last one may be shorter.",
    "fails": [
        "minibatch_small",
        "minibatch_one_epoch[bs32]",
        "minibatch_one_epoch[bs128]",
        "minibatch_keeps_inputs",
        "minibatch_small_cost",
        "minibatch_cost[bs32]",
        "minibatch_keeps_inputs_small",
        "minibatch_fit_twice",
    ],
}


def _fit_by_batch_size(self, X, y):
    self.cost_ = []
    for epoch in range(self.epochs):
        eta = self.learning_rate(epoch)
        for s in range(0, len(y), self.batch_size):
            A0, Y = X[s : s + self.batch_size].T, one_hot_encoding(y[s : s + self.batch_size], self.n_y).T
            Z1, A1, Z2, A2 = self.forpass(A0)
            E2 = Y - A2
            dZ2 = E2 * self.g_prime(Z2)
            dZ1 = (self.W2.T @ dZ2) * self.g_prime(Z1)
            self.W2 += eta * dZ2 @ A1.T / self.batch_size
            self.W1 += eta * dZ1 @ A0.T / self.batch_size
            self.cost_.append(0.5 * np.sum(E2 * E2) / self.batch_size)
    return self


MnistMiniBatch.fit = _fit_by_batch_size
