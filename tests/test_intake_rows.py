"""Every submission discovery or intake could not read still gets its row, with a clear status and
message (issue 20): a file that cannot be decoded, notebooks that are not JSON, cut short or hold
no cells, an empty student folder, an empty file, and a damaged entry in a student's own zip.
Beside them, files that look wrong but can be read (UTF-16 from Windows Notepad, Python code saved
under a notebook's name) are graded, with a note. The same download is read as a folder and as
the zip an LMS gives, and the rows, the intake lines and the feedback are the same.

``MSE_ONLY`` scores 12 (task 1.1), so a 12 says the student's code was read and run.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from autograder.batch.folder import grade_folder
from autograder.core.files import safe_name
from autograder.exercises import get_exercise

LMS = Path(__file__).parent / "lms"
MSE_ONLY = (
    LMS
    / "canvas_resubmitted_late_and_helper"
    / "download"
    / "kimminjun_LATE_12345_678902_loss_functions-1.py"
).read_text(encoding="utf-8")
NOTEBOOK = json.dumps(
    {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": MSE_ONLY, "outputs": [], "execution_count": None}
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
)


def damaged_zip() -> bytes:
    """A student's own zip whose only entry has its compressed bytes flipped (bad data, bad CRC)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("loss_functions.py", MSE_ONLY + "#" * 200)
    raw = bytearray(buf.getvalue())
    at = raw.index(b"loss_functions.py") + 40
    raw[at : at + 16] = bytes(b ^ 0x5A for b in raw[at : at + 16])
    return bytes(raw)


