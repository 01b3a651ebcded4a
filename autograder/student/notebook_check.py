"""The self-check cell of every generated notebook: the code below ``CELL``, with ``EXERCISE`` filled in.

Kept as a module so that ruff and the tests see it; ``notebooks.py`` copies its imports into the
notebook's setup cell and its cell code, guarded, into the last cell. The cell checks the
notebook it runs in, a renamed copy too: Jupyter names it in ``__session__`` (and the
``JPY_SESSION_NAME`` variable), VS Code in ``__vsc_ipynb_file__``; without either it takes the
notebook saved last in the kernel's folder, which Jupyter makes the notebook's own folder.
"""

import os
import subprocess
import sys
from pathlib import Path

EXERCISE = ""  # the generator writes the exercise id here

CELL = "# ---- the cell ----"
# ---- the cell ----
if __name__ == "__main__":
    # 이 노트북의 파일: Jupyter와 VS Code가 알려 주는 경로, 없으면 이 폴더에서 마지막으로 저장한 노트북
    # This notebook's file: as Jupyter or VS Code names it, else the notebook saved last in this folder
    session = globals().get("__session__") or os.getenv("JPY_SESSION_NAME")
    named = globals().get("__vsc_ipynb_file__") or session
    here = Path.cwd()
    mine = [p / named for p in (here, *here.parents)] + [here / Path(named).name] if named else []
    mine = [p for p in mine if p.suffix == ".ipynb" and p.is_file()]
    notebook = mine[0] if mine else max(here.glob("*.ipynb"), key=os.path.getmtime)
    kit = next(p for p in (here, *here.parents) if (p / "autograder" / "__main__.py").is_file())
    command = [sys.executable, "-m", "autograder", "check", EXERCISE, str(notebook.resolve())]
    done = subprocess.run(command, cwd=kit, capture_output=True, text=True)
    print(done.stdout, done.stderr)
