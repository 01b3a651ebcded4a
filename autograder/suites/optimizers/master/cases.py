# === public: assignments/optimizers/public_tests.py (what students get and run)
"""Public tests, exercise 7 (optimizers): small updates you can follow by hand, and the lecture's valley.

Run them with ``python -m autograder check optimizers [your_file.py]``.
Every update starts from P0 with the gradients G1 (then G2); early stopping trains the staff's
TwoLayerNet of optimizers_staff.py on 300 digits.
"""

import numpy as np
from optimizers_staff import VALLEY_START, small_net, trajectory, valley_grad

from autograder.runtime.spec import REFERENCE, Hint, Msg, Suite

suite = Suite("optimizers", hidden=False)

P0 = {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.1, -0.3])}
G1 = {"W": np.array([[0.2, -0.4], [0.0, 1.5]]), "b": np.array([-0.05, 0.3])}
G2 = {"W": np.array([[0.1, 0.3], [-0.2, 1.0]]), "b": np.array([0.02, -0.1])}
# gradients of the size a trained network sees, one of them exactly zero
G_TINY = {"W": np.array([[1e-4, -2e-4], [0.0, 3e-4]]), "b": np.array([1e-5, -5e-5])}
EPS = 1e-7


def fresh(d):
    return {k: np.array(v, copy=True) for k, v in d.items()}


def steps(ctx, optimizer, grads, start=P0):
    """Apply ``optimizer`` for each gradient dict in turn; the arrays of the first params dict."""
    params = fresh(start)
    arrays = dict(params)  # the arrays themselves: an update changes them in place
    for g in grads:
        ctx.call(lambda g: optimizer.update(params, g), fresh(g))  # the parent checks g is unchanged
    return arrays


def _moved(got, want, start=P0):
    return {k: (np.asarray(got[k]) - start[k], np.asarray(want[k]) - start[k]) for k in start}


def _close_all(got, other):
    return all(np.allclose(np.asarray(got[k]), other[k], rtol=1e-6, atol=1e-12) for k in other)


UPDATE_SIGN = Hint(
    "update_sign",
    "",
    "",
    when=lambda got, want: all(
        np.allclose(g, -w, rtol=1e-6, atol=1e-12) and np.any(w != 0) for g, w in _moved(got, want).values()
    ),
)
NOT_IN_PLACE = Hint(
    "not_in_place",
    "params의 배열이 그대로입니다: 새 배열을 만들어 넣지 말고 params[key] -= ... 처럼 제자리에서 바꾸세요 "
    "(TwoLayerNet의 층들이 같은 배열을 쓰고 있습니다).",
    "The arrays of params did not change: update them in place, as params[key] -= ..., instead of "
    "putting new arrays in the dict (a network's layers hold the same arrays).",
    when=lambda got, want: _close_all(got, P0) and not _close_all(want, P0),
)


def _adagrad(grads, lr, h_of=lambda h, g: h + g**2, root=lambda h: np.sqrt(h + EPS)):
    p, h = fresh(P0), {k: np.zeros_like(v) for k, v in P0.items()}
    for g in grads:
        for k in p:
            h[k] = h_of(h[k], g[k])
            p[k] = p[k] - lr * g[k] / root(h[k])
    return p


ADAGRAD_FORGETS_H = Hint(
    "adagrad_forgets_h",
    "h가 누적되지 않았습니다: h ← h + (∂E/∂w)² 로 이전 값에 더하세요 (h = g²이면 매번 새로 시작합니다).",
    "h does not accumulate: add to the old value, h ← h + (∂E/∂w)² (h = g² starts afresh every step).",
    when=lambda got, want: _close_all(got, _adagrad([G1, G2], 0.1, h_of=lambda h, g: g**2)),
)
EPS_OUTSIDE_ROOT = Hint(
    "eps_outside_root",
    "1e-7은 제곱근 안에 넣습니다: √(h + 1e-7). √h + 1e-7 은 기울기가 작을 때 값이 크게 달라집니다.",
    "1e-7 goes inside the square root: √(h + 1e-7). √h + 1e-7 differs a lot when gradients are small.",
    when=lambda got, want: _close_all(got, _adagrad([G_TINY], 0.01, root=lambda h: np.sqrt(h) + EPS))
    or _close_all(got, _rmsprop([G_TINY], 0.01, 0.99, root=lambda h: np.sqrt(h) + EPS)),
)
EPS_MISSING = Hint(
    "eps_missing",
    "기울기가 0인 원소에서 0/0이 되었습니다: 제곱근 안에 1e-7을 더하세요, √(h + 1e-7).",
    "A zero gradient gave 0/0 at the first step: add 1e-7 inside the square root, √(h + 1e-7).",
    when=lambda got, want: not all(np.all(np.isfinite(np.asarray(got[k]))) for k in P0),
)


