"""Every command we print for students works as written, from the folder it is printed for.

A fresh bundle is built with ``python -m autograder dist``; the commands are read from what the
student reads (each exercise's README, the stub's header, the notebook's first cell, the bundle's
README), never written out here, and each is run from its folder: the exercise's folder for what
the exercise's files print, the bundle's root or the exercise's folder for the bundle's README,
as its text says. ``submit`` commands go to a stand-in server on 127.0.0.1 (the real server's
client tests are ``tests/test_server*.py``); the notebook's cells are run under nbclient.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from autograder.core.paths import ROOT
from autograder.exercises import all_exercises
from conftest import public_count

EXERCISES = list(all_exercises().values())
IDS = [e.id for e in EXERCISES]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("dist") / "student"
    done = subprocess.run([sys.executable, "-m", "autograder", "dist", "--out", str(dest)], cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return dest


class FakeServer:
    """The submit API as the real server answers it: the submission taken, then graded at once."""

    def __init__(self):
        self.received: list[tuple[str, str, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((self.path, self.headers.get("Authorization", ""), body))
                if self.headers.get("Authorization") != "Token " + "t" * 32:
                    self._answer(401, {"error": {"ko": "제출 토큰이 맞지 않습니다.", "en": "The submit token is not valid."}})  # fmt: skip
                else:
                    self._answer(201, {"id": len(outer.received), "new": True, "status": "queued"})

            def do_GET(self):
                self._answer(200, {"id": 1, "status": "graded", "score": 0, "max_score": 8,
                                   "feedback": "Score: 0 / 8\n[FAIL] 0.1 case (0/1)"})  # fmt: skip

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    with FakeServer() as fake:
        yield fake


# ---- the printed commands, read from what the student reads ----

COMMAND = re.compile(r"^python (?:check\.py|submit\.py|-m autograder (?:check|list|submit))\b")


def commands_in(text: str) -> list[str]:
    """Our commands in ``sh`` blocks and inline code, trailing ``# comments`` dropped."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        found += [line.split("  #")[0].strip() for line in block.splitlines()]
    found += re.findall(r"`(python [^`]+)`", text)
    return [c for c in found if COMMAND.match(c)]


def stub_header_commands(stub: Path) -> list[str]:
    doc = stub.read_text(encoding="utf-8").split('"""')[1]
    return [m.strip() for m in re.findall(r"Self-check[^:\n]*:\s+(python [^\n]+)", doc)]


