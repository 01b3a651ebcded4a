"""Issue 10's attacks on the trust boundary, graded in one batch beside honest submissions.

The worker holds nothing to steal or forge (one case's scenario program at a time, no expected
value, check or hint), so an oracle or a forger earns exactly what its real answers earn:
zero here. Malformed, oversized and out-of-order messages cost only the attacker's cases.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import corpus
import pytest

from autograder.batch.folder import grade_folder
from autograder.exercises import Limits, get_exercise

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent / "trust"
ATTACKS = sorted(p.stem for p in HERE.glob("*.py"))
#: Attacks that earn what their code earns without the attack: graded beside that twin (the
#: fixture's text from the marker on), they must score exactly what it scores, case by case.
TWINS = {"forges_unchanged_inputs": "honest_in_place"}
TWIN_MARKER = "# ---- the functions ----"
HIDDEN_TEXT = ("suite.case", "load_beside", "hidden_tests", "run=scenarios", "rtol=")
OUT_CAP = 8 * 2**20


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    ex = dataclasses.replace(
        get_exercise("loss_functions"), limits=Limits(case_timeout=1, load_timeout=4, submission_timeout=40)
    )
    folder = tmp_path_factory.mktemp("class")
    for name in ATTACKS:
        shutil.copy(HERE / f"{name}.py", folder / f"{name}.py")
    shutil.copy(corpus.REFERENCE, folder / "honest_reference.py")
    wrong = corpus.REFERENCE.read_text(encoding="utf-8").replace("0.5 * np.sum", "np.sum", 1)
    (folder / "honest_without_half.py").write_text(wrong, encoding="utf-8")
    for attack, twin in TWINS.items():
        text = (HERE / f"{attack}.py").read_text(encoding="utf-8")
        (folder / f"{twin}.py").write_text(text[text.index(TWIN_MARKER) :], encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    results = {r.student: r for r in grade_folder(ex, folder, out, jobs=2, progress=False)}
    return ex, out, results


def test_every_oracle_and_forger_scores_zero(graded):
    _, _, results = graded
    zero = [name for name in ATTACKS if name not in TWINS]
    assert {name: results[name].score for name in zero} == dict.fromkeys(zero, 0.0)


def _verdicts(result):
    return [(c.name, c.status, c.points, c.hints) for c in result.cases]


def test_a_forger_of_its_input_records_earns_what_its_in_place_code_earns(graded):
    _, _, results = graded
    forger, twin = results["forges_unchanged_inputs"], results["honest_in_place"]
    assert _verdicts(forger) == _verdicts(twin)
    lost = {c.name: c for c in forger.cases if not c.passed}
    assert set(lost) == {"mse_keeps_inputs", "softmax_keeps_input", "softmax_leaves_input"}
    assert all("modified its input (argument 1)" in c.message.en for c in lost.values())
    # the known mistake that changes its input still names itself
    assert [h[0] for h in lost["softmax_keeps_input"].hints] == ["softmax_in_place"]
    assert forger.score == forger.max_score - 3


def test_a_forger_of_its_input_records_loses_the_case_in_check_too(tmp_path):
    from autograder.engine.grade import check

    path = tmp_path / "loss_functions.py"
    shutil.copy(HERE / "forges_unchanged_inputs.py", path)
    result = check(get_exercise("loss_functions"), path)
    lost = [c for c in result.cases if not c.passed]
    assert [c.name for c in lost] == ["softmax_leaves_input"]
    assert "modified its input" in lost[0].message.en
    assert [h[0] for h in lost[0].hints] == ["softmax_in_place"]


def test_a_lone_surrogate_in_a_message_stops_nothing(graded):
    _, out, results = graded
    row = results["raises_lone_surrogate"]
    assert row.status == "load_error" and row.score == 0.0
    assert "bad \ufffd" in row.load_errors[0]["message"]
    assert any("bad \ufffd" in c.message.en for c in row.cases)
    assert results["honest_reference"].score == results["honest_reference"].max_score
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".json", ".csv", ".html", ".txt"):
            path.read_bytes().decode("utf-8")  # strict: every file we wrote is valid text
    feedback = out / "feedback" / "raises_lone_surrogate.md"
    assert "bad \ufffd" in feedback.read_text(encoding="utf-8")


def test_honest_neighbours_score_what_they_score_alone(graded):
    _, _, results = graded
    full = results["honest_reference"].max_score
    assert results["honest_reference"].score == full
    assert results["honest_reference"].status == "ok"
    assert 0 < results["honest_without_half"].score < full


def test_no_hidden_suite_text_reaches_the_output(graded):
    _, out, _ = graded
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".json", ".csv", ".html", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [t for t in HIDDEN_TEXT if t in text], path


def test_the_output_folder_stays_small(graded):
    _, out, _ = graded
    assert sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) < OUT_CAP


def test_nothing_an_attacker_sends_stretches_its_time(graded):
    ex, _, results = graded
    for name in ATTACKS:
        assert results[name].seconds <= ex.limits.submission_timeout + 5, name


def test_messages_refused_for_their_size_are_named(graded):
    _, _, results = graded
    flood = results["floods_the_channel"]
    texts = " ".join(c.message.en for c in flood.cases)
    assert "message too long" in texts
    assert all(len(c.message.en) < 3000 for c in flood.cases)


def test_the_forged_load_report_does_not_reach_the_gradebook_raw(graded):
    _, _, results = graded
    forged = results["forges_malformed_messages"]
    assert all(isinstance(e, dict) and set(e) >= {"type", "message"} for e in forged.load_errors)


def test_a_dropout_pass_that_computes_nothing_fails_the_statistics(tmp_path):
    """The statistics are judged against the reference's activations on the same inputs."""
    ex = get_exercise("dropout")
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(HERE / "dropout" / "fakes_its_statistics.py", folder / "faker.py")
    shutil.copy(ex.reference_path, folder / "honest.py")
    results = {r.student: r for r in grade_folder(ex, folder, tmp_path / "out", jobs=2, progress=False)}

    def statistics(row):
        return {c.name: c.passed for c in row.cases if c.name.startswith("forpass_statistics")}

    assert len(statistics(results["honest"])) == 3 and all(statistics(results["honest"]).values())
    assert len(statistics(results["faker"])) == 3 and not any(statistics(results["faker"]).values())
