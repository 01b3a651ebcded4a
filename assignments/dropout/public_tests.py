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
    about=Msg("배치 크기 2, 한 에포크, np.random.seed(0)", "batch size 2, one epoch, np.random.seed(0)"),
)
def fit_small(m, ctx):
    net = small_net(m, batch_size=2)
    np.random.seed(0)
    net.fit(X, Y)
    return {"W1": net.W1, "W2": net.W2, "cost_": np.asarray(net.cost_, dtype=float)}
