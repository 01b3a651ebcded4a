# Correct, but first tries to change things outside its folder: the kit's data/ and root,
# the grader's files under /tmp, the home directory and its own submitted file.
import os
import shutil

data = os.environ.get("NNKIT_DATA", "/nonexistent")
kit = os.path.dirname(data)


def attempt(what, action):
    try:
        action()
        print(f"{what}: done")
    except OSError as exc:
        print(f"{what}: {type(exc).__name__}")


attempt("delete data/SHA256SUMS", lambda: os.remove(os.path.join(data, "SHA256SUMS")))
attempt("create data/planted.txt", lambda: open(os.path.join(data, "planted.txt"), "w").close())
attempt("create kit/planted.txt", lambda: open(os.path.join(kit, "planted.txt"), "w").close())
attempt("delete kit/solutions", lambda: shutil.rmtree(os.path.join(kit, "solutions")))
attempt("create /root/planted.txt", lambda: open("/root/planted.txt", "w").close())
attempt("delete own file", lambda: os.remove(__file__))
attempt("create ~/planted.txt", lambda: open(os.path.expanduser("~/planted.txt"), "w").close())
outcomes = {}
for top, dirs, files in os.walk("/tmp"):
    for name in files:
        if name.endswith((".json", ".csv", ".md", ".py")):
            try:
                os.remove(os.path.join(top, name))
                outcomes["done"] = outcomes.get("done", 0) + 1
            except OSError as exc:
                outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1
print(f"delete files under /tmp: {outcomes}")  # one line: how many /tmp files it sees depends on the machine

import numpy as np


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
