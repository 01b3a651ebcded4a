"""A class benchmark: a 200-student class for every exercise, graded at ``--jobs 2``.

Each exercise gets N submissions: most correct, some with a known mistake, 10% broken (a
crash at import, a missing module, a syntax error) and one that loops forever in its first
task. Every class is graded with ``grade_folder`` (the same path as ``python -m autograder
grade``, sandbox included) and the script prints the wall time per exercise and for the whole
class, and a profile of where the seconds went, summed over the grading threads:

- worker start: taking a worker (a spare started ahead, or a new process) for a submission;
- load: from sending the job to the worker's "loaded" report (data files, the student's code);
- cases: from sending each case to its result, timeouts included;
- judging: comparing outcomes with the reference, hints and learning curves, in the parent;
- writing: each submission's result and feedback files, then the class files (gradebook,
  LMS file, report.html).

The profile is taken by wrapping those functions in this process only; nothing in the kit is
changed. A benchmark prints figures; nothing here asserts a time. Usage::

    python scripts/bench_class.py [--n 200] [--jobs 2] [--exercises loss_functions ...]
"""

from __future__ import annotations

import argparse
import ast
import functools
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.batch import folder as batch_folder  # noqa: E402
from autograder.engine import grade as engine_grade  # noqa: E402
from autograder.engine import run as engine_run  # noqa: E402
from autograder.engine.expected import expected_outputs  # noqa: E402
from autograder.exercises import all_exercises  # noqa: E402
from autograder.report.console import table  # noqa: E402
from autograder.sandbox.confine import choose  # noqa: E402

STAGES = ("worker start", "load", "cases", "judging", "writing")


class Profile:
    """Seconds per stage, summed over threads (thread-safe)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    def add(self, stage: str, seconds: float) -> None:
        with self.lock:
            self.seconds[stage] += seconds
            self.calls[stage] += 1

    def timed(self, stage, fn):
        """``fn`` wrapped so its time counts for ``stage`` (a name, or a function of the args)."""

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            start = time.monotonic()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(stage(*args, **kwargs) if callable(stage) else stage, time.monotonic() - start)

        return wrapper


def install(profile: Profile) -> None:
    """Wrap the kit's stage functions (in this process) so their time goes to ``profile``."""
    engine_run.take_worker = profile.timed("worker start", engine_run.take_worker)
    run_cls = engine_run._SubmissionRun
    run_cls._receive = profile.timed(
        lambda self, worker, case, deadline: "load" if case is None else "cases", run_cls._receive
    )
    engine_grade.judge_case = profile.timed("judging", engine_grade.judge_case)
    engine_grade.learning_curve = profile.timed("judging", engine_grade.learning_curve)
    batch_folder.write_submission = profile.timed("writing", batch_folder.write_submission)
    batch_folder.write_outputs = profile.timed("writing", batch_folder.write_outputs)


def looping(reference: str) -> str:
    """The reference with its first function (or first class's first method) looping forever."""
    tree = ast.parse(reference)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            return f"{reference}\n\ndef {node.name}(*args, **kwargs):\n    while True:\n        pass\n"
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("__"):
                    return (
                        f"{reference}\n\ndef _spin(self, *args, **kwargs):\n    while True:\n        pass\n\n"
                        f"{node.name}.{item.name} = _spin\n"
                    )
    return f"{reference}\n\nwhile True:\n    pass\n"


def broken(reference: str, i: int) -> str:
    """One of three ways a file does not load."""
    kind = i % 3
    if kind == 0:
        return f"{reference}\n\nraise RuntimeError('crash at import {i}')\n"
    if kind == 1:
        return "import no_such_module\n"
    return f"{reference}\n\ndef oops(:\n"


def make_class(exercise, folder: Path, n: int) -> dict[str, int]:
    """n submissions: 10% broken, one looping, a fifth with a known mistake, the rest correct."""
    reference = exercise.reference_path.read_text(encoding="utf-8")
    mistakes = list(exercise.mistakes)
    folder.mkdir(parents=True)
    kinds: dict[str, int] = defaultdict(int)
    for i in range(n):
        if i == n // 2:
            kind, source = "looping", looping(reference)
        elif i % 10 == 9:
            kind, source = "broken", broken(reference, i)
        elif i % 5 == 1 and mistakes:
            kind, source = "mistake", f"{reference}\n\n{mistakes[i % len(mistakes)].source}"
        else:
            kind, source = "correct", f"# student {i}\n{reference}"
        kinds[kind] += 1
        (folder / f"s{i:03d}.py").write_text(source, encoding="utf-8")
    return dict(kinds)


def main() -> None:
    ap = argparse.ArgumentParser(description="nnkit class benchmark (prints figures; asserts nothing)")
    ap.add_argument("--n", type=int, default=200, help="students per exercise")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--exercises", nargs="*")
    args = ap.parse_args()
    sandbox = choose()
    exercises = [e for e in all_exercises().values() if not args.exercises or e.id in args.exercises]
    profile = Profile()
    install(profile)
    rows = [["exercise", "subs", "kinds", "wall s", "s/sub", *STAGES]]
    total_wall, total_n = 0.0, 0
    graded: dict[str, float] = defaultdict(float)  # the batches' own stage seconds (not the cache warm-up)
    with tempfile.TemporaryDirectory(prefix="nnkit-bench-class-") as tmp:
        for ex in exercises:
            work = Path(tmp) / ex.id
            kinds = make_class(ex, work / "class", args.n)
            expected_outputs(
                ex, ex.cases(hidden=True), args.jobs, sandbox
            )  # the cache, as after a first batch
            before = dict(profile.seconds)
            start = time.monotonic()
            batch_folder.grade_folder(
                ex, work / "class", work / "out", jobs=args.jobs, force=True, progress=False, sandbox=sandbox
            )
            wall = time.monotonic() - start
            total_wall += wall
            total_n += args.n
            spent = [profile.seconds[s] - before.get(s, 0.0) for s in STAGES]
            for stage, seconds in zip(STAGES, spent):
                graded[stage] += seconds
            shown = " ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
            rows.append([ex.id, str(args.n), shown, f"{wall:.1f}", f"{wall / args.n:.3f}",
                         *(f"{s:.1f}" for s in spent)])  # fmt: skip
            print(f"done: {ex.id} in {wall:.1f} s", file=sys.stderr, flush=True)
    print(
        f"sandbox: {sandbox.name} ({sandbox.description}); --jobs {args.jobs}; python {sys.version.split()[0]}"
    )
    print("stage columns: seconds summed over the grading threads (so they add up to about jobs x wall)")
    print(table(rows))
    busy = sum(graded.values())
    print(f"class: {total_n} submissions in {total_wall:.1f} s at --jobs {args.jobs} "
          f"({total_wall / max(1, total_n):.3f} s per submission)")  # fmt: skip
    for stage in STAGES:
        s = graded[stage]
        print(f"  {stage:13s} {s:8.1f} s  {100 * s / max(busy, 1e-9):5.1f}%  {s / max(1, total_n):.3f} s/sub")


if __name__ == "__main__":
    main()
