# === public: assignments/dnn_backprop/public_tests.py (what students get and run)
"""Public tests, exercise 6 (deep neural net): small nets whose numbers you can check by hand.

Run them with ``python -m autograder check dnn_backprop [your_file.py]``.
Tasks 6.2-6.5 use the staff activations of dnn_backprop_staff.py (arctan for the hidden layer,
½ + arctan/π for the output), not yours, so each task is checked on its own.
"""

import dnn_backprop_staff as staff
import numpy as np

from autograder.runtime.spec import Hint, Msg, PerParam, Suite

suite = Suite("dnn_backprop", hidden=False)

X_ACT = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])

# A [2, 3, 1] net (arctan hidden layer, ½ + arctan/π output) on the four XOR points.
NAMES = ["atan", "squash"]
W1 = np.array([[0.5, -1.0], [1.0, 1.0], [-0.5, 0.25]])
W2 = np.array([[1.0, -1.5, 0.75]])
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y_LABELS = np.array([0, 1, 1, 0])
# The same net with two output neurons (one-hot targets).
W2_TWO = np.array([[1.0, -1.5, 0.75], [-0.5, 1.0, 0.25]])

# Z and A of the XOR net's forward pass (Z[1] = W1 @ X.T, A[1] = arctan(Z[1]), Z[2] = W2 @ A[1], ...)
Z1 = np.array([[0.0, -1.0, 0.5, -0.5], [0.0, 1.0, 1.0, 2.0], [0.0, 0.25, -0.5, -0.25]])
A1 = np.array([[0.0, -0.7853981633974483, 0.4636476090008061, -0.4636476090008061],
               [0.0, 0.7853981633974483, 0.7853981633974483, 1.1071487177940904],
               [0.0, 0.24497866312686414, -0.4636476090008061, -0.24497866312686414]])  # fmt: skip
Z2 = np.array([[0.0, -1.7797614111484725, -1.0621853428459709, -2.3081046830370897]])
A2 = np.array([[0.5, 0.1629469960698079, 0.24040425103763846, 0.13013865600354857]])
# ... and of the two-output net (W2_TWO): m = 4 samples, n_y = 2, so m and n_y differ
Z2_TWO = np.array(
    [
        [0.0, -1.7797614111484725, -1.0621853428459709, -2.3081046830370897],
        [0.0, 1.2393419108778885, 0.43766245664684367, 1.2777278565127774],
    ]
)
A2_TWO = np.array([[0.5, 0.1629469960698079, 0.24040425103763846, 0.13013865600354857],
                   [0.5, 0.7838924442873945, 0.6313177219349169, 0.7886215055874257]])  # fmt: skip


def small_net(m, w2=W2, **kw):
    return staff.make_net(m, [2, 3, 1], NAMES, [W1, w2], **kw)


def like(literal, pick=lambda got: got):
    """A hint predicate: the student's value (or the part ``pick`` takes) equals ``literal``."""

    def when(got, want):
        value = pick(got)
        return np.shape(value) == np.shape(literal) and np.allclose(value, literal, rtol=1e-6, atol=1e-9)

    return when


def forpass_check(reveal):
    """A check of forpass's (Z, A), judged in the parent: Z from layer 1 on and every A, each
    named in the message. Z[0] is only a placeholder (None, or the lecture's [None])."""

    def check(actual, expected):
        from autograder.engine.compare import compare

        pair = isinstance(actual, (tuple, list)) and len(actual) == 2
        if not (pair and all(isinstance(part, (tuple, list)) for part in actual)):
            return compare(actual, expected, 1e-6, 1e-9, "forpass()", reveal)
        Z, A = actual
        if len(Z) != len(expected[0]) or len(A) != len(expected[1]):
            return compare(list(Z[1:]), expected[0][1:], 1e-6, 1e-9, "Z[1:]", reveal) or compare(
                list(A), expected[1], 1e-6, 1e-9, "A", reveal
            )
        # layer by layer, each array named as the student wrote it (Z[2], not Z[1:][1])
        for i in range(1, len(Z)):
            problem = compare(Z[i], expected[0][i], 1e-6, 1e-9, f"Z[{i}]", reveal) or compare(
                A[i], expected[1][i], 1e-6, 1e-9, f"A[{i}]", reveal
            )
            if problem:
                return problem
        return compare(A[0], expected[1][0], 1e-6, 1e-9, "A[0]", reveal)

    return check


def values_check(reveal):
    """An activation's values; relu_d's 0/1 may come as booleans (x > 0): the stub states no
    dtype, and E * relu_d(Z) computes the same with either, so equal values pass."""

    def check(actual, expected):
        from autograder.engine.compare import compare

        if isinstance(actual, np.ndarray) and actual.dtype == bool:
            actual = actual.astype(float)
        return compare(actual, expected, 1e-6, 1e-9, reveal=reveal)

    return check


