"""The grading pipeline: discover -> run -> judge -> report, for one submission or a folder.

Expected outputs (the reference's, and each known mistake's for hint matching) are computed by
running those files through the same worker machinery, then cached under ``.cache/nnkit``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
import traceback
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from autograder import pool, report
from autograder.class_report import write_class_report
from autograder.discover import Cell, Found, Submission, student_id
from autograder.errors import UserError
from autograder.exercises import ROOT, Exercise
from autograder.intake import Tally, clear_stage, read_download, write_intake_csv
from autograder.judge import distinct, judge_case
from autograder.results import CaseResult, Outcome, SubmissionResult
from autograder.run import run_submission
from autograder.sandbox import Sandbox, announce, choose
from autograder.spec import Case, Msg

__all__ = ["GradingContext", "SubmissionResult", "check", "grade_folder", "grade_submission"]


@dataclass
class Expected:
    """The reference's outcome on every case, and each known mistake's (for hints)."""

    reference: dict[str, Outcome] = field(default_factory=dict)
    mistakes: dict[str, dict[str, Outcome]] = field(default_factory=dict)
    _distinct: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def distinct_mistakes(self, case: Case) -> set[str]:
        """Mistakes whose output on ``case`` tells them apart (from the reference and each other)."""
        if case.name not in self._distinct:
            ref = self.reference.get(case.name)
            outs = {m: o[case.name] for m, o in self.mistakes.items() if case.name in o}
            self._distinct[case.name] = distinct(case, ref, outs) if ref else set()
        return self._distinct[case.name]


@dataclass(frozen=True)
class GradingContext:
    """Everything that is the same for every submission of one grading run, built once.

    Used by ``grade``, ``check``, ``validate``, the pytest plugin and the otter export.
    ``expected`` is None for the student's self-check (no reference there); ``reveal``
    whether hidden cases' messages may show expected values (``exercise.toml``:
    ``reveal_hidden``, for after the deadline).
    """

    exercise: Exercise
    cases: tuple[Case, ...]
    sandbox: Sandbox
    expected: Expected | None
    suite_key: str
    reveal: bool = False

    @classmethod
    def build(
        cls,
        exercise: Exercise,
        hidden: bool = True,
        jobs: int | None = None,
        sandbox: Sandbox | None = None,
        reveal: bool | None = None,
        reference: bool | None = None,
    ) -> GradingContext:
        """``reference``: compute (or read) the reference's outputs; default: when ``hidden``."""
        sandbox = sandbox or choose()
        cases = exercise.cases(hidden=hidden)
        use_reference = hidden if reference is None else reference
        shown = exercise.reveal_hidden if reveal is None else reveal
        if use_reference:
            expected = expected_outputs(exercise, cases, jobs or default_jobs(), sandbox)
        else:  # the self-check: the stored public outcomes give it grade's hints and input checks
            expected = read_public_outcomes(exercise)
        return cls(
            exercise,
            tuple(cases),
            sandbox,
            expected,
            # a run that reveals expected values writes other feedback: resume must not mix the two
            (exercise.suite_key(hidden) + ("+reveal" if shown else "")) if use_reference else "",
            shown,
        )


#: Beside each public suite: the reference's and every known mistake's outcomes on the public
#: cases, so that the student's self-check (which has neither) gives the same hints as grade.
PUBLIC_OUTCOMES = "public_outcomes.json"


