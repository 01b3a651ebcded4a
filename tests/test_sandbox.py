"""Choosing the sandbox: bubblewrap when a trial run works, else the fallback, said plainly once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import corpus
import pytest

from autograder import sandbox
from autograder.errors import UserError
from autograder.exercises import ROOT, all_exercises


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def test_fallback_is_announced_once_and_recorded_in_the_metadata(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    for name in ("kim", "lee", "park"):
        shutil.copy(corpus.HOSTILE / "passes_all.py", subs / f"{name}.py")
    done = run_cli(
        "grade", "loss_functions", str(subs), "--out", str(tmp_path / "out"), "--quiet",
        env={"NNKIT_SANDBOX": "rlimit", "NNKIT_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Not using the bubblewrap sandbox (NNKIT_SANDBOX=rlimit)") == 1
    assert done.stderr.count("bubblewrap 샌드박스를 쓰지 않습니다") == 1
    meta = json.loads((tmp_path / "out" / "gradebook.meta.json").read_text(encoding="utf-8"))
    assert meta["sandbox"] == "rlimit"
    assert meta["sandbox_fallback_reason"] == "NNKIT_SANDBOX=rlimit"
    assert "reference solution included" in meta["sandbox_notice"]["en"]
    assert "모범 답안 포함" in meta["sandbox_notice"]["ko"]


def test_unknown_sandbox_name_is_a_bilingual_user_error(tmp_path):
    done = run_cli("check", "loss_functions", env={"NNKIT_SANDBOX": "docker"})
    assert done.returncode == 2
    assert "NNKIT_SANDBOX=docker: must be one of auto, bwrap, rlimit." in done.stderr
    assert "auto, bwrap, rlimit 중 하나여야 합니다" in done.stderr


def test_missing_bwrap_means_the_fallback_with_its_reason(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert sandbox.bwrap_works.__wrapped__() == ("", "bwrap is not installed")
    monkeypatch.setattr(sandbox, "bwrap_works", lambda: ("", "bwrap is not installed"))
    chosen = sandbox.choose("auto")
    assert (chosen.name, chosen.reason) == ("rlimit", "bwrap is not installed")
    assert "bwrap is not installed" in chosen.notice.en
    with pytest.raises(UserError) as info:
        sandbox.choose("bwrap")
    assert "bwrap is not installed" in info.value.msg.en


def test_bwrap_that_cannot_run_means_the_fallback(monkeypatch, tmp_path):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    exe, reason = sandbox.bwrap_works.__wrapped__()
    assert exe == ""
    assert reason == "bwrap does not work here: bwrap: No permissions to create new namespace"


def test_bubblewrap_is_used_where_it_works():
    if not shutil.which("bwrap"):
        pytest.skip("bwrap is not installed")
    exe, reason = sandbox.bwrap_works()
    if os.environ.get("NNKIT_REQUIRE_BWRAP"):
        assert exe, reason
    if exe:
        assert sandbox.choose("auto").name == "bwrap"
        assert sandbox.choose("auto").notice is None


def test_bwrap_makes_readable_parents_for_a_kit_under_tmp(tmp_path):
    """bwrap creates missing parents as 0700, which a worker's own uid cannot enter; a kit
    checked out under /tmp (as a CI clone may be) needs every parent made 0755 by us."""
    from autograder.exercises import Limits
    from autograder.sandbox import Bubblewrap

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    data = "/tmp/some-ci-clone/checkout/data"
    args = Bubblewrap(bwrap="bwrap").wrap(["python"], str(scratch), "/tmp/nnkit-runtime-x", data, Limits())
    bind = args.index(data, args.index("--ro-bind"))
    for parent in ("/tmp/some-ci-clone", "/tmp/some-ci-clone/checkout"):
        made = [i for i in range(len(args) - 1) if args[i] == "--dir" and args[i + 1] == parent]
        assert made and made[0] < bind and args[made[0] - 2 : made[0]] == ["--perms", "0755"], parent


def test_bubblewrap_works_when_the_venv_is_a_symlink_to_a_folder_elsewhere(tmp_path):
    """A ``.venv`` linked to a folder outside the kit: the worker must be started by a path that
    exists inside the sandbox (the link's own path is not bound there)."""
    if not sandbox.bwrap_works()[0]:
        pytest.skip(f"no bubblewrap: {sandbox.bwrap_works()[1]}")
    link = tmp_path / "venv-link"
    link.symlink_to(sys.prefix, target_is_directory=True)
    python = link / "bin" / os.path.basename(sys.executable)
    reference = all_exercises()["loss_functions"].reference_path
    done = subprocess.run(
        [str(python), "-m", "autograder", "check", "loss_functions", str(reference)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NNKIT_SANDBOX": "bwrap", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1.3 softmax_large_inputs  (1/1)" in done.stdout
