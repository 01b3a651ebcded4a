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
    with np.errstate(over="ignore"):
        return getattr(m, name)(np.array([-700.0, -30.0, 30.0, 700.0]))


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
    return {"E": E, "W": net.W}


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


def evaluate_accuracy(m, ctx, arch, names, W, X, y):
    return staff.make_net(m, arch, names, W).evaluate(X, y)
