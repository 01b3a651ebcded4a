"""Staff helpers of exercise 7 (optimizers), shared by the public and the hidden tests.

What is here only drives your code: the two test functions of the lecture's comparison (the long
valley and Beale's function) with their gradients, a loop that applies an optimizer for a number
of steps, and exercise 3's TwoLayerNet for early stopping (the staff's, so that your optimizer is
graded on its own, whatever your exercise 3 scored). None of it is an update rule you write.
"""

from __future__ import annotations

from typing import Any

import numpy as np

VALLEY_START = (-7.0, 2.0)
BEALE_START = (1.0, 1.5)


def valley_grad(params: dict) -> dict:
    """∇f of the lecture's long valley f(x, y) = x²/20 + y² (minimum at the origin)."""
    return {"x": params["x"] / 10.0, "y": 2.0 * params["y"]}


def beale(x: float, y: float) -> float:
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def beale_grad(params: dict) -> dict:
    """∇ of Beale's function (minimum 0 at (3, 0.5))."""
    x, y = params["x"], params["y"]
    a, b, c = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
    return {
        "x": 2 * a * (y - 1) + 2 * b * (y**2 - 1) + 2 * c * (y**3 - 1),
        "y": 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y**2,
    }


def trajectory(optimizer: Any, grad: Any, start: tuple[float, float], steps: int) -> np.ndarray:
    """Positions (steps + 1, 2) of ``optimizer`` on a 2-D function from ``start``.

    The point lives in 0-d arrays, updated in place as a network's weights are.
    """
    params = {"x": np.array(start[0]), "y": np.array(start[1])}
    path = [(float(params["x"]), float(params["y"]))]
    for _ in range(steps):
        optimizer.update(params, grad(params))
        path.append((float(params["x"]), float(params["y"])))
    return np.array(path)


class TwoLayerNet:
    """Exercise 3's network (sigmoid hidden layer, softmax output, cross-entropy), staff's copy."""

    def __init__(self, params: dict):
        self.params = {k: np.array(v, dtype=np.float64, copy=True) for k, v in params.items()}

    def predict(self, x: np.ndarray) -> np.ndarray:
        z1 = 1 / (1 + np.exp(-(x @ self.params["W1"] + self.params["b1"])))
        a2 = z1 @ self.params["W2"] + self.params["b2"]
        e = np.exp(a2 - a2.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def accuracy(self, x: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean(self.predict(x).argmax(axis=1) == t))

    def gradient(self, x: np.ndarray, t: np.ndarray) -> dict:
        w1, b1, w2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        z1 = 1 / (1 + np.exp(-(x @ w1 + b1)))
        a2 = z1 @ w2 + b2
        e = np.exp(a2 - a2.max(axis=1, keepdims=True))
        dy = e / e.sum(axis=1, keepdims=True)
        dy[np.arange(len(t)), t] -= 1
        dy /= len(t)
        dz1 = (dy @ w2.T) * z1 * (1 - z1)
        return {"W1": x.T @ dz1, "b1": dz1.sum(axis=0), "W2": z1.T @ dy, "b2": dy.sum(axis=0)}


def small_net(rng: np.random.Generator, hidden: int = 20, std: float = 0.1) -> TwoLayerNet:
    """A 784-hidden-10 staff TwoLayerNet with weights drawn from ``rng``."""
    return TwoLayerNet(
        {
            "W1": rng.normal(0, std, (784, hidden)),
            "b1": np.zeros(hidden),
            "W2": rng.normal(0, std, (hidden, 10)),
            "b2": np.zeros(10),
        }
    )
