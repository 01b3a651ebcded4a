from utils import half_sum_of_squares


def mean_squared_error(y, t):
    return half_sum_of_squares(y - t)
