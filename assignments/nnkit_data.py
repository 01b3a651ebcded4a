"""nnkit_data: MNIST / Fashion-MNIST 불러오기 도우미 · data helpers for the exercises.

강의의 ``joy`` 모듈과 같은 역할을 합니다. This plays the part of the lectures' ``joy`` module.

    from nnkit_data import load_mnist
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True)

- ``x_train``: 5,000 MNIST training digits (500 per class, in a fixed shuffled order, so
  ``x_train[:1000]`` is a mixed sample); ``x_test``: the official 10,000 test digits.
- Files are read from the kit's ``data/`` folder (or ``$NNKIT_DATA``) and checked against
  ``data/SHA256SUMS`` so that everyone trains on the same bytes.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import numpy as np

__all__ = ["load_mnist", "load_fashion_mnist", "one_hot_encoding", "show_mnist", "data_dir"]

FASHION_LABELS = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)  # fmt: skip


class DataError(RuntimeError):
    """데이터 파일이 없거나 손상됨 · a data file is missing or damaged."""


def data_dir() -> Path:
    """Folder holding the ``.npz`` files: ``$NNKIT_DATA``, else the nearest ``data/`` upwards."""
    if os.environ.get("NNKIT_DATA"):
        return Path(os.environ["NNKIT_DATA"])
    for parent in Path(__file__).resolve().parents:
        if (parent / "data" / "SHA256SUMS").is_file():
            return parent / "data"
    raise DataError(
        "data/ 폴더를 찾을 수 없습니다. NNKIT_DATA 환경 변수를 설정하세요.\n"
        "Cannot find the data/ folder; set the NNKIT_DATA environment variable."
    )


def _verified(folder: Path, name: str) -> tuple[Path, str]:
    """The file ``name``.npz in ``folder`` and its sha256, which ``SHA256SUMS`` must list."""
    path = folder / f"{name}.npz"
    raw = path.read_bytes() if path.is_file() else b""
    sums = dict(reversed(line.split()) for line in (folder / "SHA256SUMS").read_text().splitlines() if line)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sums.get(path.name):
        raise DataError(
            f"{path}: 파일이 없거나 내용이 바뀌었습니다 (sha256 불일치).\n"
            f"{path}: missing or changed (sha256 mismatch); restore it from the kit."
        )
    return path, digest


def _unpacked(folder: Path, name: str, digest: str) -> tuple[Path, Path]:
    return folder / f"{name}.{digest[:16]}.x.npy", folder / f"{name}.{digest[:16]}.t.npy"


@cache
def _load(name: str) -> tuple[np.ndarray, np.ndarray]:
    folder = data_dir()
    path, digest = _verified(folder, name)
    x_file, t_file = _unpacked(folder, name, digest)
    if x_file.is_file() and t_file.is_file():
        # unpacked by the grader beside its private copy: mapped read-only, not decompressed
        # again in each of its workers (and their pages are shared between them)
        x = np.load(x_file, mmap_mode="r").view(np.ndarray)
        t = np.load(t_file, mmap_mode="r").view(np.ndarray)
    else:
        with np.load(path, allow_pickle=False) as npz:
            x, t = npz["x"], npz["t"]
    x.flags.writeable = False
    t.flags.writeable = False
    return x, t


def unpack(folder: Path, names: list[str] | tuple[str, ...]) -> None:
    """Write the arrays of each named file uncompressed beside it, for :func:`_load` to map.

    For the grader's private copy of ``data/`` only (its workers cannot write there)."""
    for name in names:
        path, digest = _verified(folder, name)
        x_file, t_file = _unpacked(folder, name, digest)
        if x_file.is_file() and t_file.is_file():
            continue
        with np.load(path, allow_pickle=False) as npz:
            for file, key in ((x_file, "x"), (t_file, "t")):
                part = file.with_name(f".{file.name}.part")
                with open(part, "wb") as f:
                    np.save(f, npz[key])
                os.replace(part, file)


def one_hot_encoding(y: np.ndarray, n_y: int = 10) -> np.ndarray:
    """Integer labels (m,) -> one-hot matrix (m, n_y) of 0.0 / 1.0."""
    y = np.asarray(y, dtype=int)
    out = np.zeros((y.size, n_y))
    out[np.arange(y.size), y.ravel()] = 1.0
    return out


def _prepare(x: np.ndarray, t: np.ndarray, normalize: bool, flatten: bool, one_hot: bool):
    x = x.astype(np.float32) / 255.0 if normalize else x.copy()
    if not flatten:
        x = x.reshape(-1, 1, 28, 28)
    t = one_hot_encoding(t, 10) if one_hot else t.astype(np.int64)
    return x, t


def load_mnist(normalize: bool = True, flatten: bool = True, one_hot_label: bool = False):
    """MNIST as ``(x_train, t_train), (x_test, t_test)``, like the lecture's ``load_mnist``.

    Args:
        normalize: pixel values as float32 in [0, 1] (else uint8 0-255).
        flatten: images as rows of 784 (else (N, 1, 28, 28)).
        one_hot_label: labels as one-hot rows (N, 10) (else integers (N,)).
    Shapes: x_train (5000, 784), x_test (10000, 784) when flattened.
    """
    train = _prepare(*_load("mnist_train_5k"), normalize, flatten, one_hot_label)
    test = _prepare(*_load("mnist_test"), normalize, flatten, one_hot_label)
    return train, test


def load_fashion_mnist(normalize: bool = True, flatten: bool = True, one_hot_label: bool = False):
    """Fashion-MNIST subset: 10,000 training / 2,000 test images, class-balanced.

    Same arguments and return layout as :func:`load_mnist`; class names in ``FASHION_LABELS``.
    """
    train = _prepare(*_load("fashion_train"), normalize, flatten, one_hot_label)
    test = _prepare(*_load("fashion_test"), normalize, flatten, one_hot_label)
    return train, test


def show_mnist(x: np.ndarray, labels=None, ncols: int = 10, title: str | None = None):
    """Draw images (N, 784) or (N, 28, 28) in a grid with matplotlib; returns the figure."""
    import matplotlib.pyplot as plt

    x = np.asarray(x).reshape(-1, 28, 28)
    nrows = max(1, -(-len(x) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols, nrows * 1.1), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < len(x):
            ax.imshow(x[i], cmap="gray_r")
            if labels is not None:
                ax.set_title(str(labels[i]), fontsize=8)
    if title:
        fig.suptitle(title)
    return fig
