"""predict that feeds X (m, n_x) to forpass without transposing it."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

MISTAKE = {
    "ko": "클래스 안에서는 열마다 한 샘플입니다: forpass에는 X가 아니라 A0 = X.T (n_x, m)를 넣으세요.",
    "en": "Inside the class each column is one sample: pass A0 = X.T (n_x, m) to forpass, not X.",
    "fails": ["predict_*", "evaluate_*"],
}


def _predict_rows(self, X):
    return self.forpass(X)[3]


MnistBGD.predict = _predict_rows
