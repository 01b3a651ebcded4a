import numpy as np


def half_sum_of_squares(d):
    return 0.5 * np.sum(d**2)
