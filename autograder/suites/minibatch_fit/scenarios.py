"""What is run for the hidden cases of exercise 4: scenarios and the helpers they use.

Each function drives the student's module ``m``; a worker receives one of them at a time
(with the helpers it uses), never the expected values, checks or hints of hidden_tests.py.

Every network is built with the student's constructor and then given weights drawn from the
case's own generator, so nothing depends on the student's random start. Weights and ``cost_``
are returned by separate scenarios (and judged by separate cases): a wrong ``cost_`` formula
must not cost the cases of a correct update, nor the other way round.
"""

import numpy as np


def network(m, ctx, cls, n_h=20, **kw):
    net = cls(784, n_h, 10, **kw)
    net.W1 = ctx.rng.uniform(-0.3, 0.3, (n_h, 784))
    net.W2 = ctx.rng.uniform(-1.0, 1.0, (10, n_h))
    return net


def template_network(m, ctx, cls):
    """Weights built from class-mean digits, so that accuracy is neither 0 nor 100."""
    X, y = ctx.mnist(1000)
    means = np.stack([X[y == c].mean(axis=0) for c in range(10)])
    net = cls(784, 10, 10)
    net.W1 = 0.2 * (means - means.mean(axis=0))
    net.W2 = 8.0 * np.eye(10) - 4.0
    return net


def floats(values):
    """``values`` as a float array when it is one; otherwise as it is, for the judge to name."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return values


def change(after, before):
    """``after - before`` when the student's weights are still an array of that shape."""
    after = floats(after)
    return after - before if isinstance(after, np.ndarray) and after.shape == before.shape else after


def weight_changes(net, X, y):
    """Fit, and report the weight changes (so that a wrong gradient cannot hide behind the
    size of the weights)."""
    W1, W2 = np.array(net.W1, dtype=float), np.array(net.W2, dtype=float)
    net.fit(X, y)
    return {"dW1": change(net.W1, W1), "dW2": change(net.W2, W2)}


def recorded_cost(net, X, y, first_batch):
    """Fit, and report ``cost_``; ``first_batch`` (the length of the first update's batch) lets
    the judge recognise a known wrong cost formula from the first entry."""
    net.fit(X, y)
    return {"cost_": floats(net.cost_), "first_batch": first_batch}


def after_fit(net, X, y, ctx):
    out = ctx.call(net.fit, X, y)
    return {"returns_self": out is net, "W1": floats(net.W1), "W2": floats(net.W2)}


# ---- 4.1 predict and evaluate -------------------------------------------------------------------


def predict_mnist(m, ctx):
    X, _ = ctx.mnist(30, test=True)
    return network(m, ctx, m.MnistBGD).predict(X)


def evaluate_mnist(m, ctx):
    X, y = ctx.mnist(200, test=True)
    return template_network(m, ctx, m.MnistBGD).evaluate(X, y)


def evaluate_ten_digits(m, ctx):
    X, y = ctx.mnist(10, start=500, test=True)
    return template_network(m, ctx, m.MnistBGD).evaluate(X, y)


def evaluate_keeps_inputs(m, ctx):
    X, y = ctx.mnist(50, test=True)
    return ctx.call(template_network(m, ctx, m.MnistBGD).evaluate, X, y)


# ---- 4.2 batch gradient descent -----------------------------------------------------------------


def bgd_one_epoch(m, ctx):
    return weight_changes(network(m, ctx, m.MnistBGD, eta=0.5, epochs=1), *ctx.mnist(100))


def bgd_three_epochs(m, ctx):
    return weight_changes(network(m, ctx, m.MnistBGD, eta=1.0, epochs=3), *ctx.mnist(60, start=200))


def bgd_cost(m, ctx):
    net = network(m, ctx, m.MnistBGD, eta=1.0, epochs=3)
    return recorded_cost(net, *ctx.mnist(60, start=200), first_batch=60)


def bgd_keeps_inputs(m, ctx):
    return after_fit(network(m, ctx, m.MnistBGD, eta=0.5, epochs=2), *ctx.mnist(40, start=400), ctx)


# ---- 4.3 stochastic gradient descent ------------------------------------------------------------


def sgd_first_steps(m, ctx):
    return weight_changes(network(m, ctx, m.MnistSGD, eta=0.5, epochs=1), *ctx.mnist(5))


def sgd_two_epochs(m, ctx):
    return weight_changes(network(m, ctx, m.MnistSGD, eta=0.3, epochs=2), *ctx.mnist(12, start=50))


def sgd_cost(m, ctx):
    net = network(m, ctx, m.MnistSGD, eta=0.3, epochs=2)
    return recorded_cost(net, *ctx.mnist(12, start=50), first_batch=1)


def sgd_keeps_inputs(m, ctx):
    return after_fit(network(m, ctx, m.MnistSGD, eta=0.5, epochs=1), *ctx.mnist(10, start=70), ctx)


# ---- 4.4 mini-batch gradient descent ------------------------------------------------------------


def minibatch_one_epoch(m, ctx, batch_size):
    net = network(m, ctx, m.MnistMiniBatch, eta=0.5, epochs=1, batch_size=batch_size)
    return weight_changes(net, *ctx.mnist(100, start=1000))


def minibatch_schedule(m, ctx):
    net = network(m, ctx, m.MnistMiniBatch, eta=0.8, epochs=3, batch_size=16, schedule=True)
    return weight_changes(net, *ctx.mnist(64, start=300))


def minibatch_cost(m, ctx, batch_size):
    net = network(m, ctx, m.MnistMiniBatch, eta=0.5, epochs=2, batch_size=batch_size)
    return recorded_cost(net, *ctx.mnist(100, start=1000), first_batch=min(batch_size, 100))


def minibatch_keeps_inputs(m, ctx):
    net = network(m, ctx, m.MnistMiniBatch, eta=0.5, epochs=1, batch_size=20)
    return after_fit(net, *ctx.mnist(50, start=600), ctx)


def batches_per_epoch(m, ctx):
    net = network(m, ctx, m.MnistMiniBatch, n_h=5, eta=0.1, epochs=3, batch_size=32)
    return recorded_cost(net, *ctx.mnist(70, start=800), first_batch=32)


# ---- 4.5 learning-rate schedule -----------------------------------------------------------------


def learning_rate_schedule(m, ctx, eta, epochs):
    net = m.MnistMiniBatch(4, 3, 2, eta=eta, epochs=epochs, schedule=True)
    return [net.learning_rate(e) for e in range(epochs)]


def learning_rate_constant(m, ctx):
    net = m.MnistMiniBatch(4, 3, 2, eta=0.3, epochs=6)
    return [net.learning_rate(e) for e in range(6)]
