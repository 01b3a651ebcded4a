"""What is run for the hidden cases of exercise 5: scenarios and the helpers they use.

Each function drives the student's module ``m``; a worker receives one of them at a time
(with the helpers it uses), never the expected values, checks or hints of hidden_tests.py.

Networks are built with the student's constructor and given weights from the case's own
generator. Right before every call that may draw a mask, the scenario seeds ``np.random``
itself, so the student's mask and the reference's come from the same numbers. The statistics
scenarios return the raw activations; the drop fraction and the preserved mean are computed
by the judge, in the parent.
"""

import numpy as np
from dropout_staff import change, floats, forpass_outputs, mask_of


def network(m, ctx, ratio, n_h=30, **kw):
    net = m.MnistMiniBatchDropout(784, n_h, 10, dropout_ratio=ratio, **kw)
    net.W1 = ctx.rng.uniform(-0.3, 0.3, (n_h, 784))
    net.W2 = ctx.rng.uniform(-1.0, 1.0, (10, n_h))
    return net


def weight_changes(net, X, y, seed):
    W1, W2 = np.array(net.W1, dtype=float), np.array(net.W2, dtype=float)
    np.random.seed(seed)
    net.fit(X, y)
    return {"dW1": change(net.W1, W1), "dW2": change(net.W2, W2)}


# ---- 5.1 forpass ---------------------------------------------------------------------------------


def forpass_train(m, ctx, ratio):
    X, _ = ctx.mnist(20)
    net = network(m, ctx, ratio)
    np.random.seed(11)
    return forpass_outputs(net.forpass(X.T))


def forpass_stores_mask(m, ctx):
    X, _ = ctx.mnist(15, start=40)
    net = network(m, ctx, 0.3)
    np.random.seed(12)
    net.forpass(X.T)
    return mask_of(net)


def forpass_statistics(m, ctx, ratio):
    X, _ = ctx.mnist(300, start=100)
    net = network(m, ctx, ratio, n_h=200)
    np.random.seed(13)
    train = forpass_outputs(net.forpass(X.T), ("A1",))
    test = forpass_outputs(net.forpass(X.T, train=False), ("A1",))
    return {"train": train, "test": test, "dropout_ratio": ratio}


def forpass_eval(m, ctx, ratio):
    X, _ = ctx.mnist(20, test=True)
    net = network(m, ctx, ratio)
    np.random.seed(14)
    return forpass_outputs(net.forpass(X.T, train=False), ("A1", "A2"))


def predict_without_dropout(m, ctx):
    X, _ = ctx.mnist(25, test=True)
    net = network(m, ctx, 0.5)
    np.random.seed(15)
    return net.predict(X)


def evaluate_without_dropout(m, ctx):
    X, y = ctx.mnist(300, test=True)
    means = np.stack([X[y == c].mean(axis=0) for c in range(10)])
    net = m.MnistMiniBatchDropout(784, 10, 10, dropout_ratio=0.5)
    net.W1 = 0.2 * (means - means.mean(axis=0))
    net.W2 = 8.0 * np.eye(10) - 4.0
    np.random.seed(16)
    return net.evaluate(X, y)


# ---- 5.2 fit -------------------------------------------------------------------------------------


def fit_one_epoch(m, ctx, ratio):
    net = network(m, ctx, ratio, eta=0.5, epochs=1, batch_size=16)
    return weight_changes(net, *ctx.mnist(64, start=200), seed=21)


def fit_short_last_batch(m, ctx):
    net = network(m, ctx, 0.5, eta=0.5, epochs=1, batch_size=32)
    return weight_changes(net, *ctx.mnist(50, start=300), seed=22)


def fit_two_epochs(m, ctx):
    net = network(m, ctx, 0.3, eta=0.8, epochs=2, batch_size=16)
    return weight_changes(net, *ctx.mnist(40, start=400), seed=23)


def fit_cost(m, ctx):
    net = network(m, ctx, 0.3, eta=0.8, epochs=2, batch_size=16)
    np.random.seed(23)
    net.fit(*ctx.mnist(40, start=400))
    return {"cost_": floats(net.cost_), "first_batch": 16}


def fit_keeps_inputs(m, ctx):
    net = network(m, ctx, 0.5, eta=0.5, epochs=1, batch_size=10)
    X, y = ctx.mnist(30, start=500)
    np.random.seed(24)
    out = ctx.call(net.fit, X, y)
    return {"returns_self": out is net, "W1": floats(net.W1), "W2": floats(net.W2)}
