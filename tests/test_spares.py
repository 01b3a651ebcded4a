"""Workers started ahead (``run.spares``): faster batches, still one fresh worker per submission."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import corpus
import pytest

from autograder.batch.folder import grade_folder
from autograder.discover.submissions import Cell
from autograder.engine import run as protocol
from autograder.engine.expected import expected_outputs
from autograder.exercises import get_exercise
from autograder.sandbox import pool as runner
from autograder.sandbox.confine import Sandbox, bwrap_works, choose


def bubblewrap() -> Sandbox:
    """Spares exist only under bubblewrap; ``.ci/run`` makes its absence a failure."""
    if not bwrap_works()[0]:
        if os.environ.get("NNKIT_REQUIRE_BWRAP"):
            pytest.fail(f"bubblewrap is required here but does not work: {bwrap_works()[1]}")
        pytest.skip(f"no bubblewrap: {bwrap_works()[1]}")
    return choose("bwrap")


PLANTS = """import os
open("left_behind.txt", "w").write("from the student before you")
os.environ["NNKIT_PLANTED"] = "1"
"""

#: Scores full marks only if nothing of the submission graded before it is visible.
LOOKS = """import os
if os.path.exists("left_behind.txt") or os.environ.get("NNKIT_PLANTED"):
    raise RuntimeError("saw what the student before me left behind")
"""


def _class(folder: Path) -> None:
    folder.mkdir()
    reference = corpus.REFERENCE.read_text(encoding="utf-8")
    (folder / "a_plants_a_file.py").write_text(PLANTS + reference, encoding="utf-8")
    for n in range(4):
        (folder / f"b{n}_looks_for_it.py").write_text(LOOKS + reference, encoding="utf-8")


def test_a_batch_with_spares_gives_each_submission_a_fresh_worker_and_leaves_none(tmp_path):
    exercise = get_exercise("loss_functions")
    _class(tmp_path / "subs")
    sandbox = bubblewrap()
    expected_outputs(exercise, exercise.cases(hidden=True), 1, sandbox)  # cached: no reference runs below
    first = next(runner._serials)
    results = grade_folder(
        exercise, tmp_path / "subs", tmp_path / "out", jobs=1, progress=False, sandbox=sandbox
    )
    started = next(runner._serials) - first - 1
    scores = {r.student: (r.score, r.max_score) for r in results}
    assert all(score == full for name, (score, full) in scores.items() if name.startswith("b")), scores
    assert scores["a_plants_a_file"][0] == scores["a_plants_a_file"][1]
    # one worker per submission, each but the first started ahead, plus one nobody needed
    assert started == len(results) + 1
    assert runner._spares.wanted == 0 and not any(runner._spares.idle.values())
    assert corpus.workers_tagged(runner.GRADER_TAG) == []


def test_a_spare_killed_while_waiting_is_not_blamed_on_the_student():
    exercise = get_exercise("loss_functions")
    sandbox = bubblewrap()
    source = corpus.REFERENCE.read_text(encoding="utf-8")
    cases = exercise.cases(hidden=False)
    with runner.spares(1):
        runner._spares.top_up(exercise.limits, sandbox, exercise.warm)
        runner._spares.started()  # spares start on a thread of their own
        (spare,) = runner._spares.idle[(sandbox, exercise.limits, exercise.warm)]
        os.killpg(spare.proc.pid, signal.SIGKILL)
        spare.proc.wait()  # the process has ended,
        spare.sink.join()  # and its output pipe is closed: the spare is gone for good, no waiting on a clock
        run = protocol.run_submission(
            exercise.module,
            [Cell(exercise.filename, source)],
            cases,
            exercise.limits,
            sandbox,
            warm=exercise.warm,
        )
    assert run.load_errors == [] and run.restarts == 0
    assert {o.status for o in run.outcomes.values()} == {"ok"}
    assert not spare.alive()


def test_without_a_batch_no_worker_is_started_ahead():
    exercise = get_exercise("loss_functions")
    runner._spares.top_up(exercise.limits, choose())
    assert not any(runner._spares.idle.values())


def test_under_the_fallback_no_worker_is_started_ahead():
    """Student code there runs as the grader's user and could reach an idle worker."""
    exercise = get_exercise("loss_functions")
    with runner.spares(2):
        runner._spares.top_up(exercise.limits, Sandbox(reason="test"), exercise.warm)
        assert not any(runner._spares.idle.values())
        runner._spares.top_up(exercise.limits, bubblewrap(), exercise.warm)
        runner._spares.started()
        assert sum(len(w) for w in runner._spares.idle.values()) == 2
    assert not any(runner._spares.idle.values())


WARM_PROBE = """import nnkit_data

LOADED_BEFORE_ME = nnkit_data._load.cache_info().currsize


def mean_squared_error(y, t):
    return float(LOADED_BEFORE_ME)
"""


def test_a_worker_loads_the_exercises_data_before_the_student_code_runs():
    exercise = get_exercise("loss_functions")
    assert exercise.warm == ("mnist_train_5k", "mnist_test")
    case = [c for c in exercise.cases(hidden=False) if c.name == "mse_lecture[correct_guess]"]
    cells = [Cell("probe.py", WARM_PROBE)]
    sandbox = choose()
    for warm, loaded in ((exercise.warm, 2.0), ((), 0.0)):
        run = protocol.run_submission(exercise.module, cells, case, exercise.limits, sandbox, warm=warm)
        assert run.outcomes[case[0].name].value == loaded, warm


MAPS_PROBE = """import nnkit_data

x, t = nnkit_data._load("mnist_test")


def mean_squared_error(y, t_):
    return [type(x).__name__, type(x.base).__name__, bool(x.flags.writeable), int(x.sum() % 1000003)]
"""


def test_the_data_is_unpacked_once_per_grader_and_mapped_read_only_by_each_worker(tmp_path):
    """The grader unpacks the exercise's data files in its private copy; each worker maps them
    (no zlib per worker) as plain read-only arrays with the very values of the .npz files."""
    import importlib.util

    import numpy as np

    exercise = get_exercise("loss_functions")
    case = [c for c in exercise.cases(hidden=False) if c.name == "mse_lecture[correct_guess]"]
    run = protocol.run_submission(
        exercise.module, [Cell("probe.py", MAPS_PROBE)], case, exercise.limits, choose(), warm=exercise.warm
    )
    with np.load(corpus.ROOT / "data" / "mnist_test.npz") as npz:
        checksum = int(npz["x"].sum() % 1000003)
    assert run.outcomes[case[0].name].value == ["ndarray", "memmap", False, checksum]
    unpacked = sorted(p.name for p in Path(runner.data_dir()).glob("mnist_*.npy"))
    assert [n.split(".")[0] for n in unpacked] == ["mnist_test"] * 2 + ["mnist_train_5k"] * 2

    # a data file changed after unpacking is refused as before: the unpacked arrays do not hide it
    spec = importlib.util.spec_from_file_location(
        "nnkit_data_probe", corpus.ROOT / "assignments" / "nnkit_data.py"
    )
    data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(data)
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("SHA256SUMS", "mnist_test.npz"):
        (folder / name).write_bytes((corpus.ROOT / "data" / name).read_bytes())
    data.unpack(folder, ["mnist_test"])
    os.environ["NNKIT_DATA"] = str(folder)
    try:
        assert int(data._load("mnist_test")[0].sum() % 1000003) == checksum
        data._load.cache_clear()
        (folder / "mnist_test.npz").write_bytes(b"changed")
        with pytest.raises(data.DataError):
            data._load("mnist_test")
    finally:
        del os.environ["NNKIT_DATA"]
