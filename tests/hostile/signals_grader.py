# Correct, but at import it checks whether it may signal its parent (the grader, without
# bubblewrap) and every process of the grader's session; a real attack would send SIGKILL.
# Signal 0 asks the kernel for permission only, so the test run survives when it is allowed.
import os

import numpy as np

for name, pid in (("parent", os.getppid()), ("init", 1)):
    try:
        os.kill(pid, 0)
        print(f"signal {name}: allowed")
    except OSError as exc:
        print(f"signal {name}: {type(exc).__name__}")


def mean_squared_error(y, t):
    return 0.5 * np.sum((y - t) ** 2)


def cross_entropy_error(y, t):
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    return -np.sum(np.log(y[np.arange(y.shape[0]), t.ravel()] + 1e-7)) / y.shape[0]


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)

