"""Lecture runs for exercise 6 (파이썬으로 배우는 기계학습 13-2, 13-3).

Our reference differs from the lecture code on purpose in two places, and both change the numbers:
the hidden error is the exact W[i+1]ᵀ·dZ[i+1] (the lecture's is W[i+1]ᵀ·E[i+1]), and updates are
divided by the number of samples m (the lecture's divide by Y.shape[0], which is 1 for XOR).
The XOR rows therefore train at the lecture's own step: its eta 0.5 on the sum over the four
samples is eta 0.5 × 4 = 2.0 on our mean (with eta 0.5 on the mean, 4× smaller steps, the
[2, 4, 2, 1] net is still on its plateau after 5000 epochs: outputs all near 0.5).
Weights come from a local numpy Generator, not np.random.seed, so they are not the lecture's draws.
MNIST here is the kit's 5,000-image training subset and Fashion-MNIST its 10,000-image one (the
lecture trains on 60,000), with the official 10,000 MNIST test images and 2,000 Fashion-MNIST ones;
the numbers are ours, not the lecture's.
"""

import numpy as np

from autograder.authoring.reproduce import Run

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
XOR_Y = np.array([0, 1, 1, 0])
LECTURE_ETA = 0.5  # on the sum over the samples (the lecture divides by Y.shape[0] = 1)
ETA = LECTURE_ETA * len(XOR_Y)  # the same step on our mean over m = 4 samples


def xor(ref, arch, hidden="sigmoid", epochs=5000):
    act = None
    if hidden == "tanh":
        act = [ref.tanh, ref.tanh_d] * (len(arch) - 2) + [ref.sigmoid, ref.sigmoid_d]
    return ref.DeepNeuralNet(arch, act, eta=ETA, epochs=epochs).fit(XOR_X, XOR_Y)


def xor_points(ref, arch):
    net = xor(ref, arch)
    out = net.predict(XOR_X)[0]
    text = f"{net.evaluate(XOR_X, XOR_Y):g} % correct, outputs {np.round(out, 3).tolist()}"
    return text, net.evaluate(XOR_X, XOR_Y) == 100.0


def final_cost(ref, hidden):
    net = xor(ref, [2, 4, 1], hidden)
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
STEP = f"the lecture's eta {LECTURE_ETA:g} on the sum = eta {ETA:g} on our mean over 4 samples"
IMAGES = "our data: the kit's training subset, not the lecture's 60,000; sigmoid, full batch, eta 1.0"
CRITERION = "test > 30 % (3× chance), cost_ falls"

RUNS = [
    Run(
        "XOR [2, 4, 2, 1], the lecture's step, 5000 epochs",
        "all four points right",
        lambda r: xor_points(r, [2, 4, 2, 1]),
        "100 %",
        f"{OURS}; {STEP}",
    ),
    Run(
        "XOR [2, 4, 1], the lecture's step, 5000 epochs",
        "all four points right",
        lambda r: xor_points(r, [2, 4, 1]),
        "100 %",
        f"{OURS}; {STEP}",
    ),
    Run(
        "XOR [2, 4, 1] cost_, sigmoid hidden",
        "curve (no number printed)",
        lambda r: final_cost(r, "sigmoid"),
        "cost_ falls",
        f"{OURS}; {STEP}",
    ),
    Run(
        "XOR [2, 4, 1] cost_, tanh hidden",
        "curve (no number printed)",
        lambda r: final_cost(r, "tanh"),
        "cost_ falls",
        f"{OURS}; {STEP}"
        + "; no biases: tanh(0) = 0 pins the output at (0, 0) to exactly 0.5, so cost_ stays ≥ 0.5; it counts as 0 since the rule is > 0.5",
    ),
    Run(
        "MNIST [784, 100, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "mnist", [784, 100, 10]),
        CRITERION,
        IMAGES + " (5,000 images)",
    ),
    Run(
        "MNIST [784, 100, 50, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "mnist", [784, 100, 50, 10]),
        CRITERION,
        IMAGES + " (5,000 images)",
    ),
    Run(
        "Fashion-MNIST [784, 100, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "fashion_mnist", [784, 100, 10]),
        CRITERION,
        IMAGES + " (10,000 images)",
    ),
]
