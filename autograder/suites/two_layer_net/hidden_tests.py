"""Hidden tests, exercise 3 (TwoLayerNet): what is judged; scenarios.py holds what is run.

Small nets (6-5-3) check the formulas; 784-50-10 nets on MNIST digits check the real sizes;
a short training run on a 1,000-digit subset checks the loss curve. Backprop is checked here,
in the grader, against a staff-written numerical gradient (not the student's) of the inputs the
reference's run of the same scenario returned. Hints named by id (``hints=["accuracy_percent"]``)
are the public suite's, declared once there.
"""

import numpy as np
import two_layer_net_staff as staff

from autograder.runtime.spec import Msg, Suite, load_beside

suite = Suite("two_layer_net", hidden=True)
scenarios = load_beside(__file__, "scenarios")
KEYS = staff.KEYS
ACCURACY_HINTS = ["accuracy_percent", "accuracy_not_divided", "accuracy_onehot_only"]
GRADIENT_HINTS = [
    "gradient_sign",
    "no_batch_division",
    "bias_keepdims",
    "bias_wrong_axis",
    "sigmoid_grad_wrong_variable",
]


def staff_loss(params: dict, x: np.ndarray, t: np.ndarray) -> float:
    """The lecture's loss without the 1e-7 delta: what backprop differentiates exactly."""
    z1 = 1 / (1 + np.exp(-(x @ params["W1"] + params["b1"])))
    a2 = z1 @ params["W2"] + params["b2"]
    a2 = a2 - a2.max(axis=1, keepdims=True)
    log_y = a2 - np.log(np.exp(a2).sum(axis=1, keepdims=True))
    return float(-np.sum(t * log_y) / x.shape[0])


def staff_numerical_gradient(params: dict, x: np.ndarray, t: np.ndarray, h: float = 1e-5) -> dict:
    """Central differences of :func:`staff_loss`; the public suite's STAFF_NUMGRAD is its value there."""
    grads = {}
    for key in KEYS:
        p = {k: np.array(v, dtype=float) for k, v in params.items()}
        g = np.zeros_like(p[key])
        for idx in np.ndindex(g.shape):
            base = p[key][idx]
            p[key][idx] = base + h
            up = staff_loss(p, x, t)
            p[key][idx] = base - h
            down = staff_loss(p, x, t)
            p[key][idx] = base
            g[idx] = (up - down) / (2 * h)
        grads[key] = g
    return grads


def backprop_below_1e7(got, want) -> Msg | None:
    """check=: the student's gradient against the staff's numerical gradient at the reference's inputs."""
    inputs = want["inputs"]  # the reference's run: trusted, unlike anything in ``got``
    numerical = staff_numerical_gradient(inputs["params"], np.asarray(inputs["x"]), np.asarray(inputs["t"]))
    grads = got.get("grads") if isinstance(got, dict) else got
    return staff.below_1e7(grads, numerical)


# ---- 3.1 predict -----------------------------------------------------------------------------

suite.case("3.1", about=Msg("작은 신경망, 배치", "small net, a batch"), run=scenarios.predict_batch)
suite.case("3.1", about=Msg("샘플 하나 (1차원 x)", "one sample (1-D x)"), run=scenarios.predict_single_sample)
suite.case(
    "3.1",
    rtol=1e-5,
    about=Msg("784-50-10, MNIST 숫자 20개", "784-50-10 on 20 MNIST digits"),
    run=scenarios.predict_mnist,
)

# ---- 3.2 loss --------------------------------------------------------------------------------

suite.case(
    "3.2",
    about=Msg("simpleNet, 무작위 W와 배치", "simpleNet, random W and a batch"),
    run=scenarios.simplenet_batch,
)
suite.case("3.2", params={"onehot": (True,), "labels": (False,)}, run=scenarios.loss_random)
suite.case(
    "3.2",
    rtol=1e-5,
    about=Msg("템플릿 신경망, MNIST 숫자 200개", "template net, 200 MNIST digits"),
    run=scenarios.loss_mnist,
)

# ---- 3.3 accuracy ----------------------------------------------------------------------------

suite.case(
    "3.3", params={"onehot": (True,), "labels": (False,)}, hints=ACCURACY_HINTS, run=scenarios.accuracy_mnist
)
suite.case(
    "3.3", params={"onehot": (True,), "labels": (False,)}, hints=ACCURACY_HINTS, run=scenarios.accuracy_random
)

# ---- 3.4 numerical_gradient ------------------------------------------------------------------

suite.case(
    "3.4",
    params={"onehot": (True,), "labels": (False,)},
    hints=["numgrad_on_copy"],
    run=scenarios.numgrad_random,
)
# code that does nothing leaves params unchanged too: the points come with a right gradient
suite.case(
    "3.4",
    requires=["numgrad_random[onehot]"],
    about=Msg("계산 뒤 params가 그대로", "params unchanged afterwards"),
    run=scenarios.params_unchanged_by_numgrad,
)

# ---- 3.5 gradient ----------------------------------------------------------------------------

suite.case(
    "3.5",
    hints=GRADIENT_HINTS,
    about=Msg("작은 신경망, 배치 4", "small net, batch of 4"),
    run=scenarios.gradient_random,
)
suite.case(
    "3.5",
    hints=GRADIENT_HINTS,
    about=Msg("같은 배치를 두 번: 기울기가 같아야 함", "the batch stacked twice: same gradient"),
    run=scenarios.gradient_stacked_twice,
)
suite.case("3.5", hints=GRADIENT_HINTS, run=scenarios.gradient_batch_of_one)
suite.case(
    "3.5",
    rtol=1e-5,
    hints=GRADIENT_HINTS,
    about=Msg("784-50-10, MNIST", "784-50-10 on MNIST"),
    run=scenarios.gradient_mnist,
)
suite.case(
    "3.5",
    check=backprop_below_1e7,
    about=Msg("수치 미분과의 상대 오차 < 1e-7", "relative error against a numerical gradient < 1e-7"),
    run=scenarios.backprop_check_random,
)
suite.case(
    "3.5",
    requires=["gradient_random"],
    about=Msg("gradient는 params를 바꾸지 않음", "gradient leaves params unchanged"),
    run=scenarios.params_unchanged_by_gradient,
)

# ---- 3.6 train_neuralnet ---------------------------------------------------------------------

suite.case(
    "3.6",
    rtol=1e-6,
    about=Msg("784-50-10, MNIST 1,000개, 60회", "784-50-10, 1,000 digits, 60 steps"),
    run=scenarios.train_mnist_short,
)
suite.case(
    "3.6",
    params={
        "three_per_epoch": (300, 100, 10),
        "batch_above_train_size": (50, 100, 4),
        "batch_30": (90, 30, 7),
    },
    about=Msg(
        "에포크마다 정확도 기록 (i % iter_per_epoch == 0)", "accuracy each epoch (i % iter_per_epoch == 0)"
    ),
    run=scenarios.train_small,
)
