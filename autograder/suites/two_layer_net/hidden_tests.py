"""Hidden tests, exercise 3 (TwoLayerNet): compared with the reference's outputs.

Every network gets its weights from the test (random, non-zero biases), never from the
student's random initialisation. Small nets (6-5-3) check the formulas; 784-50-10 nets on
MNIST digits check the real sizes; a short training run on a 1,000-digit subset checks the
loss curve. A staff-written numerical gradient (not the student's) checks backprop.
Hints named by id (``hints=["accuracy_percent"]``) are the public suite's, declared once there.
"""

from functools import lru_cache

import numpy as np

from autograder.spec import Context, Hint, Msg, Suite

suite = Suite("two_layer_net", hidden=True)
KEYS = ("W1", "b1", "W2", "b2")
SMALL = (6, 5, 3)
RTOL = 1e-6


class NumericalGradientInTraining(Exception):
    """Raised when a training run calls numerical_gradient (79,520 forward passes a step)."""


def forbid_numerical_gradient(*args, **kwargs):
    raise NumericalGradientInTraining(
        "학습에서는 network.gradient(오차역전파)를 쓰세요. numerical_gradient는 784-50-10 신경망에서 "
        "한 단계에 순전파 79,520번입니다. / Train with network.gradient (backprop): numerical_gradient "
        "costs 79,520 forward passes per step on a 784-50-10 net."
    )


def random_params(rng, sizes, std=0.5):
    i, h, o = sizes
    return {
        "W1": rng.normal(0, std, (i, h)),
        "b1": rng.normal(0, std, h),
        "W2": rng.normal(0, std, (h, o)),
        "b2": rng.normal(0, std, o),
    }


def net_with(m, params):
    """The student's network with the test's weights (copies, so the test keeps its own)."""
    net = m.TwoLayerNet(params["W1"].shape[0], params["W1"].shape[1], params["W2"].shape[1])
    net.params = {k: np.array(v, copy=True) for k, v in params.items()}
    return net


def small_problem(ctx, n=4, sizes=SMALL):
    """A small net and a batch: x (n, 6), one-hot t (n, 3)."""
    params = random_params(ctx.rng, sizes)
    x = ctx.rng.normal(0, 1, (n, sizes[0]))
    labels = ctx.rng.integers(0, sizes[2], n)
    return params, x, np.eye(sizes[2])[labels], labels


@lru_cache(maxsize=1)
def _class_means() -> np.ndarray:
    x_train, t_train = Context.mnist()
    return np.stack([x_train[t_train == c].mean(axis=0) for c in range(10)]).astype(np.float64)


def template_params(ctx):
    """784-10-10 weights from the class means (a nearest-mean classifier): most digits right."""
    means = _class_means()
    return {
        "W1": 0.1 * means.T,  # hidden unit k: sigmoid(0.1 * (x . mean_k - |mean_k|^2 / 2))
        "b1": -0.05 * np.sum(means**2, axis=1),
        "W2": 20.0 * np.eye(10),
        "b2": np.zeros(10),
    }


def staff_loss(params, x, t):
    """The lecture's loss without the 1e-7 delta: what backprop differentiates exactly."""
    z1 = 1 / (1 + np.exp(-(x @ params["W1"] + params["b1"])))
    a2 = z1 @ params["W2"] + params["b2"]
    a2 = a2 - a2.max(axis=1, keepdims=True)
    log_y = a2 - np.log(np.exp(a2).sum(axis=1, keepdims=True))
    return -np.sum(t * log_y) / x.shape[0]


def staff_numerical_gradient(params, x, t, h=1e-5):
    grads = {}
    for key in KEYS:
        p = {k: v.copy() for k, v in params.items()}
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


def grad_hints(n):
    """The public suite's gradient hints; "not divided by N" needs this case's batch size."""
    return [
        "gradient_sign",
        Hint(
            "no_batch_division",
            "배치 크기 N으로 나누지 않았습니다: 손실이 배치 평균이므로 dy = (y − t) / N 입니다.",
            "Not divided by the batch size N: the loss is a batch mean, so dy = (y − t) / N.",
            when=lambda got, want: n > 1 and all(np.allclose(got[k], n * want[k]) for k in KEYS),
        ),
        "bias_keepdims",
    ]


