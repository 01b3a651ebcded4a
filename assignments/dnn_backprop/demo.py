"""실행해 보기 · Try it: the notebook's demo cells; ``python demo.py`` runs them on your deep_neural_net.py.

``# %%`` starts a new notebook cell.
"""

import matplotlib.pyplot as plt
import numpy as np
from deep_neural_net import DeepNeuralNet

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([0, 1, 1, 0])
nn = DeepNeuralNet([2, 4, 1], eta=2.0, epochs=5000)
nn.fit(X, y)
gx, gy = np.meshgrid(np.linspace(-0.5, 1.5, 100), np.linspace(-0.5, 1.5, 100))
grid = np.c_[gx.ravel(), gy.ravel()]
plt.contourf(gx, gy, nn.predict(grid).reshape(gx.shape), levels=20, cmap="RdBu")
plt.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu", edgecolors="k")
plt.title("XOR decision regions")
plt.show()

# %%
plt.plot(nn.cost_)
plt.title("cost")
plt.show()
