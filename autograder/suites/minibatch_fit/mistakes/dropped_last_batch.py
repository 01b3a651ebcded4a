"""Mini-batches that stop before the short last batch."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "ko": "cost_ 항목이 모자랍니다: 짧은 마지막 배치를 버렸나요? range(0, m, batch_size)로 모든 조각을 돌고, "
    "마지막 배치는 그 길이로 나누세요.",
    "en": "cost_ is too short: did you drop the short last batch? Loop over range(0, m, batch_size) and "
    "divide the last batch by its own length.",
    "hint": "dropped_last_batch",
    "fails": [
        "minibatch_small",
        "minibatch_one_epoch[bs32]",
        "minibatch_one_epoch[bs128]",
        "minibatch_keeps_inputs",
        "minibatch_small_cost",
        "minibatch_cost[bs32]",
        "minibatch_keeps_inputs_small",
        "minibatch_fit_twice",
        "batches_per_epoch",
    ],
}


def _fit_dropping_last(self, X, y):
    self.cost_ = []
    for epoch in range(self.epochs):
        eta = self.learning_rate(epoch)
        for s in range(0, len(y) - self.batch_size + 1, self.batch_size):
            self.cost_.append(_step(self, X[s : s + self.batch_size], y[s : s + self.batch_size], eta))
    return self


MnistMiniBatch.fit = _fit_dropping_last
