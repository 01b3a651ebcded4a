"""Lecture numbers for exercise 7: the optimizers compared (AI-school lecture; DLfS 6.1.7-6.1.8).

Long valley: the lecture runs each optimizer 30 steps on f(x, y) = x²/20 + y² from (−7, 2) (SGD
ε = 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3; we add RMSProp at 0.3) and shows SGD zigzagging
across the valley while AdaGrad's step in y shrinks at once. It prints no numbers, so the check
is that picture: SGD's y changes sign at every step (a zigzag), AdaGrad's hardly ever; the
distances to the minimum (0, 0) after 30 steps are shown beside it.

MNIST: the lecture trains a 5-layer 100-unit network for 2,000 iterations on all 60,000 digits
and shows SGD learning slowest. We train exercise 3's 784-50-10 TwoLayerNet (the staff's) for 500
iterations (batch 100) on nnkit's 5,000-digit training subset, from the same seeded weights, and
check the claim: SGD's final training loss is the highest of the four. Our network is shallower
and our data 12 times smaller, so the losses are lower than the lecture's curves.
"""

import sys
from pathlib import Path

import numpy as np

from autograder.authoring.reproduce import Run
from autograder.core.paths import ROOT

sys.path.append(str(Path(ROOT, "assignments", "optimizers")))

from optimizers_staff import VALLEY_START, small_net, trajectory, valley_grad  # noqa: E402

RATES = {"SGD": 0.95, "Momentum": 0.1, "AdaGrad": 1.5, "RMSProp": 0.3, "Adam": 0.3}


def valley(r):
    paths = {
        name: trajectory(getattr(r, name)(lr=lr), valley_grad, VALLEY_START, 30) for name, lr in RATES.items()
    }
    flips = {name: int(np.sum(np.diff(np.sign(path[:, 1])) != 0)) for name, path in paths.items()}
    text = ", ".join(f"{name} {np.hypot(*path[-1]):.3g}" for name, path in paths.items())
    return f"{text}; y sign changes: SGD {flips['SGD']}, AdaGrad {flips['AdaGrad']}", (
        flips["SGD"] == 30 and flips["AdaGrad"] <= 2
    )


def mnist_losses(r):
    data = __import__("nnkit_data")
    (x, t), _ = data.load_mnist(normalize=True, flatten=True)
    losses = {}
    for name, optimizer in {"SGD": r.SGD(0.01), "Momentum": r.Momentum(0.01), "AdaGrad": r.AdaGrad(0.01),
                            "Adam": r.Adam(0.001)}.items():  # fmt: skip
        net = small_net(np.random.default_rng(0), hidden=50, std=0.01)
        rng = np.random.default_rng(0)
        for _ in range(500):
            batch = rng.choice(len(x), 100)
            optimizer.update(net.params, net.gradient(x[batch], t[batch]))
        y = net.predict(x)
        losses[name] = float(-np.mean(np.log(y[np.arange(len(t)), t] + 1e-7)))
    return losses


def mnist(r):
    losses = mnist_losses(r)
    text = ", ".join(f"{name} {loss:.3f}" for name, loss in losses.items())
    return text, max(losses, key=losses.get) == "SGD"


RUNS = [
    Run(
        "long valley, 30 steps: distance to (0, 0)",
        "SGD zigzags, AdaGrad does not (a plot)",
        valley,
        "the claim",
    ),
    Run(
        "MNIST, training loss after 500 iterations",
        "SGD learns slowest (a plot)",
        mnist,
        "the claim",
        note="784-50-10 on 5,000 digits; the lecture: 5 layers on 60,000",
    ),
]
