"""Hidden tests, exercise 6 (deep neural net): compared with the reference's outputs.

Every net gets injected weights (never the student's random init). Tasks 6.2-6.5 use the staff
activations below, so a wrong activation costs task 6.1 only; backprop is fed Z and A from the
staff forward pass, so it is graded apart from forpass. The gradient case checks the update
against central differences written here, on the staff forward pass.
"""

import numpy as np

from autograder.spec import Hint, Msg, Suite

suite = Suite("dnn_backprop", hidden=True)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


ACT = {
    "sigmoid": (_sigmoid, lambda z: _sigmoid(z) * (1.0 - _sigmoid(z))),
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(0.0, z), lambda z: (z > 0).astype(float)),
}

# Depth 2 to 5, mixed activations; "square" has equal layer sizes so that shapes cannot catch A[i]
# used for A[i-1]. Samples m = 5 never equal n_y, so m taken from the wrong axis shows.
ARCHS = {
    "depth2": ([3, 4, 2], ["tanh", "sigmoid"]),
    "depth3": ([4, 5, 3, 3], ["relu", "tanh", "sigmoid"]),
    "square": ([3, 3, 3, 3, 3], ["tanh", "sigmoid", "relu", "tanh"]),
    "depth5": ([5, 6, 4, 4, 3, 2], ["sigmoid", "relu", "tanh", "sigmoid", "tanh"]),
}
M = 5


def activate(names):
    return [f for name in names for f in ACT[name]]


def weights(ctx, arch, scale=1.0):
    return [None] + [scale * ctx.rng.uniform(-1, 1, (n, n_prev)) for n_prev, n in zip(arch, arch[1:])]


def make_net(m, ctx, arch, names, scale=1.0, **kw):
    """The student's net with staff activations and weights drawn from the case's generator."""
    net = m.DeepNeuralNet(list(arch), activate(names), **kw)
    W = weights(ctx, arch, scale)
    net.W = [None] + [w.copy() for w in W[1:]]
    return net, W


def staff_forpass(W, names, A0):
    Z, A = [None], [A0]
    for i, name in enumerate(names, start=1):
        Z.append(W[i] @ A[i - 1])
        A.append(ACT[name][0](Z[i]))
    return Z, A


def labels(ctx, m, n_y):
    return ctx.rng.integers(0, max(n_y, 2), m)


def targets(y, n_y):
    return y.reshape(1, -1).astype(float) if n_y == 1 else np.eye(n_y)[y].T


# ---- 6.1 activations -----------------------------------------------------------------------

NAMES = {name: (name,) for name in ("sigmoid", "sigmoid_d", "tanh", "tanh_d", "relu", "relu_d")}


def act_input(ctx):
    x = ctx.rng.normal(0, 2, (4, 5))
    x[0, :2] = 0.0  # relu and relu_d at exactly 0
    return x


@suite.case("6.1", params=NAMES)
def act_matrix(m, ctx, name):
    return getattr(m, name)(act_input(ctx))


@suite.case("6.1", params=NAMES, about=Msg("입력을 바꾸지 않음", "input left unchanged"))
def act_keeps_input(m, ctx, name):
    return ctx.call(getattr(m, name), act_input(ctx))


@suite.case("6.1", params={"sigmoid": ("sigmoid",), "tanh": ("tanh",)}, rtol=1e-6, atol=1e-12)
def act_large_inputs(m, ctx, name):
    with np.errstate(over="ignore"):
        return getattr(m, name)(np.array([-700.0, -30.0, 30.0, 700.0]))


# ---- 6.2 forpass ---------------------------------------------------------------------------


@suite.case("6.2", params=ARCHS, about=Msg("층마다 Z와 A", "Z and A of every layer"))
def forpass_layers(m, ctx, arch, names):
    net, _ = make_net(m, ctx, arch, names)
    Z, A = net.forpass(ctx.rng.normal(0, 1, (arch[0], M)))
    return {"Z": list(Z[1:]), "A": list(A)}


