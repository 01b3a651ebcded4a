"""Public tests, exercise 3 (TwoLayerNet): the lecture's simpleNet and a tiny 3-4-2 network by hand.

Run them with ``python -m autograder check two_layer_net [your_file.py]``.
"""

import numpy as np

from autograder.spec import Hint, Msg, Suite

suite = Suite("two_layer_net", hidden=False)
KEYS = ("W1", "b1", "W2", "b2")

# The lecture's simpleNet (4.4.2): its printed W, x = [0.6, 0.9], t = [0, 0, 1].
LECTURE_W = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
LECTURE_X = np.array([0.6, 0.9])
LECTURE_T = np.array([0, 0, 1])
LECTURE_DW = np.array([[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]])

# A 3-4-2 network with fixed weights (non-zero biases), four samples.
X = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, -0.5], [-0.75, 0.25, 1.0], [0.0, 1.5, -1.25]])
LABELS = np.array([0, 1, 1, 0])
T = np.eye(2)[LABELS]
PARAMS = {
    "W1": np.array([[0.2, -0.5, 0.8, 0.1], [-0.3, 0.4, 0.1, -0.7], [0.6, 0.2, -0.4, 0.5]]),
    "b1": np.array([0.1, -0.2, 0.05, 0.3]),
    "W2": np.array([[0.7, -0.6], [-0.4, 0.9], [0.5, 0.3], [-0.8, 0.2]]),
    "b2": np.array([0.2, -0.1]),
}
# Training data for the tiny run: four training and two test samples.
X_TRAIN = np.array([[0.2, 0.9, -0.3], [-0.5, 0.1, 0.8], [0.7, -0.2, 0.4], [0.3, 0.6, -0.9]])
T_TRAIN = np.eye(2)[[1, 0, 1, 1]]
X_TEST = np.array([[-0.1, -0.8, 0.5], [0.9, 0.4, 0.1]])
T_TEST = np.eye(2)[[0, 1]]


def tiny_net(m):
    """The student's TwoLayerNet(3, 4, 2) with the weights above instead of random ones."""
    net = m.TwoLayerNet(3, 4, 2)
    net.params = {k: v.copy() for k, v in PARAMS.items()}
    return net


class NumericalGradientInTraining(Exception):
    """Raised when training calls numerical_gradient instead of gradient."""


def forbid_numerical_gradient(*args, **kwargs):
    raise NumericalGradientInTraining(
        "학습에서는 network.gradient(오차역전파)를 쓰세요. numerical_gradient는 784-50-10 신경망에서 "
        "한 단계에 순전파 79,520번입니다. / Train with network.gradient (backprop): numerical_gradient "
        "costs 79,520 forward passes per step on a 784-50-10 net."
    )


def staff_numerical_gradient(params, x, t, h=1e-5):
    """The staff's own check (not your numerical_gradient): central differences of the exact loss."""

    def loss(p):
        z1 = 1 / (1 + np.exp(-(x @ p["W1"] + p["b1"])))
        a2 = z1 @ p["W2"] + p["b2"]
        a2 = a2 - a2.max(axis=1, keepdims=True)
        return -np.sum(t * (a2 - np.log(np.exp(a2).sum(axis=1, keepdims=True)))) / x.shape[0]

    grads = {}
    for key in KEYS:
        p = {k: v.copy() for k, v in params.items()}
        g = np.zeros_like(p[key])
        for idx in np.ndindex(g.shape):
            base = p[key][idx]
            p[key][idx] = base + h
            up = loss(p)
            p[key][idx] = base - h
            g[idx] = (up - loss(p)) / (2 * h)
            p[key][idx] = base
        grads[key] = g
    return grads


# ---- expected values (the reference solution's, on the inputs above) ------------------------

PREDICT = np.array(
    [
        [0.5248465494173297, 0.4751534505826703],
        [0.535087337924871, 0.4649126620751291],
        [0.4311041791687509, 0.5688958208312492],
        [0.4645165978425295, 0.5354834021574705],
    ]
)

LOSS = 0.6853425514374446

