"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your optimizers.py."""

import matplotlib.pyplot as plt
import numpy as np
from optimizers import SGD, AdaGrad, Adam, Momentum, RMSProp

# 강의의 긴 골짜기 f(x, y) = x²/20 + y² · the lecture's long valley, 30 steps from (−7, 2)
xs, ys = np.meshgrid(np.linspace(-8, 8, 200), np.linspace(-3, 3, 200))
fig, axes = plt.subplots(1, 5, figsize=(18, 3.5))
for ax, optimizer in zip(axes, [SGD(0.95), Momentum(0.1), AdaGrad(1.5), RMSProp(0.3), Adam(0.3)]):
    params = {"x": np.array(-7.0), "y": np.array(2.0)}
    path = [(-7.0, 2.0)]
    for _ in range(30):
        optimizer.update(params, {"x": params["x"] / 10.0, "y": 2.0 * params["y"]})
        path.append((float(params["x"]), float(params["y"])))
    path = np.array(path)
    ax.contour(xs, ys, xs**2 / 20 + ys**2, levels=15, colors="lightgray")
    ax.plot(path[:, 0], path[:, 1], "o-", color="tab:red", markersize=3)
    ax.set_title(type(optimizer).__name__)
plt.show()
