"""Public tests, exercise 5 (dropout): a tiny 4-5-2 network by hand, mask seeded by the test.

Run them with ``python -m autograder check dropout [your_file.py]``.
"""

import numpy as np

from autograder.spec import Hint, Msg, Suite

suite = Suite("dropout", hidden=False)

# Three samples of four features, two classes; fixed weights replace the random start.
X = np.array([[0.0, 0.5, 1.0, 0.2], [1.0, 0.1, 0.0, 0.3], [0.4, 0.4, 0.9, 0.0]])
Y = np.array([0, 1, 0])
W1 = np.array(
    [
        [0.5, -0.3, 0.8, 0.1],
        [-0.6, 0.9, 0.2, -0.4],
        [0.3, 0.3, -0.7, 0.6],
        [0.1, -0.8, 0.4, 0.5],
        [-0.2, 0.6, 0.6, -0.9],
    ]
)
W2 = np.array([[0.7, -0.5, 0.4, 0.2, -0.3], [-0.2, 0.6, -0.9, 0.5, 0.1]])


def small_net(m, **kw):
    net = m.MnistMiniBatchDropout(4, 5, 2, eta=0.5, epochs=1, dropout_ratio=0.25, **kw)
    net.W1, net.W2 = W1.copy(), W2.copy()
    return net


TEST_TIME = Hint(
    "dropout_at_test",
    "train=False이면 드롭아웃도 스케일링도 없어야 합니다.",
    "With train=False there must be no dropout and no scaling.",
)


KEEP = 0.75  # 1 - dropout_ratio in these cases
TRAIN_HINTS = [
    Hint(
        "no_scaling",
        "남긴 값을 1 − dropout_ratio로 나누지 않았습니다: A1 * self.drop_units / (1 - self.dropout_ratio).",
        "The kept values are not divided by 1 − dropout_ratio: A1 * self.drop_units / (1 - self.dropout_ratio).",
        when=lambda got, want: np.allclose(got["A1"], want["A1"] * KEEP),
    ),
    Hint(
        "drop_ratio_division",
        "dropout_ratio로 나누었나요? 강의의 코드는 0.5에서만 맞습니다. 남기는 비율 1 − dropout_ratio로 나누세요.",
        "Did you divide by dropout_ratio? The lecture's code is right only at 0.5; divide by the keep "
        "ratio 1 − dropout_ratio.",
        when=lambda got, want: np.allclose(got["A1"], want["A1"] * KEEP / (1 - KEEP)),
    ),
    Hint(
        "mask_not_stored",
        "마스크를 self.drop_units에 보관하세요. fit의 역전파가 같은 마스크를 써야 합니다.",
        "Keep the mask in self.drop_units: fit's backward step needs the same mask.",
        when=lambda got, want: got["drop_units"] is None,
    ),
    Hint(
        "inverted_mask",
        "마스크가 뒤집혔습니다: 남기는 유닛이 True인 np.random.rand(*A1.shape) > dropout_ratio 입니다.",
        "The mask is inverted: the kept units are np.random.rand(*A1.shape) > dropout_ratio.",
        when=lambda got, want: np.array_equal(got["drop_units"], ~want["drop_units"]),
    ),
]
# W1[0, 0] and W1[1, 2] that known mistakes produce on fit_small, so the self-check can name them.
FIT_MISTAKES = {
    "hidden_error_shortcut": (
        (0.4749722932737575, 0.08562970653263229),
        "은닉층 오차는 W2.T @ dZ2입니다. 강의의 지름길 W2.T @ E2는 기울기가 아닙니다 (numerical_gradient로 확인).",
        "The hidden error is W2.T @ dZ2; the lecture's shortcut W2.T @ E2 is not the gradient "
        "(check with numerical_gradient).",
    ),
    "new_mask_in_backward": (
        (0.4944575295135622, 0.1894376525183821),
        "역전파에서 마스크를 새로 뽑았나요? forpass가 self.drop_units에 보관한 같은 마스크를 쓰세요.",
        "Did you draw a new mask in the backward step? Use the one forpass stored in self.drop_units.",
    ),
    "backward_missing_scale": (
        (0.49584327974438297, 0.17912253530476727),
        "역전파에서도 self.drop_units / (1 - self.dropout_ratio)를 곱하세요.",
        "The backward step must multiply by self.drop_units / (1 - self.dropout_ratio) too.",
    ),
}
FIT_HINTS = [
    Hint(
        name,
        ko,
        en,
        when=lambda got, want, w=w: np.allclose([got["W1"][0, 0], got["W1"][1, 2]], w, rtol=1e-7),
    )
    for name, (w, ko, en) in FIT_MISTAKES.items()
]


