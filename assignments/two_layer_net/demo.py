"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your two_layer_net.py."""

from nnkit_data import load_mnist
from two_layer_net import TwoLayerNet, plot_history, train_neuralnet

(x_train, t_train), (x_test, t_test) = load_mnist(one_hot_label=True)
net = TwoLayerNet(784, 50, 10)
history = train_neuralnet(net, x_train, t_train, x_test, t_test, iters_num=600)
plot_history(history)
