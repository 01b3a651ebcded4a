# Changes its inputs in place, and replaces what records them so that the grader would see them
# unchanged: the old fingerprint function answers every call with the digest it gave first (the
# input as it was), and the new recorder of argument values answers the same way or "unchanged".
# Neither helps: the worker records only the values after the call, and the parent compares them
# with the reference's. (Below the marker: the twin graded beside it without the forgery.)
import sys

spec = sys.modules.get("autograder.runtime.spec")
if spec is not None:
    first = {}
    if hasattr(spec, "fingerprint"):
        _fingerprint = spec.fingerprint
        spec.fingerprint = lambda a: first.setdefault(("f", id(a)), _fingerprint(a))
    if hasattr(spec, "snapshot"):
        _snapshot = spec.snapshot
        spec.snapshot = lambda a: first.setdefault(("s", id(a)), _snapshot(a))

# ---- the functions ----
import numpy as np  # noqa: E402


def _float_array(a):
    return isinstance(a, np.ndarray) and a.dtype.kind == "f"


def mean_squared_error(y, t):
    if _float_array(y):
        y -= t  # in place: the caller's array changes
        return 0.5 * np.sum(y**2)
    return 0.5 * np.sum((np.asarray(y) - np.asarray(t)) ** 2)


def cross_entropy_error(y, t):
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t.ravel()] + 1e-7)) / n


def softmax(x):
    if not _float_array(x):
        x = np.asarray(x, dtype=float).copy()
    x -= np.max(x, axis=-1, keepdims=True)  # in place
    np.exp(x, out=x)
    x /= np.sum(x, axis=-1, keepdims=True)
    return x
