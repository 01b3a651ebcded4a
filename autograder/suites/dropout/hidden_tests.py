"""Hidden tests, exercise 5 (dropout): compared with the reference's outputs, plus statistics.

Networks are built with the student's constructor and given weights from the case's own
generator. Right before every call that may draw a mask, the case seeds ``np.random`` itself,
so the student's mask and the reference's come from the same numbers. The ``*_statistics``
cases check properties any correct inverted dropout has (drop fraction, preserved expected
activation) with tolerances, whatever generator draws the mask.
"""

import numpy as np

from autograder.spec import Hint, Msg, PerParam, Suite

suite = Suite("dropout", hidden=True)
TOL = {"rtol": 1e-6, "atol": 1e-10}
RATIOS = {"p02": (0.2,), "p05": (0.5,), "p08": (0.8,)}


def network(m, ctx, ratio, n_h=30, **kw):
    net = m.MnistMiniBatchDropout(784, n_h, 10, dropout_ratio=ratio, **kw)
    net.W1 = ctx.rng.uniform(-0.3, 0.3, (n_h, 784))
    net.W2 = ctx.rng.uniform(-1.0, 1.0, (10, n_h))
    return net


def mask_of(net):
    mask = net.drop_units
    return None if mask is None else np.asarray(mask) != 0


def trained(net, X, y, seed):
    W1, W2 = net.W1.copy(), net.W2.copy()
    np.random.seed(seed)
    net.fit(X, y)
    return {"dW1": net.W1 - W1, "dW2": net.W2 - W2, "cost_": np.asarray(net.cost_, dtype=float)}


def dropout_statistics(got, ratio):
    """Drop fraction within 0.01 of the ratio; mean activation within 5% of the undropped one."""
    drop, mean = got["drop_fraction"], got["mean_ratio"]
    if abs(drop - ratio) > 0.01:
        return Msg(
            f"학습 중 A1의 {drop:.3f}이(가) 0입니다. dropout_ratio={ratio}이면 약 {ratio}이어야 합니다.",
            f"{drop:.3f} of A1 is zero during training; with dropout_ratio={ratio} it should be about {ratio}.",
        )
    if abs(mean - 1.0) > 0.05:
        return Msg(
            f"드롭아웃 뒤 A1의 평균이 드롭아웃 없을 때의 {mean:.3f}배입니다 (기대값 약 1): 1 − dropout_ratio로 나누었나요?",
            f"After dropout the mean of A1 is {mean:.3f} times its value without dropout (expected about 1): "
            "did you divide by 1 − dropout_ratio?",
        )
    return None


TEST_TIME = Hint(
    "dropout_at_test",
    "train=False이면 드롭아웃도 스케일링도 없어야 합니다.",
    "With train=False there must be no dropout and no scaling.",
)

# ---- 5.1 forpass ---------------------------------------------------------------------------------


@suite.case("5.1", params=RATIOS, **TOL, about=Msg("학습 중 순전파", "training forward pass"))
def forpass_train(m, ctx, ratio):
    X, _ = ctx.mnist(20)
    net = network(m, ctx, ratio)
    np.random.seed(11)
    Z1, A1, Z2, A2 = net.forpass(X.T)
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


@suite.case("5.1", about=Msg("마스크를 self.drop_units에 보관", "mask kept in self.drop_units"))
def forpass_stores_mask(m, ctx):
    X, _ = ctx.mnist(15, start=40)
    net = network(m, ctx, 0.3)
    np.random.seed(12)
    net.forpass(X.T)
    return mask_of(net)


@suite.case(
    "5.1",
    params=RATIOS,
    expect=PerParam({"p02": 0.2, "p05": 0.5, "p08": 0.8}),
    check=dropout_statistics,
    about=Msg(
        "통계: 버린 비율과 보존된 기댓값 (은닉 200 × 숫자 300)",
        "statistics: drop fraction and preserved mean (200 hidden × 300 digits)",
    ),
)
def forpass_statistics(m, ctx, ratio):
    X, _ = ctx.mnist(300, start=100)
    net = network(m, ctx, ratio, n_h=200)
    np.random.seed(13)
    A1_train = net.forpass(X.T)[1]
    A1_eval = net.forpass(X.T, train=False)[1]
    return {
        "drop_fraction": float(np.mean(A1_train == 0)),
        "mean_ratio": float(np.mean(A1_train) / np.mean(A1_eval)),
    }


@suite.case("5.1", params=RATIOS, **TOL, hints=[TEST_TIME], about=Msg("train=False", "train=False"))
def forpass_eval(m, ctx, ratio):
    X, _ = ctx.mnist(20, test=True)
    net = network(m, ctx, ratio)
    np.random.seed(14)
    Z1, A1, Z2, A2 = net.forpass(X.T, train=False)
    return {"A1": A1, "A2": A2}


@suite.case("5.1", **TOL, hints=[TEST_TIME], about=Msg("예측에는 드롭아웃 없음", "no dropout in predict"))
def predict_without_dropout(m, ctx):
    X, _ = ctx.mnist(25, test=True)
    net = network(m, ctx, 0.5)
    np.random.seed(15)
    return net.predict(X)


@suite.case("5.1", hints=[TEST_TIME], about=Msg("평가에는 드롭아웃 없음", "no dropout in evaluate"))
def evaluate_without_dropout(m, ctx):
    X, y = ctx.mnist(300, test=True)
    means = np.stack([X[y == c].mean(axis=0) for c in range(10)])
    net = m.MnistMiniBatchDropout(784, 10, 10, dropout_ratio=0.5)
    net.W1 = 0.2 * (means - means.mean(axis=0))
    net.W2 = 8.0 * np.eye(10) - 4.0
    np.random.seed(16)
    return float(net.evaluate(X, y))


# ---- 5.2 fit -------------------------------------------------------------------------------------


@suite.case(
    "5.2", params=RATIOS, **TOL, about=Msg("숫자 64개, 배치 16, 한 에포크", "64 digits, batch 16, one epoch")
)
def fit_one_epoch(m, ctx, ratio):
    net = network(m, ctx, ratio, eta=0.5, epochs=1, batch_size=16)
    return trained(net, *ctx.mnist(64, start=200), seed=21)


@suite.case("5.2", **TOL, about=Msg("짧은 마지막 배치 (50 = 32 + 18)", "a short last batch (50 = 32 + 18)"))
def fit_short_last_batch(m, ctx):
    net = network(m, ctx, 0.5, eta=0.5, epochs=1, batch_size=32)
    return trained(net, *ctx.mnist(50, start=300), seed=22)


@suite.case("5.2", **TOL, about=Msg("두 에포크, dropout_ratio=0.3", "two epochs, dropout_ratio=0.3"))
def fit_two_epochs(m, ctx):
    net = network(m, ctx, 0.3, eta=0.8, epochs=2, batch_size=16)
    return trained(net, *ctx.mnist(40, start=400), seed=23)


@suite.case("5.2", **TOL, about=Msg("입력을 바꾸지 않고 self를 돌려줌", "inputs unchanged, returns self"))
def fit_keeps_inputs(m, ctx):
    net = network(m, ctx, 0.5, eta=0.5, epochs=1, batch_size=10)
    X, y = ctx.mnist(30, start=500)
    np.random.seed(24)
    out = ctx.call(net.fit, X.copy(), y.copy())
    return {"returns_self": out is net, "W1": net.W1, "W2": net.W2}