@suite.case("6.2", about=Msg("샘플 하나 (m = 1)", "a single sample (m = 1)"))
def forpass_one_sample(m, ctx):
    arch, names = ARCHS["depth3"]
    net, _ = make_net(m, ctx, arch, names)
    Z, A = net.forpass(ctx.rng.normal(0, 1, (arch[0], 1)))
    return {"Z": list(Z[1:]), "A": list(A)}


# ---- 6.3 backprop --------------------------------------------------------------------------


@suite.case(
    "6.3",
    params={k: (arch, names, eta) for (k, (arch, names)), eta in zip(ARCHS.items(), (0.5, 1.0, 0.3, 2.0))},
    about=Msg("역전파 한 번 뒤의 오차와 가중치", "error and weights after one step"),
)
def backprop_step(m, ctx, arch, names, eta):
    net, W = make_net(m, ctx, arch, names, eta=eta)
    Z, A = staff_forpass(W, names, ctx.rng.normal(0, 1, (arch[0], M)))
    Y = targets(labels(ctx, M, arch[-1]), arch[-1])
    E = net.backprop(Z, A, Y)
    return {"E": E, "W": list(net.W[1:])}


def loss(W, names, A0, Y):
    """J = ½·Σ(Y − A[L])² / m on the staff forward pass."""
    A = staff_forpass(W, names, A0)[1]
    return 0.5 * np.sum((Y - A[-1]) ** 2) / A0.shape[1]


def numerical_gradient(W, names, A0, Y, h=1e-6):
    """Central differences of J with respect to every weight (staff code, not the student's)."""
    grads = []
    for Wi in W[1:]:
        g = np.zeros_like(Wi)
        for idx in np.ndindex(Wi.shape):
            keep = Wi[idx]
            Wi[idx] = keep + h
            up = loss(W, names, A0, Y)
            Wi[idx] = keep - h
            down = loss(W, names, A0, Y)
            Wi[idx] = keep
            g[idx] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def matches_numerical(actual, expected):
    """The student's update against the reference run's −eta·(numerical gradient)."""
    from autograder.compare import compare  # runs in the parent (and in the otter bundle)

    if not isinstance(actual, dict) or "update" not in actual:
        return compare(actual, expected, 1e-6, 1e-9)
    return compare(actual["update"], expected["numerical"], 1e-4, 1e-8, "ΔW")


GRAD_SAMPLES = 4


def _update_is(factor):
    """A hint predicate: the student's ΔW is ``factor`` times the exact one in every layer."""
    return lambda got, want: all(
        np.allclose(u, factor * n, rtol=1e-4, atol=1e-8)
        for u, n in zip(got["update"], want["numerical"], strict=True)
    )


GRADIENT_HINTS = [
    Hint(
        "not_divided_by_m",
        "갱신량이 정확한 값의 m배입니다: 샘플 수 m = Y.shape[1]로 나누세요.",
        "Your update is m times the exact one: divide by the number of samples m = Y.shape[1].",
        when=_update_is(GRAD_SAMPLES),
    ),
    Hint(
        "update_sign",
        "갱신의 부호가 반대입니다: E = Y − A[L] 이므로 W[i] += eta * dZ[i] @ A[i-1].T / m (더하기) 입니다.",
        "Your update has the wrong sign: with E = Y − A[L] it is W[i] += eta * dZ[i] @ A[i-1].T / m (plus).",
        when=_update_is(-1.0),
    ),
]

GRAD_NETS = {
    "depth2": ([3, 4, 2], ["tanh", "sigmoid"]),
    "depth4": ([3, 4, 4, 3, 2], ["tanh", "sigmoid", "tanh", "sigmoid"]),
}


