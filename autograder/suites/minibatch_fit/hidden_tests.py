"""Hidden tests, exercise 4 (mini-batch gradient descent): compared with the reference's outputs.

Every network is built with the student's constructor and then given weights drawn from the
case's own generator, so nothing depends on the student's random start. Inputs are the first
digits of the MNIST training subset; the cases return weight *changes* and ``cost_`` so that a
wrong gradient cannot hide behind the size of the weights.
Hints named by id (``hints=["evaluate_fraction"]``) are the public suite's, declared once there.
"""

import numpy as np

from autograder.spec import Hint, Msg, Suite

suite = Suite("minibatch_fit", hidden=True)
TOL = {"rtol": 1e-6, "atol": 1e-10}


def network(m, ctx, cls, n_h=20, **kw):
    net = cls(784, n_h, 10, **kw)
    net.W1 = ctx.rng.uniform(-0.3, 0.3, (n_h, 784))
    net.W2 = ctx.rng.uniform(-1.0, 1.0, (10, n_h))
    return net


def trained(net, X, y):
    """Fit, and report the weight changes and the recorded cost."""
    W1, W2 = net.W1.copy(), net.W2.copy()
    net.fit(X, y)
    return {"dW1": net.W1 - W1, "dW2": net.W2 - W2, "cost_": np.asarray(net.cost_, dtype=float)}


def template_network(m, ctx, cls):
    """Weights built from class-mean digits, so that accuracy is neither 0 nor 100."""
    X, y = ctx.mnist(1000)
    means = np.stack([X[y == c].mean(axis=0) for c in range(10)])
    net = cls(784, 10, 10)
    net.W1 = 0.2 * (means - means.mean(axis=0))
    net.W2 = 8.0 * np.eye(10) - 4.0
    return net


def _cost_len(got):
    return len(got["cost_"])


DROPPED_BATCH = Hint(
    "dropped_last_batch",
    "cost_ 항목이 모자랍니다: 짧은 마지막 배치를 버렸나요? range(0, m, batch_size)로 모든 조각을 도세요.",
    "cost_ is too short: did you drop the short last batch? Loop over range(0, m, batch_size).",
    when=lambda got, want: _cost_len(got) < _cost_len(want),
)
SCHEDULE_SHIFTED = Hint(
    "schedule_shifted",
    "학습률이 한 에포크 밀렸습니다: 첫 에포크 (e=0)는 eta, 마지막 에포크 (e=epochs-1)는 0.0001입니다.",
    "The schedule is one epoch off: epoch e=0 uses eta and the last epoch (e=epochs-1) uses 0.0001.",
    when=lambda got, want: np.allclose(got[:-1], want[1:]) or np.allclose(got[1:], want[:-1]),
)

# ---- 4.1 predict and evaluate -------------------------------------------------------------------


@suite.case(
    "4.1", hints=["predict_transposed"], about=Msg("시험 숫자 30개의 출력", "outputs on 30 test digits")
)
def predict_mnist(m, ctx):
    X, _ = ctx.mnist(30, test=True)
    return network(m, ctx, m.MnistBGD).predict(X)


@suite.case(
    "4.1", hints=["evaluate_fraction"], about=Msg("시험 숫자 200개의 정확도", "accuracy on 200 test digits")
)
def evaluate_mnist(m, ctx):
    X, y = ctx.mnist(200, test=True)
    return float(template_network(m, ctx, m.MnistBGD).evaluate(X, y))


@suite.case(
    "4.1", hints=["evaluate_fraction"], about=Msg("시험 숫자 10개의 정확도", "accuracy on 10 test digits")
)
def evaluate_ten_digits(m, ctx):
    X, y = ctx.mnist(10, start=500, test=True)
    return float(template_network(m, ctx, m.MnistBGD).evaluate(X, y))


