"""Linear schedule divided by epochs instead of epochs - 1: never reaches 0.0001."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "ko": "첫 에포크 (e=0)는 eta, 마지막 에포크 (e=epochs-1)는 정확히 0.0001이어야 합니다: e / (epochs - 1).",
    "en": "Epoch e=0 must use eta and the last epoch (e=epochs-1) exactly 0.0001: use e / (epochs - 1).",
    "hint": "schedule_end",
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
