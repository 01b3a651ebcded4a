"""Public tests, exercise 6 (deep neural net): small nets whose numbers you can check by hand.

Run them with ``python -m autograder check dnn_backprop [your_file.py]``.
Tasks 6.2-6.5 use the activations written below, not yours, so each task is checked on its own.
"""

import numpy as np

from autograder.spec import Hint, Msg, PerParam, Suite

suite = Suite("dnn_backprop", hidden=False)

X_ACT = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])

# A [2, 3, 1] net (tanh hidden layer, sigmoid output) on the four XOR points.
W1 = np.array([[0.5, -1.0], [1.0, 1.0], [-0.5, 0.25]])
W2 = np.array([[1.0, -1.5, 0.75]])
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y_LABELS = np.array([0, 1, 1, 0])


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_d(z):
    return _sigmoid(z) * (1.0 - _sigmoid(z))


def _tanh_d(z):
    return 1.0 - np.tanh(z) ** 2


def small_net(m, w2=W2, **kw):
    net = m.DeepNeuralNet([2, 3, 1], [np.tanh, _tanh_d, _sigmoid, _sigmoid_d], **kw)
    net.W = [None, W1.copy(), w2.copy()]
    return net


def like(literal, pick=lambda got: got):
    """A hint predicate: the student's value (or the part ``pick`` takes) equals ``literal``."""
    return lambda got, want: np.allclose(pick(got), literal, rtol=1e-6, atol=1e-9)