def _rmsprop(grads, lr, r, root=lambda h: np.sqrt(h + EPS), swap=False):
    p, h = fresh(P0), {k: np.zeros_like(v) for k, v in P0.items()}
    for g in grads:
        for k in p:
            h[k] = (1 - r) * h[k] + r * g[k] ** 2 if swap else r * h[k] + (1 - r) * g[k] ** 2
            p[k] = p[k] - lr * g[k] / root(h[k])
    return p


RMSPROP_SWAPPED = Hint(
    "rmsprop_swapped",
    "r과 (1 − r)이 바뀌었습니다: h ← r·h + (1 − r)·(∂E/∂w)² (r = 0.99는 이전 h를 거의 그대로 둡니다).",
    "r and (1 − r) are swapped: h ← r·h + (1 − r)·(∂E/∂w)² (r = 0.99 keeps most of the old h).",
    when=lambda got, want: _close_all(got, _rmsprop([G1, G2], 0.01, 0.99, swap=True)),
)


def _adam(grads, lr, bias=True, per_key=False):
    p = fresh(P0)
    m, v = ({k: np.zeros_like(x) for k, x in P0.items()} for _ in range(2))
    t = 0
    for g in grads:
        t += 0 if per_key else 1
        for k in p:
            t += 1 if per_key else 0
            m[k] = 0.9 * m[k] + 0.1 * g[k]
            v[k] = 0.999 * v[k] + 0.001 * g[k] ** 2
            mh, vh = (m[k] / (1 - 0.9**t), v[k] / (1 - 0.999**t)) if bias else (m[k], v[k])
            p[k] = p[k] - lr * mh / np.sqrt(vh + EPS)
    return p


