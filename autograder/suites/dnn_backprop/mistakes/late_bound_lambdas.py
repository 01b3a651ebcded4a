"""Activations wrapped in lambdas inside a loop: every lambda sees the loop's last value."""

# ruff: noqa: F821 (appended to the reference solution, which defines the names used here)

import numpy as np

MISTAKE = {
    "hint": "late_bound_lambdas",
    "ko": "반복문 안에서 만든 lambda x: activate[2*i](x)는 i를 **나중에** 읽습니다: 모든 층이 마지막 활성화 함수를 쓰게 됩니다. lambda 없이 함수 자체를 넣으세요 (self.g[i] = g).",
    "en": "A lambda x: activate[2*i](x) made in a loop reads i **later**, so every layer gets the last activation. Store the functions themselves (self.g[i] = g), without lambdas.",
    "fails": [
        "forpass_*",
        "backprop_*",
        "fit_*",
        "predict_*",
        "evaluate_accuracy*",
        "evaluate_multiclass_small",
    ],
}


def _late_init(self, net_arch, activate=None, eta=1.0, epochs=100, random_seed=1):
    self.net_arch, self.layers = net_arch, len(net_arch)
    self.eta, self.epochs, self.random_seed = eta, epochs, random_seed
    rng = np.random.default_rng(random_seed)
    self.W = [None] + [2 * rng.random((net_arch[i], net_arch[i - 1])) - 1 for i in range(1, self.layers)]
    self.g = [sigmoid] * self.layers
    self.g_prime = [sigmoid_d] * self.layers
    if activate is not None:
        for i in range(len(activate) // 2):
            self.g[i + 1] = lambda x: activate[2 * i](x)
            self.g_prime[i + 1] = lambda x: activate[2 * i + 1](x)


DeepNeuralNet.__init__ = _late_init