@suite.case("4.1", about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"))
def evaluate_keeps_inputs(m, ctx):
    X, y = ctx.mnist(50, test=True)
    return float(ctx.call(template_network(m, ctx, m.MnistBGD).evaluate, X.copy(), y.copy()))


# ---- 4.2 batch gradient descent -----------------------------------------------------------------


@suite.case("4.2", **TOL, about=Msg("숫자 100개, 한 에포크", "100 digits, one epoch"))
def bgd_one_epoch(m, ctx):
    return trained(network(m, ctx, m.MnistBGD, eta=0.5, epochs=1), *ctx.mnist(100))


@suite.case("4.2", **TOL, about=Msg("숫자 60개, 세 에포크", "60 digits, three epochs"))
def bgd_three_epochs(m, ctx):
    return trained(network(m, ctx, m.MnistBGD, eta=1.0, epochs=3), *ctx.mnist(60, start=200))


@suite.case("4.2", **TOL, about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"))
def bgd_keeps_inputs(m, ctx):
    net = network(m, ctx, m.MnistBGD, eta=0.5, epochs=2)
    X, y = ctx.mnist(40, start=400)
    out = ctx.call(net.fit, X.copy(), y.copy())
    return {"returns_self": out is net, "W1": net.W1, "W2": net.W2}


# ---- 4.3 stochastic gradient descent ------------------------------------------------------------


@suite.case("4.3", **TOL, about=Msg("처음 다섯 번의 갱신", "the first five updates"))
def sgd_first_steps(m, ctx):
    return trained(network(m, ctx, m.MnistSGD, eta=0.5, epochs=1), *ctx.mnist(5))


@suite.case("4.3", **TOL, about=Msg("숫자 12개를 순서대로, 두 에포크", "12 digits in order, two epochs"))
def sgd_two_epochs(m, ctx):
    return trained(network(m, ctx, m.MnistSGD, eta=0.3, epochs=2), *ctx.mnist(12, start=50))


@suite.case("4.3", **TOL, about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"))
def sgd_keeps_inputs(m, ctx):
    net = network(m, ctx, m.MnistSGD, eta=0.5, epochs=1)
    X, y = ctx.mnist(10, start=70)
    out = ctx.call(net.fit, X.copy(), y.copy())
    return {"returns_self": out is net, "W1": net.W1, "W2": net.W2}


# ---- 4.4 mini-batch gradient descent ------------------------------------------------------------


@suite.case(
    "4.4",
    params={"bs10": (10,), "bs32": (32,), "bs100": (100,), "bs128": (128,)},
    **TOL,
    hints=[DROPPED_BATCH],
    about=Msg("숫자 100개, 한 에포크, 여러 배치 크기", "100 digits, one epoch, several batch sizes"),
)
def minibatch_one_epoch(m, ctx, batch_size):
    net = network(m, ctx, m.MnistMiniBatch, eta=0.5, epochs=1, batch_size=batch_size)
    return trained(net, *ctx.mnist(100, start=1000))


@suite.case(
    "4.4",
    **TOL,
    about=Msg("일정이 있는 세 에포크 (배치 16)", "three epochs with the schedule (batch 16)"),
)
def minibatch_schedule(m, ctx):
    net = network(m, ctx, m.MnistMiniBatch, eta=0.8, epochs=3, batch_size=16, schedule=True)
    return trained(net, *ctx.mnist(64, start=300))


@suite.case("4.4", **TOL, about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"))
def minibatch_keeps_inputs(m, ctx):
    net = network(m, ctx, m.MnistMiniBatch, eta=0.5, epochs=1, batch_size=20)
    X, y = ctx.mnist(50, start=600)
    out = ctx.call(net.fit, X.copy(), y.copy())
    return {"returns_self": out is net, "W1": net.W1, "W2": net.W2}


@suite.case(
    "4.4",
    about=Msg("cost_ 길이 = epochs × ⌈m / batch_size⌉", "len(cost_) = epochs × ceil(m / batch_size)"),
)
def batches_per_epoch(m, ctx):
    net = network(m, ctx, m.MnistMiniBatch, n_h=5, eta=0.1, epochs=3, batch_size=32)
    net.fit(*ctx.mnist(70, start=800))
    return len(net.cost_)


# ---- 4.5 learning-rate schedule -----------------------------------------------------------------


@suite.case(
    "4.5",
    params={"eta05_e10": (0.5, 10), "eta01_e2": (0.1, 2), "eta02_e1": (0.2, 1), "eta1_e40": (1.0, 40)},
    rtol=1e-9,
    hints=[SCHEDULE_SHIFTED],
    about=Msg("선형 일정의 에포크별 학습률", "per-epoch rates of the linear schedule"),
)
def learning_rate_schedule(m, ctx, eta, epochs):
    net = m.MnistMiniBatch(4, 3, 2, eta=eta, epochs=epochs, schedule=True)
    return [float(net.learning_rate(e)) for e in range(epochs)]


@suite.case("4.5", rtol=1e-12, about=Msg("일정 없이: 언제나 eta", "no schedule: always eta"))
def learning_rate_constant(m, ctx):
    net = m.MnistMiniBatch(4, 3, 2, eta=0.3, epochs=6)
    return [float(net.learning_rate(e)) for e in range(6)]
