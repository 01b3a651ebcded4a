# Han: imports a package the grader does not have; nothing in the file gets defined.
import numpy as np
import torch

from nnkit_data import one_hot_encoding


class MnistBGD:
    def __init__(self, n_x, n_h, n_y, eta=0.1, epochs=100, random_seed=1):
        self.W1 = torch.rand(n_h, n_x) * 2 - 1
        self.W2 = torch.rand(n_y, n_h) * 2 - 1
