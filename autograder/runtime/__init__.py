"""What a worker process runs: the case specification, the wire format and the worker itself.

Nothing here imports numpy at module level or anything of the kit above this package: the pool
copies exactly :data:`FILES` (paths below ``autograder/``) into each worker's private runtime.
"""

#: The one list of the kit's files a worker imports, relative to ``autograder/``.
FILES = ("__init__.py", "runtime/__init__.py", "runtime/spec.py", "runtime/wire.py", "runtime/worker.py")


def copy_into(dest: str) -> None:
    """Copy :data:`FILES` into ``dest/autograder/...`` (a worker's or an export's private copy)."""
    import shutil
    from pathlib import Path

    src = Path(__file__).resolve().parent.parent
    for name in FILES:
        target = Path(dest, "autograder", name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src / name, target)
