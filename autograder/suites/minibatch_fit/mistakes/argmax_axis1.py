"""evaluate taking the argmax along axis 1 (rows) of the column-major output."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "ko": "A2는 (n_y, m)이므로 예측 클래스는 np.argmax(A2, axis=0)입니다 (axis=1 아님).",
    "en": "A2 is (n_y, m), so the predicted classes are np.argmax(A2, axis=0), not axis=1.",
    "fails": ["evaluate_*"],
}


def _evaluate_axis1(self, X, y):
    return 100.0 * np.mean(np.argmax(self.predict(X), axis=1) == y)


MnistBGD.evaluate = _evaluate_axis1
