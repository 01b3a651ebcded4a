"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your numerical_gradient.py."""

import matplotlib.pyplot as plt
import numpy as np
from numerical_gradient import gradient_descent, numerical_diff


def f(x):
    return 0.01 * x**2 + 0.1 * x


xs = np.arange(0.0, 20.0, 0.1)
plt.plot(xs, f(xs), label="f")
plt.plot(xs, numerical_diff(f, 5) * (xs - 5) + f(5), label="tangent at 5")
plt.legend()
plt.show()
x, history = gradient_descent(lambda x: x[0] ** 2 + x[1] ** 2, np.array([-3.0, 4.0]), lr=0.1)
plt.plot(history[:, 0], history[:, 1], "o-")
plt.title("gradient descent")
plt.show()