NUMGRAD = {
    "W1": np.array(
        [
            [0.0009899733427465307, 0.0015727237684393103, -0.0011977480657288098, -0.0036495789784707355],
            [0.01578369463461904, 0.00368929395477835, 0.0005454283735772947, -0.011874811155498932],
            [0.043567983101233665, -0.059052278231774835, 0.007834412230067755, -0.0300514028778176],
        ]
    ),
    "b1": np.array(
        [0.008947991100849428, 0.0033873805366235743, -0.0023882225275162483, -0.01513603960112686]
    ),
    "W2": np.array(
        [
            [0.016851865271561017, -0.016851865271561017],
            [0.005078691527327095, -0.0050786915278822065],
            [-0.025265263383089653, 0.025265263382534542],
            [0.01078728492753811, -0.01078728492753811],
        ]
    ),
    "b2": np.array([-0.011111330168178668, 0.011111330168178668]),
}

GRAD = {
    "W1": np.array(
        [
            [0.0009899749797439884, 0.0015727226990023269, -0.0011977481219893438, -0.003649580786043074],
            [0.015783696802363547, 0.0036892960155173425, 0.0005454282958953175, -0.011874812963818425],
            [0.04356799144841218, -0.05905228993023232, 0.007834413787793811, -0.030051408491704217],
        ]
    ),
    "b1": np.array(
        [0.008947992607270423, 0.003387381759565468, -0.0023882230755550866, -0.015136042433769505]
    ),
    "W2": np.array(
        [
            [0.016851868193628657, -0.016851868193628636],
            [0.005078690895045537, -0.005078690895045509],
            [-0.02526526839470013, 0.02526526839470016],
            [0.010787286784306477, -0.010787286784306457],
        ]
    ),
    "b2": np.array([-0.011111333911629745, 0.011111333911629787]),
}

HISTORY = {
    "train_loss_list": [
        0.2847702210948752,
        0.16966566022814747,
        0.12391262799489464,
        0.10277614790399286,
        0.07452981444946596,
        0.7925571035560793,
    ],
    "train_acc_list": [0.75, 0.75, 0.75],
    "test_acc_list": [0.5, 0.5, 0.5],
}

TRAINED = {
    "W1": np.array(
        [
            [0.11262191304627991, -0.34169753686237486, 0.8283741584513729, 0.2164871257297089],
            [-0.3998976670189793, 0.5264844718036714, 0.09787008357556999, -0.6041628597016085],
            [0.7482398341555226, -0.058572151798390676, -0.4405712697239126, 0.3087190180589015],
        ]
    ),
    "b1": np.array([0.048341282967250127, -0.20301070647936278, 0.005319917612719126, 0.30065316336624626]),
    "W2": np.array(
        [
            [0.7568919367177651, -0.6568919367177652],
            [-0.40127310528566373, 0.9012731052856635],
            [0.3120224754974905, 0.48797752450250936],
            [-0.7260035808972259, 0.12600358089722602],
        ]
    ),
    "b2": np.array([0.10914303874570125, -0.00914303874570127]),
}

# ---- hints ---------------------------------------------------------------------------------