def relative_errors(got, want):
    return {
        k: float(
            np.linalg.norm(got[k] - want[k]) / max(np.linalg.norm(got[k]) + np.linalg.norm(want[k]), 1e-12)
        )
        for k in KEYS
    }


def below_1e7(got, want):
    """check=: every relative error between backprop and the staff's numerical gradient < 1e-7."""
    if not isinstance(got, dict) or set(got) != set(KEYS):
        return Msg(
            "기울기 dict에 W1, b1, W2, b2 가 있어야 합니다.", "The gradient dict needs W1, b1, W2, b2."
        )
    bad = {k: v for k, v in got.items() if not (isinstance(v, float) and v < 1e-7)}
    if bad:
        text = ", ".join(f"{k}: {v:.2e}" if isinstance(v, float) else f"{k}: {v!r}" for k, v in bad.items())
        return Msg(
            f"수치 미분과의 상대 오차가 1e-7 이상입니다 ({text}).",
            f"Relative error against the numerical gradient is not below 1e-7 ({text}).",
        )
    return None


# ---- 3.1 predict -----------------------------------------------------------------------------


@suite.case("3.1", about=Msg("작은 신경망, 배치", "small net, a batch"))
def predict_batch(m, ctx):
    params, x, _, _ = small_problem(ctx, n=4)
    return ctx.call(net_with(m, params).predict, x)


@suite.case("3.1", about=Msg("샘플 하나 (1차원 x)", "one sample (1-D x)"))
def predict_single_sample(m, ctx):
    params, x, _, _ = small_problem(ctx, n=1)
    return net_with(m, params).predict(x[0])


@suite.case("3.1", rtol=1e-5, about=Msg("784-50-10, MNIST 숫자 20개", "784-50-10 on 20 MNIST digits"))
def predict_mnist(m, ctx):
    params = random_params(ctx.rng, (784, 50, 10), std=0.1)
    return net_with(m, params).predict(ctx.mnist(20, test=True)[0])


# ---- 3.2 loss --------------------------------------------------------------------------------


@suite.case("3.2", about=Msg("simpleNet, 무작위 W와 배치", "simpleNet, random W and a batch"))
def simplenet_batch(m, ctx):
    net = m.simpleNet()
    net.W = ctx.rng.normal(0, 1, (2, 3))
    x = ctx.rng.normal(0, 1, (5, 2))
    return net.loss(x, np.eye(3)[ctx.rng.integers(0, 3, 5)])


@suite.case("3.2", params={"onehot": (True,), "labels": (False,)})
def loss_random(m, ctx, onehot):
    params, x, t, labels = small_problem(ctx, n=5)
    return ctx.call(net_with(m, params).loss, x, t if onehot else labels)


@suite.case("3.2", rtol=1e-5, about=Msg("템플릿 신경망, MNIST 숫자 200개", "template net, 200 MNIST digits"))
def loss_mnist(m, ctx):
    x, t = ctx.mnist(200, test=True)
    return net_with(m, template_params(ctx)).loss(x, np.eye(10)[t])


# ---- 3.3 accuracy ----------------------------------------------------------------------------


@suite.case(
    "3.3", params={"onehot": (True,), "labels": (False,)}, hints=["accuracy_percent", "accuracy_onehot_only"]
)
def accuracy_mnist(m, ctx, onehot):
    x, t = ctx.mnist(500, test=True)
    return ctx.call(net_with(m, template_params(ctx)).accuracy, x, np.eye(10)[t] if onehot else t)


@suite.case(
    "3.3", params={"onehot": (True,), "labels": (False,)}, hints=["accuracy_percent", "accuracy_onehot_only"]
)
def accuracy_random(m, ctx, onehot):
    params, x, t, labels = small_problem(ctx, n=12)
    return net_with(m, params).accuracy(x, t if onehot else labels)


# ---- 3.4 numerical_gradient ------------------------------------------------------------------


@suite.case("3.4", params={"onehot": (True,), "labels": (False,)}, hints=["numgrad_on_copy"])
def numgrad_random(m, ctx, onehot):
    params, x, t, labels = small_problem(ctx, n=4)
    return ctx.call(net_with(m, params).numerical_gradient, x, t if onehot else labels)


