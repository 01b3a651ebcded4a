"""Staff helpers of exercise 3 (TwoLayerNet), shared by the public and the hidden tests.

What is here only drives your code or judges a value you returned; none of it computes an
answer you write (no forward pass, no loss, no gradient). The grader copies this file beside
every test run; the self-check imports it as well.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.runtime.spec import Msg

KEYS = ("W1", "b1", "W2", "b2")


class NumericalGradientInTraining(Exception):
    """Raised when a training run calls numerical_gradient (79,520 forward passes a step)."""


def forbid_numerical_gradient(*args: Any, **kwargs: Any) -> None:
    """Put in place of ``network.numerical_gradient`` while train_neuralnet runs."""
    raise NumericalGradientInTraining(
        "학습에서는 network.gradient(오차역전파)를 쓰세요. numerical_gradient는 784-50-10 신경망에서 "
        "한 단계에 순전파 79,520번입니다. / Train with network.gradient (backprop): numerical_gradient "
        "costs 79,520 forward passes per step on a 784-50-10 net."
    )


def guarded(net: Any) -> Any:
    """The network with numerical_gradient replaced by :func:`forbid_numerical_gradient`."""
    net.numerical_gradient = forbid_numerical_gradient
    return net


def random_params(rng: np.random.Generator, sizes: tuple[int, int, int], std: float = 0.5) -> dict:
    """Weights for an input-hidden-output net from ``rng`` (biases non-zero, so they matter)."""
    i, h, o = sizes
    return {
        "W1": rng.normal(0, std, (i, h)),
        "b1": rng.normal(0, std, h),
        "W2": rng.normal(0, std, (h, o)),
        "b2": rng.normal(0, std, o),
    }


def net_with(m: Any, params: dict) -> Any:
    """The student's TwoLayerNet with the test's weights (copies: the test keeps its own)."""
    net = m.TwoLayerNet(params["W1"].shape[0], params["W1"].shape[1], params["W2"].shape[1])
    net.params = {k: np.array(v, copy=True) for k, v in params.items()}
    return net


# ---- judging a gradient against a staff numerical gradient (runs in the grader, not beside you)


def _gradient_problem(got: Any, shapes: dict) -> Msg | None:
    """What is wrong with the form of a returned gradient dict, in the student's terms."""
    if not isinstance(got, dict):
        kind = type(got).__name__
        return Msg(
            f"gradient는 W1, b1, W2, b2를 키로 하는 딕셔너리를 돌려주어야 하는데 {kind} 값을 돌려주었습니다.",
            f"gradient must return a dict with keys W1, b1, W2, b2; it returned a {kind}.",
        )
    missing = [k for k in KEYS if k not in got]
    if missing:
        names = ", ".join(missing)
        return Msg(f"기울기 딕셔너리에 {names} 키가 없습니다.", f"The gradient dict has no {names}.")
    for k in KEYS:
        value = got[k]
        if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf":
            return Msg(
                f"{k}의 기울기가 숫자 배열이 아닙니다.", f"The gradient {k} is not an array of numbers."
            )
        # the shape itself is the gradient cases' to judge: here only the values count
        if value.size != int(np.prod(shapes[k])):
            return Msg(
                f"{k}의 기울기 모양이 {value.shape}입니다. params['{k}']의 모양({shapes[k]})이어야 합니다.",
                f"The gradient {k} has shape {value.shape}; it must be {shapes[k]}, like params['{k}'].",
            )
    return None


def relative_errors(got: dict, numerical: dict) -> dict[str, float]:
    """‖got − numerical‖ / (‖got‖ + ‖numerical‖) per key (0 when both are zero)."""
    out = {}
    for k in KEYS:
        b = np.asarray(numerical[k], dtype=float)
        a = np.asarray(got[k], dtype=float).reshape(b.shape)
        scale = np.linalg.norm(a) + np.linalg.norm(b)
        out[k] = 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)  # nan stays nan
    return out


def below_1e7(got: Any, numerical: dict) -> Msg | None:
    """None when every relative error of ``got`` against ``numerical`` is below 1e-7, else what is wrong.

    ``numerical``: the staff's numerical gradient (trusted); ``got``: the student's raw return value.
    """
    shapes = {k: np.shape(numerical[k]) for k in KEYS}
    problem = _gradient_problem(got, shapes)
    if problem:
        return problem
    errors = relative_errors(got, numerical)
    bad = {k: v for k, v in errors.items() if not v < 1e-7}  # `not <` also catches nan
    if not bad:
        return None
    text = ", ".join(f"{k}: {v:.2e}" for k, v in bad.items())
    return Msg(
        f"수치 미분과의 상대 오차가 1e-7 이상입니다 ({text}).",
        f"Relative error against the numerical gradient is not below 1e-7 ({text}).",
    )
