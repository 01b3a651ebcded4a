# Raises with a lone surrogate in its message, in a function and at load: no UTF-8 writer can encode it.
def mean_squared_error(y, t):
    raise ValueError("bad \ud800")


raise ValueError("bad \ud800")