@suite.case("3.4", about=Msg("계산 뒤 params가 그대로", "params unchanged afterwards"))
def params_unchanged_by_numgrad(m, ctx):
    params, x, t, _ = small_problem(ctx, n=3)
    net = net_with(m, params)
    net.numerical_gradient(x, t)
    return net.params


# ---- 3.5 gradient ----------------------------------------------------------------------------


@suite.case("3.5", hints=grad_hints(4), about=Msg("작은 신경망, 배치 4", "small net, batch of 4"))
def gradient_random(m, ctx):
    params, x, t, _ = small_problem(ctx, n=4)
    return ctx.call(net_with(m, params).gradient, x, t)


@suite.case(
    "3.5",
    hints=grad_hints(7),
    about=Msg("같은 배치를 두 번: 기울기가 같아야 함", "the batch stacked twice: same gradient"),
)
def gradient_stacked_twice(m, ctx):
    params, x, t, _ = small_problem(ctx, n=7)
    return net_with(m, params).gradient(np.vstack([x, x]), np.vstack([t, t]))


@suite.case("3.5", hints=grad_hints(1))
def gradient_batch_of_one(m, ctx):
    params, x, t, _ = small_problem(ctx, n=1)
    return net_with(m, params).gradient(x, t)


@suite.case("3.5", rtol=1e-5, hints=grad_hints(10), about=Msg("784-50-10, MNIST", "784-50-10 on MNIST"))
def gradient_mnist(m, ctx):
    x, t = ctx.mnist(10, test=True)
    params = random_params(ctx.rng, (784, 50, 10), std=0.1)
    return net_with(m, params).gradient(x, np.eye(10)[t])


@suite.case(
    "3.5",
    expect=None,
    check=below_1e7,
    about=Msg("수치 미분과의 상대 오차 < 1e-7", "relative error against a numerical gradient < 1e-7"),
)
def backprop_check_random(m, ctx):
    params, x, t, _ = small_problem(ctx, n=3)
    got = net_with(m, params).gradient(x, t)
    return relative_errors({k: np.asarray(got[k], dtype=float).reshape(params[k].shape) for k in KEYS},
                           staff_numerical_gradient(params, x, t))  # fmt: skip


@suite.case("3.5", about=Msg("gradient는 params를 바꾸지 않음", "gradient leaves params unchanged"))
def params_unchanged_by_gradient(m, ctx):
    params, x, t, _ = small_problem(ctx, n=4)
    net = net_with(m, params)
    net.gradient(x, t)
    return net.params


# ---- 3.6 train_neuralnet ---------------------------------------------------------------------


def guarded(net):
    net.numerical_gradient = forbid_numerical_gradient
    return net


@suite.case(
    "3.6",
    rtol=1e-6,
    about=Msg("784-50-10, MNIST 1,000개, 60회", "784-50-10, 1,000 digits, 60 steps"),
)
def train_mnist_short(m, ctx):
    eye = np.eye(10)
    net = guarded(net_with(m, random_params(ctx.rng, (784, 50, 10), std=0.1)))
    (x_train, t_train), (x_test, t_test) = ctx.mnist(1000), ctx.mnist(500, test=True)
    t_train, t_test = eye[t_train], eye[t_test]
    history = ctx.call(m.train_neuralnet, net, x_train, t_train, x_test, t_test, 60, 100, 0.1, 7)
    return {"history": history, "params": net.params}


@suite.case(
    "3.6",
    params={
        "three_per_epoch": (300, 100, 10),
        "batch_above_train_size": (50, 100, 4),
        "batch_30": (90, 30, 7),
    },
    about=Msg(
        "에포크마다 정확도 기록 (i % iter_per_epoch == 0)", "accuracy each epoch (i % iter_per_epoch == 0)"
    ),
)
def train_small(m, ctx, train_size, batch_size, iters):
    params, x, t, _ = small_problem(ctx, n=train_size + 40)
    net = guarded(net_with(m, params))
    history = m.train_neuralnet(
        net, x[:train_size], t[:train_size], x[train_size:], t[train_size:],
        iters_num=iters, batch_size=batch_size, learning_rate=0.5, seed=11,
    )  # fmt: skip
    return {"history": history, "params": net.params}
