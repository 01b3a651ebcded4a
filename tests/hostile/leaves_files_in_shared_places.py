# Correct, but at import leaves files in every world-writable folder it can reach and SysV
# shared memory, a semaphore set and a message queue, all marked "nnkit-hostile-leftover"
# (SysV: key 0x6e6e6b01), to be picked up by whatever runs next under the same machine.
import ctypes
import os

import numpy as np

MARK = "nnkit-hostile-leftover"
KEY, IPC_CREAT = 0x6E6E6B01, 0o1000

for folder in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock"):
    try:
        with open(os.path.join(folder, f"{MARK}-file"), "w") as f:
            f.write("left behind")
        os.makedirs(os.path.join(folder, f"{MARK}-dir", "inner"), exist_ok=True)
    except OSError:
        pass
libc = ctypes.CDLL(None, use_errno=True)
made = [libc.shmget(KEY, 4096, IPC_CREAT | 0o666), libc.semget(KEY, 1, IPC_CREAT | 0o666)]
made.append(libc.msgget(KEY, IPC_CREAT | 0o666))
print(f"SysV objects made: {sum(ident >= 0 for ident in made)}")


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
