"""Public tests, exercise 4 (mini-batch gradient descent): a tiny 4-3-2 network by hand.

Run them with ``python -m autograder check minibatch_fit [your_file.py]``.
"""

import numpy as np

from autograder.runtime.spec import Hint, Msg, Suite

suite = Suite("minibatch_fit", hidden=False)

# Three samples of four features, two classes; fixed weights replace the random start.
X = np.array([[0.0, 0.5, 1.0, 0.2], [1.0, 0.1, 0.0, 0.3], [0.4, 0.4, 0.9, 0.0]])
Y = np.array([0, 1, 0])
W1 = np.array([[0.5, -0.3, 0.8, 0.1], [-0.6, 0.9, 0.2, -0.4], [0.3, 0.3, -0.7, 0.6]])
W2 = np.array([[0.7, -0.5, 0.4], [-0.2, 0.6, -0.9]])


def small_net(cls, **kw):
    net = cls(4, 3, 2, **{"eta": 0.5, "epochs": 1, **kw})
    net.W1, net.W2 = W1.copy(), W2.copy()
    return net


def floats(values):
    """``values`` as a float array when it is one; otherwise as it is, for the judge to name."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return values


def weights(net):
    return {"W1": floats(net.W1), "W2": floats(net.W2)}


def costs(net, first_batch):
    """``cost_``, and the first update's batch length for the ``cost_formula`` hint."""
    return {"cost_": floats(net.cost_), "first_batch": first_batch}


# W1[0, 0] and W1[1, 2] that two known mistakes produce on the fit cases, so that the
# self-check can name them.
SHORTCUT_W1 = {
    "bgd_small": (0.4834451189748065, 0.1631965094588958),
    "sgd_small": (0.44332049176170407, 0.09036911572458692),
    "minibatch_small": (0.483089089822328, 0.11867265907776481),
}
TARGETS_W1 = {
    "bgd_small": (0.4962141790966843, 0.19113021582311818),
    "sgd_small": (0.4872822912056608, 0.17353592195883774),
    "minibatch_small": (0.4962281969994202, 0.18039909838686355),
}


def fit_hints(case):
    def like(table):
        return lambda got, want: np.allclose([got["W1"][0, 0], got["W1"][1, 2]], table[case], rtol=1e-7)

    return [
        Hint(
            "hidden_error_shortcut",
            "은닉층 오차를 W2.T @ E2로 구했나요? 강의의 이 지름길은 ½‖Y−A2‖²의 기울기가 아닙니다. "
            "정확한 기울기는 W2.T @ dZ2 (dZ2 = E2 * g'(Z2))입니다. numerical_gradient로 비교해 보세요.",
            "Did you compute the hidden error as W2.T @ E2? That shortcut from the lecture is not the "
            "gradient of ½‖Y−A2‖²; the exact one is W2.T @ dZ2 with dZ2 = E2 * g'(Z2). "
            "Compare with numerical_gradient.",
            when=like(SHORTCUT_W1),
        ),
        Hint(
            "targets_001_099",
            "목표값은 0/1 원-핫입니다 (0.01/0.99 아님): Y = one_hot_encoding(y, n_y).T.",
            "Targets are plain 0/1 one-hot, not 0.01/0.99: Y = one_hot_encoding(y, n_y).T.",
            when=like(TARGETS_W1),
        ),
    ]


TRANSPOSED = Hint(
    "predict_transposed",
    "predict는 (n_y, m), 즉 열마다 한 샘플을 돌려줘야 합니다 (A0 = X.T).",
    "predict must return (n_y, m), one column per sample (A0 = X.T).",
    when=lambda got, want: got.shape == want.T.shape and got.shape != want.shape,
)
FRACTION = Hint(
    "evaluate_fraction",
    "정확도는 퍼센트입니다: 0.87이 아니라 87.0.",
    "Accuracy is a percentage: 87.0, not 0.87.",
    when=lambda got, want: want != 0 and np.isclose(100 * got, want),
)
DROPPED_BATCH = Hint(
    "dropped_last_batch",
    "cost_ 항목이 모자랍니다: 짧은 마지막 배치를 버렸나요? range(0, m, batch_size)로 모든 조각을 돌고, "
    "마지막 배치는 그 길이로 나누세요.",
    "cost_ is too short: did you drop the short last batch? Loop over range(0, m, batch_size) and "
    "divide the last batch by its own length.",
    when=lambda got, want: len(got["cost_"]) < len(want["cost_"]),
)
NOT_RESET = Hint(
    "cost_not_reset",
    "fit을 두 번 부르면 cost_가 두 배로 길어집니다: fit을 시작할 때 self.cost_ = []로 비우세요.",
    "Calling fit twice doubles cost_: start fit with self.cost_ = [].",
    when=lambda got, want: len(got["cost_"]) == 2 * len(want["cost_"]),
)


