"""What is run for the hidden cases of exercise 3 (TwoLayerNet): scenarios and the helpers they use.

Every network gets its weights from the test (random, non-zero biases), never from the
student's random initialisation. Scenarios return the student's values raw (a wrong type is
the judge's to explain) and, where a check needs them, the inputs they used; nothing here
decides anything. A worker receives one scenario at a time, never hidden_tests.py.
"""

from functools import lru_cache

import numpy as np
import two_layer_net_staff as staff

from autograder.runtime.spec import Context

SMALL = (6, 5, 3)


def small_problem(ctx, n=4, sizes=SMALL):
    """A small net's weights and a batch: x (n, 6), one-hot t (n, 3), labels (n,)."""
    params = staff.random_params(ctx.rng, sizes)
    x = ctx.rng.normal(0, 1, (n, sizes[0]))
    labels = ctx.rng.integers(0, sizes[2], n)
    return params, x, np.eye(sizes[2])[labels], labels


@lru_cache(maxsize=1)
def _class_means() -> np.ndarray:
    x_train, t_train = Context.mnist()
    return np.stack([x_train[t_train == c].mean(axis=0) for c in range(10)]).astype(np.float64)


def template_params(ctx):
    """784-10-10 weights from the class means (a nearest-mean classifier): most digits right."""
    means = _class_means()
    return {
        "W1": 0.1 * means.T,  # hidden unit k: sigmoid(0.1 * (x . mean_k - |mean_k|^2 / 2))
        "b1": -0.05 * np.sum(means**2, axis=1),
        "W2": 20.0 * np.eye(10),
        "b2": np.zeros(10),
    }


# ---- 3.1 predict -----------------------------------------------------------------------------


def predict_batch(m, ctx):
    params, x, _, _ = small_problem(ctx, n=4)
    return ctx.call(staff.net_with(m, params).predict, x)


def predict_single_sample(m, ctx):
    params, x, _, _ = small_problem(ctx, n=1)
    return staff.net_with(m, params).predict(x[0])


def predict_mnist(m, ctx):
    params = staff.random_params(ctx.rng, (784, 50, 10), std=0.1)
    return staff.net_with(m, params).predict(ctx.mnist(20, test=True)[0])


# ---- 3.2 loss --------------------------------------------------------------------------------


def simplenet_batch(m, ctx):
    net = m.simpleNet()
    net.W = ctx.rng.normal(0, 1, (2, 3))
    x = ctx.rng.normal(0, 1, (5, 2))
    return net.loss(x, np.eye(3)[ctx.rng.integers(0, 3, 5)])


def loss_random(m, ctx, onehot):
    params, x, t, labels = small_problem(ctx, n=5)
    return ctx.call(staff.net_with(m, params).loss, x, t if onehot else labels)


def loss_mnist(m, ctx):
    x, t = ctx.mnist(200, test=True)
    return staff.net_with(m, template_params(ctx)).loss(x, np.eye(10)[t])


# ---- 3.3 accuracy ----------------------------------------------------------------------------


def accuracy_mnist(m, ctx, onehot):
    x, t = ctx.mnist(500, test=True)
    return ctx.call(staff.net_with(m, template_params(ctx)).accuracy, x, np.eye(10)[t] if onehot else t)


def accuracy_random(m, ctx, onehot):
    params, x, t, labels = small_problem(ctx, n=12)
    return staff.net_with(m, params).accuracy(x, t if onehot else labels)


# ---- 3.4 numerical_gradient ------------------------------------------------------------------


def numgrad_random(m, ctx, onehot):
    params, x, t, labels = small_problem(ctx, n=4)
    return ctx.call(staff.net_with(m, params).numerical_gradient, x, t if onehot else labels)


def params_unchanged_by_numgrad(m, ctx):
    params, x, t, _ = small_problem(ctx, n=3)
    net = staff.net_with(m, params)
    net.numerical_gradient(x, t)
    return net.params


# ---- 3.5 gradient ----------------------------------------------------------------------------


def gradient_random(m, ctx):
    params, x, t, _ = small_problem(ctx, n=4)
    return ctx.call(staff.net_with(m, params).gradient, x, t)


def gradient_stacked_twice(m, ctx):
    params, x, t, _ = small_problem(ctx, n=7)
    return staff.net_with(m, params).gradient(np.vstack([x, x]), np.vstack([t, t]))


def gradient_batch_of_one(m, ctx):
    params, x, t, _ = small_problem(ctx, n=1)
    return staff.net_with(m, params).gradient(x, t)


def gradient_mnist(m, ctx):
    x, t = ctx.mnist(10, test=True)
    params = staff.random_params(ctx.rng, (784, 50, 10), std=0.1)
    return staff.net_with(m, params).gradient(x, np.eye(10)[t])


def backprop_check_random(m, ctx):
    """The student's gradient, raw, and the inputs: the parent computes the staff's numerical
    gradient from the reference run's copy of these inputs (never from the student's)."""
    params, x, t, _ = small_problem(ctx, n=3)
    return {"grads": staff.net_with(m, params).gradient(x, t), "inputs": {"params": params, "x": x, "t": t}}


def params_unchanged_by_gradient(m, ctx):
    params, x, t, _ = small_problem(ctx, n=4)
    net = staff.net_with(m, params)
    net.gradient(x, t)
    return net.params


# ---- 3.6 train_neuralnet ---------------------------------------------------------------------


def train_mnist_short(m, ctx):
    eye = np.eye(10)
    net = staff.guarded(staff.net_with(m, staff.random_params(ctx.rng, (784, 50, 10), std=0.1)))
    (x_train, t_train), (x_test, t_test) = ctx.mnist(1000), ctx.mnist(500, test=True)
    t_train, t_test = eye[t_train], eye[t_test]
    history = ctx.call(m.train_neuralnet, net, x_train, t_train, x_test, t_test, 60, 100, 0.1, 7)
    return {"history": history, "params": net.params}


def train_small(m, ctx, train_size, batch_size, iters):
    params, x, t, _ = small_problem(ctx, n=train_size + 40)
    net = staff.guarded(staff.net_with(m, params))
    history = m.train_neuralnet(
        net, x[:train_size], t[:train_size], x[train_size:], t[train_size:],
        iters_num=iters, batch_size=batch_size, learning_rate=0.5, seed=11,
    )  # fmt: skip
    return {"history": history, "params": net.params}
