"""A class benchmark: a class of N students for every exercise, graded at ``--jobs 2``.

Each exercise gets N submissions: most correct, some with a known mistake, 10% broken (a
crash at import, a missing module, a syntax error), one whose first function loops forever and
one whose same function raises at once (the tasks that call the function are lost either way:
a loop must cost no other task).
Every class is graded with ``grade_folder`` (the same path as ``python -m autograder grade``,
sandbox included) and the script prints, per exercise and for the whole class, the wall time,
seconds per submission, what became of the looping student (per task, beside the student whose
same function raises) and a profile of where the seconds went, per submission:

- intake: reading the download (discovery, notebooks, hashes);
- context: the grading context (cases, the cached reference outputs);
- worker start: taking a worker (a spare started ahead, or a new process) for a submission;
- load: from sending the job to the worker's "loaded" report (data files, the student's code);
- cases: from sending each case to its result, timeouts included;
- worker end: killing a used worker, removing its scratch folder and cgroup;
- judging: comparing outcomes with the reference, hints and learning curves, in the parent;
- writing: each submission's files (result, Gradescope, feedback, learning curve);
- reports: the class files at the end (gradebook, LMS file, intake.csv, report.html).

The stages are thread-seconds: each is summed over the threads that spent it (the grading
threads run cases, judge and take workers; the batch's main thread writes each submission's
files while they go on), so they add up to more than the wall time. Everything printed is
measured in this run: nothing is extrapolated from a smaller class or scaled to another
machine; ``--n 40`` prints a 40-student class's own time. The profile is taken by wrapping the
kit's functions in this process only; the kit is not changed. A benchmark prints figures;
nothing here asserts a time. Usage::

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
from autograder.engine.context import GradingContext  # noqa: E402
from autograder.engine.expected import expected_outputs  # noqa: E402
from autograder.exercises import all_exercises  # noqa: E402
from autograder.report.console import table  # noqa: E402
from autograder.sandbox import pool  # noqa: E402
from autograder.sandbox.confine import choose  # noqa: E402

STAGES = ("intake", "context", "worker start", "load", "cases", "worker end", "judging", "writing", "reports")


class Profile:
    """Seconds per stage, summed over threads (thread-safe)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.lock = threading.Lock()

    def add(self, stage: str, seconds: float) -> None:
        with self.lock:
            self.seconds[stage] += seconds

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
    pool.Worker.start = profile.timed("load", pool.Worker.start)  # sending the job
    pool.Worker.discard = profile.timed("worker end", pool.Worker.discard)
    engine_grade.judge_case = profile.timed("judging", engine_grade.judge_case)
    engine_grade.learning_curve = profile.timed("judging", engine_grade.learning_curve)
    batch_folder.read_download = profile.timed("intake", batch_folder.read_download)
    GradingContext.build = classmethod(profile.timed("context", GradingContext.build.__func__))
    batch_folder.write_submission = profile.timed("writing", batch_folder.write_submission)
    batch_folder.write_outputs = profile.timed("reports", batch_folder.write_outputs)


def looping(reference: str, body: str = "while True:\n        pass") -> str:
    """The reference with its first function (or first class's first method) looping forever
    (or running ``body`` instead)."""
    tree = ast.parse(reference)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            return f"{reference}\n\ndef {node.name}(*args, **kwargs):\n    {body}\n"
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("__"):
                    return (
                        f"{reference}\n\ndef _spin(self, *args, **kwargs):\n    {body}\n\n"
                        f"{node.name}.{item.name} = _spin\n"
                    )
    return f"{reference}\n\nwhile True:\n    pass\n"


def raising(reference: str) -> str:
    """The same function raising at once: the tasks it costs are the tasks that call it, so a
    looping student should lose exactly these (no task lost to another's timeout)."""
    return looping(reference, "raise RuntimeError('the same function, failing fast')")


def broken(reference: str, i: int) -> str:
    """One of three ways a file does not load."""
    kind = i % 3
    if kind == 0:
        return f"{reference}\n\nraise RuntimeError('crash at import {i}')\n"
    if kind == 1:
        return "import no_such_module\n"
    return f"{reference}\n\ndef oops(:\n"


def make_class(exercise, folder: Path, n: int) -> dict[str, str]:
    """n submissions: 10% broken, one looping, one raising, a fifth with a known mistake, the rest correct.
    Returns each student's kind."""
    reference = exercise.reference_path.read_text(encoding="utf-8")
    mistakes = list(exercise.mistakes)
    folder.mkdir(parents=True)
    kinds: dict[str, str] = {}
    for i in range(n):
        if i == n // 2:
            kind, source = "looping", looping(reference)
        elif i == n // 2 + 1:
            kind, source = "raising", raising(reference)
        elif i % 10 == 9:
            kind, source = "broken", broken(reference, i)
        elif i % 5 == 1 and mistakes:
            kind, source = "mistake", f"{reference}\n\n{mistakes[i % len(mistakes)].source}"
        else:
            kind, source = "correct", f"# student {i}\n{reference}"
        kinds[f"s{i:03d}"] = kind
        (folder / f"s{i:03d}.py").write_text(source, encoding="utf-8")
    return kinds