ADAM_NO_BIAS = Hint(
    "adam_no_bias_correction",
    "편향 보정이 없습니다: m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t) 로 나누어 쓰세요 (m, v는 0에서 시작합니다).",
    "The bias correction is missing: use m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t) (m and v start at zero).",
    when=lambda got, want: _close_all(got, _adam([G1, G2], 0.01, bias=False)),
)
ADAM_T_PER_KEY = Hint(
    "adam_t_per_key",
    "t는 update 한 번에 1씩 늘어야 합니다: 키마다 늘리면 매개변수가 여럿일 때 보정이 틀립니다.",
    "t must grow by one per update call: counting it per key breaks the correction when there are several keys.",
    when=lambda got, want: _close_all(got, _adam([G1, G2], 0.01, per_key=True)),
)
STATE_SHARED = Hint(
    "state_shared",
    "상태(h, v, m)를 키나 객체끼리 같이 쓰고 있습니다: self.h = {} 처럼 __init__에서 객체마다 만들고 "
    "h[key]로 키마다 따로 두세요.",
    "State (h, v, m) is shared between keys or objects: create it per object in __init__ (self.h = {}) "
    "and keep one entry per key, h[key].",
    # two equal keys given equal gradients end equal under any rule, unless they share state
    when=lambda got, want: all(np.all(np.isfinite(np.asarray(v))) for v in got.values())
    and not np.allclose(np.asarray(got["u"]), np.asarray(got["v"])),
)
MOMENTUM_NOT_ACCUMULATED = Hint(
    "momentum_not_accumulated",
    "v가 이전 단계를 기억하지 않습니다: v ← μ·v − ε·∂E/∂w 로 이전 v에 μ를 곱해 더하세요.",
    "v does not remember the previous step: v ← μ·v − ε·∂E/∂w multiplies the old v by μ.",
    when=lambda got, want: _close_all(got, {k: P0[k] - 0.1 * G1[k] - 0.1 * G2[k] for k in P0}),
)
SCHEDULE_GROWS = Hint(
    "schedule_grows",
    "학습률이 커지고 있습니다: 지수에 음수 부호가 있어야 합니다, η0·10^(−t/r), η0·(1 + t/r)^(−c).",
    "The rate grows: the exponent needs its minus sign, η0·10^(−t/r) and η0·(1 + t/r)^(−c).",
    when=lambda got, want: bool(np.all(np.asarray(got)[1:] > np.asarray(got)[0])),
)
BEST_EPOCH_ZERO_BASED = Hint(
    "best_epoch_zero_based",
    "에포크는 1부터 셉니다 (강의의 early_stopped_time): 첫 에포크가 1입니다.",
    "Epochs count from 1 (the lecture's early_stopped_time): the first epoch is 1.",
    # the same training, labelled one lower: the weights kept are the reference's best ones (a
    # different training, e.g. shuffled with np.random, may also end one epoch earlier by chance)
    when=lambda got, want: int(got[0]) == int(want[0]) - 1
    and all(np.allclose(np.asarray(got[1][k]), np.asarray(want[1][k]), rtol=1e-6, atol=1e-12) for k in want[1]),
)
BEST_NOT_COPIED = Hint(
    "best_params_not_copied",
    "돌려준 가중치가 학습이 끝난 뒤의 값입니다: 가장 좋은 에포크에서 {k: v.copy() ...}로 복사해 두세요.",
    "The returned weights are the ones after the last epoch: copy them ({k: v.copy() ...}) at the best epoch.",
    when=lambda got, want: int(got[0]) == int(want[0])
    and all(np.allclose(np.asarray(got[1][k]), np.asarray(got[2][k])) for k in got[2])
    and not all(np.allclose(np.asarray(want[1][k]), np.asarray(want[2][k])) for k in want[2]),
)


@suite.case(
    "7.1",
    expect=REFERENCE,
    hints=[UPDATE_SIGN, NOT_IN_PLACE],
    about=Msg("P0에서 한 단계 (ε = 0.1)", "one step from P0 (ε = 0.1)"),
    rules=["in_place", "keeps_grads"],
)
def sgd_one_step(m, ctx):
    return steps(ctx, m.SGD(lr=0.1), [G1])


@suite.case("7.1", expect=REFERENCE, hints=[UPDATE_SIGN, NOT_IN_PLACE])
def sgd_default_rate(m, ctx):
    return steps(ctx, m.SGD(), [G1, G2])


@suite.case(
    "7.2",
    expect=REFERENCE,
    hints=[UPDATE_SIGN, NOT_IN_PLACE],
    about=Msg("첫 단계는 SGD와 같음", "the first step equals SGD's"),
    rules=["momentum_first"],
)
def momentum_first_step(m, ctx):
    return steps(ctx, m.Momentum(lr=0.1, momentum=0.9), [G1])


@suite.case("7.2", expect=REFERENCE, hints=[UPDATE_SIGN, MOMENTUM_NOT_ACCUMULATED, NOT_IN_PLACE])
def momentum_two_steps(m, ctx):
    return steps(ctx, m.Momentum(lr=0.1, momentum=0.9), [G1, G2])


@suite.case("7.3", expect=REFERENCE, hints=[UPDATE_SIGN, NOT_IN_PLACE, EPS_MISSING])
def adagrad_first_step(m, ctx):
    return steps(ctx, m.AdaGrad(lr=0.1), [G1])


@suite.case("7.3", expect=REFERENCE, hints=[ADAGRAD_FORGETS_H, UPDATE_SIGN, EPS_MISSING])
def adagrad_two_steps(m, ctx):
    return steps(ctx, m.AdaGrad(lr=0.1), [G1, G2])


