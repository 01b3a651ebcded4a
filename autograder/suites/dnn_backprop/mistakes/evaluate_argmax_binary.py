"""evaluate takes the argmax even for one output neuron, where it is always 0."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "evaluate_argmax_binary",
    "ko": "출력 뉴런이 하나일 때 argmax는 언제나 0입니다. n_y == 1이면 출력 > 0.5를 1로 보세요.",
    "en": "With a single output neuron argmax is always 0. When n_y == 1, predict 1 where the output > 0.5.",
    "fails": ["evaluate_small", "evaluate_accuracy[binary]"],
}


def _argmax_evaluate(self, X, y):
    return 100.0 * np.mean(np.argmax(self.predict(X), axis=0) == np.asarray(y))


DeepNeuralNet.evaluate = _argmax_evaluate
