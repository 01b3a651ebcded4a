# Han: imports the book's `common` package, which the grader does not have; nothing gets defined.
import numpy as np
from common.functions import cross_entropy_error, sigmoid, sigmoid_grad, softmax
from common.gradient import numerical_gradient


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }

    def predict(self, x):
        z1 = sigmoid(np.dot(x, self.params["W1"]) + self.params["b1"])
        return softmax(np.dot(z1, self.params["W2"]) + self.params["b2"])