DERIVATIVE_OF_A = Hint(
    "derivative_of_a",
    "도함수는 A가 아니라 Z를 받습니다: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)². "
    "Z·(1 − Z)나 1 − Z²이 아닙니다.",
    "A derivative takes Z, not A: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)², "
    "not Z·(1 − Z) or 1 − Z².",
    when=lambda got, want: np.allclose(got, X_ACT * (1 - X_ACT)) or np.allclose(got, 1 - X_ACT**2),
)
RELU_D_IN_PLACE = Hint(
    "relu_d_in_place",
    "relu_d가 인자 x를 바꾸었습니다 (강의의 x[x<=0] = 0 처럼). 그러면 역전파에 쓸 Z가 망가집니다. "
    "np.where(x > 0, 1.0, 0.0) 처럼 새 배열을 돌려주세요.",
    "relu_d changed its argument x (like the lecture's x[x<=0] = 0), which destroys the Z that "
    "backprop still needs. Return a new array, e.g. np.where(x > 0, 1.0, 0.0).",
)
FORPASS_SHORT = Hint(
    "forpass_loop_off_by_one",
    "순전파 반복문이 한 층 모자랍니다: 출력층까지 가려면 range(1, self.layers) "
    "(= range(1, len(self.W)))를 쓰세요.",
    "Your forward loop stops one layer short: to reach the output layer use range(1, self.layers) "
    "(= range(1, len(self.W))).",
    when=lambda got, want: len(got["Z"]) < len(want["Z"]),
)
SHIFTED = Hint(
    "activation_index_shifted",
    "층 i는 자기 활성화 함수 self.g[i]를 씁니다 (self.g[i-1]이 아님). activate의 첫 쌍이 층 1입니다.",
    "Layer i uses its own activation self.g[i], not self.g[i-1]; activate's first pair is layer 1.",
    when=like([[0.12435300177159621, -0.3850830411149658, -0.18868477109269757, -0.5478382704502807]],
              lambda got: got["A"][2]),
)  # fmt: skip
LATE_LAMBDAS = Hint(
    "late_bound_lambdas",
    "반복문 안에서 만든 lambda x: activate[2*i](x)는 i를 **나중에** 읽습니다: 모든 층이 마지막 "
    "활성화 함수를 쓰게 됩니다. lambda 없이 함수 자체를 넣으세요 (self.g[i] = g).",
    "A lambda x: activate[2*i](x) made in a loop reads i **later**, so every layer gets the last "
    "activation. Store the functions themselves (self.g[i] = g), without lambdas.",
    when=like([[0.5312093733737563, 0.39986825616295535, 0.4524013164669675, 0.35085403337377197]],
              lambda got: got["A"][2]),
)  # fmt: skip
SHORTCUT_TEXT = (
    "은닉층 오차를 W[i+1].T @ E[i+1]로 구했나요? 강의의 이 지름길은 ½·Σ(Y − A[L])²의 기울기가 "
    "아닙니다. 정확한 식은 dZ[i] = (W[i+1].T @ dZ[i+1]) * g′[i](Z[i]) 입니다. "
    "과제 2의 numerical_gradient(f, W)로 구한 수치 미분과 비교해 확인해 보세요.",
    "Did you compute the hidden error as W[i+1].T @ E[i+1]? That shortcut from the lecture is not "
    "the gradient of ½·Σ(Y − A[L])²; the exact rule is dZ[i] = (W[i+1].T @ dZ[i+1]) * g′[i](Z[i]). "
    "Check it against a numerical gradient (numerical_gradient(f, W) from exercise 2).",
)
BACKPROP_HINTS = [
    Hint(
        "lecture_error_shortcut",
        *SHORTCUT_TEXT,
        when=like([[0.5615803653770627, -0.966276964810982], [0.9434750998445107, 0.9346666674462105],
                   [-0.45539682805916143, 0.31506153697894324]], lambda got: got["W"][0]),
    ),
    Hint(
        "m_wrong_axis",
        "m은 샘플 수여야 합니다. 클래스 안에서는 한 열이 한 샘플이므로 m = Y.shape[1] 입니다 "
        "(Y.shape[0]은 출력 뉴런 수 n_y).",
        "m must be the number of samples. Inside the class one column is one sample, so m = Y.shape[1] "
        "(Y.shape[0] is n_y, the number of output neurons).",
        when=like([[0.5519887186862015, -0.98129059962663], [0.95553973075033, 0.966165260261553],
                   [-0.4616274776401693, 0.2847139034636307]], lambda got: got["W"][0]),
    ),
    Hint(
        "update_before_propagating",
        "W[i+1]을 이미 바꾼 뒤에 그것으로 dZ[i]를 구했습니다. 모든 dZ를 바꾸기 **전의** W로 먼저 구하고, "
        "그다음에 W를 바꾸세요.",
        "You updated W[i+1] and then used it to compute dZ[i]. Compute every dZ with the weights "
        "**before** the update first, then update the W's.",
        when=like([[0.5129774328541942, -0.9953297562774501], [0.9890532351476671, 0.9916693950349972],
                   [-0.49046551578927416, 0.2586254211115693]], lambda got: got["W"][0]),
    ),
    Hint(
        "update_loop_off_by_one",
        "갱신 반복문이 한 층 모자랍니다: W[1]이 바뀌지 않았습니다. range(L, 0, -1)은 L … 1을 지납니다 "
        "(끝값 0은 빠집니다).",
        "Your update loop stops one layer short: W[1] never changes. range(L, 0, -1) visits L … 1 "
        "(the stop value 0 is left out).",
        when=like(W1, lambda got: got["W"][0]),
    ),
]  # fmt: skip
FIT_HINTS = [
    Hint(
        "lecture_error_shortcut",
        *SHORTCUT_TEXT,
        when=like([1.2343466141524635, 1.2101025021182472, 1.1861983852528009]),
    ),
    Hint(
        "cost_half_mean",
        "이 강의의 cost_는 에폭마다 √(Σ E²) 입니다 (np.sqrt(np.sum(E * E))). ½·ΣE²/m 이 아닙니다.",
        "This lecture's cost_ is √(Σ E²) per epoch (np.sqrt(np.sum(E * E))), not ½·ΣE²/m.",
        when=lambda got, want: np.allclose(got, 0.5 * want**2 / len(Y_LABELS)),
    ),
]
PREDICT_ROW_MAJOR = Hint(
    "predict_row_major",
    "predict는 열 우선 (n_y, m) 모양의 A[L]을 그대로 돌려줍니다 (전치하지 마세요).",
    "predict returns A[L] as it is, column-major with shape (n_y, m) (do not transpose it).",
    when=lambda got, want: got.shape == want.T.shape,
)
EVALUATE_HINTS = [
    Hint(
        "evaluate_argmax_binary",
        "출력 뉴런이 하나일 때 argmax는 언제나 0입니다. n_y == 1 이면 출력 > 0.5 를 1로 보세요.",
        "With a single output neuron argmax is always 0. When n_y == 1, predict 1 where the output > 0.5.",
        when=lambda got, want: np.isclose(got, 50.0),
    ),
    Hint(
        "evaluate_fraction",
        "정확도는 퍼센트입니다: 0.75가 아니라 75.0.",
        "Accuracy is a percentage: 75.0, not 0.75.",
        when=lambda got, want: np.isclose(100 * got, want),
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
    about=Msg("[-2, -0.5, 0, 0.5, 2]에서의 값", "values at [-2, -0.5, 0, 0.5, 2]"),
)
def activation_values(m, ctx, name):
    return getattr(m, name)(X_ACT.copy())


@suite.case(
    "6.1",
    expect=np.array([0.0, 0.0, 0.0, 1.0, 1.0]),
    hints=[RELU_D_IN_PLACE],
    about=Msg("relu_d는 인자를 바꾸지 않음", "relu_d leaves its argument unchanged"),
)
def relu_d_keeps_input(m, ctx):
    return ctx.call(m.relu_d, X_ACT.copy())


@suite.case(
    "6.2",
    expect={
        "Z": [
            np.array([[0.0, -1.0, 0.5, -0.5], [0.0, 1.0, 1.0, 2.0], [0.0, 0.25, -0.5, -0.25]]),
            np.array([[0.0, -1.7202963930866302, -1.0268619446186449, -2.091847524176517]]),
        ],
        "A": [
            X.T,
            np.array(
                [
                    [0.0, -0.7615941559557649, 0.46211715726000974, -0.46211715726000974],
                    [0.0, 0.7615941559557649, 0.7615941559557649, 0.9640275800758169],
                    [0.0, 0.24491866240370913, -0.46211715726000974, -0.24491866240370913],
                ]
            ),
            np.array([[0.5, 0.15183299029500166, 0.2636929337946994, 0.10989172750427961]]),
        ],
    },  # fmt: skip
    hints=[FORPASS_SHORT, SHIFTED, LATE_LAMBDAS],
    about=Msg("[2, 3, 1] 신경망, XOR 입력 네 개", "a [2, 3, 1] net on the four XOR inputs"),
)
def forpass_small(m, ctx):
    Z, A = small_net(m).forpass(X.T)
    return {"Z": list(Z[1:]), "A": list(A)}


@suite.case(
    "6.3",
    expect={
        "E": np.array([[-0.5, 0.8481670097049984, 0.7363070662053006, -0.10989172750427961]]),
        "W": [
            np.array(
                [
                    [0.5129971796715503, -0.9953226499066575],
                    [0.9888849326875825, 0.9915413150653882],
                    [-0.49040686941004236, 0.25867847586590764],
                ]
            ),
            np.array([[0.9984806844365308, -1.4772872549458351, 0.745414970742719]]),
        ],
    },  # fmt: skip
    hints=BACKPROP_HINTS,
    about=Msg("역전파 한 번 (eta = 0.5) 뒤의 오차와 가중치", "error and weights after one step (eta = 0.5)"),
)
def backprop_small(m, ctx):
    net = small_net(m, eta=0.5)
    Z1 = W1 @ X.T
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1
    E = net.backprop([None, Z1, Z2], [X.T, A1, _sigmoid(Z2)], Y_LABELS.reshape(1, -1).astype(float))
    return {"E": E, "W": list(net.W[1:])}


@suite.case(
    "6.4",
    expect=np.array([1.2343466141524635, 1.2272484309544776, 1.2201265314649676]),
    hints=FIT_HINTS,
    about=Msg("XOR 3 에폭의 cost_ = √(ΣE²)", "cost_ = √(ΣE²) over 3 epochs of XOR"),
)
def fit_small_cost(m, ctx):
    net = small_net(m, eta=0.5, epochs=3)
    net.fit(X, Y_LABELS)
    return np.asarray(net.cost_, dtype=float)


@suite.case(
    "6.5",
    expect=np.array([[0.5, 0.15183299029500166, 0.2636929337946994, 0.10989172750427961]]),
    hints=[PREDICT_ROW_MAJOR],
    about=Msg("predict는 (n_y, m) 모양", "predict returns shape (n_y, m)"),
)
def predict_small(m, ctx):
    return small_net(m).predict(X)


@suite.case(
    "6.5",
    expect=75.0,
    hints=EVALUATE_HINTS,
    about=Msg(
        "출력 > 0.5 이면 1 (출력 0.5, 0.85, 0.74, 0.89): XOR 네 점 중 셋",
        "output > 0.5 means 1 (outputs 0.5, 0.85, 0.74, 0.89): three of the four XOR points",
    ),
)
def evaluate_small(m, ctx):
    return small_net(m, w2=-W2).evaluate(X, Y_LABELS)
