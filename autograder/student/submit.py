"""``python -m autograder submit EX FILE``: hand a file in to the course's nnkit server, print the feedback.

The student bundle's client of the server's API (``/api/submit/<exercise>/``, then
``/api/status/<id>/`` until graded), standard library only. The server address and the student's
own token (made on their home page of the server) come from, first found:
``--server``/``--token``; the ``NNKIT_SERVER``/``NNKIT_TOKEN`` variables; a ``submit.toml`` in the
submitted file's folder or one above it (the bundle ships one at its root to fill in):

    server = "https://nnkit.example.ac.kr"
    token = "..."

Nothing is sent before both are known; a missing one is a plain message saying where to set it.
"""

from __future__ import annotations

import json
import os
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.korean import josa
from autograder.runtime.spec import Msg

CONFIG = "submit.toml"

CONFIG_TEMPLATE = """\
# nnkit 제출 설정 · nnkit submit settings
# 서버 주소(조교가 알려 줍니다)와 여러분의 제출 토큰(서버의 내 페이지에서 만듭니다)을 적으세요.
# The server's address (from your TA) and your own submit token (made on your home page of the server).
# 토큰은 비밀번호와 같습니다: 남에게 보여 주지 마세요 · The token is a password: keep it to yourself.
server = "{server}"
token = ""
"""

HOW_TO_SET = Msg(
    f"묶음 폴더의 {CONFIG}에 server(서버 주소)와 token(서버의 내 페이지에서 만든 제출 토큰)을 적거나, "
    "--server URL --token TOKEN을 붙이세요 (환경 변수 NNKIT_SERVER, NNKIT_TOKEN도 됩니다).",
    f"Write server (the address) and token (made on your home page of the server) in {CONFIG} at the "
    "bundle's root, or add --server URL --token TOKEN (or set NNKIT_SERVER and NNKIT_TOKEN).",
)


def find_config(start: Path) -> Path | None:
    """The nearest ``submit.toml`` in ``start`` or a folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG).is_file():
            return folder / CONFIG
    return None


def read_config(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(
            f"{josa(str(path), '을')} 읽을 수 없습니다: {exc}", f"Cannot read {path}: {exc}"
        ) from None
    return {k: v.strip() for k, v in data.items() if k in ("server", "token") and isinstance(v, str)}


def settings(file: Path, server: str | None, token: str | None) -> tuple[str, str, str]:
    """``(server, token, where)``: arguments, then environment, then the nearest ``submit.toml``."""
    config_path = find_config(file.parent) or find_config(Path.cwd())
    config = read_config(config_path)
    server = server or os.environ.get("NNKIT_SERVER") or config.get("server", "")
    token = token or os.environ.get("NNKIT_TOKEN") or config.get("token", "")
    where = str(config_path) if config_path else CONFIG
    if not server:
        raise UserError(
            f"제출할 서버 주소가 없습니다. {HOW_TO_SET.ko}", f"No server to submit to. {HOW_TO_SET.en}"
        )
    if not token:
        raise UserError(f"제출 토큰이 없습니다. {HOW_TO_SET.ko}", f"No submit token. {HOW_TO_SET.en}")
    if not server.startswith(("http://", "https://")):
        raise UserError(
            f"서버 주소는 http:// 또는 https://로 시작해야 합니다: {server} ({where})",
            f"The server address must start with http:// or https://: {server} ({where})",
        )
    return server.rstrip("/"), token, where


def _multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    name = path.name.replace('"', "_").replace("\r", "_").replace("\n", "_")
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()  # fmt: skip
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), boundary


def _call(request: urllib.request.Request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            error = json.loads(exc.read().decode("utf-8"))["error"]
            error = {"ko": str(error["ko"]), "en": str(error["en"])}
        except (ValueError, KeyError, TypeError):
            error = {"ko": f"서버 오류 {exc.code}", "en": f"server error {exc.code}"}
        raise UserError(error["ko"], error["en"]) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise UserError(f"서버에 연결할 수 없습니다: {exc}", f"Cannot reach the server: {exc}") from None


def submit(
    exercise: str, file: str, server: str | None, token: str | None, lang: str, wait: float = 600
) -> int:
    """Hand ``file`` in; 0 when graded full marks, 1 when graded with points lost, 3 when still grading."""
    path = Path(file)
    if not path.is_file():
        raise UserError(f"파일이 없습니다: {path}", f"File not found: {path}")
    base, token, _ = settings(path, server, token)
    body, boundary = _multipart(path)
    headers = {"Authorization": f"Token {token}"}
    sent = _call(urllib.request.Request(f"{base}/api/submit/{exercise}/", data=body, method="POST",
                 headers={**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}))  # fmt: skip
    print(Msg(f"제출 #{sent['id']} 접수: {sent['status']}", f"Submission #{sent['id']} received: {sent['status']}").render(lang, sep="\n"), flush=True)  # fmt: skip
    one = "ko" if lang == "ko" else "en"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        state = _call(urllib.request.Request(f"{base}/api/status/{sent['id']}/?lang={one}", headers=headers))
        if state["status"] == "graded":
            print(state.get("feedback", ""))
            return 0 if state["score"] == state["max_score"] else 1
        time.sleep(1)
    print(Msg("아직 채점 중입니다. 나중에 웹 페이지에서 확인하세요.", "Still grading: see the web page later.").render(lang, sep="\n"))  # fmt: skip
    return 3
