"""The hostile corpus: fixture submissions named by behaviour, built into one class folder.

Code fixtures live in ``tests/hostile/``; what cannot sit in the repository (a file that is
not UTF-8, an empty one, one of 50 MB, symbolic links, names with Korean letters and spaces)
is made here. Normal submissions from ``examples/`` are graded in the same batch.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from autograder.core.paths import ROOT
from autograder.exercises import Exercise, Limits, get_exercise

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXAMPLES = ROOT / "examples" / "loss_functions"
REFERENCE = ROOT / "solutions" / "loss_functions" / "loss_functions.py"

#: Small limits so the corpus grades in about a minute on two cores.
LIMITS = Limits(
    case_timeout=2,
    load_timeout=6,
    submission_timeout=60,
    cpu_seconds=30,
    memory_mb=768,
    file_mb=8,
    scratch_mb=32,
    output_kb=16,
    processes=32,
)

#: Fixtures that only a sandbox with its own filesystem and uid can contain safely.
NEEDS_BWRAP = {"writes_outside_scratch", "fills_disk"}
#: What the fallback contains only by a uid of its own per worker (a root grader): without it,
#: a leftover outlives the batch, ptrace may reach the grader, and files left in /tmp stay.
NEEDS_OWN_UID = {"setsid_double_fork_stays_behind", "ptrace_parent", "leaves_files_in_shared_places"}


HELPER = """import numpy as np


def half_sum_of_squares(d):
    return 0.5 * np.sum(d**2)
"""


def exercise() -> Exercise:
    return dataclasses.replace(get_exercise("loss_functions"), limits=LIMITS)


def build(folder: Path, sandbox: str) -> list[str]:
    """Fill ``folder`` with the corpus for ``sandbox`` ("bwrap" or "rlimit"); the student ids."""
    folder.mkdir(parents=True, exist_ok=True)
    skip = set()
    if sandbox != "bwrap":
        skip |= NEEDS_BWRAP
        if os.geteuid() != 0:
            skip |= NEEDS_OWN_UID
    for path in sorted(HOSTILE.iterdir()):
        if path.suffix in (".py", ".ipynb") and path.stem not in skip:
            shutil.copy(path, folder / path.name)
    correct = (HOSTILE / "passes_all.py").read_bytes()
    (folder / "김 민준 (재제출).py").write_bytes(correct)
    (folder / "이 서연").mkdir()
    (folder / "이 서연" / "loss_functions.py").write_bytes(correct)
    (folder / "not_utf8.py").write_bytes(b"# \xff\xfe\xff\n" + bytes(range(128, 256)) * 4)
    (folder / "empty.py").write_bytes(b"")
    with open(folder / "fifty_megabytes.py", "wb") as f:
        f.write(correct)
        f.truncate(50 * 2**20)  # sparse: takes no disk space
    (folder / "symlink_to_reference").mkdir()
    (folder / "symlink_to_reference" / "loss_functions.py").symlink_to(REFERENCE)
    (folder / "symlinked_file.py").symlink_to(REFERENCE)
    (folder / "symlinked_helper").mkdir()
    (folder / "symlinked_helper" / "loss_functions.py").write_bytes(correct)
    (folder / "symlinked_helper" / "helper.py").symlink_to(REFERENCE)
    (folder / "uses_helper").mkdir()
    (folder / "uses_helper" / "helper.py").write_text(HELPER, encoding="utf-8")
    (folder / "uses_helper" / "loss_functions.py").write_text(
        correct.decode().replace("return 0.5 * np.sum((y - t) ** 2)", "return half_sum_of_squares(y - t)")
        + "\n\nfrom helper import half_sum_of_squares\n",
        encoding="utf-8",
    )
    shutil.copy(EXAMPLES / "lee_seoyeon.py", folder / "lee_seoyeon.py")
    shutil.copytree(EXAMPLES / "park jiho", folder / "park jiho")
    return sorted(p.stem if p.suffix in (".py", ".ipynb") else p.name for p in folder.iterdir())


def workers_tagged(tag: str) -> list[int]:
    """Processes whose environment carries ``NNKIT_WORKER=<tag>-…``: a grader's workers (Linux)."""
    needle = f"NNKIT_WORKER={tag}-".encode()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    if needle in f.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def processes_named(marker: str) -> list[int]:
    """Processes whose command line contains ``marker`` (Linux)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if marker.encode() in f.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found
