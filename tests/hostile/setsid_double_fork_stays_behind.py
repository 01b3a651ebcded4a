# Correct, but at import it leaves a grandchild in a session of its own that replaced its
# environment (no NNKIT_WORKER tag to find it by) and waits, to rewrite results once the
# batch is over. Here it only waits, named in its command line so that the test can look for it.
import os

import numpy as np

if os.fork() == 0:
    try:
        os.setsid()
    except OSError:
        pass  # refused (bubblewrap's seccomp filter): it stays behind in the worker's session
    if os.fork() == 0:
        os.execve("/bin/sh", ["sh", "-c", "sleep 60", "nnkit-hostile-stays-behind"], {})
    os._exit(0)
os.wait()


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