def _wrong_cost_formula(got, want):
    """The first entry comes from the given weights (before any update), so it tells the
    formula apart from the update: is it ½·Σ/m_b with the ½ or the /m_b left out, or √Σ?"""
    first, m = float(got["cost_"][0]), want["first_batch"]
    right = float(want["cost_"][0])
    variants = [2 * right, m * right, 2 * m * right, np.sqrt(2 * m * right)]
    return not np.isclose(first, right) and any(np.isclose(first, v) for v in variants)


COST_FORMULA = Hint(
    "cost_formula",
    "cost_의 값이 다른 식으로 계산되었습니다. 이 과제의 cost_는 갱신 직전 순전파로 구한 "
    "½·Σ(Y_b−A2)² / m_b입니다 (½을 곱하고 배치 길이로 나눔, 제곱근 없음).",
    "cost_ uses another formula. In this exercise it is ½·Σ(Y_b−A2)² / m_b from the forward pass "
    "of that update (times ½, divided by the batch length, no square root).",
    when=_wrong_cost_formula,
)
SCHEDULE_END = Hint(
    "schedule_end",
    "첫 에포크 (e=0)는 eta, 마지막 에포크 (e=epochs-1)는 정확히 0.0001이어야 합니다: e / (epochs - 1).",
    "Epoch e=0 must use eta and the last epoch (e=epochs-1) exactly 0.0001: use e / (epochs - 1).",
    when=lambda got, want: np.isclose(got[0], want[0]) and not np.isclose(got[-1], want[-1]),
)


@suite.case(
    "4.1",
    expect=np.array(
        [
            [0.5747654526901063, 0.6252491611493869, 0.5883740408406343],
            [0.4740841390804956, 0.38265094968351043, 0.46091118767349226],
        ]
    ),
    hints=[TRANSPOSED],
    about=Msg("작은 신경망의 출력", "a tiny network's output"),
    rules=["column_major"],
)
def predict_small(m, ctx):
    return small_net(m.MnistBGD).predict(X)


@suite.case(
    "4.1",
    expect=66.66666666666666,
    hints=[FRACTION],
    about=Msg("작은 신경망의 정확도", "a tiny network's accuracy"),
    rules=["percent"],
)
def evaluate_small(m, ctx):
    return small_net(m.MnistBGD).evaluate(X, Y)


@suite.case(
    "4.2",
    expect={
        "W1": np.array(
            [
                [0.49616269570046717, -0.2973954462509002, 0.8065713800111732, 0.09917173195726309],
                [-0.595857140041288, 0.8963123389273364, 0.19092661665611688, -0.3991226700031404],
                [0.2948764256980774, 0.30449654102478624, -0.688949849330075, 0.5989523682434617],
            ]
        ),
        "W2": np.array(
            [
                [0.7077238639243125, -0.48787612650539536, 0.39827882381995805],
                [-0.21107214001764704, 0.5848981366203597, -0.9002837849663281],
            ]
        ),
    },
    hints=fit_hints("bgd_small"),
    about=Msg("한 에포크 뒤의 가중치", "weights after one epoch"),
    rules=["one_hot_01", "exact_gradient"],
)
def bgd_small(m, ctx):
    return weights(small_net(m.MnistBGD).fit(X, Y))


@suite.case(
    "4.2",
    expect={"cost_": np.array([0.259918601295781, 0.2581191171869082]), "first_batch": 3},
    hints=[COST_FORMULA],
    about=Msg("두 에포크의 cost_", "cost_ over two epochs"),
    rules=["cost_per_update"],
)
def bgd_small_cost(m, ctx):
    return costs(small_net(m.MnistBGD, epochs=2).fit(X, Y), first_batch=3)


@suite.case(
    "4.3",
    expect={
        "W1": np.array(
            [
                [0.487079352822241, -0.2923816811457317, 0.8195779676207319, 0.0971107319097461],
                [-0.5885812051827068, 0.8889003361854053, 0.17294059474155135, -0.39769237816350084],
                [0.2835365711827389, 0.3131914174697567, -0.6673218855238569, 0.5965922712947546],
            ]
        ),
        "W2": np.array(
            [
                [0.7232695862086304, -0.4635799691955028, 0.39486057258267],
                [-0.23302203255167608, 0.5548867317828771, -0.9006820423738194],
            ]
        ),
    },
    hints=fit_hints("sgd_small"),
    about=Msg("세 번 갱신한 뒤의 가중치", "weights after three updates"),
    rules=["sgd_in_order"],
)
def sgd_small(m, ctx):
    return weights(small_net(m.MnistSGD).fit(X, Y))


