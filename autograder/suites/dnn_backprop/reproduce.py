"""Lecture runs for exercise 6 (파이썬으로 배우는 기계학습 13-2, 13-3).

Our reference differs from the lecture code on purpose in two places, and both change the numbers:
the hidden error is the exact W[i+1]ᵀ·dZ[i+1] (the lecture's is W[i+1]ᵀ·E[i+1]), and updates are
divided by the number of samples (one lecture version divides by Y.shape[0], which is 1 for XOR).
Weights come from a local numpy Generator, not np.random.seed, so they are not the lecture's draws.
MNIST and Fashion-MNIST here are the kit's 5,000-image training subsets (the lecture trains on
60,000) and the official 10,000 test images; the numbers are ours, not the lecture's.
"""

import numpy as np

from autograder.reproduce import Run

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
XOR_Y = np.array([0, 1, 1, 0])


def xor(ref, arch, eta, hidden="sigmoid", epochs=5000):
    act = None
    if hidden == "tanh":
        act = [ref.tanh, ref.tanh_d] * (len(arch) - 2) + [ref.sigmoid, ref.sigmoid_d]
    return ref.DeepNeuralNet(arch, act, eta=eta, epochs=epochs).fit(XOR_X, XOR_Y)


def xor_points(ref, arch, eta):
    net = xor(ref, arch, eta)
    out = net.predict(XOR_X)[0]
    text = f"{net.evaluate(XOR_X, XOR_Y):g} % correct, outputs {np.round(out, 3).tolist()}"
    return text, net.evaluate(XOR_X, XOR_Y) == 100.0


def final_cost(ref, hidden):
    net = xor(ref, [2, 4, 1], 0.5, hidden)
    text = f"cost_[0] = {net.cost_[0]:.4f}, cost_[-1] = {net.cost_[-1]:.4f}, {net.evaluate(XOR_X, XOR_Y):g} %"
    return text, net.cost_[-1] < net.cost_[0]


def image_run(ref, dataset, arch, eta=1.0, epochs=200):
    import nnkit_data

    (x_train, t_train), (x_test, t_test) = getattr(nnkit_data, f"load_{dataset}")()
    net = ref.DeepNeuralNet(arch, eta=eta, epochs=epochs).fit(x_train, t_train)
    train, test = net.evaluate(x_train, t_train), net.evaluate(x_test, t_test)
    text = f"test {test:.2f} % (train {train:.2f} %), cost_ {net.cost_[0]:.1f} -> {net.cost_[-1]:.1f}"
    return text, test > 30.0 and net.cost_[-1] < net.cost_[0]


OURS = "exact gradient, update / m, our random draws"
IMAGES = "our data: 5,000 training images, not the lecture's 60,000; sigmoid, full batch, eta 1.0"
CRITERION = "test > 30 % (3× chance), cost_ falls"

RUNS = [
    Run(
        "XOR [2, 4, 2, 1], eta 0.5, 5000 epochs",
        "all four points right",
        lambda r: xor_points(r, [2, 4, 2, 1], 0.5),
        "100 %",
        OURS + "; stuck here: the lecture's m = Y.shape[0] = 1 takes 4x larger steps (see next row)",
    ),
    Run(
        "XOR [2, 4, 2, 1], eta 2.0 (the lecture's step)",
        "all four points right",
        lambda r: xor_points(r, [2, 4, 2, 1], 2.0),
        "100 %",
        OURS + "; eta 2.0 / m=4 = the lecture's 0.5 / Y.shape[0]=1",
    ),
    Run(
        "XOR [2, 4, 1], eta 0.5, 5000 epochs",
        "all four points right",
        lambda r: xor_points(r, [2, 4, 1], 0.5),
        "100 %",
        OURS,
    ),
    Run(
        "XOR [2, 4, 1] cost_, sigmoid hidden",
        "curve (no number printed)",
        lambda r: final_cost(r, "sigmoid"),
        "cost_ falls",
        OURS,
    ),
    Run(
        "XOR [2, 4, 1] cost_, tanh hidden",
        "curve (no number printed)",
        lambda r: final_cost(r, "tanh"),
        "cost_ falls",
        OURS
        + "; no biases: tanh(0) = 0 pins the output at (0, 0) to exactly 0.5, so cost_ stays ≥ 0.5; it counts as 0 since the rule is > 0.5",
    ),
    Run(
        "MNIST [784, 100, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "mnist", [784, 100, 10]),
        CRITERION,
        IMAGES,
    ),
    Run(
        "MNIST [784, 100, 50, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "mnist", [784, 100, 50, 10]),
        CRITERION,
        IMAGES,
    ),
    Run(
        "Fashion-MNIST [784, 100, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "fashion_mnist", [784, 100, 10]),
        CRITERION,
        IMAGES,
    ),
]
