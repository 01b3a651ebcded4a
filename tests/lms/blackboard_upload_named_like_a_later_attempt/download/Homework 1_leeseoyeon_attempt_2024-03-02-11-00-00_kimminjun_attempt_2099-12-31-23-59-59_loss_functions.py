def mean_squared_error(y, t):
    return 0.0