def looping_row(results, kinds: dict[str, str]) -> str:
    """What the looping student got per task (got/max) and in how long, against the student
    whose same function raises at once (the tasks that call it); and how many correct students
    have full marks. Read from the batch's own results."""
    by = {r.student: r for r in results}
    loop, fast = ({k: by.get(s) for s, k in kinds.items()}.get(k) for k in ("looping", "raising"))
    correct = [by[s] for s, k in kinds.items() if k == "correct" and s in by]
    full = f"correct at full marks {sum(r.score == r.max_score for r in correct)}/{len(correct)}"
    if loop is None or fast is None:
        return f"looping: no row; {full}"
    tasks = " ".join(f"{t}={got:g}/{most:g}" for t, (got, most) in loop.tasks.items())
    same = "yes" if loop.tasks == fast.tasks else f"no (raising: {fast.tasks})"
    return (f"looping {loop.student}: {tasks} in {loop.seconds:.1f} s ({','.join(loop.limits_hit) or '-'}); "
            f"same tasks as raising at once: {same}; {full}")  # fmt: skip


def grade_class(ex, work: Path, n: int, jobs: int, sandbox, profile: Profile) -> tuple[float, list, dict]:
    """Grade one exercise's class; (wall seconds, stage seconds, the student kinds, the results)."""
    kinds = make_class(ex, work / "class", n)
    expected_outputs(ex, ex.cases(hidden=True), jobs, sandbox)  # the cache, as after a first batch
    before = dict(profile.seconds)
    start = time.monotonic()
    results = batch_folder.grade_folder(
        ex, work / "class", work / "out", jobs=jobs, force=True, progress=False, sandbox=sandbox
    )
    wall = time.monotonic() - start
    spent = {s: profile.seconds[s] - before.get(s, 0.0) for s in STAGES}
    return wall, spent, kinds, results


def main() -> None:
    ap = argparse.ArgumentParser(
        description="nnkit class benchmark (prints measured figures; asserts nothing)"
    )
    ap.add_argument("--n", "--students", dest="n", type=int, default=200, help="students per exercise")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--exercises", nargs="*")
    args = ap.parse_args()
    sandbox = choose()
    exercises = [e for e in all_exercises().values() if not args.exercises or e.id in args.exercises]
    profile = Profile()
    install(profile)
    rows = [["exercise", "subs", "wall s", "s/sub", *(f"{s} s/sub" for s in STAGES)]]
    notes = []
    total_wall, total_n = 0.0, 0
    graded: dict[str, float] = defaultdict(float)
    with tempfile.TemporaryDirectory(prefix="nnkit-bench-class-") as tmp:
        for ex in exercises:
            wall, spent, kinds, results = grade_class(
                ex, Path(tmp) / ex.id, args.n, args.jobs, sandbox, profile
            )
            total_wall += wall
            total_n += args.n
            for stage, seconds in spent.items():
                graded[stage] += seconds
            rows.append([ex.id, str(args.n), f"{wall:.1f}", f"{wall / args.n:.3f}",
                         *(f"{spent[s] / args.n:.3f}" for s in STAGES)])  # fmt: skip
            notes.append(f"{ex.id}: {looping_row(results, kinds)}")
            print(f"done: {ex.id} in {wall:.1f} s", file=sys.stderr, flush=True)
    counts: dict[str, int] = defaultdict(int)
    for kind in kinds.values():
        counts[kind] += 1
    print(f"sandbox: {sandbox.name}; --jobs {args.jobs}; python {sys.version.split()[0]}; "
          f"{len(exercises)} exercises x {args.n} students "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))} each)")  # fmt: skip
    print("stage columns: thread-seconds per submission (summed over the threads that spent them)")
    print(table(rows))
    for note in notes:
        print(note)
    busy = sum(graded.values())
    print(f"class: {total_n} submissions in {total_wall:.1f} s at --jobs {args.jobs} "
          f"({total_wall / max(1, total_n):.3f} s per submission)")  # fmt: skip
    for stage in STAGES:
        s = graded[stage]
        print(f"  {stage:13s} {s:8.1f} s  {100 * s / max(busy, 1e-9):5.1f}%  {s / max(1, total_n):.3f} s/sub")


if __name__ == "__main__":
    main()