@suite.case(
    "7.3",
    expect=REFERENCE,
    rtol=1e-9,
    hints=[EPS_MISSING, EPS_OUTSIDE_ROOT],
    about=Msg("작은 기울기와 0인 기울기", "small gradients and a zero one"),
    rules=["adagrad_eps"],
)
def adagrad_tiny_gradients(m, ctx):
    return steps(ctx, m.AdaGrad(lr=0.01), [G_TINY])


@suite.case(
    "7.3",
    expect=REFERENCE,
    hints=[STATE_SHARED],
    about=Msg("같은 두 키는 같게, 두 객체는 서로 무관하게", "two equal keys stay equal; two objects are independent"),
    rules=["state_per_key"],
)
def adagrad_state_per_key_and_object(m, ctx):
    same = {"u": P0["W"].copy(), "v": P0["W"].copy()}
    grads = {"u": G1["W"], "v": G1["W"]}
    a, b = m.AdaGrad(lr=0.1), m.AdaGrad(lr=0.1)
    pa, pb = fresh(same), fresh(same)
    a.update(pa, fresh(grads))
    b.update(pb, fresh(grads))  # b's first step: nothing a did may show here
    a.update(pa, fresh(grads))
    return {"u": pa["u"], "v": pa["v"], "b": pb["u"]}


@suite.case("7.4", expect=REFERENCE, hints=[RMSPROP_SWAPPED, UPDATE_SIGN, EPS_MISSING], rules=["rmsprop_decay"])
def rmsprop_two_steps(m, ctx):
    return steps(ctx, m.RMSProp(lr=0.01, decay_rate=0.99), [G1, G2])


@suite.case(
    "7.4",
    expect=REFERENCE,
    rtol=1e-5,
    about=Msg("float32 매개변수", "float32 parameters"),
    rules=["float32_params"],
)
def rmsprop_float32_params(m, ctx):
    p32 = {k: v.astype(np.float32) for k, v in P0.items()}
    g32 = {k: v.astype(np.float32) for k, v in G1.items()}
    return steps(ctx, m.RMSProp(lr=0.01), [g32], start=p32)


@suite.case("7.5", expect=REFERENCE, hints=[UPDATE_SIGN, ADAM_NO_BIAS, EPS_MISSING], rules=["adam_bias"])
def adam_first_step(m, ctx):
    return steps(ctx, m.Adam(lr=0.01), [G1])


@suite.case("7.5", expect=REFERENCE, hints=[ADAM_NO_BIAS, ADAM_T_PER_KEY, UPDATE_SIGN], rules=["adam_t"])
def adam_two_steps(m, ctx):
    return steps(ctx, m.Adam(lr=0.01), [G1, G2])


@suite.case(
    "7.1",
    expect=REFERENCE,
    rtol=1e-6,
    about=Msg("강의의 긴 골짜기 f = x²/20 + y², (−7, 2)에서 30단계", "the lecture's long valley from (−7, 2), 30 steps"),
)
def valley_sgd(m, ctx):
    return trajectory(m.SGD(lr=0.95), valley_grad, VALLEY_START, 30)[-1]


@suite.case("7.6", expect=REFERENCE, hints=[SCHEDULE_GROWS])
def exponential_decay_epochs(m, ctx):
    return np.array([m.exponential_decay(0.1, t, 10) for t in (0, 5, 10, 20)])


@suite.case("7.7", expect=REFERENCE, hints=[SCHEDULE_GROWS])
def power_decay_epochs(m, ctx):
    return np.array([m.power_decay(0.1, t, 10, 1) for t in (0, 5, 10, 20)])


@suite.case(
    "7.8",
    expect=REFERENCE,
    rtol=1e-6,
    hints=[BEST_EPOCH_ZERO_BASED, BEST_NOT_COPIED],
    about=Msg("300개 숫자, SGD ε = 0.5, 10 에포크", "300 digits, SGD ε = 0.5, 10 epochs"),
    rules=["best_epoch_one_based", "best_params_copied"],
)
def early_stopping_sgd(m, ctx):
    (x, t), (xt, tt) = ctx.mnist(300), ctx.mnist(200, test=True)
    net = small_net(np.random.default_rng(7), hidden=20)
    best, params = m.fit_early_stopping(net, m.SGD(lr=0.5), x, t, xt, tt, 10, 50, np.random.default_rng(1))
    return best, corners(params), corners(net.params)


