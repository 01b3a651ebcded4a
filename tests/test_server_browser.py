"""The real thing in a real browser (Debian's chromium through Playwright) against ``serve`` on
127.0.0.1: an instructor imports a roster; a student logs in with their code, submits a file with a
mistake, watches it go from queued to graded with the hint, fixes it and resubmits; the TA sees both
in the live table and downloads canvas.csv. Once in Korean, once in English."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.core.paths import ROOT

CHROMIUM = Path("/usr/bin/chromium")
EX = "dict_homework"
GOOD = ROOT / "solutions" / EX / f"{EX}.py"
MISTAKE = ROOT / "examples" / EX / "yoon_split_space.py"
ROSTER = "student_id,name,email,lms_id\ns001,김하늘,s1@example.org,101\ns002,Park Seojun,s2@example.org,102\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("NNKIT_REQUIRE_CHROMIUM"), reason="no chromium"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {**os.environ, "NNKIT_VAR": str(tmp_path / "var")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "autograder", "serve", "--port", str(port), "--var", str(tmp_path / "var")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    link = None
    for line in proc.stdout:
        found = re.search(r"(http://127\.0\.0\.1:\d+/code/\S+/)", line)
        if found:
            link = found.group(1)
            break
    assert link, "serve printed no login link"
    try:
        yield f"http://127.0.0.1:{port}", link
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _set_password(page, password: str) -> None:
    page.fill("#id_new_password1", password)
    page.fill("#id_new_password2", password)
    page.click("#submit")


def _student_round(browser, base: str, sid: str, code: str, lang: str, shots: Path) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{base}/code/")
    if lang == "en":
        page.click("#lang")
        assert "Log in with a one-time code" in page.content()
    else:
        assert "일회용 코드로 로그인" in page.content()
    page.fill("#username", sid)
    page.fill("#code", code)
    page.click("#submit")
    _set_password(page, f"{sid}-a-long-pass-phrase")
    page.goto(f"{base}/ex/{EX}/")
    page.set_input_files("#file", str(MISTAKE))
    page.click("#send")
    first = page.text_content("#status")
    assert first in ("queued", "running", "graded")
    page.wait_for_selector("#score", timeout=240_000)
    text = page.text_content("#feedback")
    assert (
        "💡" in text and ("[실패]" if lang == "ko" else "[FAIL]") in text
    )  # the marks in the page's language
    assert ("점수" if lang == "ko" else "Score") in page.text_content("#score")
    page.screenshot(path=str(shots / f"feedback-{lang}.png"), full_page=True)
    page.goto(f"{base}/ex/{EX}/")
    page.set_input_files("#file", str(GOOD))
    page.click("#send")
    page.wait_for_selector("#score", timeout=240_000)
    assert "31 / 31" in page.text_content("#score")
    if lang == "en":  # the same from a terminal: python -m autograder submit, with a token from the home page
        page.goto(f"{base}/")
        page.click("#new-token")
        token = page.text_content("#token").strip()
        mine = shots / "mine.py"
        mine.write_bytes(GOOD.read_bytes() + b"\n# from the terminal\n")
        # a token may begin with "-": the page shows --token=VALUE, which argparse reads whatever it holds
        run = subprocess.run([sys.executable, "-m", "autograder", "--lang", "en", "submit", EX, str(mine),
                              "--server", base, f"--token={token}"], capture_output=True, text=True, timeout=300)  # fmt: skip
        assert run.returncode == 0 and "Score: 31 / 31" in run.stdout, run.stdout + run.stderr
    ctx.close()


def test_instructor_student_and_ta_in_a_real_browser(server, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    base, link = server
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        ta = browser.new_context(accept_downloads=True)
        page = ta.new_page()
        page.goto(link)
        page.click("#submit")
        _set_password(page, "instructor-long-pass-phrase")
        roster = tmp_path / "roster.csv"
        roster.write_text(ROSTER, encoding="utf-8")
        page.goto(f"{base}/staff/")
        page.set_input_files("#roster", str(roster))
        page.click("#import")
        codes = dict(zip(page.locator("#codes td:first-child").all_text_contents(),
                         page.locator("#codes td.code").all_text_contents()))  # fmt: skip
        assert set(codes) == {"s001", "s002"}
        _student_round(browser, base, "s001", codes["s001"], "ko", tmp_path)
        _student_round(browser, base, "s002", codes["s002"], "en", tmp_path)
        page.goto(f"{base}/staff/ex/{EX}/")
        page.click("#lang")  # the TA reads English
        table = page.text_content("#class")
        assert "Submissions" in table
        rows = {r.split()[0]: r.split() for r in page.locator("#class tr").all_inner_texts()[1:]}
        for sid in ("s001", "s002"):  # both submissions seen; the fixed one counts
            assert rows[sid][-3:] == [{"s001": "2", "s002": "3"}[sid], "graded", "31.0/31.0"], rows[sid]
        page.screenshot(path=str(tmp_path / "class.png"), full_page=True)
        with page.expect_download() as info:
            page.click("a.download:text('canvas.csv')")
        canvas = Path(info.value.path()).read_text(encoding="utf-8")
        assert "Points Possible" in canvas
        lines = canvas.splitlines()
        assert "김하늘,101,s001,,,31" in lines and "Park Seojun,102,s002,,,31" in lines
        browser.close()
    keep = os.environ.get("NNKIT_SCREENSHOTS")
    if keep:
        for png in tmp_path.glob("*.png"):
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / png.name).write_bytes(png.read_bytes())


# two Hangul syllables drawn on a canvas: without a Korean font both are the same empty box
GLYPHS = """async () => {
  await document.fonts.load("32px nnkit-ko", "한국");
  await document.fonts.ready;
  const draw = (text, family) => {
    const canvas = document.createElement("canvas");
    canvas.width = 64; canvas.height = 48;
    const g = canvas.getContext("2d");
    g.font = `32px ${family}`;
    g.fillText(text, 8, 38);
    return Array.from(g.getImageData(0, 0, 64, 48).data).join(",");
  };
  const faces = [...document.fonts].filter(f => f.family.replace(/['"]/g, "") === "nnkit-ko");
  return {
    status: faces.map(f => f.status),
    check: document.fonts.check("32px nnkit-ko", "한국"),
    kitDiffers: draw("한", "nnkit-ko") !== draw("국", "nnkit-ko"),
    bodyDiffers: draw("한", getComputedStyle(document.body).fontFamily)
                 !== draw("국", getComputedStyle(document.body).fontFamily),
    fallbackDiffers: draw("한", "no-such-font-nnkit") !== draw("국", "no-such-font-nnkit"),
    family: getComputedStyle(document.body).fontFamily,
  };
}"""


def test_korean_renders_with_the_kits_font_on_a_machine_without_one(server):
    """The pages load the kit's NanumGothic subset from the server (``/static/nnkit-ko.woff``), so
    two different syllables are drawn differently even where the system has no Korean font (this
    machine's fallback draws both as the same box: ``fallbackDiffers`` is printed, not asserted,
    so the test also holds on a machine that has one)."""
    playwright = pytest.importorskip("playwright.sync_api")
    base, _ = server
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        fonts = []
        page.on(
            "response", lambda r: fonts.append(r.status) if r.url.endswith("/static/nnkit-ko.woff") else None
        )
        page.goto(f"{base}/code/")
        assert "일회용 코드로 로그인" in page.content()
        found = page.evaluate(GLYPHS)
        print("system fallback draws 한 and 국 differently:", found["fallbackDiffers"])
        assert fonts == [200] and found["status"] == ["loaded"] and found["check"], found
        assert found["family"].startswith(("nnkit-ko", '"nnkit-ko"')), found
        assert found["kitDiffers"] and found["bodyDiffers"], found
        browser.close()
