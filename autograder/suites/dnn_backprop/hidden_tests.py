"""Hidden tests, exercise 6 (deep neural net): what is judged, in the parent only.

The scenarios (what a worker runs) are in scenarios.py. Every net gets injected weights and the
staff activations of dnn_backprop_staff, so a wrong activation costs task 6.1 only. Backprop is
fed Z and A from the forward pass below, which runs here, in the parent: it is graded apart
from forpass, and no worker ever holds a forward pass. The gradient case holds the student's
update to central differences of J, computed here from the reference run's copy of the inputs.
"""

import dnn_backprop_staff as staff
import numpy as np

from autograder.engine.compare import compare
from autograder.runtime.spec import Hint, Msg, Suite, load_beside

suite = Suite("dnn_backprop", hidden=True)
scenarios = load_beside(__file__, "scenarios")
# judge helpers shared with the public suite (they reveal no answer)
public = load_beside(staff.__file__, "public_tests")

# Depth 2 to 5, mixed activations; "square" has equal layer sizes so that shapes cannot catch A[i]
# used for A[i-1].
ARCHS = {
    "depth2": ([3, 4, 2], ["atan", "squash"]),
    "depth3": ([4, 5, 3, 3], ["softsign", "atan", "squash"]),
    "square": ([3, 3, 3, 3, 3], ["atan", "squash", "softsign", "atan"]),
    "depth5": ([5, 6, 4, 4, 3, 2], ["squash", "softsign", "atan", "squash", "atan"]),
}


def forward(W, names, A0):
    """The judge's forward pass (Z[1 .. L], A[0 .. L]) with the staff activations."""
    Z, A = [], [A0]
    for Wi, name in zip(W, names):
        Z.append(Wi @ A[-1])
        A.append(staff.PAIRS[name][0](Z[-1]))
    return Z, A


def targets(y, n_y):
    return y.reshape(1, -1).astype(float) if n_y == 1 else np.eye(n_y)[y].T


def backprop_inputs(seed, arch, names, eta, samples):
    """Arguments of a backprop scenario: weights, the forward pass's Z and A, and targets."""
    rng = np.random.default_rng(seed)
    W = staff.weights(rng, arch)
    Z, A = forward(W, names, rng.normal(0, 1, (arch[0], samples)))
    Y = targets(staff.labels(rng, samples, arch[-1]), arch[-1])
    return (arch, names, eta, W, Z, A, Y)


# ---- 6.1 activations -----------------------------------------------------------------------

ACTIVATIONS = ("sigmoid", "sigmoid_d", "tanh", "tanh_d", "relu", "relu_d")

suite.case("6.1", params={name: (name,) for name in ACTIVATIONS}, run=scenarios.act_matrix)

for _name in ACTIVATIONS:
    # a function that returns its argument leaves it unchanged too: it earns nothing here alone
    suite.case(
        "6.1",
        params={_name: (_name,)},
        requires=[f"act_matrix[{_name}]"],
        about=Msg("입력을 바꾸지 않음", "input left unchanged"),
        run=scenarios.act_keeps_input,
    )

suite.case(
    "6.1",
    params={"sigmoid": ("sigmoid",), "tanh": ("tanh",)},
    rtol=1e-6,
    atol=1e-12,
    run=scenarios.act_large_inputs,
)

# ---- 6.2 forpass ---------------------------------------------------------------------------

suite.case(
    "6.2",
    params=ARCHS,
    check=public.forpass_check(reveal=False),
    hints=["forpass_loop_off_by_one"],
    about=Msg("층마다 Z와 A", "Z and A of every layer"),
    run=scenarios.forpass_layers,
)

suite.case(
    "6.2",
    params={"depth3": ARCHS["depth3"]},
    check=public.forpass_check(reveal=False),
    about=Msg("샘플 하나 (m = 1)", "a single sample (m = 1)"),
    run=scenarios.forpass_one_sample,
)

# ---- 6.3 backprop --------------------------------------------------------------------------

suite.case(
    "6.3",
    params={
        key: backprop_inputs(630 + k, arch, names, eta, samples=5)
        for k, ((key, (arch, names)), eta) in enumerate(zip(ARCHS.items(), (0.5, 1.0, 0.3, 2.0)))
    },
    about=Msg("역전파 한 번 뒤의 오차와 가중치", "error and weights after one step"),
    run=scenarios.backprop_step,
)


def loss(W, names, A0, Y):
    """J = ½·Σ(Y − A[L])² / m on the judge's forward pass."""
    return 0.5 * np.sum((Y - forward(W, names, A0)[1][-1]) ** 2) / A0.shape[1]


def numerical_update(inputs):
    """−eta · (central differences of J) for every weight, from the reference run's inputs."""
    W = [np.array(w, dtype=float) for w in inputs["W"]]
    names, A0, Y, h = inputs["names"], inputs["A0"], inputs["Y"], 1e-6
    update = []
    for Wi in W:
        g = np.zeros_like(Wi)
        for idx in np.ndindex(Wi.shape):
            keep = Wi[idx]
            Wi[idx] = keep + h
            up = loss(W, names, A0, Y)
            Wi[idx] = keep - h
            down = loss(W, names, A0, Y)
            Wi[idx] = keep
            g[idx] = (up - down) / (2 * h)
        update.append(-inputs["eta"] * g)
    return update


def student_update(actual, expected):
    """W after the student's step minus W before, or None when W is not a list of the right
    arrays (the plain comparison then says what W is, in the student's terms)."""
    before = expected["inputs"]["W"]
    after = actual.get("W") if isinstance(actual, dict) else None
    if not isinstance(after, list) or len(after) != len(before) + 1:
        return None
    if not all(isinstance(a, np.ndarray) and a.shape == b.shape for a, b in zip(after[1:], before)):
        return None
    return [a - b for a, b in zip(after[1:], before)]


