"""Build nnkit's committed data subsets from the raw MNIST / Fashion-MNIST files.

Run once by an instructor (the results are committed; nothing reads the raw files at run time):

    python data/build.py --mnist ../shared/datasets/mnist \
        --fashion /usr/share/datasets/fashion-mnist

The fashion folder is where Debian's package ``dataset-fashion-mnist`` installs its files.
Writes ``data/*.npz`` (uint8 images as (N, 784), uint8 labels) and ``data/SHA256SUMS``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
# Fixed seeds: the committed files are the contract; rebuilding must give the same bytes.
MNIST_SHUFFLE_SEED = 20240412
FASHION_SUBSET_SEED = 20240413
MNIST_MD5 = {
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    "mnist_train_5k.csv.gz": "1edea4bd327f562974bd5a5321bbb524",
}


def read_idx(path: Path) -> np.ndarray:
    """Read a gzipped IDX file (the MNIST distribution format) into a uint8 array."""
    raw = gzip.open(path, "rb").read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def check_md5(folder: Path) -> None:
    for name, digest in MNIST_MD5.items():
        got = hashlib.md5((folder / name).read_bytes()).hexdigest()
        if got != digest:
            raise SystemExit(f"{folder / name}: md5 {got}, expected {digest}")


def build_mnist(folder: Path) -> dict[str, dict[str, np.ndarray]]:
    check_md5(folder)
    text = gzip.open(folder / "mnist_train_5k.csv.gz", "rt").read()
    rows = np.array(list(csv.reader(io.StringIO(text))), dtype=np.uint8)
    x, t = rows[:, :784], rows[:, 784]
    # The source file is sorted by class; a fixed shuffle makes x_train[:1000] a mixed sample.
    order = np.random.default_rng(MNIST_SHUFFLE_SEED).permutation(len(t))
    x_test = read_idx(folder / "t10k-images-idx3-ubyte.gz").reshape(-1, 784)
    t_test = read_idx(folder / "t10k-labels-idx1-ubyte.gz")
    return {
        "mnist_train_5k": {"x": x[order], "t": t[order]},
        "mnist_test": {"x": x_test, "t": t_test},
    }


def balanced_subset(t: np.ndarray, per_class: int, rng: np.random.Generator) -> np.ndarray:
    picks = [rng.choice(np.flatnonzero(t == c), per_class, replace=False) for c in range(10)]
    return rng.permutation(np.concatenate(picks))


def build_fashion(folder: Path) -> dict[str, dict[str, np.ndarray]]:
    rng = np.random.default_rng(FASHION_SUBSET_SEED)
    out = {}
    for split, prefix, per_class in (("train", "train", 1000), ("test", "t10k", 200)):
        x = read_idx(folder / f"{prefix}-images-idx3-ubyte.gz").reshape(-1, 784)
        t = read_idx(folder / f"{prefix}-labels-idx1-ubyte.gz")
        idx = balanced_subset(t, per_class, rng)
        out[f"fashion_{split}"] = {"x": x[idx], "t": t[idx]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mnist", type=Path, default=HERE.parent.parent / "shared/datasets/mnist")
    ap.add_argument("--fashion", type=Path, default=Path("/usr/share/datasets/fashion-mnist"))
    args = ap.parse_args()
    sets = build_mnist(args.mnist) | build_fashion(args.fashion)
    lines = []
    for name, arrays in sets.items():
        path = HERE / f"{name}.npz"
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        path.write_bytes(buf.getvalue())
        lines.append(f"{hashlib.sha256(buf.getvalue()).hexdigest()}  {path.name}")
        print(f"{path.name}: {len(arrays['t'])} digits, {path.stat().st_size / 1e6:.1f} MB")
    (HERE / "SHA256SUMS").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
