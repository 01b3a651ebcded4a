"""Linear schedule divided by epochs instead of epochs - 1: never reaches 0.0001."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "ko": "학습률 일정이 한 에포크 어긋났습니다: e / (epochs - 1)로 나누어야 마지막 에포크가 정확히 0.0001입니다.",
    "en": "The schedule is off by one epoch: divide by (epochs - 1) so that the last epoch uses exactly 0.0001.",
    "fails": [
        "learning_rate_five_epochs",
        "learning_rate_schedule[eta05_e10]",
        "learning_rate_schedule[eta01_e2]",
        "learning_rate_schedule[eta1_e40]",
        "minibatch_schedule",
    ],
}


def _rate_over_epochs(self, epoch):
    if not self.schedule:
        return self.eta
    return self.eta - (self.eta - 0.0001) * epoch / self.epochs


MnistMiniBatch.learning_rate = _rate_over_epochs