def notebook_commands(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return commands_in("\n".join(c["source"] for c in cells if c["cell_type"] == "markdown"))


def bundle_readme_commands(bundle: Path) -> list[tuple[str, Path]]:
    """The bundle README's commands, each with the folder its text says: the root or an exercise's."""
    text = (bundle / "README.md").read_text(encoding="utf-8")
    first = re.search(r"cd (assignments/\w+)", text).group(1)
    placed = []
    # each command belongs to the nearest "from ..." said before it
    for match in re.finditer(r"```sh\n.*?```|`python [^`]+`", text, re.S):
        said = text[: match.start()]
        exercise_at = said.rfind("from the exercise's folder")
        root_at = said.rfind("from this folder")
        folder = bundle / first if exercise_at > root_at else bundle
        placed += [(c, folder) for c in commands_in(match.group(0))]
    return placed


def run(command: str, folder: Path, server: FakeServer) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    assert args[0] == "python"
    env = {**os.environ, "NNKIT_SERVER": server.url, "NNKIT_TOKEN": "t" * 32}
    env.pop("PYTHONPATH", None)  # as a student runs it: nothing of the kit on the path but the bundle's
    return subprocess.run([sys.executable, *args[1:], "--lang", "en"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def assert_it_ran(command: str, done: subprocess.CompletedProcess, server: FakeServer, exercise: str) -> None:
    said = done.stdout + done.stderr
    assert "Traceback" not in said and "No module named" not in said and "not found" not in said, said
    if " submit" in command or "submit.py" in command:
        assert done.returncode == 1 and "Submission #" in said and "Score: 0 / 8" in said, said
        path, token, body = server.received[-1]
        assert path == f"/api/submit/{exercise}/" and token == "Token " + "t" * 32
        sent = Path(shlex.split(command)[-1]).name
        assert f'filename="{sent}"'.encode() in body
    elif command.endswith(" list"):
        assert done.returncode == 0 and exercise in said, said
    else:  # the stubs as handed out: every public test runs and fails
        assert done.returncode == 1 and re.search(r"\n0/\d+ public tests passed", said), said


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_every_command_an_exercise_prints_works_from_its_folder(bundle, server, exercise):
    folder = bundle / "assignments" / exercise.id
    printed = {
        "README.md": commands_in((folder / "README.md").read_text(encoding="utf-8")),
        exercise.filename: stub_header_commands(folder / exercise.filename),
        f"{exercise.module}.ipynb": notebook_commands(folder / f"{exercise.module}.ipynb"),
    }
    for where, commands in printed.items():
        assert commands, f"{where} prints no self-check command"
        assert any("check" in c for c in commands), where
    for command in dict.fromkeys(c for cs in printed.values() for c in cs):
        assert_it_ran(command, run(command, folder, server), server, exercise.id)


def test_every_command_the_bundle_readme_prints_works_from_its_folder(bundle, server):
    placed = bundle_readme_commands(bundle)
    assert {f.name for _, f in placed} == {bundle.name, EXERCISES[0].id}  # both folders are named
    assert any(c.startswith("python check.py") for c, _ in placed)
    assert any(" submit " in c or "submit.py" in c for c, _ in placed)
    for command, folder in placed:
        assert_it_ran(command, run(command, folder, server), server, EXERCISES[0].id)


def test_the_command_parsers_find_what_they_should_and_the_runner_fails_a_broken_command(bundle, server):
    """The old printed command, run from the exercise's folder, is what the issue saw fail."""
    assert commands_in("```sh\npython check.py  # x\nls\n```\nthen `python -m autograder list`.") == [
        "python check.py",
        "python -m autograder list",
    ]
    folder = bundle / "assignments" / "dict_homework"
    old = run("python -m autograder check dict_homework dict_homework.py", folder, server)
    with pytest.raises(AssertionError):
        assert_it_ran(
            "python -m autograder check dict_homework dict_homework.py", old, server, "dict_homework"
        )
    assert "No module named autograder" in old.stderr


def test_a_file_named_from_the_bundle_root_is_found_in_the_exercise_folder(bundle, server):
    done = run("python assignments/dict_homework/check.py dict_homework.ipynb", bundle, server)
    assert_it_ran("python check.py", done, server, "dict_homework")
    assert "dict_homework.ipynb" in done.stdout


# ---- submit: settings, and nothing sent without them ----


def test_submit_without_a_server_or_token_says_how_to_set_them_and_sends_nothing(bundle, server):
    folder = bundle / "assignments" / "dict_homework"
    env = {k: v for k, v in os.environ.items() if k not in ("NNKIT_SERVER", "NNKIT_TOKEN")}
    done = subprocess.run([sys.executable, "submit.py", "dict_homework.py"], cwd=folder, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert (
        "submit.toml" in done.stderr and "서버 주소가 없습니다" in done.stderr and "No server" in done.stderr
    )
    assert server.received == []


def test_submit_reads_submit_toml_and_arguments_win(tmp_path, server, monkeypatch, capsys):
    from autograder.core.errors import UserError
    from autograder.student.submit import CONFIG_TEMPLATE, submit

    monkeypatch.delenv("NNKIT_SERVER", raising=False)
    monkeypatch.delenv("NNKIT_TOKEN", raising=False)
    (tmp_path / "submit.toml").write_text(
        CONFIG_TEMPLATE.format(server=server.url).replace('token = ""', f'token = "{"t" * 32}"'),
        encoding="utf-8",
    )
    mine = tmp_path / "hw" / "mine.py"
    mine.parent.mkdir()
    mine.write_text("x = 1\n", encoding="utf-8")
    assert (
        submit("dict_homework", str(mine), None, None, "en", wait=30) == 1
    )  # from submit.toml, one folder up
    assert server.received[-1][1] == "Token " + "t" * 32 and b"x = 1" in server.received[-1][2]
    assert "Submission #1 received" in capsys.readouterr().out
    with pytest.raises(UserError) as refused:
        submit("dict_homework", str(mine), None, "wrong-token-of-some-length", "en", wait=30)
    assert refused.value.msg.en == "The submit token is not valid." and "토큰" in refused.value.msg.ko
    with pytest.raises(UserError, match="http"):
        submit("dict_homework", str(mine), "ftp://x", None, "en", wait=30)
    assert len(server.received) == 2  # the wrong token reached the server; the bad address did not


def test_submit_with_no_server_running_is_a_plain_error(tmp_path):
    import socket

    from autograder.core.errors import UserError
    from autograder.student.submit import submit

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mine = tmp_path / "mine.py"
    mine.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        submit("dict_homework", str(mine), f"http://127.0.0.1:{port}", "t" * 32, "en")
    assert "Cannot reach the server" in refused.value.msg.en and "연결할 수 없습니다" in refused.value.msg.ko


# ---- the notebook's cells under nbclient, beside a newer notebook ----


def test_the_notebook_checks_itself_under_nbclient_beside_a_newer_notebook(bundle, server):
    """nbclient names no file; a newer notebook in the folder must not be the one checked."""
    import time

    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from autograder.student.notebooks import notebook_text

    exercise = all_exercises()["loss_functions"]
    folder = bundle / "assignments" / exercise.id
    mine = folder / "mine.ipynb"
    mine.write_text(
        notebook_text(exercise, exercise.reference_path.read_text(encoding="utf-8")), encoding="utf-8"
    )
    newer = folder / "zz_newer.ipynb"
    newer.write_text(notebook_text(exercise), encoding="utf-8")
    os.utime(mine, (time.time() - 600, time.time() - 600))  # the other one is saved later
    (bundle / "submit.toml").write_text(f'server = "{server.url}"\ntoken = "{"t" * 32}"\n', encoding="utf-8")
    try:
        nb = nbformat.read(mine, as_version=4)
        env_before = {
            k: os.environ.pop(k)
            for k in ("JPY_SESSION_NAME", "NNKIT_SERVER", "NNKIT_TOKEN")
            if k in os.environ
        }
        try:
            nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                    resources={"metadata": {"path": str(folder)}}).execute()  # fmt: skip
        finally:
            os.environ.update(env_before)
        said = {
            c.get("id"): "".join(o.get("text", "") for o in c.outputs)
            for c in nb.cells
            if c.cell_type == "code"
        }
        assert "Notebook: mine.ipynb (the notebook holding the cells this kernel ran)" in said["check"], said[
            "check"
        ]
        n = public_count("loss_functions")
        assert f"{n}/{n} public tests passed" in said["check"] and "zz_newer" not in said["check"]
        assert "Notebook: mine.ipynb" in said["submit"] and "Nothing sent" in said["submit"], said["submit"]
        assert server.received == []  # SUBMIT = False: the submit cell sent nothing
    finally:
        for path in (mine, newer, bundle / "submit.toml"):
            path.unlink(missing_ok=True)