def _sigmoid_of(z):
    with np.errstate(all="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _ignores_g(got, want):
    """Every layer's A is the sigmoid of the student's own Z, though the net was given other
    activations: forpass calls sigmoid itself instead of self.g[i]."""
    try:
        Z, A = got
        return len(Z) == len(A) > 1 and all(
            np.shape(A[i]) == np.shape(Z[i]) and np.allclose(A[i], _sigmoid_of(Z[i]))
            for i in range(1, len(Z))
        )
    except (TypeError, ValueError):
        return False


DERIVATIVE_OF_A = Hint(
    "derivative_of_a",
    "도함수는 A가 아니라 Z를 받습니다: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)²입니다. "
    "Z·(1 − Z)나 1 − Z²이 아닙니다.",
    "A derivative takes Z, not A: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)², "
    "not Z·(1 − Z) or 1 − Z².",
    when=lambda got, want: (
        np.shape(got) == X_ACT.shape
        and (np.allclose(got, X_ACT * (1 - X_ACT)) or np.allclose(got, 1 - X_ACT**2))
    ),
)
RELU_D_IN_PLACE = Hint(
    "relu_d_in_place",
    "relu_d가 인자 x를 바꾸었습니다 (강의의 x[x<=0] = 0처럼). 그러면 역전파에 쓸 Z가 망가집니다. "
    "np.where(x > 0, 1.0, 0.0)처럼 새 배열을 돌려주세요.",
    "relu_d changed its argument x (like the lecture's x[x<=0] = 0), which destroys the Z that "
    "backprop still needs. Return a new array, e.g. np.where(x > 0, 1.0, 0.0).",
    # the case returns x as it is after the call: any change is this mistake
    when=lambda got, want: np.shape(got) == X_ACT.shape and not np.array_equal(got, X_ACT),
)
FORPASS_SHORT = Hint(
    "forpass_loop_off_by_one",
    "순전파 반복문이 한 층 모자랍니다: 출력층까지 가려면 range(1, self.layers) "
    "(= range(1, len(self.W)))를 쓰세요.",
    "Your forward loop stops one layer short: to reach the output layer use range(1, self.layers) "
    "(= range(1, len(self.W))).",
    when=lambda got, want: len(got[0]) == len(got[1]) == len(want[0]) - 1,
)
SHIFTED = Hint(
    "activation_index_shifted",
    "층 i는 자기 활성화 함수 self.g[i]를 씁니다 (self.g[i-1]이 아님). activate의 첫 쌍이 층 1입니다.",
    "Layer i uses its own activation self.g[i], not self.g[i-1]; activate's first pair is layer 1.",
    when=like([[0.12435499454676144, -0.3856801452897671, -0.18870091115592535, -0.5515844117721143]],
              lambda got: got[1][2]),
)  # fmt: skip
IGNORES_G = Hint(
    "forpass_ignores_g",
    "층 i의 활성화 함수는 self.g[i]입니다: A[i] = self.g[i](Z[i]). sigmoid를 직접 부르면 "
    "activate로 준 함수 (tanh, relu, …)가 무시됩니다.",
    "Layer i's activation is self.g[i]: A[i] = self.g[i](Z[i]). Calling sigmoid yourself ignores "
    "the functions given in activate (tanh, relu, …).",
    when=_ignores_g,
)
LATE_LAMBDAS = Hint(
    "late_bound_lambdas",
    "반복문 안에서 만든 lambda x: activate[2*i](x)는 i를 **나중에** 읽습니다: 모든 층이 마지막 "
    "활성화 함수를 쓰게 됩니다. lambda 없이 함수 자체를 넣으세요 (self.g[i] = g).",
    "A lambda x: activate[2*i](x) made in a loop reads i **later**, so every layer gets the last "
    "activation. Store the functions themselves (self.g[i] = g), without lambdas.",
    when=like([[0.5395834241605656, 0.36765439490708257, 0.43316660034035415, 0.3257202754076597]],
              lambda got: got[1][2]),
)  # fmt: skip
BACKPROP_HINTS = [
    Hint(
        "hidden_error_shortcut",
        "",
        "",
        when=like([[0.5839426706719985, -0.8905203386913655], [0.9932452028742937, 0.9764476650740298],
                   [-0.4552555405114332, 0.2955361498207385]], lambda got: got["W"][1]),
    ),
    Hint(
        "m_wrong_axis",
        "m은 샘플 수여야 합니다. 클래스 안에서는 한 열이 한 샘플이므로 m = Y.shape[1]입니다 "
        "(Y.shape[0]은 출력 뉴런 수 n_y).",
        "m must be the number of samples. Inside the class one column is one sample, so m = Y.shape[1] "
        "(Y.shape[0] is n_y, the number of output neurons).",
        when=like([[0.5012471746943477, -0.9849636823964498], [1.0110032965877942, 0.99767455009911],
                   [-0.49835557018083404, 0.2515126867034817]], lambda got: got["W"][1]),
    ),
    Hint(
        "update_before_backprop",
        "",
        "",
        when=like([[0.5006236236644254, -0.9925612675343797], [1.0054968850913344, 0.9988382823055016],
                   [-0.4991745419955946, 0.25077339194008513]], lambda got: got["W"][1]),
    ),
    Hint(
        "update_loop_off_by_one",
        "갱신 반복문이 한 층 모자랍니다: W[1]이 바뀌지 않았습니다. range(L, 0, -1)은 L … 1을 지납니다 "
        "(끝값 0은 빠집니다).",
        "Your update loop stops one layer short: W[1] never changes. range(L, 0, -1) visits L … 1 "
        "(the stop value 0 is left out).",
        when=lambda got, want: like(W1, lambda g: g["W"][1])(got, want)
        and not like(W2_TWO, lambda g: g["W"][2])(got, want),
    ),
]  # fmt: skip


def _other_cost(got, want, m):
    """cost_ is another formula of the same errors: ½·ΣE²/m, ΣE²/m, ½·ΣE² or ΣE² where √(ΣE²) is asked."""
    want = np.asarray(want, dtype=float)
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    if got.shape != want.shape or np.allclose(got, want):
        return False
    squares = want**2
    return any(np.allclose(got, k * squares, rtol=1e-6) for k in (0.5 / m, 1.0 / m, 0.5, 1.0))


FIT_HINTS = [
    Hint(
        "hidden_error_shortcut",
        "",
        "",
        when=like([1.2428111292616666, 1.2230765710178066, 1.2015837109907734]),
    ),
    Hint(
        "cost_formula",
        "",
        "",
        when=lambda got, want: _other_cost(got, want, len(Y_LABELS)),
    ),
]
PREDICT_ROW_MAJOR = Hint(
    "predict_row_major",
    "predict는 열 우선 (n_y, m) 모양의 A[L]을 그대로 돌려줍니다 (전치하지 마세요).",
    "predict returns A[L] as it is, column-major with shape (n_y, m) (do not transpose it).",
    when=lambda got, want: np.ndim(want) == 2 and np.shape(got) == np.shape(want)[::-1] != np.shape(want),
)
EVALUATE_HINTS = [
    Hint(
        "evaluate_argmax_binary",
        "출력 뉴런이 하나일 때 argmax는 언제나 0입니다. n_y == 1이면 출력 > 0.5를 1로 보세요.",
        "With a single output neuron argmax is always 0. When n_y == 1, predict 1 where the output > 0.5.",
        # argmax of one row is 0 everywhere: the share of label 0 among the XOR points, 50 %
        when=lambda got, want: np.isclose(got, 50.0),
    ),
    Hint(
        "evaluate_fraction",
        "정확도는 백분율입니다: 0.75가 아니라 75.0입니다.",
        "Accuracy is a percentage: 75.0, not 0.75.",
        when=lambda got, want: not np.isclose(want, 0.0) and np.isclose(100 * got, want),
    ),
]


@suite.case(
    "6.1",
    params={name: (name,) for name in ("sigmoid", "sigmoid_d", "tanh", "tanh_d", "relu", "relu_d")},
    expect=PerParam(
        {
            "sigmoid": np.array(
                [0.11920292202211755, 0.3775406687981454, 0.5, 0.6224593312018546, 0.8807970779778823]
            ),
            "sigmoid_d": np.array(
                [0.1049935854035065, 0.2350037122015945, 0.25, 0.2350037122015945, 0.10499358540350662]
            ),
            "tanh": np.array(
                [-0.9640275800758169, -0.46211715726000974, 0.0, 0.46211715726000974, 0.9640275800758169]
            ),
            "tanh_d": np.array(
                [0.07065082485316443, 0.7864477329659274, 1.0, 0.7864477329659274, 0.07065082485316443]
            ),
            "relu": np.array([0.0, 0.0, 0.0, 0.5, 2.0]),
            "relu_d": np.array([0.0, 0.0, 0.0, 1.0, 1.0]),
        }
    ),  # fmt: skip
    check=values_check(reveal=True),
    hints=[DERIVATIVE_OF_A],
    rules=["derivative_takes_z"],
    about=Msg("[-2, -0.5, 0, 0.5, 2]에서의 값", "values at [-2, -0.5, 0, 0.5, 2]"),
)
def activation_values(m, ctx, name):
    return getattr(m, name)(X_ACT.copy())


@suite.case(
    "6.1",
    expect=X_ACT,
    hints=[RELU_D_IN_PLACE],
    requires=["activation_values[relu_d]"],
    rules=["new_array"],
    about=Msg(
        "relu_d를 부른 뒤의 인자 x (바뀌지 않아야 함)", "the argument x after relu_d (must be unchanged)"
    ),
)
def relu_d_keeps_input(m, ctx):
    x = X_ACT.copy()
    m.relu_d(x)
    return x


@suite.case(
    "6.2",
    expect=(
        [None, Z1, Z2],
        [X.T, A1, A2],
    ),
    check=forpass_check(reveal=True),
    hints=[FORPASS_SHORT, SHIFTED, LATE_LAMBDAS, IGNORES_G],
    rules=["one_column_per_sample"],
    about=Msg("[2, 3, 1] 신경망, XOR 입력 네 개: (Z, A)", "a [2, 3, 1] net on the four XOR inputs: (Z, A)"),
)
def forpass_small(m, ctx):
    return small_net(m).forpass(X.T)


@suite.case(
    "6.3",
    expect={
        "E": np.array(
            [
                [0.5, -0.1629469960698079, -0.24040425103763846, 0.8698613439964514],
                [-0.5, 0.21610755571260554, 0.36868227806508314, -0.7886215055874257],
            ]
        ),
        "W": [
            None,
            np.array(
                [
                    [0.5006235873471738, -0.9924818411982249],
                    [1.005501648293897, 0.998837275049555],
                    [-0.49917778509041705, 0.25075634335174085],
                ]
            ),
            np.array(
                [
                    [0.9966018160890432, -1.4986957016047504, 0.7503627178398594],
                    [-0.491428676163921, 0.9991359447728609, 0.24804252133963958],
                ]
            ),
        ],
    },  # fmt: skip
    hints=BACKPROP_HINTS,
    rules=["exact_gradient", "divide_by_m", "dz_before_update"],
    about=Msg(
        "출력 뉴런 둘, 역전파 한 번 (eta = 0.5) 뒤의 오차와 가중치",
        "two output neurons: error and weights after one step (eta = 0.5)",
    ),
)
def backprop_small(m, ctx):
    net = staff.make_net(m, [2, 3, 2], NAMES, [W1, W2_TWO], eta=0.5)
    Y = np.array([[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0]])  # one-hot XOR labels, one column per sample
    E = net.backprop([None, Z1.copy(), Z2_TWO.copy()], [X.T.copy(), A1.copy(), A2_TWO.copy()], Y)
    return {"E": E, "W": net.W}


@suite.case(
    "6.4",
    expect=[1.2428111292616666, 1.2385864403587181, 1.2341812347139882],
    hints=FIT_HINTS,
    rules=["cost_per_epoch"],
    about=Msg("XOR 3 에포크의 cost_ = √(ΣE²)", "cost_ = √(ΣE²) over 3 epochs of XOR"),
)
def fit_small_cost(m, ctx):
    net = small_net(m, eta=0.5, epochs=3)
    net.fit(X, Y_LABELS)
    return net.cost_


@suite.case(
    "6.4",
    expect=[
        None,
        np.array(
            [
                [0.5327242028533541, -0.9898607754352762],
                [0.9678937973699586, 0.9826044500910388],
                [-0.4754881712226794, 0.2652287076549851],
            ]
        ),
        np.array([[1.002799693542246, -1.4495673457407776, 0.7366317042161997]]),
    ],  # fmt: skip
    rules=["binary_targets"],
    about=Msg(
        "XOR 3 에포크 뒤의 가중치 (출력 뉴런 하나)", "weights after 3 epochs of XOR (one output neuron)"
    ),
)
def fit_small_weights(m, ctx):
    net = small_net(m, eta=0.5, epochs=3)
    net.fit(X, Y_LABELS)
    return net.W


@suite.case(
    "6.4",
    expect=[
        None,
        np.array(
            [
                [0.501433042059754, -0.9849668615605551],
                [1.010855657594457, 0.9977110831464684],
                [-0.4983498935613481, 0.2515396579822405],
            ]
        ),
        np.array(
            [
                [0.9932430799532396, -1.4973528230297855, 0.75070371997313],
                [-0.48298698153209896, 0.9981693351315694, 0.246163366170903],
            ]
        ),
    ],  # fmt: skip
    rules=["onehot_targets"],
    about=Msg(
        "출력 뉴런 둘 (원-핫 목표값), XOR 2 에포크 뒤의 가중치",
        "two output neurons (one-hot targets): weights after 2 epochs of XOR",
    ),
)
def fit_onehot_small(m, ctx):
    net = staff.make_net(m, [2, 3, 2], NAMES, [W1, W2_TWO], eta=0.5, epochs=2)
    net.fit(X, Y_LABELS)
    return net.W


@suite.case(
    "6.4",
    expect={"cost": [1.2341812347139882, 1.2295863892201195], "returns_self": True},
    hints=["cost_formula"],
    rules=["cost_afresh", "fit_returns_self"],
    about=Msg("fit을 두 번 부르면 cost_가 새로 시작하고 fit은 self를 돌려줌",
              "a second fit starts cost_ afresh, and fit returns self"),
)  # fmt: skip
def fit_twice_small(m, ctx):
    net = small_net(m, eta=0.5, epochs=2)
    net.fit(X, Y_LABELS)
    returned = net.fit(X, Y_LABELS)
    return {"cost": net.cost_, "returns_self": returned is net}


@suite.case(
    "6.5",
    expect=A2,
    hints=[PREDICT_ROW_MAJOR],
    rules=["predict_column_major"],
    about=Msg("predict는 (n_y, m) 모양", "predict returns shape (n_y, m)"),
)
def predict_small(m, ctx):
    return small_net(m).predict(X)


@suite.case(
    "6.5",
    expect=np.array([[0.1629469960698079], [0.7838924442873945]]),
    hints=[PREDICT_ROW_MAJOR],
    rules=["predict_one_sample"],
    about=Msg(
        "샘플 하나 (n_0,) → (n_y, 1), 출력 뉴런 둘", "one sample (n_0,) -> (n_y, 1), two output neurons"
    ),
)
def predict_one_sample_small(m, ctx):
    return staff.make_net(m, [2, 3, 2], NAMES, [W1, W2_TWO]).predict(X[1].copy())


@suite.case(
    "6.5",
    expect=75.0,
    hints=EVALUATE_HINTS,
    rules=["accuracy_percent", "binary_threshold"],
    about=Msg(
        "출력 > 0.5이면 1 (출력 0.5, 0.84, 0.76, 0.87): XOR 네 점 중 셋",
        "output > 0.5 means 1 (outputs 0.5, 0.84, 0.76, 0.87): three of the four XOR points",
    ),
)
def evaluate_small(m, ctx):
    return small_net(m, w2=-W2).evaluate(X, Y_LABELS)


@suite.case(
    "6.5",
    expect=25.0,
    hints=["evaluate_fraction"],
    rules=["argmax_columns"],
    about=Msg(
        "출력 뉴런 둘: 열마다 argmax, 네 점 중 하나",
        "two output neurons: argmax of each column, one of four points",
    ),
)
def evaluate_multiclass_small(m, ctx):
    return staff.make_net(m, [2, 3, 2], NAMES, [W1, W2_TWO]).evaluate(X, np.array([1, 0, 0, 1]))
# === hidden: autograder/suites/dnn_backprop/hidden_tests.py (judged in the parent; @hidden cases follow)
"""Hidden tests, exercise 6 (deep neural net): what is judged, in the parent only.

The scenarios (what a worker runs) are in scenarios.py. Every net gets injected weights and the
staff activations of dnn_backprop_staff, so a wrong activation costs task 6.1 only. Backprop is
fed Z and A from the forward pass below, which runs here, in the parent: it is graded apart
from forpass, and no worker ever holds a forward pass. The gradient case holds the student's
update to central differences of J, computed here from the reference run's copy of the inputs.
"""

import dataclasses

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

suite.case(
    "6.1",
    params={name: (name,) for name in ACTIVATIONS},
    check=public.values_check(reveal=False),
    run=scenarios.act_matrix,
)

for _name in ACTIVATIONS:
    # a function that returns its argument leaves it unchanged too: it earns nothing here alone
    suite.case(
        "6.1",
        params={_name: (_name,)},
        requires=[f"act_matrix[{_name}]"],
        about=Msg("입력을 바꾸지 않음", "input left unchanged"),
        run=scenarios.act_keeps_input,
    )


# every activation at ±1000, beyond exp's range (±709): a formula through exp overflows there
for _name in ACTIVATIONS:
    suite.case(
        "6.1",
        params={_name: (_name,)},
        check=public.values_check(reveal=False),
        hints=["exp_overflow"],
        requires=[f"act_matrix[{_name}]"],
        about=Msg("x = ±1000 (exp의 범위 밖)", "x = ±1000 (beyond exp's range)"),
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


def backward(W, names, A0, Y, eta, hidden="exact", scale=1.0):
    """ΔW of one step from weights W (layers 1 … L) under one explanation: the hidden error through
    dZ (``exact``), through E (``shortcut``, the lecture's), or through a W[i+1] already updated
    (``interleaved``); every update times ``scale``."""
    Z, A = forward(W, names, A0)
    derivative = [staff.PAIRS[name][1] for name in names]
    m, L = Y.shape[1], len(W)
    err = Y - A[-1]
    dZ = err * derivative[-1](Z[-1])
    updates = [None] * L
    for k in range(L - 1, -1, -1):  # k: W[k] is layer k + 1
        updates[k] = scale * eta * dZ @ A[k].T / m
        if k == 0:
            break
        if hidden == "shortcut":
            err = W[k].T @ err
            dZ = err * derivative[k - 1](Z[k - 1])
        else:
            used = W[k] + updates[k] if hidden == "interleaved" else W[k]
            dZ = (used.T @ dZ) * derivative[k - 1](Z[k - 1])
    return updates


def _close(a, b):
    return np.allclose(a, b, rtol=1e-5, atol=1e-10)


def _scale_ids(s, m, n_y):
    """The misconceptions a whole-update factor ``s`` shows, or None for another factor."""
    ids = {"update_sign"} if s < 0 else set()
    for factor, named in ((1.0, None), (m, "not_divided_by_m"), (m / n_y, "m_wrong_axis")):
        if np.isclose(abs(s), factor, rtol=1e-4) and (named != "m_wrong_axis" or n_y != 1):
            return ids | ({named} if named else set())
    return None


def explain_update(update, W, names, A0, Y, eta):
    """The misconception ids that together explain the student's ΔW (layers 1 … L), or None.

    Each part is a relation, so they compose: the output layer's ΔW is the exact one times a
    factor (1, m: no / m, m / n_y: m from the wrong axis, negative: the wrong sign); the hidden
    layers' ΔW, divided by that factor, follow the exact rule, the lecture's shortcut or weights
    updated before propagating, and W[1] may be left unchanged (the update loop one short)."""
    W = [np.asarray(w, dtype=float) for w in W]
    m, n_y = Y.shape[1], Y.shape[0]
    exact = backward(W, names, A0, Y, eta)
    out, right = np.asarray(update[-1], dtype=float), exact[-1]
    s = float(np.vdot(out, right) / np.vdot(right, right))
    ids = _scale_ids(s, m, n_y) if _close(out, s * right) else None
    if ids is None:
        return None
    for hidden, named in (
        ("exact", None),
        ("shortcut", "hidden_error_shortcut"),
        ("interleaved", "update_before_backprop"),
    ):
        want = backward(W, names, A0, Y, eta, hidden, s)
        extra = {named} if named else set()
        if all(_close(u, w) for u, w in zip(update[:-1], want[:-1])):
            return ids | extra
        if (
            len(W) > 1
            and np.allclose(update[0], 0)
            and all(_close(u, w) for u, w in zip(update[1:-1], want[1:-1]))
        ):
            return ids | extra | {"update_loop_off_by_one"}
    return None


def _explained(got, want):
    """explain_update on a backprop case's W after the student's step (set() when it does not apply)."""
    update = student_update(got, want)
    if update is None:
        return set()
    inputs = want["inputs"]
    A0, Y = np.asarray(inputs["A0"], dtype=float), np.asarray(inputs["Y"], dtype=float)
    return explain_update(update, inputs["W"], inputs["names"], A0, Y, inputs["eta"]) or set()


def _relation(hid):
    """A hint predicate: ``hid`` is among the misconceptions that explain the student's step."""
    return lambda got, want: hid in _explained(got, want)


def _like_public(hid):
    """The public hint ``hid`` (its text), fired by the relation instead of one known output."""
    hint = next(h for h in public.BACKPROP_HINTS if h.id == hid)
    return Hint(hid, hint.ko, hint.en, when=_relation(hid))


UPDATE_HINTS = [
    *(Hint(hid, "", "", when=_relation(hid)) for hid in ("not_divided_by_m", "update_sign")),
    *(_like_public(hid) for hid in ("m_wrong_axis", "hidden_error_shortcut", "update_before_backprop",
                                    "update_loop_off_by_one")),
]  # fmt: skip
GRADIENT_HINTS = UPDATE_HINTS

suite.case(
    "6.3",
    params={
        key: backprop_inputs(630 + k, arch, names, eta, samples=5)
        for k, ((key, (arch, names)), eta) in enumerate(zip(ARCHS.items(), (0.5, 1.0, 0.3, 2.0)))
    },
    hints=UPDATE_HINTS,
    about=Msg("역전파 한 번 뒤의 오차와 가중치", "error and weights after one step"),
    run=scenarios.backprop_step,
)

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
    hints=["off_by_one_steps"],
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
    hints=["state_not_reset"],
    about=Msg("fit을 두 번 부르면 cost_가 새로 시작", "a second fit starts cost_ afresh"),
    run=scenarios.fit_twice,
)


def fit_inputs(seed, arch, names, eta, samples=5):
    """Arguments of a one-epoch fit from given weights: (arch, names, eta, W, X, y)."""
    rng = np.random.default_rng(seed)
    return (arch, names, eta, staff.weights(rng, arch), rng.normal(0, 1, (samples, arch[0])),
            staff.labels(rng, samples, arch[-1]))  # fmt: skip


def _fit_explained(got, want):
    """What explains a one-epoch fit from given weights: the update's relations (explain_update,
    with 0/1 or 0.01/0.99 targets) and the first cost_ entry's formula, each judged alone."""
    inputs = want["inputs"]
    W, names, eta = inputs["W"], inputs["names"], inputs["eta"]
    X, y = np.asarray(inputs["X"], dtype=float), np.asarray(inputs["y"])
    onehot = targets(y, len(W[-1]))
    ids = set()
    update = student_update(got, want)
    for Y, extra in ((onehot, set()), (0.01 + 0.98 * onehot, {"targets_001_099"})):
        found = explain_update(update, W, names, X.T, Y, eta) if update is not None else None
        if found is not None:
            ids |= found | extra
            break
    try:
        first = float(got["cost_"][0])
    except (TypeError, ValueError, IndexError, KeyError):
        return ids
    for Y, extra in ((onehot, set()), (0.01 + 0.98 * onehot, {"targets_001_099"})):
        squares = float(np.sum((Y - forward(W, names, X.T)[1][-1]) ** 2))
        if np.isclose(first, np.sqrt(squares), rtol=1e-6):
            return ids | extra
        if any(np.isclose(first, k * squares, rtol=1e-6) for k in (0.5 / len(y), 1.0 / len(y), 0.5, 1.0)):
            return ids | extra | {"cost_formula"}
    after = got.get("W") if isinstance(got, dict) else None
    if update is not None and isinstance(after, list):
        squares = float(np.sum((onehot - forward(after[1:], names, X.T)[1][-1]) ** 2))
        if np.isclose(first, np.sqrt(squares), rtol=1e-6):
            ids.add("loss_after_update")
    return ids


def _part(key):
    """A check of one part of the fit step's result (the weights or cost_), against the reference's."""

    def check(actual, expected):
        if not isinstance(actual, dict) or key not in actual:
            return compare(actual, {key: expected[key]}, 1e-6, 1e-9, reveal=False)
        return compare(actual[key], expected[key], 1e-6, 1e-9, key, reveal=False)

    return check


def _fit_relation(hid):
    return lambda got, want: hid in _fit_explained(got, want)


FIT_STEP_HINTS = [
    *(dataclasses.replace(h, when=_fit_relation(h.id)) for h in UPDATE_HINTS),
    Hint("targets_001_099", "", "", when=_fit_relation("targets_001_099")),
    Hint("loss_after_update", "", "", when=_fit_relation("loss_after_update")),
    Hint("cost_formula", "", "", when=_fit_relation("cost_formula")),
]
STEP_NETS = {
    "depth2": fit_inputs(660, [4, 6, 3], ["atan", "squash"], 0.5),
    "depth3": fit_inputs(661, [4, 6, 5, 3], ["softsign", "atan", "squash"], 1.0),
}

# One epoch from given weights, in two cases: the update and cost_ are judged apart, and each
# named misconception is read off its own relation, so code with several gets a hint for each.
suite.case(
    "6.4",
    params=STEP_NETS,
    check=_part("W"),
    hints=FIT_STEP_HINTS,
    about=Msg("주어진 가중치에서 에포크 한 번: 가중치", "one epoch from given weights: the weights"),
    run=scenarios.fit_step_weights,
)
suite.case(
    "6.4",
    params=STEP_NETS,
    check=_part("cost_"),
    hints=FIT_STEP_HINTS,
    about=Msg("주어진 가중치에서 에포크 한 번: cost_", "one epoch from given weights: cost_"),
    run=scenarios.fit_step_cost,
)


def _unchanged_by_seed(actual, expected):
    """The constructor leaves np.random as it found it and its weights do not depend on it."""
    if not isinstance(actual, dict) or set(actual) != set(expected):
        return compare(actual, expected, 0, 0, reveal=False)
    same = compare(actual["W_seed5"], actual["W_seed6"], 0, 0, "W", reveal=False)
    if same is not None or compare(actual["np_random_draw"], expected["np_random_draw"], 0, 0, reveal=False):
        return Msg(
            "생성자가 전역 난수 상태 (np.random)를 쓰거나 바꿉니다.",
            "The constructor uses or changes the global random state (np.random).",
        )
    return None


suite.case(
    "6.4",
    check=_unchanged_by_seed,
    # the constructor is given: code that does nothing keeps it and would pass, so this point
    # comes together with the first function a student writes (and the stub's sigmoid raises)
    requires=["activation_values[sigmoid]"],
    hints=["global_random"],
    about=Msg(
        "생성자는 전역 난수 상태를 쓰지도 바꾸지도 않음",
        "the constructor neither uses nor changes the global random state",
    ),
    run=scenarios.constructor_random_state,
)

# ---- 6.5 predict, evaluate -----------------------------------------------------------------

suite.case(
    "6.5",
    params={"depth2": ARCHS["depth2"], "depth5": ARCHS["depth5"]},
    hints=["predict_row_major", "transposed", "list_not_array", "wrong_axis"],
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
# === scenarios: autograder/suites/dnn_backprop/scenarios.py (what a worker runs; @hidden declares a case)
"""What is run for the hidden cases of exercise 6: scenarios and the helpers they use.

Each function drives the student's module ``m`` and returns what the student's code returned,
as it is (never unpacked or post-processed here, so a wrong return type is judged, in the
student's terms, by the parent). A worker receives one scenario at a time with the helpers it
uses, never the expected values, checks or hints of hidden_tests.py.

Nets get staff activations that are not task 6.1's (see dnn_backprop_staff) and weights drawn
here or passed in by the parent. Backprop and evaluate cases receive their Z, A and labels as
arguments: the forward pass that makes them runs in the parent, not beside student code.
"""

import dnn_backprop_staff as staff
import numpy as np

# Samples m = 5 never equal n_y, so m taken from the wrong axis shows.
M = 5


def act_input(ctx):
    x = ctx.rng.normal(0, 2, (4, 5))
    x[0, :2] = 0.0  # relu and relu_d at exactly 0
    return x


# ---- 6.1 activations -----------------------------------------------------------------------


def act_matrix(m, ctx, name):
    return getattr(m, name)(act_input(ctx))


def act_keeps_input(m, ctx, name):
    return ctx.call(getattr(m, name), act_input(ctx))


def act_large_inputs(m, ctx, name):
    with np.errstate(over="ignore", invalid="ignore"):
        return ctx.call(getattr(m, name), np.array([-1000.0, -700.0, -30.0, 30.0, 700.0, 1000.0]))


# ---- 6.2 forpass ---------------------------------------------------------------------------


def forpass_layers(m, ctx, arch, names):
    net = staff.make_net(m, arch, names, staff.weights(ctx.rng, arch))
    return net.forpass(ctx.rng.normal(0, 1, (arch[0], M)))


def forpass_one_sample(m, ctx, arch, names):
    net = staff.make_net(m, arch, names, staff.weights(ctx.rng, arch))
    return net.forpass(ctx.rng.normal(0, 1, (arch[0], 1)))


# ---- 6.3 backprop --------------------------------------------------------------------------


def backprop_step(m, ctx, arch, names, eta, W, Z, A, Y):
    """One step from the parent's Z and A: the error the student returned and W afterwards."""
    net = staff.make_net(m, arch, names, W, eta=eta)
    E = net.backprop([None, *Z], list(A), Y)
    return {"E": E, "W": net.W, "inputs": {"names": names, "eta": eta, "W": W, "A0": A[0], "Y": Y}}


def backprop_update(m, ctx, arch, names, eta, W, Z, A, Y):
    """W after one step, and the step's inputs: the parent holds the update to central
    differences of J computed from the reference run's copy of these inputs."""
    net = staff.make_net(m, arch, names, W, eta=eta)
    net.backprop([None, *Z], list(A), Y)
    return {"W": net.W, "inputs": {"arch": arch, "names": names, "eta": eta, "W": W, "A0": A[0], "Y": Y}}


# ---- 6.4 fit -------------------------------------------------------------------------------


def _fitted(m, ctx, arch, names, eta):
    net = staff.make_net(m, arch, names, staff.weights(ctx.rng, arch), eta=eta, epochs=4)
    X = ctx.rng.normal(0, 1, (7, arch[0]))
    net.fit(X, staff.labels(ctx.rng, 7, arch[-1]))
    return net


def _fit_step(m, arch, names, eta, W, X, y):
    """One epoch from the parent's weights: W and cost_ afterwards, and the inputs for the judge."""
    net = staff.make_net(m, arch, names, W, eta=eta, epochs=1)
    net.fit(X, y)
    return {"W": net.W, "cost_": net.cost_, "inputs": {"names": names, "eta": eta, "W": W, "X": X, "y": y}}


def fit_step_weights(m, ctx, arch, names, eta, W, X, y):
    return _fit_step(m, arch, names, eta, W, X, y)


def fit_step_cost(m, ctx, arch, names, eta, W, X, y):
    return _fit_step(m, arch, names, eta, W, X, y)


def constructor_random_state(m, ctx):
    """Weights built under two global seeds, and the next global draws after the constructor."""
    out = {}
    for seed in (5, 6):
        np.random.seed(seed)
        net = m.DeepNeuralNet([3, 4, 2], random_seed=1)
        out[f"W_seed{seed}"] = net.W[1:]
    out["np_random_draw"] = np.random.random(3)  # the catalogue's probe of the global state
    net.g[1](np.zeros(1))  # the student's sigmoid: the stub raises here (not attempted, not passed)
    return out


def fit_weights(m, ctx, arch, names, eta):
    return _fitted(m, ctx, arch, names, eta).W


def fit_cost(m, ctx, arch, names, eta):
    return _fitted(m, ctx, arch, names, eta).cost_


def _fitted_mnist(m, ctx):
    x_train, t_train = ctx.mnist(200)
    arch = [784, 16, 10]
    net = staff.make_net(m, arch, ["atan", "squash"], staff.weights(ctx.rng, arch, 0.1), eta=1.0, epochs=3)
    net.fit(x_train, t_train)
    return net


def fit_mnist_weights(m, ctx):
    return _fitted_mnist(m, ctx).W


def fit_mnist_cost(m, ctx):
    return _fitted_mnist(m, ctx).cost_


def fit_twice(m, ctx):
    arch = [3, 4, 2]
    net = staff.make_net(m, arch, ["softsign", "squash"], staff.weights(ctx.rng, arch), eta=0.5, epochs=2)
    X, y = ctx.rng.normal(0, 1, (6, 3)), staff.labels(ctx.rng, 6, 2)
    net.fit(X, y)
    returned = net.fit(X, y)
    return {"cost": net.cost_, "returns_self": returned is net}


# ---- 6.5 predict, evaluate -----------------------------------------------------------------


def predict_columns(m, ctx, arch, names):
    net = staff.make_net(m, arch, names, staff.weights(ctx.rng, arch))
    return net.predict(ctx.rng.normal(0, 1, (6, arch[0])))


def predict_one_sample(m, ctx, arch, names):
    net = staff.make_net(m, arch, names, staff.weights(ctx.rng, arch))
    return net.predict(ctx.rng.normal(0, 1, arch[0]))


@hidden(
    "6.5",
    params={
        "multiclass": evaluate_inputs(652, [4, 6, 3], ["atan", "squash"]),
        "binary": evaluate_inputs(651, [2, 5, 1], ["softsign", "squash"]),
    },
    hints=["percent_vs_fraction"],
)
def evaluate_accuracy(m, ctx, arch, names, W, X, y):
    return staff.make_net(m, arch, names, W).evaluate(X, y)


# === staff: assignments/dnn_backprop/dnn_backprop_staff.py (helpers public and hidden scenarios share: driving code only, no answer)
"""Staff helpers for exercise 6's scenarios, public and hidden (copied into every worker).

The nets of tasks 6.2-6.5 get activations that are *not* the ones task 6.1 asks for (arctan,
softsign and an arctan squashing into (0, 1)): a wrong sigmoid costs task 6.1 only, and nothing
here is code a student could hand in. Only driving code lives here: building a net with given
weights and drawing inputs. The forward passes and numerical gradients that judge the answers
run in the parent (hidden_tests.py), never in a worker.
"""

import numpy as np


def atan_d(z):
    return 1.0 / (1.0 + z * z)


def softsign(z):
    return z / (1.0 + np.abs(z))


def softsign_d(z):
    return 1.0 / (1.0 + np.abs(z)) ** 2


def squash(z):
    """An output activation with values in (0, 1), as the nets' targets are 0/1."""
    return 0.5 + np.arctan(z) / np.pi


def squash_d(z):
    return 1.0 / (np.pi * (1.0 + z * z))


#: name -> (g, g′) for the nets of tasks 6.2-6.5
PAIRS = {"atan": (np.arctan, atan_d), "softsign": (softsign, softsign_d), "squash": (squash, squash_d)}


def activate(names):
    """The flat [g1, g1′, g2, g2′, ...] list DeepNeuralNet takes, for layers 1, 2, ..."""
    return [f for name in names for f in PAIRS[name]]


def weights(rng, arch, scale=1.0):
    """W[1 .. L] drawn uniformly from [-scale, scale), without the unused W[0]."""
    return [scale * rng.uniform(-1, 1, (n, n_prev)) for n_prev, n in zip(arch, arch[1:])]


def make_net(m, arch, names, W, **kw):
    """The student's net with staff activations and the given weights W[1 .. L] (copied)."""
    net = m.DeepNeuralNet(list(arch), activate(names), **kw)
    net.W = [None] + [np.array(w, dtype=float) for w in W]
    return net


def labels(rng, count, n_y):
    return rng.integers(0, max(n_y, 2), count)


# === demo: assignments/dnn_backprop/demo.py (the notebook's Try-it cells; # %% starts a cell)
"""실행해 보기 · Try it: the notebook's demo cells; ``python demo.py`` runs them on your deep_neural_net.py.

``# %%`` starts a new notebook cell.
"""

import matplotlib.pyplot as plt
import numpy as np
from deep_neural_net import DeepNeuralNet

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([0, 1, 1, 0])
nn = DeepNeuralNet([2, 4, 1], eta=2.0, epochs=5000)
nn.fit(X, y)
gx, gy = np.meshgrid(np.linspace(-0.5, 1.5, 100), np.linspace(-0.5, 1.5, 100))
grid = np.c_[gx.ravel(), gy.ravel()]
plt.contourf(gx, gy, nn.predict(grid).reshape(gx.shape), levels=20, cmap="RdBu")
plt.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu", edgecolors="k")
plt.title("XOR decision regions")
plt.show()

# %%
plt.plot(nn.cost_)
plt.title("cost")
plt.show()


# === reproduce: autograder/suites/dnn_backprop/reproduce.py (the lecture's runs for `reproduce`)
"""Lecture runs for exercise 6 (파이썬으로 배우는 기계학습 13-2, 13-3).

Our reference differs from the lecture code on purpose in two places, and both change the numbers:
the hidden error is the exact W[i+1]ᵀ·dZ[i+1] (the lecture's is W[i+1]ᵀ·E[i+1]), and updates are
divided by the number of samples m (the lecture's divide by Y.shape[0], which is 1 for XOR).
The XOR rows therefore train at the lecture's own step: its eta 0.5 on the sum over the four
samples is eta 0.5 × 4 = 2.0 on our mean (with eta 0.5 on the mean, 4× smaller steps, the
[2, 4, 2, 1] net is still on its plateau after 5000 epochs: outputs all near 0.5).
Weights come from a local numpy Generator, not np.random.seed, so they are not the lecture's draws.
MNIST here is the kit's 5,000-image training subset and Fashion-MNIST its 10,000-image one (the
lecture trains on 60,000), with the official 10,000 MNIST test images and 2,000 Fashion-MNIST ones;
the numbers are ours, not the lecture's.
"""

import numpy as np

from autograder.authoring.reproduce import Run

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
XOR_Y = np.array([0, 1, 1, 0])
LECTURE_ETA = 0.5  # on the sum over the samples (the lecture divides by Y.shape[0] = 1)
ETA = LECTURE_ETA * len(XOR_Y)  # the same step on our mean over m = 4 samples


def xor(ref, arch, hidden="sigmoid", epochs=5000):
    act = None
    if hidden == "tanh":
        act = [ref.tanh, ref.tanh_d] * (len(arch) - 2) + [ref.sigmoid, ref.sigmoid_d]
    return ref.DeepNeuralNet(arch, act, eta=ETA, epochs=epochs).fit(XOR_X, XOR_Y)


def xor_points(ref, arch):
    net = xor(ref, arch)
    out = net.predict(XOR_X)[0]
    text = f"{net.evaluate(XOR_X, XOR_Y):g} % correct, outputs {np.round(out, 3).tolist()}"
    return text, net.evaluate(XOR_X, XOR_Y) == 100.0


def final_cost(ref, hidden):
    net = xor(ref, [2, 4, 1], hidden)
    text = f"cost_[0] = {net.cost_[0]:.4f}, cost_[-1] = {net.cost_[-1]:.4f}, {net.evaluate(XOR_X, XOR_Y):g} %"
    return text, net.cost_[-1] < net.cost_[0]


def image_run(ref, dataset, arch, eta=1.0, epochs=200):
    import nnkit_data

    (x_train, t_train), (x_test, t_test) = getattr(nnkit_data, f"load_{dataset}")()
    net = ref.DeepNeuralNet(arch, eta=eta, epochs=epochs).fit(x_train, t_train)
    train, test = net.evaluate(x_train, t_train), net.evaluate(x_test, t_test)
    text = f"test {test:.2f} % (train {train:.2f} %), cost_ {net.cost_[0]:.1f} -> {net.cost_[-1]:.1f}"
    return text, test > 30.0 and net.cost_[-1] < net.cost_[0]


OURS = "exact gradient, update / m, our random draws"
STEP = f"the lecture's eta {LECTURE_ETA:g} on the sum = eta {ETA:g} on our mean over 4 samples"
IMAGES = "our data: the kit's training subset, not the lecture's 60,000; sigmoid, full batch, eta 1.0"
CRITERION = "test > 30 % (3× chance), cost_ falls"

RUNS = [
    Run(
        "XOR [2, 4, 2, 1], the lecture's step, 5000 epochs",
        "all four points right",
        lambda r: xor_points(r, [2, 4, 2, 1]),
        "100 %",
        f"{OURS}; {STEP}",
    ),
    Run(
        "XOR [2, 4, 1], the lecture's step, 5000 epochs",
        "all four points right",
        lambda r: xor_points(r, [2, 4, 1]),
        "100 %",
        f"{OURS}; {STEP}",
    ),
    Run(
        "XOR [2, 4, 1] cost_, sigmoid hidden",
        "curve (no number printed)",
        lambda r: final_cost(r, "sigmoid"),
        "cost_ falls",
        f"{OURS}; {STEP}",
    ),
    Run(
        "XOR [2, 4, 1] cost_, tanh hidden",
        "curve (no number printed)",
        lambda r: final_cost(r, "tanh"),
        "cost_ falls",
        f"{OURS}; {STEP}"
        + "; no biases: tanh(0) = 0 pins the output at (0, 0) to exactly 0.5, so cost_ stays ≥ 0.5; it counts as 0 since the rule is > 0.5",
    ),
    Run(
        "MNIST [784, 100, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "mnist", [784, 100, 10]),
        CRITERION,
        IMAGES + " (5,000 images)",
    ),
    Run(
        "MNIST [784, 100, 50, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "mnist", [784, 100, 50, 10]),
        CRITERION,
        IMAGES + " (5,000 images)",
    ),
    Run(
        "Fashion-MNIST [784, 100, 10], 200 epochs",
        "not comparable (60,000 images)",
        lambda r: image_run(r, "fashion_mnist", [784, 100, 10]),
        CRITERION,
        IMAGES + " (10,000 images)",
    ),
]
