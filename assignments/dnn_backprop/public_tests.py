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
        return compare(list(Z[1:]), expected[0][1:], 1e-6, 1e-9, "Z[1:]", reveal) or compare(
            list(A), expected[1], 1e-6, 1e-9, "A", reveal
        )

    return check


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
LATE_LAMBDAS = Hint(
    "late_bound_lambdas",
    "반복문 안에서 만든 lambda x: activate[2*i](x)는 i를 **나중에** 읽습니다: 모든 층이 마지막 "
    "활성화 함수를 쓰게 됩니다. lambda 없이 함수 자체를 넣으세요 (self.g[i] = g).",
    "A lambda x: activate[2*i](x) made in a loop reads i **later**, so every layer gets the last "
    "activation. Store the functions themselves (self.g[i] = g), without lambdas.",
    when=like([[0.5395834241605656, 0.36765439490708257, 0.43316660034035415, 0.3257202754076597]],
              lambda got: got[1][2]),
)  # fmt: skip
SHORTCUT_TEXT = (
    "은닉층 오차를 W[i+1].T @ E[i+1]로 구했나요? 강의의 이 지름길은 ½·Σ(Y − A[L])²의 기울기가 "
    "아닙니다. 정확한 식은 dZ[i] = (W[i+1].T @ dZ[i+1]) * g′[i](Z[i])입니다. "
    "과제 2의 numerical_gradient(f, W)로 구한 수치 미분과 비교해 확인해 보세요.",
    "Did you compute the hidden error as W[i+1].T @ E[i+1]? That shortcut from the lecture is not "
    "the gradient of ½·Σ(Y − A[L])²; the exact rule is dZ[i] = (W[i+1].T @ dZ[i+1]) * g′[i](Z[i]). "
    "Check it against a numerical gradient (numerical_gradient(f, W) from exercise 2).",
)
BACKPROP_HINTS = [
    Hint(
        "lecture_error_shortcut",
        *SHORTCUT_TEXT,
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
        "update_before_propagating",
        "W[i+1]을 이미 바꾼 뒤에 그것으로 dZ[i]를 구했습니다. 모든 dZ를 바꾸기 **전의** W로 먼저 구하고, "
        "그다음에 W를 바꾸세요.",
        "You updated W[i+1] and then used it to compute dZ[i]. Compute every dZ with the weights "
        "**before** the update first, then update the W's.",
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
FIT_HINTS = [
    Hint(
        "lecture_error_shortcut",
        *SHORTCUT_TEXT,
        when=like([1.2428111292616666, 1.2230765710178066, 1.2015837109907734]),
    ),
    Hint(
        "cost_half_mean",
        "이 강의의 cost_는 에포크마다 √(Σ E²)입니다 (np.sqrt(np.sum(E * E))). ½·ΣE²/m이 아닙니다.",
        "This lecture's cost_ is √(Σ E²) per epoch (np.sqrt(np.sum(E * E))), not ½·ΣE²/m.",
        when=lambda got, want: (
            np.shape(got) == np.shape(want) and np.allclose(got, 0.5 * np.asarray(want) ** 2 / len(Y_LABELS))
        ),
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
    hints=[FORPASS_SHORT, SHIFTED, LATE_LAMBDAS],
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
    hints=["cost_half_mean"],
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
