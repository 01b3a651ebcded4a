"""Staff helpers for exercise 6's scenarios, public and hidden (copied into every worker).

The nets of tasks 6.2-6.5 get activations that are *not* the ones task 6.1 asks for (arctan,
softsign and an arctan squashing into (0, 1)): a wrong sigmoid costs task 6.1 only, and nothing
here is code a student could hand in. Only driving code lives here: building a net with given
weights and drawing inputs. The forward passes and numerical gradients that judge the answers
run in the parent (hidden_tests.py), never in a worker.
"""

import numpy as np


def atan_d(z):
    return 1.0 / (1.0 + z * z)


def softsign(z):
    return z / (1.0 + np.abs(z))


def softsign_d(z):
    return 1.0 / (1.0 + np.abs(z)) ** 2


def squash(z):
    """An output activation with values in (0, 1), as the nets' targets are 0/1."""
    return 0.5 + np.arctan(z) / np.pi


def squash_d(z):
    return 1.0 / (np.pi * (1.0 + z * z))


#: name -> (g, g′) for the nets of tasks 6.2-6.5
PAIRS = {"atan": (np.arctan, atan_d), "softsign": (softsign, softsign_d), "squash": (squash, squash_d)}


def activate(names):
    """The flat [g1, g1′, g2, g2′, ...] list DeepNeuralNet takes, for layers 1, 2, ..."""
    return [f for name in names for f in PAIRS[name]]


def weights(rng, arch, scale=1.0):
    """W[1 .. L] drawn uniformly from [-scale, scale), without the unused W[0]."""
    return [scale * rng.uniform(-1, 1, (n, n_prev)) for n_prev, n in zip(arch, arch[1:])]


def make_net(m, arch, names, W, **kw):
    """The student's net with staff activations and the given weights W[1 .. L] (copied)."""
    net = m.DeepNeuralNet(list(arch), activate(names), **kw)
    net.W = [None] + [np.array(w, dtype=float) for w in W]
    return net


def labels(rng, count, n_y):
    return rng.integers(0, max(n_y, 2), count)
