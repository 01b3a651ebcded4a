"""The command line (exit codes, bilingual errors) and the hostile-input wire decoder."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import numpy as np
import pytest

from autograder.core.paths import ROOT
from autograder.engine.judge import compare
from autograder.exercises import get_exercise
from autograder.runtime import wire
from conftest import REFERENCE_LOSS, public_count


def cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args], cwd=cwd, capture_output=True, text=True
    )


def test_check_exit_status_follows_public_tests(tmp_path):
    good = tmp_path / "loss_functions.py"
    good.write_text(REFERENCE_LOSS, encoding="utf-8")
    passed = cli("check", "loss_functions", str(good))
    assert passed.returncode == 0, passed.stdout
    n = public_count("loss_functions")
    assert f"{n}/{n} public tests passed" in passed.stdout and f"공개 테스트 {n}/{n}개 통과" in passed.stdout
    stub = cli("check", "loss_functions")
    assert stub.returncode == 1 and "[미구현 TODO] 1.1" in stub.stdout


def test_check_shows_the_hint_of_a_classic_mistake(tmp_path):
    wrong = tmp_path / "loss_functions.py"
    wrong.write_text(REFERENCE_LOSS.replace("np.log(", "np.log10("), encoding="utf-8")
    out = cli("check", "loss_functions", str(wrong)).stdout
    assert "[실패 FAIL] 1.2 cee_lecture[correct_guess]" in out and "cee_log10" in out and "np.log10" in out


@pytest.mark.parametrize(
    "args,words",
    [
        (["check", "no_such_exercise"], ["Known exercises", "과제는 없습니다"]),
        (["check", "loss_functions", "missing_file.py"], ["File not found", "파일이 없습니다"]),
        (
            ["grade", "loss_functions", "no_such_dir", "--out", "x"],
            ["Submissions folder not found", "제출 폴더"],
        ),
    ],
)
def test_bad_input_is_a_bilingual_error_not_a_traceback(args, words):
    done = cli(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    for w in words:
        assert w in done.stderr


def test_pytest_runs_the_same_declarations_against_any_submission(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text(REFERENCE_LOSS.replace("0.5 * np.sum", "np.sum"), encoding="utf-8")
    suite = "autograder/suites/loss_functions/hidden_tests.py"
    ok = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    hidden = sum(c.hidden for c in get_exercise("loss_functions").cases(hidden=True))
    assert ok.returncode == 0 and f"{hidden} passed" in ok.stdout, ok.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite, "--submission", str(wrong)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert bad.returncode == 1
    assert "FAILED autograder/suites/loss_functions/hidden_tests.py::mse_mnist_batch" in bad.stdout
    assert "cee_" not in "".join(line for line in bad.stdout.splitlines() if line.startswith("FAILED"))


def test_wire_round_trip_keeps_types_order_and_dtypes():
    value = {2: (np.float32(1.5), [np.arange(6).reshape(2, 3)]), "b": float("nan"), "a": None}
    back = wire.decode(json.loads(wire.dumps({"v": wire.to_plain(value)}))["v"])
    assert list(back) == [2, "b", "a"]
    assert back[2][0].dtype == np.float32 and back[2][1][0].shape == (2, 3)
    assert np.isnan(back["b"])


class Liar:
    def __eq__(self, other):
        return True

    def __repr__(self):
        raise RecursionError


class SneakyArray(np.ndarray):
    def __eq__(self, other):
        return True


def test_lying_objects_become_opaque_or_plain_arrays():
    assert isinstance(wire.decode(wire.to_plain(Liar())), wire.Opaque)
    arr = wire.decode(wire.to_plain(np.zeros(3).view(SneakyArray)))
    assert type(arr) is np.ndarray
    assert compare(wire.decode(wire.to_plain(Liar())), 1.0, 1e-6, 1e-9) is not None


@pytest.mark.parametrize(
    "data",
    [
        {"__nd__": "|O", "shape": [1], "data": base64.b64encode(b"\0" * 8).decode()},
        {"__nd__": "<f8", "shape": [1000], "data": base64.b64encode(b"\0" * 8).decode()},
        {"__nd__": "<f8", "shape": [-1], "data": ""},
        {"__pickle__": "gASV"},
        {"__float__": "1e308*10"},
        {"__dict__": [[[1, 2], 3]]},
    ],
)
def test_decode_rejects_anything_but_plain_data(data):
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_compare_messages_name_shape_dtype_and_keys():
    assert "shape (2,)" in compare(np.zeros(2), np.zeros(3), 1e-6, 0).en
    assert "int elements" in compare(np.zeros(3, int), np.zeros(3), 1e-6, 0, dtype_rule=True).en
    assert "bool elements" in compare(np.ones(3, bool), np.ones(3), 1e-6, 0, dtype_rule=True).en
    assert "missing keys [1]" in compare({0: 1}, {0: 1, 1: 2}, 1e-6, 0).en
    assert compare(np.ones(3) + 1e-12, np.ones(3), 1e-9, 0) is None


def test_the_wire_budget_is_the_submissions_not_each_workers(monkeypatch):
    """Two cases of 1,500 values, a crash (a new worker), two more: the fourth goes over the
    submission's 5,000 though the second worker alone sent about 3,000."""
    from autograder.discover.submissions import Cell
    from autograder.engine.run import run_submission
    from autograder.exercises import get_exercise
    from autograder.sandbox.confine import choose

    monkeypatch.setattr(wire, "SUBMISSION_VALUES", 5000)
    exercise = get_exercise("loss_functions")
    by_name = {c.name: c for c in exercise.cases(hidden=True)}
    names = [
        "mse_batch",
        "mse_random_shapes[vector]",
        "softmax_mnist_batch",
        "mse_float32",
        "mse_keeps_inputs",
    ]
    source = "import os\n\ndef mean_squared_error(y, t):\n    return list(range(1500))\n\ndef softmax(x):\n    os._exit(3)\n"
    run = run_submission(exercise.module, [Cell(exercise.filename, source)], [by_name[n] for n in names],
                         exercise.limits, choose())  # fmt: skip
    statuses = [run.outcomes[n].status for n in names]
    assert statuses == ["ok", "ok", "crashed", "ok", "protocol"], statuses
    assert run.outcomes["mse_keeps_inputs"].message == "too many values in all"
    assert run.restarts == 1
