"""predict returns A[L].T, shape (m, n_y), instead of the class's column-major (n_y, m)."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "predict_row_major",
    "ko": "predict는 열 우선 (n_y, m) 모양의 A[L]을 그대로 돌려줍니다 (전치하지 마세요).",
    "en": "predict returns A[L] as it is, column-major with shape (n_y, m) (do not transpose it).",
    "fails": ["predict_*", "evaluate_*"],
}


def _row_major_predict(self, X):
    Z, A = self.forpass(np.array(X, ndmin=2).T)
    return A[-1].T


DeepNeuralNet.predict = _row_major_predict