@suite.case(
    "6.3",
    params=GRAD_NETS,
    check=matches_numerical,
    hints=GRADIENT_HINTS,
    about=Msg(
        "갱신량 = −eta · (J의 수치 미분), J = ½·Σ(Y − A[L])² / m",
        "update = −eta · numerical gradient of J = ½·Σ(Y − A[L])² / m",
    ),
)
def backprop_numerical_gradient(m, ctx, arch, names):
    eta, m_samples = 0.7, GRAD_SAMPLES
    net, W = make_net(m, ctx, arch, names, eta=eta)
    A0 = ctx.rng.normal(0, 1, (arch[0], m_samples))
    Y = targets(labels(ctx, m_samples, arch[-1]), arch[-1])
    Z, A = staff_forpass(W, names, A0)
    net.backprop(Z, A, Y)
    update = [np.asarray(after) - before for after, before in zip(net.W[1:], W[1:])]
    numerical = [-eta * g for g in numerical_gradient([None] + [w.copy() for w in W[1:]], names, A0, Y)]
    return {"update": update, "numerical": numerical}


# ---- 6.4 fit -------------------------------------------------------------------------------


def fit_result(net):
    return {"W": list(net.W[1:]), "cost": np.asarray(net.cost_, dtype=float)}


@suite.case(
    "6.4",
    params={
        "depth2": ([4, 5, 3], ["tanh", "sigmoid"], 0.5),
        "depth4": ([4, 6, 5, 4, 3], ["relu", "tanh", "sigmoid", "sigmoid"], 1.0),
        "binary": ([2, 4, 1], ["tanh", "sigmoid"], 0.5),
    },
    about=Msg("에폭 4번 뒤의 가중치와 cost_", "weights and cost_ after 4 epochs"),
)
def fit_epochs(m, ctx, arch, names, eta):
    net, _ = make_net(m, ctx, arch, names, eta=eta, epochs=4)
    X = ctx.rng.normal(0, 1, (7, arch[0]))
    net.fit(X, labels(ctx, 7, arch[-1]))
    return fit_result(net)


@suite.case(
    "6.4", about=Msg("MNIST 200장, [784, 16, 10], 3 에폭", "200 MNIST digits, [784, 16, 10], 3 epochs")
)
def fit_mnist(m, ctx):
    x_train, t_train = ctx.mnist(200)
    net, _ = make_net(m, ctx, [784, 16, 10], ["tanh", "sigmoid"], scale=0.1, eta=1.0, epochs=3)
    net.fit(x_train, t_train)
    return fit_result(net)


@suite.case("6.4", about=Msg("fit을 두 번 부르면 cost_가 새로 시작", "a second fit starts cost_ afresh"))
def fit_twice(m, ctx):
    arch, names = [3, 4, 2], ["sigmoid", "sigmoid"]
    net, _ = make_net(m, ctx, arch, names, eta=0.5, epochs=2)
    X, y = ctx.rng.normal(0, 1, (6, 3)), labels(ctx, 6, 2)
    net.fit(X, y)
    returned = net.fit(X, y)
    return {**fit_result(net), "returns_self": returned is net}


# ---- 6.5 predict, evaluate -----------------------------------------------------------------


@suite.case("6.5", params={"depth2": ARCHS["depth2"], "depth5": ARCHS["depth5"]})
def predict_columns(m, ctx, arch, names):
    net, _ = make_net(m, ctx, arch, names)
    return net.predict(ctx.rng.normal(0, 1, (6, arch[0])))


@suite.case("6.5", about=Msg("샘플 하나 (n_x,) → (n_y, 1)", "one sample (n_x,) -> (n_y, 1)"))
def predict_one_sample(m, ctx):
    arch, names = ARCHS["depth3"]
    net, _ = make_net(m, ctx, arch, names)
    return net.predict(ctx.rng.normal(0, 1, arch[0]))


@suite.case(
    "6.5", params={"multiclass": ([4, 6, 3], ["tanh", "sigmoid"]), "binary": ([2, 5, 1], ["tanh", "sigmoid"])}
)
def evaluate_accuracy(m, ctx, arch, names):
    net, W = make_net(m, ctx, arch, names)
    X = ctx.rng.normal(0, 1, (20, arch[0]))
    out = staff_forpass(W, names, X.T)[1][-1]
    y = (out[0] > 0.5).astype(int) if arch[-1] == 1 else out.argmax(axis=0)
    y[:6] = (y[:6] + 1) % max(arch[-1], 2)  # 6 of 20 wrong: 70 %
    return net.evaluate(X, y)
