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


DERIVATIVE_OF_A = Hint(
    "derivative_of_a",
    "도함수는 A가 아니라 Z를 받습니다: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)². "
    "Z·(1 − Z)나 1 − Z²이 아닙니다.",
    "A derivative takes Z, not A: sigmoid_d(Z) = σ(Z)·(1 − σ(Z)), tanh_d(Z) = 1 − tanh(Z)², "
    "not Z·(1 − Z) or 1 − Z².",
    when=lambda got, want: np.allclose(got, X_ACT * (1 - X_ACT)) or np.allclose(got, 1 - X_ACT**2),
)
LAYER_COUNT = Hint(
    "layer_count",
    "층 수가 다릅니다: 반복문 range(1, self.layers)가 층 1 … L을 모두 지나나요?",
    "Wrong number of layers: does your loop range(1, self.layers) visit every layer 1 … L?",
    when=lambda got, want: len(got["Z"]) != len(want["Z"]),
)


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
    hints=[LAYER_COUNT],
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
    about=Msg("XOR 3 에폭의 cost_ = √(ΣE²)", "cost_ = √(ΣE²) over 3 epochs of XOR"),
)
def fit_small_cost(m, ctx):
    net = small_net(m, eta=0.5, epochs=3)
    net.fit(X, Y_LABELS)
    return np.asarray(net.cost_, dtype=float)


@suite.case(
    "6.5",
    expect=np.array([[0.5, 0.15183299029500166, 0.2636929337946994, 0.10989172750427961]]),
    about=Msg("predict는 (n_y, m) 모양", "predict returns shape (n_y, m)"),
)
def predict_small(m, ctx):
    return small_net(m).predict(X)


@suite.case(
    "6.5",
    expect=75.0,
    about=Msg(
        "출력 > 0.5 이면 1 (출력 0.5, 0.85, 0.74, 0.89): XOR 네 점 중 셋",
        "output > 0.5 means 1 (outputs 0.5, 0.85, 0.74, 0.89): three of the four XOR points",
    ),
)
def evaluate_small(m, ctx):
    return small_net(m, w2=-W2).evaluate(X, Y_LABELS)