#: student -> what they handed in (bytes of a file, or None for an empty folder)
DOWNLOAD: dict[str, tuple[str, bytes | None]] = {
    "kim": ("kim.py", MSE_ONLY.encode()),
    "lee": ("lee.py", b"\x80\xff\x80 def mean_squared_error(:\n"),  # neither UTF-8 nor CP949
    "park": ("park.ipynb", b"hello, this is my homework\n"),  # not JSON, not Python
    "choi": ("choi.ipynb", NOTEBOOK.encode()[: len(NOTEBOOK) // 2]),  # cut short
    "jung": ("jung.ipynb", b'{"nbformat": 4, "metadata": {}}'),  # JSON, but no cells
    "yoon": ("yoon", None),  # an empty folder
    "seo": ("seo.py", b""),  # an empty file
    "lim": ("lim.zip", damaged_zip()),
    "kang": ("kang.py", MSE_ONLY.encode("utf-16")),  # Notepad's "Unicode": readable, graded
    "han": ("han.ipynb", MSE_ONLY.encode()),  # Python under a notebook's name: graded as .py
}

#: the exact rows: score and status per student
ROWS = {
    "kim": ("12", "ok"),
    "lee": ("0", "unreadable"),
    "park": ("0", "unreadable"),
    "choi": ("0", "unreadable"),
    "jung": ("0", "unreadable"),
    "yoon": ("0", "unreadable"),
    "seo": ("0", "unreadable"),
    "lim": ("0", "unreadable"),
    "kang": ("12", "ok"),
    "han": ("12", "ok"),
}

#: what the row's message (problem or note) says, English then Korean
SAYS = {
    "lee": ("lee.py: not a UTF-8 text file. Save it as UTF-8", "UTF-8 텍스트 파일이 아닙니다"),
    "park": ("park.ipynb: not in the notebook (JSON) format (reading stopped at line 1, column 1). Open it in "
             "Jupyter, save it again", "노트북(JSON) 형식이 아닙니다 (1번째 줄 1번째 글자에서 읽기가 멈춤)"),
    "choi": ("choi.ipynb: the notebook file is cut short", "노트북 파일이 중간에 끊겼습니다"),
    "jung": ('jung.ipynb: a JSON file but not a Jupyter notebook (it has no "cells" list)',
             "JSON 파일이지만 Jupyter 노트북이 아닙니다"),
    "yoon": ("The folder yoon/ is empty: no file was handed in.", "yoon/ 폴더가 비어 있습니다"),
    "seo": ("seo.py: the file is empty.", "seo.py: 빈 파일입니다."),
    "lim": ("a damaged entry that cannot be unpacked: lim.zip/loss_functions.py", "손상된 항목이라 풀 수 없습니다"),
    "kang": ("kang.py: read as UTF-16, not UTF-8. Please save as UTF-8.", "UTF-16으로 읽었습니다"),
    "han": ("han.ipynb: holds Python code, not a notebook, so it was graded as a .py file.",
            "노트북이 아니라 파이썬 코드가 든 파일이어서 .py 파일로 채점했습니다"),
}  # fmt: skip


def make_download(root: Path) -> Path:
    folder = root / "hw1"
    folder.mkdir(parents=True)
    for name, data in DOWNLOAD.values():
        if data is None:
            (folder / name).mkdir()
        else:
            (folder / name).write_bytes(data)
    return folder


def as_zip(folder: Path) -> Path:
    """The download as an LMS gives it: one zip, the folder's entries (the empty folder too)."""
    path = folder.with_suffix(".zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.rglob("*")):
            z.write(p, p.relative_to(folder.parent).as_posix())
    return path


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module", params=["folder", "zip"])
def graded(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    folder = make_download(root)
    download = folder if request.param == "folder" else as_zip(folder)
    out = root / "out"
    results = grade_folder(get_exercise("loss_functions"), download, out, jobs=2, progress=False)
    return request.param, out, {r.student: r for r in results}


def gradebook(out: Path) -> dict[str, tuple[str, str]]:
    header, *body = read_csv(out / "gradebook.csv")
    score, status = header.index("score"), header.index("status")
    return {r[0]: (r[score], r[status]) for r in body}


def test_every_unreadable_submission_has_its_row_with_the_exact_score_and_status(graded):
    _, out, _ = graded
    assert gradebook(out) == ROWS


def test_each_row_says_why_in_both_languages_in_the_result_and_the_feedback(graded):
    _, out, by = graded
    for student, (en, ko) in SAYS.items():
        r = by[student]
        said = [r.problem] if r.problem else list(r.warnings)
        assert any(en in m.en for m in said) and any(ko in m.ko for m in said), student
        text = (out / "feedback" / f"{safe_name(student)}.md").read_text(encoding="utf-8").replace("\\", "")
        assert en.split(": ", 1)[-1][:40] in text, student
    assert by["kim"].problem is None and not by["kim"].warnings  # a plain good file: nothing to say


def test_no_message_names_an_exception_class_instead_of_the_problem(graded):
    _, _, by = graded
    for r in by.values():
        for m in [r.problem, *r.warnings]:
            if m is not None:
                assert not any(word in m.en for word in ("JSONDecodeError", "KeyError", "Traceback")), m.en


def test_intake_csv_says_the_chosen_file_could_not_be_read_not_that_it_was_graded(graded):
    kind, out, _ = graded
    prefix = "hw1/" if kind == "zip" else ""
    lines = {(r[0], r[1], r[2]) for r in read_csv(out / "intake.csv")[1:]}
    graded_or_not = {(p, s, u) for p, s, u in lines if u in ("graded", "unreadable")}
    assert graded_or_not == {
        (f"{prefix}kim.py", "kim", "graded"), (f"{prefix}kang.py", "kang", "graded"),
        (f"{prefix}han.ipynb", "han", "graded"), (f"{prefix}lee.py", "lee", "unreadable"),
        (f"{prefix}park.ipynb", "park", "unreadable"), (f"{prefix}choi.ipynb", "choi", "unreadable"),
        (f"{prefix}jung.ipynb", "jung", "unreadable"), (f"{prefix}seo.py", "seo", "unreadable"),
    }  # fmt: skip
    assert (f"{prefix}yoon/", "yoon", "ignored") in lines
    assert (f"{prefix}lim.zip/loss_functions.py", "lim", "ignored") in lines


def test_a_notebook_that_parses_as_python_but_starts_like_json_is_not_run_as_code(tmp_path):
    # '{"a": 1}' is a valid Python expression; as a notebook it is JSON without cells: refused
    from autograder.core.errors import UserError
    from autograder.discover.submissions import read_cells

    path = tmp_path / "nb.ipynb"
    path.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(UserError) as info:
        read_cells(path)
    assert 'no "cells" list' in info.value.msg.en


def test_utf16_is_read_only_when_it_reads_as_code():
    from autograder.core.errors import UserError
    from autograder.discover.submissions import _decode

    text, notes = _decode("# 한글\ndef f(x):\n    return x\n".encode("utf-16"), "a.py")
    assert text.startswith("# 한글") and "UTF-16" in notes[0].en
    for raw in (b"\xff\xfe\x00garbage\x80\x81", b"\xff\xfe" + "가나다라마바사".encode("utf-16-le")):
        with pytest.raises(UserError) as info:  # behind the same mark, but not code
            _decode(raw, "b.py")
        assert "not a UTF-8 text file" in info.value.msg.en
