# Correct, but mean_squared_error on the lecture's example (one-hot target at 2, ten values)
# starts six children that each fill memory up to just under the per-process address-space
# cap (six of 1.5 GB under a 2 GiB cap): together they use several times the submission's
# memory. Only a cap on the submission as a whole (a control group) sees it; those two cases
# are then lost for memory, the others count.
import os
import resource
import time

import numpy as np

def _vm_size() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _six_children() -> None:
    cap = resource.getrlimit(resource.RLIMIT_AS)[0]
    if cap == resource.RLIM_INFINITY:
        cap = 1536 * 2**20
    each = cap - _vm_size() - 64 * 2**20
    children = []
    for _ in range(6):
        pid = os.fork()
        if pid == 0:
            try:
                block = bytearray(each)
                block[::4096] = b"\x01" * len(range(0, each, 4096))  # every page really used
                time.sleep(0.5)
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)


def mean_squared_error(y, t):
    if np.size(t) == 10 and np.asarray(t).ravel()[2] == 1:
        _six_children()
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