def corners(params):
    """Nine weights from the middle of each array (W1 has 15,680; the image's border pixels are always
    0, so its first rows never change): enough to tell one epoch's weights from another's."""
    return {k: np.asarray(v)[len(v) // 2 : len(v) // 2 + 3, :3] if np.ndim(v) == 2 else np.asarray(v)[:3]
            for k, v in params.items()}  # fmt: skip


# === hidden: autograder/suites/optimizers/hidden_tests.py (judged in the parent; @hidden cases follow)
"""Hidden tests, exercise 7 (optimizers): compared with the reference's outputs.

Random parameters of several shapes over several steps, float32, several keys and objects, the
lecture's long valley and Beale's function with each optimizer, the schedules over many epochs,
and early stopping with SGD and Momentum on MNIST (a run whose best accuracy is tied).
"""

from autograder.runtime.spec import Hint, Msg, Suite, load_beside

suite = Suite("optimizers", hidden=True)
scenarios = load_beside(__file__, "scenarios")

RTOL = 1e-6
SIGN = ["update_sign", "not_in_place", "eps_missing"]
FLOAT32 = Msg("float32 매개변수, 5단계", "float32 parameters, 5 steps")
VALLEY = Msg(
    "긴 골짜기 x²/20 + y²의 궤적 30단계 (강의의 학습률)",
    "the long valley x²/20 + y², a 30-step path (the lecture's rates)",
)
BEALE = Msg("Beale 함수의 궤적 100단계", "Beale's function, a 100-step path")


# ---- 7.8: the training loop itself, from the calls it makes (see scenarios.early_stopping_loop) ----


def _loop(value):
    """(accuracy calls, the batches of gradient calls, epochs' orders) from a loop case's record."""
    log = value["log"]
    accuracies = sum(1 for e in log if e[0] == "a")
    batches = [list(e[1]) for e in log if e[0] == "g"]
    return accuracies, batches


def _epochs(value):
    """The batches of each epoch: the gradient calls between two accuracy calls."""
    epochs, current = [], []
    for entry in value["log"]:
        if entry[0] == "g":
            current.append(list(entry[1]))
        else:
            epochs.append(current)
            current = []
    return epochs


def loop_check(actual, expected):
    """The loop's calls against the reference's: how many epochs, which samples in which batch."""
    if not isinstance(actual, dict) or "log" not in actual:
        return Msg(
            "fit_early_stopping을 독스트링대로 부르지 못했습니다.",
            "fit_early_stopping could not be called as the docstring says.",
        )
    if actual["np_random_used"]:
        return Msg(
            "np.random의 전역 난수를 썼습니다: 섞을 때는 인자로 받은 rng만 쓰세요 (order = rng.permutation(N)).",
            "The global np.random state was used: shuffle with the rng you are given only "
            "(order = rng.permutation(N)).",
        )
    got_acc, got_batches = _loop(actual)
    want_acc, want_batches = _loop(expected)
    if got_acc != want_acc:
        return Msg(
            f"network.accuracy를 {got_acc}번 불렀습니다: 에포크마다 한 번, epochs번이어야 합니다.",
            f"network.accuracy was called {got_acc} times: once per epoch, epochs times in all.",
        )
    if [len(b) for b in got_batches] != [len(b) for b in want_batches]:
        sizes = [len(b) for b in _epochs(actual)[0]] if _epochs(actual) else []
        return Msg(
            f"첫 에포크의 미니배치 크기가 {sizes}입니다: 에포크마다 N개 샘플을 batch_size씩 한 번씩 모두 "
            "쓰세요 (마지막 배치는 짧을 수 있음).",
            f"The first epoch's mini-batch sizes are {sizes}: every epoch uses each of the N samples once, "
            "batch_size at a time (the last batch may be shorter).",
        )
    if got_batches != want_batches or _epochs(actual) != _epochs(expected):
        return Msg(
            "미니배치의 샘플이 rng.permutation(N)의 순서와 다릅니다: 에포크마다 한 번 섞고 "
            "order[0:batch_size], order[batch_size:2·batch_size], ... 순서로 쓰세요.",
            "The mini-batches do not follow rng.permutation(N): shuffle once per epoch and take "
            "order[0:batch_size], order[batch_size:2·batch_size], ... in turn.",
        )
    if actual["best"] != expected["best"]:
        return Msg(
            f"가장 좋은 에포크가 {actual['best']}입니다: 기대한 값이 아닙니다.",
            f"The best epoch is {actual['best']}, not the expected one.",
        )
    return None


def _same_order_every_epoch(got, want):
    g, w = _epochs(got), _epochs(want)
    return len(g) > 1 and all(e == g[0] for e in g) and not all(e == w[0] for e in w)


LOOP_RNG_RECREATED = Hint(
    "rng_recreated",
    "에포크마다 섞은 순서가 똑같습니다: 반복문 안에서 발생기를 새로 만들거나 (np.random.default_rng(42)) 시드를 "
    "다시 정했나요? 인자로 받은 rng 하나를 계속 쓰세요: 에포크마다 다른 순서가 나옵니다.",
    "Every epoch is shuffled in the same order: did you create a generator (np.random.default_rng(42)) or "
    "seed one inside the loop? Keep using the one rng you are given: each epoch then gets a new order.",
    when=lambda got, want: not got["np_random_used"] and _same_order_every_epoch(got, want),
)
# the course-wide misconceptions (autograder/core/misconceptions.py), read from the scenario's
# np_random_used, batch_sizes and updates_before_evaluation
LOOP_HINTS = [
    "global_random",
    LOOP_RNG_RECREATED,
    "off_by_one_steps",
    "dropped_last_batch",
    "loss_after_update",
]
# === scenarios: autograder/suites/optimizers/scenarios.py (what a worker runs; @hidden declares a case)
"""What is run for the hidden cases of this exercise: scenarios and the helpers they use.

Each function drives the student's module ``m``; a worker receives one of them at a time
(with the helpers it uses), never the expected values, checks or hints of hidden_tests.py.
"""

import numpy as np
from optimizers_staff import BEALE_START, VALLEY_START, beale_grad, small_net, trajectory, valley_grad

SHAPES = {"W1": (5, 4), "b1": (4,), "W2": (4, 3), "b2": (3,)}
MAKERS = {
    "sgd": lambda m: m.SGD(lr=0.05),
    "momentum": lambda m: m.Momentum(lr=0.05, momentum=0.8),
    "adagrad": lambda m: m.AdaGrad(lr=0.05),
    "rmsprop": lambda m: m.RMSProp(lr=0.05, decay_rate=0.9),
    "adam": lambda m: m.Adam(lr=0.05),
}
TASKS = {"sgd": "7.1", "momentum": "7.2", "adagrad": "7.3", "rmsprop": "7.4", "adam": "7.5"}


def random_steps(m, ctx, name, steps=5, dtype=np.float64):
    """``steps`` updates of a four-key network's parameters with random gradients."""
    params = {k: ctx.rng.normal(size=s).astype(dtype) for k, s in SHAPES.items()}
    arrays = dict(params)
    optimizer = MAKERS[name](m)
    for _ in range(steps):
        grads = {k: ctx.rng.normal(size=s).astype(dtype) for k, s in SHAPES.items()}
        ctx.call(lambda g: optimizer.update(params, g), grads)
    return arrays


@hidden("7.1", hints=SIGN, rtol=RTOL)
def sgd_random(m, ctx):
    return random_steps(m, ctx, "sgd")


@hidden("7.2", hints=SIGN + ["momentum_not_accumulated"], rtol=RTOL)
def momentum_random(m, ctx):
    return random_steps(m, ctx, "momentum")


@hidden("7.3", hints=SIGN + ["adagrad_forgets_h"], rtol=RTOL)
def adagrad_random(m, ctx):
    return random_steps(m, ctx, "adagrad")


@hidden("7.4", hints=SIGN + ["rmsprop_swapped"], rtol=RTOL)
def rmsprop_random(m, ctx):
    return random_steps(m, ctx, "rmsprop")


@hidden("7.5", hints=SIGN + ["adam_no_bias_correction", "adam_t_per_key"], rtol=RTOL)
def adam_random(m, ctx):
    return random_steps(m, ctx, "adam")


def float32_steps(m, ctx, name):
    return random_steps(m, ctx, name, dtype=np.float32)


@hidden("7.3", rtol=1e-4, about=FLOAT32)
def adagrad_float32_random(m, ctx):
    return float32_steps(m, ctx, "adagrad")


@hidden("7.4", rtol=1e-4, about=FLOAT32)
def rmsprop_float32_random(m, ctx):
    return float32_steps(m, ctx, "rmsprop")


@hidden("7.5", rtol=1e-4, about=FLOAT32)
def adam_float32_random(m, ctx):
    return float32_steps(m, ctx, "adam")


def two_keys_two_objects(m, ctx, name):
    """Two equal keys must stay equal, and a second object must not see the first one's steps."""
    start = ctx.rng.normal(size=(3, 3))
    grads = [ctx.rng.normal(size=(3, 3)) for _ in range(3)]
    a, b = MAKERS[name](m), MAKERS[name](m)
    pa, pb = {"u": start.copy(), "v": start.copy()}, {"u": start.copy()}
    for g in grads:
        a.update(pa, {"u": g.copy(), "v": g.copy()})
        b.update(pb, {"u": g.copy()})
    return {"u": pa["u"], "v": pa["v"], "b": pb["u"]}


@hidden("7.2", hints=["state_shared"], rtol=RTOL)
def momentum_state_per_key(m, ctx):
    return two_keys_two_objects(m, ctx, "momentum")


@hidden("7.4", hints=["state_shared"], rtol=RTOL)
def rmsprop_state_per_key(m, ctx):
    return two_keys_two_objects(m, ctx, "rmsprop")


@hidden("7.5", hints=["adam_t_per_key"], rtol=RTOL)  # t counted per key is the shared state Adam has
def adam_state_per_key(m, ctx):
    return two_keys_two_objects(m, ctx, "adam")


# the lecture's comparison: each optimizer at the lecture's rate on the long valley, 30 steps


@hidden("7.1", rtol=RTOL, about=VALLEY)
def valley_sgd_path(m, ctx):
    return trajectory(m.SGD(lr=0.95), valley_grad, VALLEY_START, 30)


@hidden("7.2", rtol=RTOL, about=VALLEY)
def valley_momentum_path(m, ctx):
    return trajectory(m.Momentum(lr=0.1), valley_grad, VALLEY_START, 30)


@hidden("7.3", rtol=RTOL, about=VALLEY)
def valley_adagrad_path(m, ctx):
    return trajectory(m.AdaGrad(lr=1.5), valley_grad, VALLEY_START, 30)


@hidden("7.4", rtol=RTOL, about=VALLEY)
def valley_rmsprop_path(m, ctx):
    return trajectory(m.RMSProp(lr=0.3), valley_grad, VALLEY_START, 30)


@hidden("7.5", rtol=RTOL, about=VALLEY)
def valley_adam_path(m, ctx):
    return trajectory(m.Adam(lr=0.3), valley_grad, VALLEY_START, 30)


@hidden("7.2", rtol=RTOL, about=BEALE)
def beale_momentum_path(m, ctx):
    return trajectory(m.Momentum(lr=0.001), beale_grad, BEALE_START, 100)


@hidden("7.3", rtol=RTOL, about=BEALE)
def beale_adagrad_path(m, ctx):
    return trajectory(m.AdaGrad(lr=0.1), beale_grad, BEALE_START, 100)


@hidden("7.4", rtol=RTOL, about=BEALE)
def beale_rmsprop_path(m, ctx):
    return trajectory(m.RMSProp(lr=0.01), beale_grad, BEALE_START, 100)


@hidden("7.5", rtol=RTOL, about=BEALE)
def beale_adam_path(m, ctx):
    return trajectory(m.Adam(lr=0.05), beale_grad, BEALE_START, 100)


@hidden("7.6", hints=["schedule_grows"], rtol=1e-9)
def exponential_decay_many(m, ctx):
    return np.array([m.exponential_decay(0.5, t, 7) for t in range(0, 40, 3)])


@hidden("7.7", hints=["schedule_grows"], rtol=1e-9, params={"c1": (1,), "c_half": (0.5,), "c2": (2,)})
def power_decay_many(m, ctx, c):
    return np.array([m.power_decay(0.5, t, 7, c) for t in range(0, 40, 3)])


@hidden(
    "7.8",
    rtol=1e-6,
    hints=["best_epoch_zero_based", "best_params_not_copied"],
    params={"sgd": ("sgd",), "momentum": ("momentum",)},
    about=Msg(
        "200개 숫자, 15 에포크 (가장 좋은 정확도가 두 번)", "200 digits, 15 epochs (the best accuracy twice)"
    ),
)
def early_stopping_mnist(m, ctx, name):
    (x, t), (xt, tt) = ctx.mnist(200, start=1000), ctx.mnist(200, start=500, test=True)
    net = small_net(np.random.default_rng(11), hidden=20)
    optimizer = m.SGD(lr=1.0) if name == "sgd" else m.Momentum(lr=0.2, momentum=0.9)
    best, params = m.fit_early_stopping(net, optimizer, x, t, xt, tt, 15, 20, np.random.default_rng(3))
    return best, params, net.params


class Recorder:
    """The staff network, with a record of the calls a training loop makes: which samples each
    gradient call got (their rows in x_train) and when the accuracy was measured."""

    LIMIT = 200  # calls recorded at most: a loop gone wrong must not send an endless record

    def __init__(self, net, x_train, x_test):
        self.net, self.params, self.x_test = net, net.params, x_test
        self.rows = {row.tobytes(): i for i, row in enumerate(x_train)}
        self.log = []

    def __getattr__(self, name):  # predict, loss, ...: the staff network's own
        return getattr(self.net, name)

    def _record(self, entry):
        if len(self.log) < self.LIMIT:
            self.log.append(entry)

    def gradient(self, x, t):
        self._record(["g", [self.rows.get(row.tobytes(), -1) for row in np.asarray(x)]])
        return self.net.gradient(x, t)

    def accuracy(self, x, t):
        if np.shape(x) == self.x_test.shape and np.array_equal(x, self.x_test):  # the per-epoch evaluation
            self._record(["a"])
        return self.net.accuracy(x, t)


class KeepWeights:
    """An optimizer that changes nothing: the loop case judges the loop, not an update rule (every
    epoch's accuracy is then the same, so the best epoch is the first, 1)."""

    def update(self, params, grads):
        pass


@hidden(
    "7.8",
    check=loop_check,
    hints=LOOP_HINTS,
    about=Msg(
        "학습 반복문: 60개 숫자, 배치 25 (마지막 배치 10), 3 에포크, 주어진 rng로만 섞기",
        "the training loop: 60 digits, batches of 25 (the last one 10), 3 epochs, shuffled with the given rng only",
    ),
)
def early_stopping_loop(m, ctx):
    (x, t), (xt, tt) = ctx.mnist(60, start=2000), ctx.mnist(100, start=700, test=True)
    net = Recorder(small_net(np.random.default_rng(5), hidden=10), x, xt)
    before = np.random.get_state()  # whether the student's code draws from (or seeds) the global state
    best, _ = m.fit_early_stopping(net, KeepWeights(), x, t, xt, tt, 3, 25, np.random.default_rng(4))
    after = np.random.get_state()
    used = not (np.array_equal(before[1], after[1]) and before[2:] == after[2:])
    sizes = [len(e[1]) for e in net.log if e[0] == "g"]
    # per update: the batch sizes; per evaluation: the updates done before it (the catalogue's
    # detectors read these: a short batch missing each epoch, one epoch more, evaluated a step early)
    done, evaluated = 0, []
    for entry in net.log:
        if entry[0] == "g":
            done += 1
        else:
            evaluated.append(done)
    return {
        "best": best,
        "log": net.log,
        "np_random_used": used,
        "batch_sizes": np.array(sizes, dtype=float),
        "updates_before_evaluation": np.array(evaluated, dtype=float),
    }