@suite.case(
    "5.1",
    expect={
        "A1": np.array(
            [
                [0.8820042122706032, 0.8299457749358061, 0.9199659748368166],
                [0.8516842335317891, 0.4633473837430074, 0.7659233557488787],
                [0.5255017754243192, 0.833075299291239, 0.5382897342709495],
                [0.69997224997192, 0.7231972543658013, 0.6933191202074425],
                [0.8968093560903472, 0.5318828282021736, 0.0],
            ]
        ),
        "A2": np.array(
            [
                [0.5677588663296969, 0.6609639985907936, 0.6490792082190004],
                [0.5747664312793952, 0.44448937507479785, 0.5343855417180167],
            ]
        ),
        "drop_units": np.array(
            [
                [True, True, True],
                [True, True, True],
                [True, True, True],
                [True, True, True],
                [True, True, False],
            ]
        ),
    },
    hints=TRAIN_HINTS,
    about=Msg("dropout_ratio=0.25, np.random.seed(0)", "dropout_ratio=0.25, np.random.seed(0)"),
)
def forpass_small_train(m, ctx):
    net = small_net(m)
    np.random.seed(0)
    Z1, A1, Z2, A2 = net.forpass(X.T)
    mask = net.drop_units
    return {"A1": A1, "A2": A2, "drop_units": None if mask is None else np.asarray(mask) != 0}


@suite.case(
    "5.1",
    expect={
        "A1": np.array(
            [
                [0.6615031592029524, 0.6224593312018546, 0.6899744811276125],
                [0.6387631751488418, 0.34751053780725555, 0.574442516811659],
                [0.3941263315682394, 0.6248064744684293, 0.40371730070321216],
                [0.52497918747894, 0.542397940774351, 0.5199893401555818],
                [0.6726070170677604, 0.3989121211516302, 0.6681877721681662],
            ]
        ),
        "A2": np.array(
            [
                [0.5509562019312491, 0.6226225989484454, 0.5648303179315731],
                [0.5562592261137418, 0.45829184787934396, 0.5424323142547222],
            ]
        ),
    },
    hints=[TEST_TIME],
    about=Msg("train=False", "train=False"),
)
def forpass_small_eval(m, ctx):
    np.random.seed(0)
    Z1, A1, Z2, A2 = small_net(m).forpass(X.T, train=False)
    return {"A1": A1, "A2": A2}


@suite.case(
    "5.2",
    expect={
        "W1": np.array(
            [
                [0.4944532879525284, -0.29248341183529725, 0.8182683485364647, 0.09844660643044338],
                [-0.5958575176548201, 0.8882252361462597, 0.1721680566497587, -0.39856711201028655],
                [0.2952923167603901, 0.31486116401875885, -0.6650303748460796, 0.5984053526114335],
                [0.09985152147916984, -0.8050870279360793, 0.3883383377001409, 0.5001519608702235],
                [-0.1953521337490592, 0.5987812838385506, 0.5966329944269129, -0.8992790412393352],
            ]
        ),
        "W2": np.array(
            [
                [
                    0.7299839397911121,
                    -0.4636175630283891,
                    0.4050125371239565,
                    0.21983845978996033,
                    -0.2959126330782518,
                ],
                [
                    -0.2634601086574122,
                    0.535437772215195,
                    -0.9256857362290618,
                    0.4544094602357652,
                    0.08674340284641996,
                ],
            ]
        ),
        "cost_": np.array([0.31566357750004, 0.20397121692518333]),
    },
    hints=FIT_HINTS,
    about=Msg("배치 크기 2, 한 에포크, np.random.seed(0)", "batch size 2, one epoch, np.random.seed(0)"),
)
def fit_small(m, ctx):
    net = small_net(m, batch_size=2)
    np.random.seed(0)
    net.fit(X, Y)
    return {"W1": net.W1, "W2": net.W2, "cost_": np.asarray(net.cost_, dtype=float)}
