# Returns objects that lie: equal to everything, unconvertible, NaN, huge, or ndarray subclasses.
import numpy as np


class Liar:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __float__(self):
        raise RuntimeError("no float for you")

    def __array__(self, *args, **kwargs):
        return np.asarray(self)  # recurses forever

    def __repr__(self):
        raise SystemExit("repr refuses")

    __hash__ = object.__hash__


class AlwaysEqual(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)

    def __array_finalize__(self, obj):
        pass


def mean_squared_error(y, t):
    return Liar()


def cross_entropy_error(y, t):
    return float("nan")


def softmax(x):
    if np.ndim(x) == 1:
        return np.zeros(10**7)  # 80 MB: more than the wire carries
    return np.zeros(np.shape(x)).view(AlwaysEqual)
