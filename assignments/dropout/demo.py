"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your dropout.py."""

import matplotlib.pyplot as plt
from dropout import MnistMiniBatchDropout
from nnkit_data import load_mnist

(x_train, t_train), (x_test, t_test) = load_mnist()
nn = MnistMiniBatchDropout(784, 100, 10, eta=0.1, epochs=3, dropout_ratio=0.5)
nn.fit(x_train[:1000], t_train[:1000])
print("test accuracy", nn.evaluate(x_test[:200], t_test[:200]), "%")
plt.plot(nn.cost_)
plt.title("cost per update")
plt.show()
