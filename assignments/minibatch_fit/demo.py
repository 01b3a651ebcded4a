"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your minibatch.py."""

import matplotlib.pyplot as plt
from minibatch import MnistMiniBatch
from nnkit_data import load_mnist

(x_train, t_train), (x_test, t_test) = load_mnist()
nn = MnistMiniBatch(784, 100, 10, eta=2.0, epochs=5, batch_size=32)
nn.fit(x_train[:1000], t_train[:1000])
print("test accuracy", nn.evaluate(x_test[:100], t_test[:100]), "%")
plt.plot(nn.cost_)
plt.title("cost per update")
plt.show()
