"""Intake: LMS downloads (tests/lms/, one per layout) and bad names, to one right row per student.

Each layout's download is read as the TA would hand it over (a folder or a zip of it), with and
without a roster; the tests show the rows, the file chosen per student, the lines of
``OUT/intake.csv`` and the LMS file's columns. ``mse_only`` files score 12 (task 1.1),
``wrong`` ones 0, so a score says which file was graded.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from autograder.batch.folder import grade_folder, merge_outputs
from autograder.core.errors import UserError
from autograder.core.files import FILE_MODE, NAME_BYTES, csv_cell, md_text, safe_name, terminal_safe
from autograder.discover.submissions import Unit, from_unit
from autograder.exercises import get_exercise
from autograder.intake.download import Tally, ZipLimits, extract_zip, read_download, read_roster
from autograder.intake.late import parse_deadline
from autograder.intake.roster import RosterStudent
from autograder.report import gradebook as gradebook_module
from autograder.report.console import summary_table
from autograder.report.gradebook import load_result
from autograder.report.lms import GradebookOptions
from conftest import notebook

LMS = Path(__file__).parent / "lms"
MSE_ONLY = (
    LMS
    / "canvas_resubmitted_late_and_helper"
    / "download"
    / "kimminjun_LATE_12345_678902_loss_functions-1.py"
).read_text()
WRONG = "def mean_squared_error(y, t):\n    return 0.0\n"


def download(name: str, tmp_path: Path) -> Path:
    """A copy of a fixture download (git will not store a ``.git`` folder: made here)."""
    target = tmp_path / name
    shutil.copytree(LMS / name / "download", target)
    if name.startswith("github"):
        for repo in target.iterdir():
            (repo / ".git").mkdir()
            (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return target


def zipped(folder: Path) -> Path:
    path = folder.with_suffix(".zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.rglob("*")):
            z.write(p, p.relative_to(folder.parent).as_posix())
    return path


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def intake_lines(out: Path) -> set[tuple[str, str, str]]:
    return {(r[0], r[1], r[2]) for r in rows(out / "intake.csv")[1:]}


def gradebook(out: Path, *columns: str) -> dict[str, tuple[str, ...]]:
    """Student -> (score, status) by default, or the columns named."""
    header, *body = rows(out / "gradebook.csv")
    at = [header.index(c) for c in columns or ("score", "status")]
    return {r[0]: tuple(r[i] for i in at) for r in body}


def grade(loss_ex, path, out, **kw):
    tally = Tally()
    results = grade_folder(loss_ex, path, out, jobs=2, progress=False, tally=tally, **kw)
    return {r.student: r for r in results}, tally


# ---- one download per layout ----------------------------------------------------------------


def test_canvas_zip_latest_resubmission_wins_and_roster_keys_rows(loss_ex, tmp_path):
    case = LMS / "canvas_resubmitted_late_and_helper"
    path = zipped(download(case.name, tmp_path))
    out = tmp_path / "out"
    options = GradebookOptions(lms="canvas", roster=read_roster(case / "roster.csv"))
    by, tally = grade(loss_ex, path, out, options=options)
    assert gradebook(out) == {"2023001": ("12", "ok"), "2023002": ("12", "ok"), "2023003": ("0", "missing")}
    assert by["2023001"].file == "loss_functions.py"  # the -1 copy, under the name the student gave it
    assert any("kimminjun_LATE_12345_678902_loss_functions-1.py" in w.en for w in by["2023001"].warnings)
    top = f"{case.name}/"
    assert intake_lines(out) == {
        (top + "kimminjun_12345_678901_loss_functions.py", "2023001", "superseded"),
        (top + "kimminjun_LATE_12345_678902_loss_functions-1.py", "2023001", "graded"),
        (top + "leeseoyeon_23456_678911_loss_functions.py", "2023002", "graded"),
        (top + "leeseoyeon_23456_678912_utils.py", "2023002", "helper"),  # imported beside it
        (top + "readme_from_ta.txt", "", "ignored"),
    }
    assert rows(out / "canvas.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Loss functions (loss_functions)"],
        [
            "Points Possible",
            "",
            "",
            "",
            "",
            f"{sum(c.points for c in get_exercise('loss_functions').cases(hidden=True)):g}",
        ],
        ["Kim Minjun", "12345", "2023001", "kimminjun", "", "12"],
        ["Lee Seoyeon", "23456", "2023002", "leeseoyeon", "", "12"],
        ["Park Jiho", "34567", "2023003", "parkjiho", "", ""],  # missing: left to Canvas's policy
    ]
    assert (tally.graded, tally.reused, tally.missing, tally.ignored) == (2, 0, 1, 1)
    assert tally.render().en == "2 graded, 0 reused, 1 missing, 1 ignored"
    assert "canvas" in tally.layout.en
    # run again: nothing is graded twice, and the summary says so
    _, again = grade(loss_ex, path, out, options=options)
    assert (again.graded, again.reused, again.missing) == (0, 2, 1)


def test_canvas_without_roster_ids_are_logins_not_raw_lms_names(loss_ex, tmp_path):
    out = tmp_path / "out"
    grade(loss_ex, download("canvas_resubmitted_late_and_helper", tmp_path), out)
    assert gradebook(out) == {"kimminjun": ("12", "ok"), "leeseoyeon": ("12", "ok")}


def test_canvas_template_keeps_its_columns_and_fills_the_assignments_own(loss_ex, tmp_path):
    case = LMS / "canvas_resubmitted_late_and_helper"
    out = tmp_path / "out"
    options = GradebookOptions(
        lms="canvas", roster=read_roster(case / "roster.csv"), lms_template=case / "canvas_export.csv"
    )
    grade(loss_ex, download(case.name, tmp_path), out, options=options)
    assert rows(out / "canvas.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Loss functions (5502)"],
        ["Points Possible", "", "", "", "", "31"],
        ["Kim, Minjun", "12345", "2023001", "kimminjun", "NN 101", "12"],
        ["Lee, Seoyeon", "23456", "2023002", "leeseoyeon", "NN 101", "12"],
        ["Park, Jiho", "34567", "2023003", "parkjiho", "NN 101", ""],
    ]


def test_canvas_template_without_a_matching_column_is_refused(loss_ex, tmp_path):
    case = LMS / "canvas_resubmitted_late_and_helper"
    template = tmp_path / "export.csv"
    template.write_text("Student,ID,SIS User ID,SIS Login ID,Section,Homework 0 (5501)\n", encoding="utf-8")
    options = GradebookOptions(lms="canvas", lms_template=template)
    with pytest.raises(UserError) as info:
        grade(loss_ex, download(case.name, tmp_path), tmp_path / "out", options=options)
    assert "--lms-column" in info.value.msg.en and "--lms-column" in info.value.msg.ko


def test_moodle_onlinetext_is_no_student_and_helpers_import(loss_ex, tmp_path):
    case = LMS / "moodle_with_onlinetext_and_two_py"
    out = tmp_path / "out"
    options = GradebookOptions(lms="moodle", lms_key="email", roster=read_roster(case / "roster.csv"))
    by, tally = grade(loss_ex, download(case.name, tmp_path), out, options=options)
    assert gradebook(out) == {
        "2023001": ("12", "ok"),
        "2023002": ("12", "ok"),
        "2023003": ("0", "unreadable"),
    }
    assert by["2023002"].file == "hw1.py"  # the one .py defining the exercise's functions; utils.py beside it
    assert "online text only" in by["2023003"].problem.en
    top = ""  # a folder download: paths inside it
    assert intake_lines(out) == {
        (top + "김민준_101_assignsubmission_file_/loss_functions.py", "2023001", "graded"),
        (top + "김민준_101_assignsubmission_onlinetext_/", "2023001", "ignored"),
        (top + "박지호_103_assignsubmission_onlinetext_/", "2023003", "ignored"),
        (top + "이서연_102_assignsubmission_file_/hw1.py", "2023002", "graded"),
        (top + "이서연_102_assignsubmission_file_/utils.py", "2023002", "helper"),
    }
    assert rows(out / "moodle.csv") == [
        ["Email address", "Loss functions (loss_functions)"],
        ["kim@example.edu", "12"],
        ["lee@example.edu", "12"],
        ["park@example.edu", "0"],
    ]


def test_gradescope_export_group_members_each_get_the_row(loss_ex, tmp_path):
    out = tmp_path / "out"
    by, _ = grade(loss_ex, download("gradescope_export_with_group", tmp_path), out)
    assert gradebook(out) == {
        "Choi Yuna": ("0", "ok"),
        "Kim Minjun": ("12", "ok"),
        "Lee Seoyeon": ("0", "ok"),
    }
    top = "assignment_1234_export/"
    assert intake_lines(out) == {
        (top + "submission_metadata.yml", "", "metadata"),
        (top + "submission_111/loss_functions.py", "Kim Minjun", "graded"),
        (top + "submission_222/loss_functions.py", "Lee Seoyeon", "graded"),
        (top + "submission_222/loss_functions.py", "Choi Yuna", "graded"),
        (top + "submission_333/", "", "ignored"),  # not in the metadata: no phantom student
    }


def test_gradescope_sid_matches_the_roster(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name\n2023001,Someone Else\n2023002,\n", encoding="utf-8")
    ex = get_exercise("loss_functions")
    got = read_download(
        download("gradescope_export_with_group", tmp_path), ex, tmp_path / "s", read_roster(roster)
    )
    assert [s.student for s in got.submissions] == ["2023001", "2023002"]  # the sid, not the other name
    assert [(f.path.rsplit("/", 1)[-1], f.use) for f in got.unmatched] == [("submission_222", "unmatched")]


def test_github_classroom_finds_src_and_notebooks_and_matches_usernames(loss_ex, tmp_path):
    case = LMS / "github_classroom_src_and_notebook"
    out = tmp_path / "out"
    by, _ = grade(
        loss_ex,
        download(case.name, tmp_path),
        out,
        options=GradebookOptions(roster=read_roster(case / "roster.csv")),
    )
    assert gradebook(out) == {"2023001": ("12", "ok"), "2023002": ("12", "ok")}
    assert (by["2023001"].file, by["2023002"].file) == ("loss_functions.py", "work.ipynb")
    top = ""
    assert intake_lines(out) == {
        (top + "hw1-loss-functions-kimminjun/.git/", "2023001", "ignored"),
        (top + "hw1-loss-functions-kimminjun/README.md", "2023001", "ignored"),
        (top + "hw1-loss-functions-kimminjun/src/loss_functions.py", "2023001", "graded"),
        (top + "hw1-loss-functions-leeseoyeon/.git/", "2023002", "ignored"),
        (top + "hw1-loss-functions-leeseoyeon/notebooks/work.ipynb", "2023002", "graded"),
    }


def test_blackboard_last_attempt_wins(loss_ex, tmp_path):
    out = tmp_path / "out"
    by, _ = grade(loss_ex, download("blackboard_two_attempts", tmp_path), out)
    assert gradebook(out) == {"kimminjun": ("12", "ok"), "leeseoyeon": ("12", "ok")}
    lines = intake_lines(out)
    first = "Homework 1_kimminjun_attempt_2024-03-01-10-00-00"
    assert (first + "_loss_functions.py", "kimminjun", "superseded") in lines
    assert (
        first.replace("03-01-10-00-00", "03-02-09-30-00") + "_loss_functions.py",
        "kimminjun",
        "graded",
    ) in lines
    assert any("last attempt" in w.en for w in by["kimminjun"].warnings)


def test_layout_override_and_unknown_layout(tmp_path):
    ex = get_exercise("loss_functions")
    folder = download("canvas_resubmitted_late_and_helper", tmp_path)
    plain = read_download(folder, ex, tmp_path / "s1", layout="plain")
    assert plain.layout == "plain" and "kimminjun_12345_678901_loss_functions" in [
        s.student for s in plain.submissions
    ]
    with pytest.raises(UserError):
        read_download(folder, ex, tmp_path / "s2", layout="webct")


def test_ambiguous_roster_match_is_named_never_guessed(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name\nA1,김민준\nA2,김민준\nB1,이서연\n", encoding="utf-8")
    ex = get_exercise("loss_functions")
    got = read_download(
        download("moodle_with_onlinetext_and_two_py", tmp_path), ex, tmp_path / "s", read_roster(roster)
    )
    assert [s.student for s in got.submissions] == ["B1"]
    assert sorted(f.use for f in got.unmatched) == ["ambiguous", "unmatched"]
    assert "A1, A2" in next(f for f in got.unmatched if f.use == "ambiguous").reason.en
    assert got.missing == []  # both could be its owner: ambiguous, never missing
    assert sorted(got.conflicts) == ["A1", "A2"]
    assert all("김민준_101_assignsubmission_file_" in m.en for m in got.conflicts.values())


def test_roster_without_student_id_is_refused(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nKim,kim@example.edu\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        read_roster(roster)
    assert "student_id" in info.value.msg.en and "student_id" in info.value.msg.ko


# ---- the bad cases of a plain folder ------------------------------------------------------


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def bad_names(tmp_path, make_class):
    folder = make_class(
        {
            "송민지.PY": MSE_ONLY,
            "강민호.py.txt": MSE_ONLY,
            "최유나": {
                "hw1.py": MSE_ONLY.replace("import numpy as np", "import numpy as np\nimport utils  # noqa"),
                "utils.py": "X = 1\n",
            },  # fmt: skip
            "정하늘": {"loss_functions.py": MSE_ONLY, "loss_functions_final.py": WRONG},
            nfd("박지호") + ".py": MSE_ONLY,
            nfd("한지우") + ".py": MSE_ONLY,
            "한지우.ipynb": notebook(WRONG),
            "notes.txt": "the TA's notes",
            "cell_without_source.ipynb": json.dumps(
                {
                    "cells": [
                        {"cell_type": "code", "metadata": {}},
                        {"cell_type": "code", "source": MSE_ONLY},
                    ],
                    "metadata": {},
                    "nbformat": 4,
                    "nbformat_minor": 5,
                }
            ),  # fmt: skip
            "odd_entries": {"loss_functions.py": MSE_ONLY},
            ("긴이름" * 27)[:80] + ".py": MSE_ONLY,  # 240 bytes of name
        }
    )
    inner = tmp_path / "이서연"
    inner.mkdir()
    (inner / "loss_functions.py").write_text(MSE_ONLY, encoding="utf-8")
    zipped(inner).rename(folder / "이서연.zip")
    (folder / "odd_entries" / "folder_named.py").mkdir()
    os.mkfifo(folder / "odd_entries" / "fifo.py")
    (folder / os.fsdecode("김".encode("cp949") + b".py")).write_text(MSE_ONLY, encoding="utf-8")
    return folder


def test_bad_names_each_get_their_row_and_nothing_is_dropped(loss_ex, bad_names, tmp_path):
    out = tmp_path / "out"
    by, tally = grade(loss_ex, bad_names, out)
    long_id = ("긴이름" * 27)[:80]
    assert {s: v for s, v in gradebook(out).items()} == {
        "송민지": ("12", "ok"),
        "강민호": ("12", "ok"),
        "최유나": ("12", "ok"),
        "정하늘": ("12", "ok"),
        "박지호": ("12", "ok"),  # composed: one student, whatever the zip wrote
        "한지우": ("12", "ok"),  # NFD .py and NFC .ipynb: one student, the .py graded
        "cell_without_source": ("12", "ok"),  # the damaged cell is empty, said in a warning
        "odd_entries": ("12", "ok"),
        "이서연": ("12", "ok"),
        "김": ("12", "ok"),  # a CP949 file name
        long_id: ("12", "ok"),
    }
    assert by["송민지"].file == "송민지.PY" and any(".PY" in w.en for w in by["송민지"].warnings)
    assert any("Other candidates, not graded: loss_functions_final.py" in w.en for w in by["정하늘"].warnings)
    assert any("한지우.ipynb" in w.en for w in by["한지우"].warnings)
    assert any("unpacked" in w.en for w in by["이서연"].warnings)
    assert any("no readable source" in w.en for w in by["cell_without_source"].warnings)
    lines = intake_lines(out)
    assert ("notes.txt", "", "ignored") in lines
    assert ("odd_entries/fifo.py", "odd_entries", "ignored") in lines
    assert ("정하늘/loss_functions_final.py", "정하늘", "not_graded") in lines
    assert ("이서연.zip/이서연/loss_functions.py", "이서연", "graded") in lines
    assert tally.ignored == 2  # notes.txt and the FIFO
    for r in by.values():  # every student has its own files, whatever the name
        assert (out / "feedback" / f"{safe_name(r.student)}.md").is_file()
        assert len(safe_name(r.student).encode()) <= NAME_BYTES


def test_regrade_finds_a_student_by_the_composed_name(loss_ex, bad_names, tmp_path):
    out = tmp_path / "out"
    grade(loss_ex, bad_names, out)
    by, tally = grade(loss_ex, bad_names, out, students={nfd("박지호")})
    assert tally.graded == 1 and by["박지호"].score == 12


# ---- OUT ------------------------------------------------------------------------------------


def test_out_inside_the_submissions_folder_is_not_a_student(loss_ex, make_class):
    folder = make_class({"kim.py": MSE_ONLY})
    by, _ = grade(loss_ex, folder, folder / "out")
    by, _ = grade(loss_ex, folder, folder / "out")  # the second run sees OUT's files: still excluded
    assert list(by) == ["kim"]
    assert ("out", "", "ignored") in intake_lines(folder / "out")


def test_out_that_is_a_file_is_refused_clearly(loss_ex, make_class, tmp_path):
    (tmp_path / "out").write_text("precious", encoding="utf-8")
    with pytest.raises(UserError) as info:
        grade(loss_ex, make_class({"kim.py": MSE_ONLY}), tmp_path / "out")
    assert "is a file" in info.value.msg.en and "파일" in info.value.msg.ko
    assert (tmp_path / "out").read_text(encoding="utf-8") == "precious"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_is_refused_clearly(loss_ex, make_class, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    with pytest.raises(UserError) as info:
        grade(loss_ex, make_class({"kim.py": MSE_ONLY}), out)
    assert "Cannot write" in info.value.msg.en


def test_full_disk_is_a_clear_error_and_keeps_what_was_written(loss_ex, make_class, tmp_path, monkeypatch):
    folder = make_class({"kim.py": MSE_ONLY})
    out = tmp_path / "out"
    grade(loss_ex, folder, out)
    before = (out / "gradebook.csv").read_bytes()
    (folder / "kim.py").write_text(WRONG, encoding="utf-8")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(gradebook_module, "write_atomic", full)
    with pytest.raises(UserError) as info:
        grade(loss_ex, folder, out)
    assert "No space left" in info.value.msg.en and "이어서" in info.value.msg.ko
    assert (out / "gradebook.csv").read_bytes() == before


def test_a_second_exercise_into_the_same_out_is_refused(loss_ex, make_class, tmp_path):
    out = tmp_path / "out"
    grade(loss_ex, make_class({"kim.py": MSE_ONLY}), out)
    before = sorted(p.name for p in (out / "results").iterdir())
    with pytest.raises(UserError) as info:
        grade_folder(get_exercise("numerical_gradient"), tmp_path / "submissions", out, progress=False)
    assert "loss_functions" in info.value.msg.en and "--out" in info.value.msg.ko
    assert sorted(p.name for p in (out / "results").iterdir()) == before


def test_output_files_follow_the_umask(loss_ex, make_class, tmp_path):
    out = tmp_path / "out"
    grade(loss_ex, make_class({"kim.py": MSE_ONLY}), out)
    expected = FILE_MODE
    for name in ("gradebook.csv", "intake.csv", "report.html", "results/kim.json", "feedback/kim.md"):
        assert (out / name).stat().st_mode & 0o777 == expected, name


# ---- merge ----------------------------------------------------------------------------------


def test_merge_refuses_a_missing_shard_and_skips_stale_results(loss_ex, make_class, tmp_path):
    folder = make_class({"kim.py": MSE_ONLY, "lee.py": MSE_ONLY, "park.py": WRONG})
    shards = [tmp_path / f"shard{k}" for k in (1, 2)]
    for k, out in enumerate(shards, start=1):
        grade(loss_ex, folder, out, shard=(k, 2))
    with pytest.raises(UserError) as info:
        merge_outputs(loss_ex, shards[:1], tmp_path / "merged")
    assert "2/2" in info.value.msg.en
    # a student removed from the class since: their old result file stays in the shard
    holder = next(s for s in shards if (s / "results" / "kim.json").exists())
    (folder / "kim.py").unlink()
    grade(loss_ex, folder, holder, shard=(shards.index(holder) + 1, 2))
    tally = Tally()
    results = merge_outputs(loss_ex, shards, tmp_path / "merged", tally=tally)
    assert [r.student for r in results] == ["lee", "park"]
    assert tally.stale == [f"{holder.name}/results/kim.json"]


# ---- zips -----------------------------------------------------------------------------------


def test_zip_entries_that_escape_or_link_are_refused_one_by_one(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("ok/loss_functions.py", MSE_ONLY)
        z.writestr("../escaped.py", "x")
        z.writestr("/etc/absolute.py", "x")
        link = zipfile.ZipInfo("ok/link.py")
        link.external_attr = 0o120777 << 16
        z.writestr(link, "/etc/passwd")
    found = extract_zip(path, tmp_path / "x")
    assert sorted((f.path, f.use) for f in found) == [
        ("evil.zip/../escaped.py", "ignored"),
        ("evil.zip/etc/absolute.py", "ignored"),
        ("evil.zip/ok/link.py", "ignored"),
    ]
    assert sorted(p.relative_to(tmp_path / "x").as_posix() for p in (tmp_path / "x").rglob("*.py")) == [
        "ok/loss_functions.py"
    ]
    assert not (tmp_path / "escaped.py").exists()


@pytest.mark.parametrize(
    "limits,what",
    [(ZipLimits(entries=3), "too many entries"), (ZipLimits(total_bytes=2**20), "too large"),
     (ZipLimits(ratio=50), "zip bomb")],
)  # fmt: skip
def test_zip_bombs_are_refused_whole(tmp_path, limits, what):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.py", b"\0" * (4 * 2**20))
        for n in range(4):
            z.writestr(f"f{n}.py", "x = 1\n")
    with pytest.raises(UserError) as info:
        extract_zip(path, tmp_path / "x", limits)
    assert what in info.value.msg.en


def test_zip_names_in_cp949_are_decoded(tmp_path):
    path = tmp_path / "windows.zip"
    raw = "이서연.py".encode("cp949")
    placeholder = "x" * (len(raw) - 3) + ".py"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(placeholder, MSE_ONLY)
    path.write_bytes(path.read_bytes().replace(placeholder.encode(), raw))  # no UTF-8 flag: as Windows writes
    extract_zip(path, tmp_path / "x")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["이서연.py"]


# ---- names in files, terminals, CSV cells, Markdown and HTML -------------------------------


def test_file_names_are_injective_and_readable():
    ids = ["a\\b", "a_b", "a/b", "a%5Cb", "a%2Fb", ".hidden", "%2Ehidden", "김민준", "park jiho", "x" * 300,
           "x" * 299 + "y", "a:b", "a\x1bb", "", "%00", "é", unicodedata.normalize("NFD", "é")]  # fmt: skip
    names = [safe_name(i) for i in ids]
    assert len(set(names)) == len(ids)
    assert (safe_name("a\\b"), safe_name("a_b"), safe_name("김민준"), safe_name("park jiho")) == (
        "a%5Cb", "a_b", "김민준", "park jiho")  # fmt: skip
    assert all(
        "/" not in n and "\\" not in n and not n.startswith(".") and len(n.encode()) <= 160 for n in names
    )


def test_two_ids_that_used_to_share_a_results_file_keep_their_own(loss_ex, tmp_path):
    ex = get_exercise("loss_functions")
    folder = tmp_path / "subs"
    for name, text in {"a\\b": MSE_ONLY, "a_b": WRONG}.items():
        (folder / name).mkdir(parents=True)
        (folder / name / "loss_functions.py").write_text(text, encoding="utf-8")
    by, _ = grade(loss_ex, folder, tmp_path / "out")
    assert (by["a\\b"].score, by["a_b"].score) == (12, 0)
    assert load_result(tmp_path / "out", "a\\b").score == 12
    assert ex.id == "loss_functions"


def test_formula_cells_are_neutralised_and_numbers_kept():
    assert [csv_cell(c) for c in ["=HYPERLINK(\"x\")", "+1+1", "-x", "@SUM(A1)", "\tx", "\rx", "-3", "1.5", "kim"]] == [
        "'=HYPERLINK(\"x\")", "'+1+1", "'-x", "'@SUM(A1)", "'\tx", "x", "-3", "1.5", "kim"]  # fmt: skip


HOSTILE_ID = '=HYPERLINK("x")<img src=x onerror=alert(1)>\x1b[2J'


def test_hostile_student_id_is_inert_in_csv_markdown_html_and_the_terminal(loss_ex, tmp_path):
    folder = tmp_path / "subs"
    (folder / HOSTILE_ID).mkdir(parents=True)
    (folder / HOSTILE_ID / "loss_functions.py").write_text(
        MSE_ONLY + "\nraise ValueError('<b>*x*</b>')\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    by, _ = grade(loss_ex, folder, out)
    (student,) = by
    assert rows(out / "gradebook.csv")[1][0].startswith("'=")
    assert rows(out / "intake.csv")[1][1].startswith("'=")
    md = (out / "feedback" / f"{safe_name(student)}.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(img|b)", md) and "\x1b" not in md and "\\<img" in md
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "\x1b" not in summary_table(loss_ex, list(by.values()))
    assert terminal_safe("a\x1b[31mb\u202ec") == "a[31mbc"
    assert md_text("# title\n1. item") == "\\# title\n1\\. item"


# ---- the class report ------------------------------------------------------------------------


def test_class_report_tells_a_failed_cell_from_a_file_that_did_not_load(loss_ex, make_class, tmp_path):
    from autograder.report.class_report import class_status, hint_counts

    wrong_mse = MSE_ONLY.replace("0.5 * np.sum", "np.mean").replace("** 2)", "** 2)")
    folder = make_class(
        {
            "cell_fails.ipynb": notebook(MSE_ONLY, "raise RuntimeError('cell 2')"),
            "syntax_error.py": wrong_mse + "\ndef f(:\n",
            "hinted.py": wrong_mse,
        }  # fmt: skip
    )
    out = tmp_path / "out"
    by, _ = grade(loss_ex, folder, out)
    assert {s: class_status(r) for s, r in by.items()} == {
        "cell_fails": "cell_failed", "syntax_error": "did_not_load", "hinted": "ok"}  # fmt: skip
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "graded, a notebook cell failed" in page and "did not load" in page
    assert (
        '<tr data-status="did_not_load"><td>불러오지 못함 · did not load</td><td class="num">1</td>' in page
    )
    counted = {hid: n for hid, _, n in hint_counts(list(by.values()))}
    assert all(n == 1 for n in counted.values())  # the submission that did not load adds nothing


def test_unit_that_raises_inside_discovery_becomes_its_row(tmp_path, monkeypatch):
    from autograder.discover import submissions as discover

    ex = get_exercise("loss_functions")
    (tmp_path / "kim.py").write_text(MSE_ONLY, encoding="utf-8")

    def broken(*a, **k):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(discover, "choose_file", broken)
    sub, found = from_unit(Unit("kim", "kim.py", [("kim.py", tmp_path / "kim.py")]), ex, tmp_path)
    assert sub.problem and "RuntimeError" in sub.problem.en and "채점기" in sub.problem.ko
    assert [(f.path, f.use) for f in found] == [("kim.py", "ignored")]


# ---- identity only from what the LMS wrote (student-chosen names imitate every layout) -------


def feedback(out: Path, student: str) -> str:
    return (out / "feedback" / f"{safe_name(student)}.md").read_text(encoding="utf-8")


def paths_in(download: Path) -> set[str]:
    """Every path of a download (a folder, or a zip's entries), as intake.csv names them."""
    if download.is_file():
        with zipfile.ZipFile(download) as z:
            names = {n.rstrip("/") for n in z.namelist()}
        return names | {download.name}
    return {p.relative_to(download).as_posix() for p in download.rglob("*")}


def assert_no_phantom_rows(out: Path, download: Path) -> None:
    listed = {r[0].rstrip("/") for r in rows(out / "intake.csv")[1:]}
    assert listed - paths_in(download) == set(), "intake.csv names a path that is not in the download"


def test_moodle_flat_upload_named_like_another_participant_stays_its_own(loss_ex, tmp_path):
    # 김민준 (201) uploads "x_202_assignsubmission_file_loss_functions.py": read greedily, it was
    # participant 202's loss_functions.py and beat 이서연's own hw1.py
    case = LMS / "moodle_flat_upload_named_like_another_participant"
    folder, out = download(case.name, tmp_path), tmp_path / "out"
    options = GradebookOptions(lms="moodle", roster=read_roster(case / "roster.csv"))
    by, tally = grade(loss_ex, folder, out, options=options)
    assert gradebook(out, "name", "score", "status") == {
        "2023001": ("김민준", "0", "ok"),  # the attacker's own (wrong) file
        "2023002": ("이서연", "12", "ok"),  # the victim's own file
    }
    assert by["2023002"].file == "hw1.py"
    attack = "김민준_201_assignsubmission_file_x_202_assignsubmission_file_loss_functions.py"
    choi = "최유나_209_assignsubmission_file_"
    assert intake_lines(out) == {
        (attack, "2023001", "graded"),
        ("이서연_202_assignsubmission_file_hw1.py", "2023002", "graded"),
        (choi + "loss_functions.py", "", "unmatched"),  # 209 is in no roster: each real path once
        (choi + "notes_203_assignsubmission_file_.txt", "", "unmatched"),
    }
    assert [f.path for f in tally.unmatched] == [choi + "loss_functions.py"]
    assert rows(out / "moodle.csv") == [
        ["ID number", "Loss functions (loss_functions)"], ["2023001", "0"], ["2023002", "12"]]  # fmt: skip
    assert_no_phantom_rows(out, folder)


def test_canvas_upload_named_like_another_user_stays_its_own(loss_ex, tmp_path):
    case = LMS / "canvas_upload_named_like_another_user"
    folder, out = download(case.name, tmp_path), tmp_path / "out"
    by, _ = grade(loss_ex, folder, out, options=GradebookOptions(roster=read_roster(case / "roster.csv")))
    # kim's uploads imitate lee's prefix, a LATE mark and a text entry: still kim's, and kim is not late
    assert gradebook(out, "score", "late", "status") == {
        "2023001": ("0", "on_time", "ok"),
        "2023002": ("12", "on_time", "ok"),
    }
    assert intake_lines(out) == {
        ("kimminjun_12345_678901_leeseoyeon_LATE_23456_678999_loss_functions.py", "2023001", "graded"),
        (
            "kimminjun_12345_678902_leeseoyeon_23456_text.html",
            "2023001",
            "ignored",
        ),  # kim's file, not lee's entry
        ("leeseoyeon_23456_678911_hw1.py", "2023002", "graded"),
    }
    assert by["2023002"].problem is None
    assert_no_phantom_rows(out, folder)


def test_blackboard_upload_named_like_a_later_attempt_stays_its_own(loss_ex, tmp_path):
    case = LMS / "blackboard_upload_named_like_a_later_attempt"
    folder, out = download(case.name, tmp_path), tmp_path / "out"
    options = GradebookOptions(lms="moodle", lms_key="username", roster=read_roster(case / "roster.csv"),
                               deadline=parse_deadline("2024-03-01T12:00"))  # fmt: skip
    by, _ = grade(loss_ex, folder, out, options=options)
    # lee's file imitates a 2099 attempt of kim's; lee's receipt quotes kim's name in its comments
    assert gradebook(out, "name", "score", "late", "status") == {
        "2023001": ("Kim Minjun", "12", "on_time", "ok"),
        "2023002": ("Lee Seoyeon", "0", "late", "ok"),  # 2024-03-02 against the deadline, not 2099
    }
    assert not any("attempt" in w.en for w in by["2023001"].warnings)  # no later "attempt" of kim's
    lee = "Homework 1_leeseoyeon_attempt_2024-03-02-11-00-00"
    assert (
        lee + "_kimminjun_attempt_2099-12-31-23-59-59_loss_functions.py",
        "2023002",
        "graded",
    ) in intake_lines(out)
    assert (lee + ".txt", "2023002", "metadata") in intake_lines(out)
    assert json.loads((out / "results" / "2023002.json").read_text(encoding="utf-8"))["late"] is True
    assert rows(out / "moodle.csv") == [  # late beside the grade (Moodle's import maps or ignores it)
        ["Username", "Loss functions (loss_functions)", "Late"], ["kimminjun", "12", "on_time"],
        ["leeseoyeon", "0", "late"]]  # fmt: skip
    assert_no_phantom_rows(out, folder)


def test_gradescope_metadata_inside_a_submission_is_only_a_file(loss_ex, tmp_path):
    case = LMS / "gradescope_upload_named_like_the_metadata"
    folder, out = download(case.name, tmp_path), tmp_path / "out"
    options = GradebookOptions(deadline=parse_deadline("2024-03-01T12:30+09:00"))
    grade(loss_ex, folder, out, options=options)
    assert gradebook(out, "score", "late", "status") == {
        "Kim Minjun": ("12", "on_time", "ok"),  # created 12:00+09:00
        "Lee Seoyeon": ("0", "late", "ok"),  # created the next day
    }
    assert intake_lines(out) == {
        ("submission_metadata.yml", "", "metadata"),
        ("submission_111/loss_functions.py", "Kim Minjun", "graded"),
        (
            "submission_111/submission_metadata.yml",
            "Kim Minjun",
            "ignored",
        ),  # the student's, not Gradescope's
        ("submission_222/loss_functions.py", "Lee Seoyeon", "graded"),
    }
    assert_no_phantom_rows(out, folder)


def test_github_repo_holding_another_repos_name_stays_its_own(loss_ex, tmp_path):
    case = LMS / "github_classroom_src_and_notebook"
    folder, out = download(case.name, tmp_path), tmp_path / "out"
    fake = folder / "hw1-loss-functions-kimminjun" / "hw1-loss-functions-leeseoyeon"
    (fake / ".git").mkdir(parents=True)  # a folder inside kim's repository, named like lee's
    (fake / "loss_functions.py").write_text(WRONG, encoding="utf-8")
    by, _ = grade(loss_ex, folder, out, options=GradebookOptions(roster=read_roster(case / "roster.csv")))
    # both files are kim's: the file rule picks one of his and names the other; lee keeps his own
    assert gradebook(out) == {"2023001": ("0", "ok"), "2023002": ("12", "ok")}
    assert any("not graded: src/loss_functions.py" in w.en for w in by["2023001"].warnings)
    assert by["2023002"].file == "work.ipynb"
    fakes = [f for f in intake_lines(out) if "kimminjun/hw1-loss-functions-leeseoyeon" in f[0]]
    assert fakes and all(f[1] == "2023001" for f in fakes)


def test_plain_names_that_fold_to_one_student_are_a_named_conflict(loss_ex, tmp_path):
    folder, out = download("plain_names_that_fold_to_one_student", tmp_path), tmp_path / "out"
    by, tally = grade(loss_ex, folder, out)
    # Kim.py / kim.py (case), park.py / "park .py" (spacing), 한지우.py in NFC / NFD: never chosen by order
    assert gradebook(out) == {
        "Kim": ("0", "ambiguous"),
        "kim": ("0", "ambiguous"),
        "park": ("0", "ambiguous"),
        "한지우": ("0", "ambiguous"),
        "lee": ("12", "ok"),
    }
    assert "Kim.py, kim.py" in by["kim"].problem.en and "Kim.py, kim.py" in by["kim"].problem.ko
    assert "park .py, park.py" in feedback(out, "park")
    lines = intake_lines(out)
    assert {("Kim.py", "Kim", "ambiguous"), ("kim.py", "kim", "ambiguous"), ("park .py", "park", "ambiguous"),
            ("park.py", "park", "ambiguous"), ("lee.py", "lee", "graded")} <= lines  # fmt: skip
    assert sorted(unicodedata.normalize("NFC", f.path) for f in tally.unmatched) == [
        "Kim.py", "kim.py", "park .py", "한지우.py"]  # fmt: skip
    assert tally.ambiguous == 4 and "4 ambiguous" in tally.render().en
    assert_no_phantom_rows(out, folder)


# ---- every row right without a TA's hand -----------------------------------------------------


def test_canvas_text_entry_txt_upload_late_and_names(loss_ex, tmp_path):
    case = LMS / "canvas_text_entry_txt_upload_and_late"
    folder, out = download(case.name, tmp_path), tmp_path / "out"
    roster = read_roster(case / "roster.csv")  # Korean headers: 학번, 이름, 이메일
    by, tally = grade(loss_ex, folder, out, options=GradebookOptions(lms="canvas", roster=roster))
    header, *body = rows(out / "gradebook.csv")
    assert header[:3] == ["student", "name", "score"] and header[-2:] == ["late", "status"]
    assert gradebook(out, "name", "score", "late", "status") == {
        "2023001": ("Kim Minjun", "12", "on_time", "ok"),
        "2023002": ("Lee Seoyeon", "0", "on_time", "unreadable"),  # an online text entry: no file
        "2023003": ("Park Jiho", "12", "late", "ok"),  # Canvas's LATE mark
        "2023004": ("Choi Yuna", "0", "on_time", "unreadable"),  # loss_functions.txt
        "2023005": ("Han Jiwoo", "0", "", "missing"),
    }
    assert "online text entry" in by["2023002"].problem.en and "온라인 텍스트" in by["2023002"].problem.ko
    assert "online text entry" in feedback(out, "2023002") and "file upload" in feedback(out, "2023002")
    text = feedback(out, "2023004")
    assert md_text("loss_functions.txt") in text and md_text("Save your code as loss_functions.py") in text
    assert (
        "loss_functions.txt" in by["2023004"].problem.en
        and "loss_functions.py(으)로 저장해" in by["2023004"].problem.ko
    )
    assert intake_lines(out) == {
        ("choiyuna_45678_678931_loss_functions.txt", "2023004", "ignored"),
        ("kimminjun_12345_678901_loss_functions.py", "2023001", "graded"),
        (
            "leeseoyeon_23456_text.html",
            "2023002",
            "ignored",
        ),  # named as a text entry, never "not Canvas's naming"
        ("parkjiho_LATE_34567_678921_loss_functions.py", "2023003", "graded"),
    }
    reasons = {r[0]: r[4] for r in rows(out / "intake.csv")[1:]}
    assert (
        reasons["leeseoyeon_23456_text.html"] == "Canvas's online text entry submission (not a file upload)"
    )
    assert [r["late"] for r in map(lambda s: json.loads((out / "results" / f"{s}.json").read_text()), ("2023001", "2023003"))] == [False, True]  # fmt: skip
    assert (tally.graded, tally.missing) == (4, 1)
    assert_no_phantom_rows(out, folder)


def test_moodle_same_name_without_ids_is_ambiguous_for_both_never_missing(loss_ex, tmp_path):
    case = LMS / "moodle_same_name_roster_without_ids"
    folder, out = download(case.name, tmp_path), tmp_path / "out"
    (folder / "박지호_103_assignsubmission_file_").mkdir(exist_ok=True)  # an empty folder (git keeps none)
    options = GradebookOptions(lms="moodle", lms_key="email", roster=read_roster(case / "roster.csv"))
    by, tally = grade(loss_ex, folder, out, options=options)
    assert gradebook(out, "name", "score", "status") == {
        "A1": ("김민준", "0", "ambiguous"),
        "A2": ("김민준", "0", "ambiguous"),
        "B1": ("이서연", "12", "ok"),
        "C1": ("박지호", "0", "unreadable"),  # the empty folder gets its row, with its reason
    }
    for sid in ("A1", "A2"):  # a named conflict for both: both folders, both candidates
        for text in (by[sid].problem.en, feedback(out, sid).replace("\\_", "_")):
            assert "김민준_101_assignsubmission_file_" in text and "김민준_104_assignsubmission_file_" in text
            assert "A1, A2" in text
    assert "empty" in by["C1"].problem.en and "비어" in by["C1"].problem.ko
    assert intake_lines(out) == {
        ("김민준_101_assignsubmission_file_", "", "ambiguous"),
        ("김민준_101_assignsubmission_file_/loss_functions.py", "", "ambiguous"),
        ("김민준_104_assignsubmission_file_", "", "ambiguous"),
        ("김민준_104_assignsubmission_file_/loss_functions.py", "", "ambiguous"),
        ("박지호_103_assignsubmission_file_/", "C1", "ignored"),
        ("이서연_102_assignsubmission_file_/loss_functions.py", "B1", "graded"),
    }
    assert [f.use for f in tally.unmatched] == ["ambiguous", "ambiguous"]  # the console names both
    assert rows(out / "moodle.csv") == [  # no grade imported for either 김민준
        ["Email address", "Loss functions (loss_functions)"], ["kim1@example.edu", ""], ["kim2@example.edu", ""],
        ["lee@example.edu", "12"], ["park@example.edu", "0"]]  # fmt: skip
    assert_no_phantom_rows(out, folder)


def test_zip_empty_student_folder_gets_its_row(loss_ex, tmp_path):
    path = tmp_path / "download.zip"
    shutil.copy(LMS / "zip_with_an_empty_student_folder" / "download.zip", path)
    out = tmp_path / "out"
    by, _ = grade(loss_ex, path, out)
    assert gradebook(out) == {"kim": ("12", "ok"), "lee": ("12", "ok"), "park": ("0", "unreadable")}
    assert "park/ is empty" in by["park"].problem.en
    assert ("hw1/park/", "park", "ignored") in intake_lines(out)
    assert_no_phantom_rows(out, path)


def test_korean_roster_headers_are_aliases(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_bytes("학번,이름,이메일\n2023001,김민준,kim@example.edu\n".encode("cp949"))  # Korean Excel
    got = read_roster(roster)
    assert got.students[0] == RosterStudent("2023001", name="김민준", email="kim@example.edu")
    assert got.columns == {"student_id", "name", "email"} and got.has_names


def test_deadline_option_reaches_the_grading_options():
    from autograder.cli.commands import _options, build_parser

    args = build_parser(student=False).parse_args(
        ["grade", "loss_functions", "subs", "--out", "o", "--deadline", "2024-03-01T23:59+09:00"]
    )
    assert _options(args).deadline == parse_deadline("2024-03-01T23:59+09:00")


def test_deadline_that_cannot_be_read_is_refused_in_both_languages():
    assert parse_deadline("2024-03-01T23:59+09:00").utcoffset().total_seconds() == 9 * 3600
    with pytest.raises(UserError) as info:
        parse_deadline("next friday")
    assert "--deadline" in info.value.msg.en and "--deadline" in info.value.msg.ko


@pytest.mark.parametrize(
    "case", ["canvas_resubmitted_late_and_helper", "moodle_with_onlinetext_and_two_py", "blackboard_two_attempts",
             "gradescope_export_with_group"],
)  # fmt: skip
def test_no_intake_row_for_a_path_not_in_the_download(case, tmp_path):
    # unmatched without a roster row to match: every path still named once, as it is on disk
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name\nX1,Nobody\n", encoding="utf-8")
    folder = download(case, tmp_path)
    got = read_download(folder, get_exercise("loss_functions"), tmp_path / "s", read_roster(roster))
    listed = {f.path.rstrip("/") for f in got.found}
    assert listed and listed - paths_in(folder) == set()


# ---- bad zips: every good entry graded, the bad one named -------------------------------------


def test_zip_with_one_corrupted_entry_grades_every_good_entry(loss_ex, tmp_path):
    path = tmp_path / "download.zip"
    shutil.copy(LMS / "zip_with_one_corrupted_entry" / "download.zip", path)
    out = tmp_path / "out"
    by, tally = grade(loss_ex, path, out)
    assert gradebook(out) == {"kim": ("12", "ok"), "lee": ("0", "unreadable"), "park": ("12", "ok")}
    for text in (by["lee"].problem.en, by["lee"].problem.ko, feedback(out, "lee")):
        assert "download.zip/lee.py" in text
    assert "damaged entry" in by["lee"].problem.en and "손상된" in by["lee"].problem.ko
    assert ("lee.py", "lee", "ignored") in intake_lines(out)
    assert [f.path for f in tally.unmatched] == ["lee.py"]  # said on the console
    assert_no_phantom_rows(out, path)


def test_zip_cut_short_grades_every_entry_it_holds(loss_ex, tmp_path):
    path = tmp_path / "download.zip"
    shutil.copy(LMS / "zip_cut_short" / "download.zip", path)
    assert not zipfile.is_zipfile(path)  # no end record: it used to be "not a folder or a .zip"
    out = tmp_path / "out"
    by, tally = grade(loss_ex, path, out)
    assert gradebook(out) == {"kim": ("12", "ok"), "lee": ("12", "ok"), "park": ("0", "unreadable")}
    assert "download.zip/park.py" in by["park"].problem.en and "cut short" in by["park"].problem.en
    line = next(f for f in tally.unmatched if f.path == "download.zip")
    assert "cut short" in line.reason.en and "잘려" in line.reason.ko
    assert ("download.zip", "", "ignored") in intake_lines(out)
    assert intake_lines(out) == {  # the three entries it holds, and the zip itself: nothing else
        ("download.zip", "", "ignored"), ("kim.py", "kim", "graded"), ("lee.py", "lee", "graded"),
        ("park.py", "park", "ignored")}  # fmt: skip


def test_a_damaged_entry_in_a_students_own_zip_is_named(tmp_path):
    inner = tmp_path / "kim.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("loss_functions.py", MSE_ONLY + "#" * 200)
    raw = bytearray(inner.read_bytes())
    at = raw.index(b"loss_functions.py") + 40
    raw[at : at + 16] = bytes(b ^ 0x5A for b in raw[at : at + 16])
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "kim.zip").write_bytes(bytes(raw))
    got = read_download(folder, get_exercise("loss_functions"), tmp_path / "s")
    (sub,) = got.submissions
    assert sub.problem and "kim.zip/loss_functions.py" in sub.problem.en
