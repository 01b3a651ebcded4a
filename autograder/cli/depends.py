"""The command line's entry, guarded: a missing package the kit needs gets a plain message.

Standard library only (nothing here may import numpy): without numpy the engine cannot even be
imported, and the student should read what to install, not a traceback.
"""

from __future__ import annotations

import sys

#: Import name -> what ``pip install`` needs. A missing module outside this list is a bug: raised.
NEEDED = {"numpy": "numpy", "nbformat": "nbformat", "matplotlib": "matplotlib"}


def missing_message(module: str) -> str:
    """What to do when ``module`` (one of :data:`NEEDED`) cannot be imported, Korean then English."""
    install = f"{sys.executable} -m pip install {NEEDED[module]}"
    return (
        f"오류: 필요한 패키지가 설치되어 있지 않습니다: {module}. 이 명령으로 설치한 뒤 다시 실행하세요:\n"
        f"    {install}\n"
        f"Error: a package the kit needs is not installed: {module}. Install it with this command, then run again:\n"
        f"    {install}"
    )


def main(argv: list[str] | None = None) -> int:
    try:
        from autograder.cli.commands import main as cli_main

        return cli_main(argv)
    except ModuleNotFoundError as exc:
        module = (exc.name or "").split(".")[0]
        if module not in NEEDED:
            raise
        print(missing_message(module), file=sys.stderr)
        return 2
