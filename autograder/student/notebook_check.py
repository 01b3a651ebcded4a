"""The self-check and submit cells of every generated notebook: the code below ``CELL``.

Kept as a module so that ruff and the tests see it; ``notebooks.py`` copies its imports into the
notebook's setup cell and its cell code, guarded, into the self-check cell (``ACTION`` "check")
and the submit cell after it (``ACTION`` "submit" once the student sets ``SUBMIT = True``,
otherwise "dry-run", which sends nothing). The cell only gathers what its front end exposes about
which notebook it runs in (:mod:`autograder.student.this_notebook` decides, in a process of its
own started in the bundle's root, so the kernel's ``sys.path`` stays the student's): VS Code's
``__vsc_ipynb_file__``, Jupyter's ``__session__`` or ``JPY_SESSION_NAME``, the code this kernel
ran (IPython's ``In``: what nbclient and nbconvert leave), and under Colab the notebook itself.
"""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

EXERCISE = ""  # the generator writes the exercise id here
ACTION = "check"  # the generator writes the action here
SUBMIT = False  # the submit cell's own switch

CELL = "# ---- the cell ----"
# ---- the cell ----
if __name__ == "__main__":
    here = Path.cwd()
    kit = next((p for p in (here, *here.parents) if (p / "autograder" / "__main__.py").is_file()), None)
    if kit is None:
        print(
            "학생용 묶음(autograder 폴더)을 찾지 못했습니다: 이 노트북을 묶음의 과제 폴더에서 여세요.\n"
            "The student bundle (its autograder folder) is not above this folder: open this notebook "
            "from its exercise folder in the bundle."
        )
    else:
        # 어느 노트북인지 알려 주는 단서: Jupyter·VS Code가 준 이름, 이 커널이 실행한 셀, Colab의 노트북
        # Clues to which notebook this is: the name Jupyter or VS Code gives, the cells run, Colab's copy
        clues = {
            "vscode": globals().get("__vsc_ipynb_file__"),
            "jupyter": globals().get("__session__") or os.getenv("JPY_SESSION_NAME"),
            "ran": [str(c) for c in globals().get("In", [])],
            "folder": str(here),
        }
        if "google.colab" in sys.modules:
            colab = importlib.import_module("google.colab._message")
            clues["colab"] = json.dumps(colab.blocking_request("get_ipynb", timeout_sec=30)["ipynb"])
        command = [sys.executable, "-m", "autograder.student.this_notebook", ACTION, EXERCISE]
        done = subprocess.run(command, cwd=kit, input=json.dumps(clues), capture_output=True, text=True)
        print(done.stdout, done.stderr)
