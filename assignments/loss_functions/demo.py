"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your loss_functions.py."""

import numpy as np
from loss_functions import cross_entropy_error, mean_squared_error, softmax
from nnkit_data import load_mnist, show_mnist

(x_train, t_train), _ = load_mnist()
show_mnist(x_train[:10], t_train[:10], title="MNIST")
y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
t = np.eye(10)[2]
print(mean_squared_error(y, t), cross_entropy_error(y, t), softmax(np.array([0.3, 2.9, 4.0])))