WHOLE_BATCH = Hint(
    "softmax_whole_batch",
    "배치 전체의 합이 1이 되었습니다: softmax는 각 행마다 정규화합니다 (axis=-1, keepdims=True).",
    "The whole batch sums to 1: softmax normalises each row (axis=-1, keepdims=True).",
    when=lambda got, want: np.isclose(np.sum(got), 1.0),
)
PERCENT = Hint(
    "accuracy_percent",
    "정확도는 비율 (0~1)입니다: 100을 곱하지 마세요.",
    "Accuracy is a fraction in [0, 1]: do not multiply by 100.",
    when=lambda got, want: np.isclose(got, 100 * want) and want > 0,
)
LABELS_HINT = Hint(
    "accuracy_onehot_only",
    "t 가 정수 레이블 (N,)이면 argmax 없이 그대로 비교하세요 (t.ndim != 1 일 때만 argmax).",
    "When t holds integer labels (N,), compare them directly (argmax only when t.ndim != 1).",
)
ZEROS = Hint(
    "numgrad_on_copy",
    "기울기가 모두 0입니다: 도우미에 복사본이 아니라 self.params[key] 자체를 넘기세요.",
    "The gradient is all zeros: pass self.params[key] itself to the helper, not a copy.",
    when=lambda got, want: all(not np.any(got[k]) for k in KEYS),
)
GRADIENT_HINTS = [
    Hint(
        "gradient_sign",
        "기울기의 부호가 반대입니다: dy = (y − t) / N 입니다 (t − y 가 아님).",
        "The gradient has the wrong sign: dy = (y − t) / N, not (t − y).",
        when=lambda got, want: all(np.allclose(got[k], -want[k]) for k in KEYS),
    ),
    Hint(
        "no_batch_division",
        "배치 크기 N으로 나누지 않았습니다: 손실이 배치 평균이므로 dy = (y − t) / N 입니다.",
        "Not divided by the batch size N: the loss is a batch mean, so dy = (y − t) / N.",
        when=lambda got, want: (
            got["b2"][0] / want["b2"][0] > 1.5
            and all(np.allclose(got[k] / want[k], got["b2"][0] / want["b2"][0]) for k in KEYS)
        ),
    ),
    Hint(
        "bias_keepdims",
        "b1, b2 의 기울기는 1차원 (n,) 이어야 합니다: np.sum(..., axis=0) 에 keepdims를 쓰지 마세요.",
        "The gradients of b1 and b2 must be 1-D (n,): no keepdims in np.sum(..., axis=0).",
        when=lambda got, want: any(got[k].shape == (1,) + want[k].shape for k in ("b1", "b2")),
    ),
    Hint(
        "bias_wrong_axis",
        "편향의 기울기는 샘플에 대한 합입니다: np.sum(dy, axis=0) (axis=1 이 아님).",
        "A bias gradient sums over the samples: np.sum(dy, axis=0), not axis=1.",
        when=lambda got, want: got["b2"].ndim == 1 and got["b2"].shape != want["b2"].shape,
    ),
    Hint(
        "sigmoid_grad_wrong_variable",
        "출력층 (W2, b2) 기울기는 맞고 은닉층 (W1, b1)은 틀립니다: sigmoid_grad 에는 시그모이드에 "
        "들어가는 a1 을 넘기세요 (z1 = sigmoid(a1) 이 아님).",
        "The output layer (W2, b2) is right but the hidden layer (W1, b1) is not: pass a1, the "
        "input of the sigmoid, to sigmoid_grad (not z1 = sigmoid(a1)).",
        when=lambda got, want: (
            all(np.allclose(got[k], want[k]) for k in ("W2", "b2")) and not np.allclose(got["W1"], want["W1"])
        ),
    ),
]


def moved_uphill(got, want):
    """The trained weights moved away from where the reference's went (a sign error)."""
    step = sum(np.sum((got["params"][k] - PARAMS[k]) * (want["params"][k] - PARAMS[k])) for k in KEYS)
    return step < 0


ASCENT = Hint(
    "gradient_ascent",
    "가중치가 반대 방향으로 움직였습니다: 기울기의 반대 방향으로 가세요, "
    "params[key] -= learning_rate * grad[key] (그리고 dy = (y − t) / N).",
    "The weights moved the opposite way: step against the gradient, "
    "params[key] -= learning_rate * grad[key] (and dy = (y − t) / N).",
    when=moved_uphill,
)

# ---- 3.1 predict -----------------------------------------------------------------------------


@suite.case(
    "3.1", expect=PREDICT, hints=[WHOLE_BATCH], about=Msg("3-4-2 신경망, 샘플 4개", "3-4-2 net, four samples")
)
def predict_small(m, ctx):
    return tiny_net(m).predict(X)


@suite.case("3.1", expect=PREDICT[0], about=Msg("샘플 하나 (1차원 x)", "one sample (1-D x)"))
def predict_one_sample(m, ctx):
    return tiny_net(m).predict(X[0])