def matches_numerical(actual, expected):
    """The student's update against −eta · numerical gradient (judged here, not in a worker)."""
    update = student_update(actual, expected)
    if update is None:
        return compare(actual, {"W": expected["W"]}, 1e-6, 1e-9, reveal=False)
    return compare(update, numerical_update(expected["inputs"]), 1e-4, 1e-8, "ΔW", reveal=False)


GRAD_SAMPLES = 4


def _update_is(factor):
    """A hint predicate: the student's ΔW is ``factor`` times the exact one in every layer."""

    def when(got, want):
        update = student_update(got, want)
        exact = numerical_update(want["inputs"])
        return update is not None and all(
            np.allclose(u, factor * n, rtol=1e-4, atol=1e-8) for u, n in zip(update, exact, strict=True)
        )

    return when


GRADIENT_HINTS = [
    Hint(
        "not_divided_by_m",
        "갱신량이 정확한 값의 m배입니다: 샘플 수 m = Y.shape[1]로 나누세요.",
        "Your update is m times the exact one: divide by the number of samples m = Y.shape[1].",
        when=_update_is(GRAD_SAMPLES),
    ),
    Hint(
        "update_sign",
        "갱신의 부호가 반대입니다: E = Y − A[L]이므로 W[i] += eta * dZ[i] @ A[i-1].T / m (더하기)입니다.",
        "Your update has the wrong sign: with E = Y − A[L] it is W[i] += eta * dZ[i] @ A[i-1].T / m (plus).",
        when=_update_is(-1.0),
    ),
]

GRAD_NETS = {
    "depth2": ([3, 4, 2], ["atan", "squash"]),
    "depth4": ([3, 4, 4, 3, 2], ["softsign", "squash", "atan", "squash"]),
}

suite.case(
    "6.3",
    params={
        key: backprop_inputs(640 + k, arch, names, 0.7, samples=GRAD_SAMPLES)
        for k, (key, (arch, names)) in enumerate(GRAD_NETS.items())
    },
    check=matches_numerical,
    hints=GRADIENT_HINTS,
    about=Msg(
        "갱신량 = −eta · (J의 수치 미분), J = ½·Σ(Y − A[L])² / m",
        "update = −eta · numerical gradient of J = ½·Σ(Y − A[L])² / m",
    ),
    run=scenarios.backprop_update,
)

# ---- 6.4 fit: weights and cost_ in separate cases (a wrong cost_ must not cost the weights) ---

FIT_NETS = {
    "depth2": ([4, 5, 3], ["atan", "squash"], 0.5),
    "depth4": ([4, 6, 5, 4, 3], ["softsign", "atan", "squash", "squash"], 1.0),
    "binary": ([2, 4, 1], ["atan", "squash"], 0.5),
}

suite.case(
    "6.4",
    params=FIT_NETS,
    about=Msg("에포크 4번 뒤의 가중치", "weights after 4 epochs"),
    run=scenarios.fit_weights,
)

suite.case(
    "6.4",
    params=FIT_NETS,
    about=Msg("에포크 4번의 cost_", "cost_ over 4 epochs"),
    run=scenarios.fit_cost,
)

suite.case(
    "6.4",
    about=Msg(
        "MNIST 200장, [784, 16, 10], 3 에포크 뒤의 가중치",
        "200 MNIST digits, [784, 16, 10]: weights after 3 epochs",
    ),
    run=scenarios.fit_mnist_weights,
)

suite.case(
    "6.4",
    about=Msg(
        "MNIST 200장, [784, 16, 10], 3 에포크의 cost_", "200 MNIST digits, [784, 16, 10]: cost_ over 3 epochs"
    ),
    run=scenarios.fit_mnist_cost,
)

suite.case(
    "6.4",
    about=Msg("fit을 두 번 부르면 cost_가 새로 시작", "a second fit starts cost_ afresh"),
    run=scenarios.fit_twice,
)

# ---- 6.5 predict, evaluate -----------------------------------------------------------------

suite.case(
    "6.5",
    params={"depth2": ARCHS["depth2"], "depth5": ARCHS["depth5"]},
    hints=["predict_row_major"],
    run=scenarios.predict_columns,
)

suite.case(
    "6.5",
    params={"depth3": ARCHS["depth3"]},
    about=Msg("샘플 하나 (n_x,) → (n_y, 1)", "one sample (n_x,) -> (n_y, 1)"),
    run=scenarios.predict_one_sample,
)


def evaluate_inputs(seed, arch, names, samples=300):
    """A net, inputs and labels it gets right on a known, uneven share (not a round number):
    with many samples, a wrong network scores the same only by a rare coincidence."""
    rng = np.random.default_rng(seed)
    W = staff.weights(rng, arch)
    X = rng.normal(0, 1, (samples, arch[0]))
    out = forward(W, names, X.T)[1][-1]
    y = (out[0] > 0.5).astype(int) if arch[-1] == 1 else out.argmax(axis=0)
    wrong = rng.random(samples) < 0.37
    y[wrong] = (y[wrong] + 1 + rng.integers(0, max(arch[-1] - 1, 1), wrong.sum())) % max(arch[-1], 2)
    return (arch, names, W, X, y)


suite.case(
    "6.5",
    params={
        "multiclass": evaluate_inputs(650, [4, 6, 3], ["atan", "squash"]),
        "binary": evaluate_inputs(651, [2, 5, 1], ["softsign", "squash"]),
    },
    hints=["evaluate_fraction"],
    run=scenarios.evaluate_accuracy,
)