@suite.case(
    "4.3",
    expect={
        "cost_": np.array([0.2027900955767725, 0.40054002384946263, 0.19246164512548578]),
        "first_batch": 1,
    },
    hints=[COST_FORMULA],
    about=Msg("세 번 갱신하는 동안의 cost_", "cost_ over three updates"),
    rules=["cost_per_update"],
)
def sgd_small_cost(m, ctx):
    return costs(small_net(m.MnistSGD).fit(X, Y), first_batch=1)


@suite.case(
    "4.4",
    expect={
        "W1": np.array(
            [
                [0.4961968380295382, -0.29414037489751294, 0.814250857594144, 0.09875759793589463],
                [-0.5966466362767415, 0.8916075821761952, 0.17995284100085385, -0.39868400500471063],
                [0.29565204114542776, 0.31008221413549103, -0.6759156181489113, 0.5984285523651924],
            ]
        ),
        "W2": np.array(
            [
                [0.7289528727847665, -0.467424036747044, 0.4076223067844622],
                [-0.23642822520707713, 0.5609248348835335, -0.9120711372142223],
            ]
        ),
    },
    hints=fit_hints("minibatch_small"),
    about=Msg("배치 크기 2: 짧은 마지막 배치 포함", "batch size 2: the short last batch included"),
    rules=["short_last_batch"],
)
def minibatch_small(m, ctx):
    return weights(small_net(m.MnistMiniBatch, batch_size=2).fit(X, Y))


@suite.case(
    "4.4",
    expect={"cost_": np.array([0.29440913864955714, 0.1916455688341458]), "first_batch": 2},
    hints=[DROPPED_BATCH, COST_FORMULA],
    about=Msg("배치 크기 2의 cost_: 배치마다 하나", "cost_ with batch size 2: one per batch"),
    rules=["short_last_batch", "cost_per_update"],
)
def minibatch_small_cost(m, ctx):
    return costs(small_net(m.MnistMiniBatch, batch_size=2).fit(X, Y), first_batch=2)


@suite.case(
    "4.4",
    expect={
        "returns_self": True,
        "W1": np.array(
            [
                [0.4961968380295382, -0.29414037489751294, 0.814250857594144, 0.09875759793589463],
                [-0.5966466362767415, 0.8916075821761952, 0.17995284100085385, -0.39868400500471063],
                [0.29565204114542776, 0.31008221413549103, -0.6759156181489113, 0.5984285523651924],
            ]
        ),
        "W2": np.array(
            [
                [0.7289528727847665, -0.467424036747044, 0.4076223067844622],
                [-0.23642822520707713, 0.5609248348835335, -0.9120711372142223],
            ]
        ),
    },
    about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"),
    rules=["no_input_mutation", "resets_cost_returns_self"],
)
def minibatch_keeps_inputs_small(m, ctx):
    net = small_net(m.MnistMiniBatch, batch_size=2)
    out = ctx.call(net.fit, X.copy(), Y.copy())
    return {"returns_self": out is net, **weights(net)}


@suite.case(
    "4.4",
    expect={"cost_": np.array([0.29359357959928994, 0.1802716698681066]), "first_batch": 2},
    hints=[NOT_RESET],
    about=Msg(
        "fit을 두 번 불러도 cost_는 마지막 fit의 것", "fit called twice: cost_ holds the last fit's only"
    ),
    rules=["resets_cost_returns_self"],
)
def minibatch_fit_twice(m, ctx):
    net = small_net(m.MnistMiniBatch, batch_size=2)
    net.fit(X, Y)
    return costs(net.fit(X, Y), first_batch=2)


@suite.case(
    "4.5",
    expect=[0.1, 0.075025, 0.05005, 0.025075, 0.0001],
    rtol=1e-9,
    hints=[SCHEDULE_END],
    about=Msg("eta=0.1, 5 에포크의 학습률", "learning rates for eta=0.1 over 5 epochs"),
    rules=["schedule_linear"],
)
def learning_rate_five_epochs(m, ctx):
    net = m.MnistMiniBatch(4, 3, 2, eta=0.1, epochs=5, schedule=True)
    return [net.learning_rate(e) for e in range(5)]


@suite.case(
    "4.5",
    expect={"one_epoch": 0.2, "no_schedule": [0.3, 0.3, 0.3]},
    rtol=1e-9,
    about=Msg("한 에포크의 일정, 그리고 일정 없음", "the schedule over one epoch, and no schedule"),
    rules=["schedule_edges"],
)
def learning_rate_edges(m, ctx):
    one = m.MnistMiniBatch(4, 3, 2, eta=0.2, epochs=1, schedule=True)
    off = m.MnistMiniBatch(4, 3, 2, eta=0.3, epochs=3)
    return {"one_epoch": one.learning_rate(0), "no_schedule": [off.learning_rate(e) for e in range(3)]}