def public_key(exercise: Exercise) -> str:
    """Digest of what the public cases' outcomes depend on that a student bundle also has."""
    h = hashlib.sha256(b"public\0")
    for p in [exercise.public_suite_path, *exercise.scenario_paths]:
        if p.name != "scenarios.py":
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def write_public_outcomes(exercise: Exercise, expected: Expected) -> Path:
    """Store the public cases' part of ``expected`` beside the public suite (``validate`` does)."""
    names = [c.name for c in exercise.cases(hidden=False)]

    def plain(outcome: Outcome) -> dict:
        # an exception's type and message are all hint matching reads; its traceback would quote
        # the reference's code, which students must not get
        data = outcome.to_json()
        if data.get("error"):
            data["error"] = {"type": data["error"].get("type"), "message": data["error"].get("message")}
        return data

    data = {
        "key": public_key(exercise),
        "reference": {n: plain(expected.reference[n]) for n in names},
        "mistakes": {m: {n: plain(o[n]) for n in names} for m, o in sorted(expected.mistakes.items())},
    }
    path = exercise.public_suite_path.with_name(PUBLIC_OUTCOMES)
    text = json.dumps(data, indent=0, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        report.write_atomic(path, text)
    return path


def read_public_outcomes(exercise: Exercise) -> Expected | None:
    """The stored public outcomes, or None when missing or made for other public cases."""
    path = exercise.public_suite_path.with_name(PUBLIC_OUTCOMES)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != public_key(exercise):
            return None
        return Expected(
            {k: Outcome.from_json(v) for k, v in data["reference"].items()},
            {m: {k: Outcome.from_json(v) for k, v in o.items()} for m, o in data["mistakes"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cache_dir() -> Path:
    return Path(os.environ.get("NNKIT_CACHE", ROOT / ".cache" / "nnkit"))


def expected_outputs(exercise: Exercise, cases: list[Case], jobs: int, sandbox: Sandbox) -> Expected:
    """Reference and mistake outputs for every case, from the cache or computed now."""
    path = cache_dir() / f"{exercise.id}-{exercise.suite_key()}.json"
    names = [c.name for c in cases]
    if path.is_file():
        data = json.loads(path.read_text())
        if list(data["reference"]) == names:
            return Expected(
                {k: Outcome.from_json(v) for k, v in data["reference"].items()},
                {m: {k: Outcome.from_json(v) for k, v in o.items()} for m, o in data["mistakes"].items()},
            )
    reference_source = exercise.reference_path.read_text(encoding="utf-8")
    variants = {"": reference_source} | {
        m.id: f"{reference_source}\n\n# ---- known mistake: {m.id} ----\n{m.source}"
        for m in exercise.mistakes
    }

    def run(source: str) -> dict[str, Outcome]:
        cell = Cell(exercise.filename, source)
        return run_submission(exercise.module, [cell], cases, exercise.limits, sandbox).outcomes

    with ThreadPoolExecutor(max(1, jobs)) as threads:
        results = dict(zip(variants, threads.map(run, variants.values())))
    expected = Expected(results.pop(""), results)
    for case in cases:
        got = expected.reference[case.name]
        if got.status != "ok" and case.needs_reference:
            raise UserError(
                f"{exercise.id}: 모범 답안이 테스트 {case.name}에서 실패합니다: {got.status} {got.error or got.message}",
                f"{exercise.id}: the reference solution fails case {case.name}: {got.status} {got.error or got.message}",
            )
    report.write_atomic(
        path,
        json.dumps(
            {
                "reference": {k: v.to_json() for k, v in expected.reference.items()},
                "mistakes": {m: {k: v.to_json() for k, v in o.items()} for m, o in expected.mistakes.items()},
            }
        ),
    )
    return expected


def expected_value(case: Case, expected: Expected | None) -> Any:
    if not case.needs_reference:
        return case.expect
    return expected.reference[case.name].value if expected and case.name in expected.reference else None


def grade_submission(
    ctx: GradingContext, sub: Submission, cases: list[Case] | None = None
) -> SubmissionResult:
    """One submission's row. Whatever goes wrong in the kit itself on this submission becomes
    that row's ``grader_error`` (the batch goes on); the student is never blamed for it."""
    cases = list(ctx.cases if cases is None else cases)
    common = dict(
        student=sub.student,
        exercise=ctx.exercise.id,
        file=str(sub.file.name if sub.file else sub.path.name),
        sha256=sub.sha256,
        suite_key=ctx.suite_key,
        warnings=sub.warnings,
        sandbox=ctx.sandbox.name,
    )
    try:
        return _grade(ctx, sub, cases, common)
    except pool.Interrupted:
        raise
    except Exception as exc:
        detail = f"{type(exc).__name__}: {str(exc)[:300]}"
        print(f"nnkit: grader error on {sub.student!r}: {detail}", file=sys.stderr)
        traceback.print_exc(limit=8, file=sys.stderr)
        problem = Msg(
            f"채점기 내부 오류로 이 제출물을 채점하지 못했습니다 ({detail}). 학생의 잘못이 아닙니다. "
            "조교는 이 학생만 다시 채점하세요 (--student).",
            f"The grader itself failed on this submission ({detail}); not the student's fault: "
            "regrade this student alone (--student).",
        )
        results = tuple(
            CaseResult(c.name, c.task, c.hidden, 0.0, c.points, "grader_error", problem) for c in cases
        )
        return _summarise(ctx.exercise, results, grader_error=problem, **common)


def _grade(ctx: GradingContext, sub: Submission, cases: list[Case], common: dict) -> SubmissionResult:
    exercise, expected = ctx.exercise, ctx.expected
    task_name = {t.id: t.name for t in exercise.tasks}
    if sub.problem:
        results = tuple(
            CaseResult(c.name, c.task, c.hidden, 0.0, c.points, "error", sub.problem) for c in cases
        )
        return _summarise(exercise, results, problem=sub.problem, **common)
    run = run_submission(
        exercise.module, sub.cells, cases, exercise.limits, ctx.sandbox, sub.extra_files, exercise.warm
    )
    results = []
    for case in cases:
        mistakes, originals = None, None
        if expected and case.name in expected.reference:
            originals = expected.reference[case.name].calls
            mistakes = {
                m.id: (m, expected.mistakes[m.id][case.name])
                for m in exercise.mistakes
                if m.id in expected.mistakes and m.id in expected.distinct_mistakes(case)
            }
        outcome = run.outcomes[case.name]
        judged = judge_case(
            case,
            outcome,
            expected_value(case, expected),
            task_name[case.task],
            mistakes,
            exercise.limits,
            originals,
            reveal=ctx.reveal if case.hidden else True,
        )
        results.append(_not_loaded(judged, outcome, run.load_errors, exercise.module))
    return _summarise(
        exercise,
        tuple(_together(cases, results)),
        load_errors=tuple(run.load_errors),
        output=run.output,
        output_bytes=run.output_bytes,
        seconds=round(run.seconds, 3),
        limits_hit=tuple(run.limits_hit),
        curve=learning_curve(cases, run.outcomes, expected),
        **common,
    )


def _not_loaded(result: CaseResult, outcome: Outcome, load_errors: list[dict], module: str) -> CaseResult:
    """A case that failed only because the file did not load says so, instead of the
    "no attribute" error that follows from it (one message for the load, in the report)."""
    if not load_errors or outcome.status != "error" or result.status == "passed":
        return result
    err = outcome.error or {}
    missing = err.get("type") == "AttributeError" and f"module '{module}' has no attribute" in str(
        err.get("message", "")
    )
    if not missing:
        return result
    message = Msg(
        "실행하지 않음: 파일을 끝까지 불러오지 못했습니다 (위의 불러오기 오류를 먼저 고치세요).",
        "Not run: the file did not load completely (fix the load error above first).",
    )
    return dataclasses.replace(result, status="not_loaded", message=message, hints=())


CURVE_POINTS = 500  # a stored and plotted curve keeps at most this many points

CURVE_KEYS = ("cost_", "cost", "train_loss_list", "loss_list")


def _curve_in(value: Any, depth: int = 0) -> tuple[str, list[float]] | None:
    if not isinstance(value, dict) or depth > 2:
        return None
    for key, item in value.items():
        if key in CURVE_KEYS:
            arr = _as_curve(item)
            if arr is not None:
                return str(key), downsample(arr)
        found = _curve_in(item, depth + 1)
        if found:
            return found
    return None


def _as_curve(item: Any) -> np.ndarray | None:
    """A 1-D float array of at least two points, or None (ragged lists, objects, ints...)."""
    if isinstance(item, list) and not all(type(v) in (float, int) for v in item):
        return None
    if isinstance(item, np.ndarray) and item.dtype.kind != "f":
        return None
    if not isinstance(item, (list, np.ndarray)):
        return None
    try:
        arr = np.asarray(item, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return arr if arr.ndim == 1 and arr.size >= 2 else None


def downsample(arr: np.ndarray, points: int = CURVE_POINTS) -> list[float]:
    """At most ``points`` evenly spaced points of a curve, first and last kept."""
    if arr.size > points:
        arr = arr[np.linspace(0, arr.size - 1, points).round().astype(int)]
    return [float(v) for v in arr]


def learning_curve(cases: list[Case], outcomes: dict[str, Outcome], expected: Expected | None) -> dict | None:
    """The longest training curve a case returned, with the reference's on the same case."""
    best = None
    for case in cases:
        got = outcomes[case.name]
        if got.status != "ok" or expected is None or case.name not in expected.reference:
            continue
        mine, ref = _curve_in(got.value), _curve_in(expected.reference[case.name].value)
        if mine and ref and mine[0] == ref[0] and (best is None or len(ref[1]) > len(best["reference"])):
            best = {"case": case.name, "key": mine[0], "student": mine[1], "reference": ref[1]}
    return best


def _together(cases: list[Case], results: list[CaseResult]) -> list[CaseResult]:
    """A passed case whose ``requires`` cases did not all pass earns nothing (see ``Case.requires``)."""
    passed = {r.name for r in results if r.passed}
    by_name = {c.name: c for c in cases}
    out = []
    for r in results:
        needs = [n for n in by_name[r.name].requires if n in by_name and n not in passed] if r.passed else []
        if needs:
            names = ", ".join(needs)
            r = dataclasses.replace(
                r,
                points=0.0,
                status="failed",
                message=Msg(
                    f"이 테스트는 {names} 테스트도 통과해야 점수를 받습니다.",
                    f"This case earns its points only together with {names}.",
                ),
            )
        out.append(r)
    return out


def _summarise(ex: Exercise, results: tuple[CaseResult, ...], **kw: Any) -> SubmissionResult:
    tasks = {t.id: [0.0, 0.0] for t in ex.tasks}
    for r in results:
        tasks[r.task][0] += r.points
        tasks[r.task][1] += r.max_points
    tasks = {k: [round(a, 2), round(b, 2)] for k, (a, b) in tasks.items()}
    return SubmissionResult(
        score=round(sum(r.points for r in results), 2),
        max_score=round(sum(r.max_points for r in results), 2),
        tasks=tasks,
        cases=results,
        **kw,
    )


def grade_folder(
    exercise: Exercise,
    folder: Path,
    out: Path,
    jobs: int | None = None,
    force: bool = False,
    progress: bool = True,
    sandbox: Sandbox | None = None,
    shard: tuple[int, int] | None = None,
    students: set[str] | None = None,
    tasks: set[str] | None = None,
    options: report.GradebookOptions | None = None,
    reveal: bool | None = None,
    *,
    layout: str | None = None,
    tally: Tally | None = None,
) -> list[SubmissionResult]:
    """Grade every submission in ``folder`` (a folder or an LMS .zip) into ``out``; finished,
    unchanged ones are reused.

    ``shard=(k, n)`` grades only the k-th of n deterministic parts (see :func:`in_shard`).
    ``students`` regrades just those students; ``tasks`` regrades just those tasks' cases and
    keeps every other task's result as it was (after a test fix). Other rows are untouched.
    ``options.roster``: one row per roster student (``missing`` without a submission);
    ``layout`` overrides the recognised download layout; ``tally`` receives the counts.
    """
    options = options or report.GradebookOptions()
    tally = tally if tally is not None else Tally()
    jobs = jobs or default_jobs()
    if not folder.exists():  # before OUT is made: a mistyped path leaves nothing behind
        raise UserError(f"제출 폴더가 없습니다: {folder}", f"Submissions folder not found: {folder}")
    report.claim_output(out, exercise.id, folder)
    sandbox = sandbox or choose()
    announce(sandbox)
    stage = Path(tempfile.mkdtemp(prefix="nnkit-intake-"))
    try:
        return _grade_download(exercise, folder, out, jobs, force, progress, sandbox, shard, students, tasks,
                               options, layout, tally, stage, reveal)  # fmt: skip
    finally:
        clear_stage(stage)


def _grade_download(exercise: Exercise, folder: Path, out: Path, jobs: int, force: bool, progress: bool,
                    sandbox: Sandbox, shard: tuple[int, int] | None, students: set[str] | None,
                    tasks: set[str] | None, options: report.GradebookOptions, layout: str | None,
                    tally: Tally, stage: Path, reveal: bool | None = None) -> list[SubmissionResult]:  # fmt: skip
    """The body of :func:`grade_folder`, with the download unpacked into ``stage``."""
    intake = read_download(folder, exercise, stage, options.roster, layout, skip={out})
    tally.layout, tally.unmatched = intake.line, intake.unmatched
    tally.ignored = sum(f.use in ("ignored", "unmatched", "ambiguous") for f in intake.found)
    subs = intake.submissions
    missing = intake.missing
    if shard:
        subs = [s for s in subs if in_shard(s.student, *shard)]
        missing = [m for m in missing if in_shard(m, *shard)]
    if students:
        students = {student_id(s) for s in students}
        unknown = sorted(students - {s.student for s in subs} - set(missing))
        if unknown:
            raise UserError(f"그런 학생이 없습니다: {unknown}", f"No such student(s): {unknown}")
    if tasks:
        unknown = sorted(tasks - {t.id for t in exercise.tasks})
        if unknown:
            raise UserError(f"그런 과제 번호가 없습니다: {unknown}", f"No such task(s): {unknown}")
    ctx = GradingContext.build(exercise, hidden=True, jobs=jobs, sandbox=sandbox, reveal=reveal)
    cases, key = list(ctx.cases), ctx.suite_key
    done: dict[str, SubmissionResult] = {}
    todo = []
    # each previous result read once; --force needs them only to keep untouched tasks (--task)
    loaded = {s.student: report.load_result(out, s.student) for s in subs} if tasks or not force else {}
    for sub in subs:
        previous = None if force else loaded[sub.student]
        selected = (students is None or sub.student in students) and (tasks is None or previous is not None)
        if previous and not selected:
            done[sub.student] = previous
        elif (
            previous
            and not students
            and not tasks
            and previous.sha256 == sub.sha256
            and previous.suite_key == key
        ):
            done[sub.student] = previous
        else:
            todo.append(sub)
    tally.reused = len(done)
    if tasks:
        partial_cases = [c for c in cases if c.task in tasks]
        previous_of = {s.student: loaded[s.student] for s in todo}

        def grade_one(s: Submission) -> SubmissionResult:
            old = previous_of.get(s.student)
            if old is None or old.sha256 != s.sha256:  # new or changed: grade it whole
                return grade_submission(ctx, s)
            return replace_tasks(exercise, old, grade_submission(ctx, s, partial_cases), tasks)
    else:

        def grade_one(s: Submission) -> SubmissionResult:
            return grade_submission(ctx, s)

    with report.writing(out):
        for student in missing:  # a roster student with nothing handed in: a row, not a gap
            nothing = Submission(student, folder, None, "", problem=NO_SUBMISSION)
            result = dataclasses.replace(grade_submission(ctx, nothing), missing=True)
            if report.load_result(out, student) != result:
                report.write_submission(out, exercise, result)
            done[student] = result
    tally.missing = len(missing)
    bar = report.progress(len(subs), initial=tally.reused, enabled=progress, label=exercise.id)
    executor = ThreadPoolExecutor(max(1, jobs))
    try:
        # one worker started ahead per thread, while there is a next submission for it
        with pool.spares(max(1, jobs) if len(todo) > jobs else 0), report.writing(out):
            futures = {executor.submit(grade_one, s): s for s in todo}
            for future in as_completed(futures):
                result = future.result()
                report.write_submission(out, exercise, result)
                done[result.student] = result
                tally.graded += 1
                bar.update(result)
    except BaseException:  # Ctrl-C: what is written stays; nothing half-graded is written
        pool.stop_all()
        executor.shutdown(wait=True, cancel_futures=True)
        pool.resume_all()
        raise
    executor.shutdown()
    bar.close()
    results = [done[s] for s in sorted(done)]
    write_outputs(out, exercise, results, sandbox, options, found=intake.found, shard=shard)
    return results


NO_SUBMISSION = Msg("제출물이 없습니다.", "No submission was handed in.")


def write_outputs(
    out: Path,
    exercise: Exercise,
    results: list[SubmissionResult],
    sandbox: Sandbox,
    options: report.GradebookOptions | None = None,
    found: list[Found] | None = None,
    shard: tuple[int, int] | None = None,
) -> tuple[str, ...]:
    """The class-level files: gradebook (and LMS file), metadata, intake.csv, report.html,
    summary.png. Returns the students the LMS file could not place."""
    options = options or report.GradebookOptions()
    with report.writing(out):
        (out / "results").mkdir(parents=True, exist_ok=True)  # even for an empty shard: merge reads it
        if found is not None:
            write_intake_csv(out, found, options.excel)
        unplaced = report.write_gradebook(out, exercise, results, sandbox, options, shard)
        note = sandbox.notice.render() if sandbox.notice else f"sandbox: {sandbox.description}"
        write_class_report(out, exercise, results, note)
    return unplaced


def in_shard(student: str, k: int, n: int) -> bool:
    """Shard k of n (1-based): decided by the student id alone, so shards never overlap."""
    return zlib.crc32(student.encode("utf-8")) % n == k - 1


def replace_tasks(
    exercise: Exercise, old: SubmissionResult, fresh: SubmissionResult, tasks: set[str]
) -> SubmissionResult:
    """``old`` with the cases of ``tasks`` taken from ``fresh`` (a regrade of those tasks only)."""
    new_cases = {c.name: c for c in fresh.cases}
    cases = tuple(new_cases.get(c.name, c) if c.task in tasks else c for c in old.cases)
    cases += tuple(c for c in fresh.cases if c.name not in {o.name for o in old.cases})
    kept = {
        f: getattr(old, f)
        for f in ("student", "exercise", "file", "sha256", "warnings", "problem", "sandbox")
    }
    return _summarise(
        exercise,
        cases,
        suite_key=fresh.suite_key,
        load_errors=fresh.load_errors,
        output=fresh.output,
        output_bytes=fresh.output_bytes,
        seconds=fresh.seconds,
        limits_hit=fresh.limits_hit,
        **kept,
    )


def merge_outputs(
    exercise: Exercise,
    shard_outs: list[Path],
    out: Path,
    sandbox: Sandbox | None = None,
    options: report.GradebookOptions | None = None,
    tally: Tally | None = None,
) -> list[SubmissionResult]:
    """Combine shard output folders into one, as if graded on one machine.

    Refused: a shard of another exercise or test version, a student who differs between
    shards, and a missing shard (each shard's metadata says ``k/n``). A result file of a student
    no longer in a shard's gradebook (left from an earlier run) is not merged, and is named.
    """
    tally = tally if tally is not None else Tally()
    by_student: dict[str, SubmissionResult] = {}
    parts: dict[int, set[int]] = {}
    found: dict[tuple, Found] = {}
    for folder in shard_outs:
        results_dir = folder / "results"
        if not results_dir.is_dir():
            raise UserError(f"결과 폴더가 없습니다: {results_dir}", f"No results folder: {results_dir}")
        try:
            meta = json.loads((folder / "gradebook.meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise UserError(
                f"{folder}: gradebook.meta.json이 없습니다. 이 샤드의 채점이 끝나지 않았습니다.",
                f"{folder}: no gradebook.meta.json; this shard's grading did not finish.",
            ) from None
        if meta.get("exercise") != exercise.id:
            raise UserError(
                f"{folder}: 이 과제의 결과가 아닙니다", f"{folder}: not a result of {exercise.id}"
            )
        if meta.get("shard"):
            k, n = meta["shard"]
            parts.setdefault(n, set()).add(k)
        listed = meta.get("students")
        for path in sorted(results_dir.glob("*.json")):
            r = report.load_result_file(path)
            if r is None or r.exercise != exercise.id:
                raise UserError(
                    f"{path}: 이 과제의 결과가 아닙니다", f"{path}: not a result of {exercise.id}"
                )
            if listed is not None and r.student not in listed:
                tally.stale.append(f"{folder.name}/results/{path.name}")
                continue
            if r.student in by_student and by_student[r.student] != r:
                raise UserError(
                    f"학생 '{r.student}'의 결과가 두 샤드에서 다릅니다",
                    f"Student '{r.student}' differs between shards",
                )
            by_student[r.student] = r
        for f in report.read_intake_csv(folder):
            found[(f.path, f.student, f.use)] = f
    if len(parts) > 1:
        raise UserError(
            f"샤드 수가 서로 다릅니다: {sorted(parts)}", f"Shards of different splits: {sorted(parts)}"
        )
    for n, got in parts.items():
        absent = sorted(set(range(1, n + 1)) - got)
        if absent:
            shown = ", ".join(f"{k}/{n}" for k in absent)
            raise UserError(f"샤드가 빠졌습니다: {shown}. 모든 샤드의 --out을 주세요.",
                            f"Missing shard(s): {shown}. Give every shard's --out.")  # fmt: skip
    keys = {r.suite_key for r in by_student.values() if not r.missing}
    if len(keys) > 1:
        raise UserError(
            f"샤드들이 서로 다른 테스트 버전으로 채점되었습니다: {sorted(keys)}",
            f"Shards were graded with different test versions: {sorted(keys)}",
        )
    report.claim_output(out, exercise.id)
    results = [by_student[s] for s in sorted(by_student)]
    with report.writing(out):
        for r in results:
            report.write_submission(out, exercise, r)
    tally.graded = sum(not r.missing for r in results)
    tally.missing = sum(r.missing for r in results)
    write_outputs(out, exercise, results, sandbox or choose(), options, found=list(found.values()) or None)
    return results


def check(exercise: Exercise, path: Path, sandbox: Sandbox | None = None) -> SubmissionResult:
    """The student's self-check: public cases only, literal expected values, no reference."""
    from autograder.discover import load_submission

    if not path.exists():
        raise UserError(f"파일이 없습니다: {path}", f"File not found: {path}")
    sub = load_submission(path.stem, path, exercise)
    sandbox = sandbox or choose()
    announce(sandbox)
    return grade_submission(GradingContext.build(exercise, hidden=False, sandbox=sandbox), sub)