# ---- 3.2 loss --------------------------------------------------------------------------------


@suite.case(
    "3.2",
    expect=0.92806853663411326,
    rtol=0,
    atol=1e-6,
    about=Msg("강의 4.4.2의 simpleNet 손실", "the lecture's simpleNet loss (4.4.2)"),
)
def simplenet_lecture(m, ctx):
    net = m.simpleNet()
    net.W = LECTURE_W.copy()
    return net.loss(LECTURE_X, LECTURE_T)


@suite.case(
    "3.2",
    expect=LECTURE_DW,
    rtol=0,
    atol=1e-6,
    about=Msg(
        "강의의 simpleNet dW (도우미 numerical_gradient로)",
        "the lecture's simpleNet dW (helper numerical_gradient)",
    ),
)
def simplenet_lecture_gradient(m, ctx):
    net = m.simpleNet()
    net.W = LECTURE_W.copy()
    return m.numerical_gradient(lambda W: net.loss(LECTURE_X, LECTURE_T), net.W)


@suite.case("3.2", params={"onehot": (T,), "labels": (LABELS,)}, expect=LOSS)
def loss_small(m, ctx, t):
    return tiny_net(m).loss(X, t)


# ---- 3.3 accuracy ----------------------------------------------------------------------------


@suite.case("3.3", params={"onehot": (T,), "labels": (LABELS,)}, expect=0.5, hints=[PERCENT, LABELS_HINT])
def accuracy_small(m, ctx, t):
    return tiny_net(m).accuracy(X, t)


# ---- 3.4 numerical_gradient ------------------------------------------------------------------


@suite.case("3.4", expect=NUMGRAD, hints=[ZEROS])
def numgrad_small(m, ctx):
    return tiny_net(m).numerical_gradient(X, T)


# ---- 3.5 gradient ----------------------------------------------------------------------------


@suite.case("3.5", expect=GRAD, hints=GRADIENT_HINTS)
def gradient_small(m, ctx):
    return tiny_net(m).gradient(X, T)


@suite.case(
    "3.5",
    expect=GRAD,
    hints=GRADIENT_HINTS,
    about=Msg("같은 배치를 두 번 이어 붙여도 기울기는 같음", "the batch stacked twice has the same gradient"),
)
def gradient_duplicated_batch(m, ctx):
    return tiny_net(m).gradient(np.vstack([X, X]), np.vstack([T, T]))


def below_1e7(got, want):
    bad = {k: v for k, v in got.items() if not v < 1e-7}
    if bad:
        text = ", ".join(f"{k}: {v:.2e}" for k, v in bad.items())
        return Msg(
            f"수치 미분과의 상대 오차가 1e-7 이상입니다 ({text}).",
            f"Relative error against the numerical gradient is not below 1e-7 ({text}).",
        )
    return None


@suite.case(
    "3.5",
    expect=None,
    check=below_1e7,
    about=Msg("수치 미분과의 상대 오차 < 1e-7", "relative error against a numerical gradient < 1e-7"),
)
def backprop_check(m, ctx):
    got = tiny_net(m).gradient(X, T)
    want = staff_numerical_gradient(PARAMS, X, T)
    return {
        k: float(np.linalg.norm(got[k] - want[k]) / (np.linalg.norm(got[k]) + np.linalg.norm(want[k])))
        for k in KEYS
    }


# ---- 3.6 train_neuralnet ---------------------------------------------------------------------


@suite.case(
    "3.6",
    expect={"history": HISTORY, "params": TRAINED},
    hints=[ASCENT],
    about=Msg("6회 학습, 배치 2, 학습률 0.5, seed 3", "6 steps, batch 2, learning rate 0.5, seed 3"),
)
def train_tiny(m, ctx):
    net = tiny_net(m)
    net.numerical_gradient = forbid_numerical_gradient
    history = m.train_neuralnet(
        net, X_TRAIN, T_TRAIN, X_TEST, T_TEST, iters_num=6, batch_size=2, learning_rate=0.5, seed=3
    )
    return {"history": history, "params": net.params}
