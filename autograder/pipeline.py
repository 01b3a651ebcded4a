"""The grading pipeline: discover -> run -> judge -> report, for one submission or a folder.

Expected outputs (the reference's, and each known mistake's for hint matching) are computed by
running those files through the same worker machinery, then cached under ``.cache/nnkit``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from autograder import report
from autograder import run as runner
from autograder.class_report import write_class_report
from autograder.discover import Cell, Found, Submission, student_id
from autograder.errors import UserError
from autograder.exercises import ROOT, Exercise
from autograder.intake import Tally, clear_stage, read_download, write_intake_csv
from autograder.judge import CaseResult, judge_case
from autograder.run import Outcome, run_submission
from autograder.sandbox import Sandbox, announce, choose
from autograder.spec import Case, Msg


@dataclass(frozen=True)
class SubmissionResult:
    student: str
    exercise: str
    file: str
    sha256: str
    suite_key: str
    score: float
    max_score: float
    tasks: dict[str, list[float]]  # task id -> [score, max]
    cases: tuple[CaseResult, ...]
    load_errors: tuple[dict, ...] = ()
    warnings: tuple[Msg, ...] = ()
    problem: Msg | None = None
    output: str = ""
    output_bytes: int = 0
    seconds: float = 0.0
    limits_hit: tuple[str, ...] = ()
    sandbox: str = ""
    curve: dict | None = None  # a learning curve beside the reference's, for the feedback plot
    missing: bool = False  # a roster student with no submission (intake)

    @property
    def status(self) -> str:
        if self.missing:
            return "missing"
        if self.problem:
            return "unreadable"
        if self.limits_hit:
            return "limit:" + "+".join(self.limits_hit)
        if self.load_errors:
            return "load_error"
        return "ok"

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> SubmissionResult:
        def msg(m: dict | None) -> Msg | None:
            return Msg(**m) if m else None

        cases = tuple(
            CaseResult(
                **{
                    **c,
                    "message": Msg(**c["message"]),
                    "hints": tuple((h[0], Msg(**h[1])) for h in c["hints"]),
                }
            )
            for c in d["cases"]
        )
        return cls(
            **{
                **d,
                "cases": cases,
                "load_errors": tuple(d["load_errors"]),
                "warnings": tuple(Msg(**w) for w in d["warnings"]),
                "problem": msg(d["problem"]),
                "limits_hit": tuple(d["limits_hit"]),
            }
        )


@dataclass
class Expected:
    reference: dict[str, Outcome] = field(default_factory=dict)
    mistakes: dict[str, dict[str, Outcome]] = field(default_factory=dict)


def suite_sources(exercise: Exercise, hidden: bool) -> list[dict]:
    return [{"name": p.name, "source": p.read_text(encoding="utf-8")} for p in exercise.suite_paths(hidden)]


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
    sources = suite_sources(exercise, hidden=True)

    def run(source: str) -> dict[str, Outcome]:
        cell = Cell(exercise.filename, source)
        return run_submission(exercise.module, [cell], sources, cases, exercise.limits, sandbox).outcomes

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        results = dict(zip(variants, pool.map(run, variants.values())))
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
    return expected.reference[case.name].value if expected else None


def grade_submission(
    exercise: Exercise,
    sub: Submission,
    cases: list[Case],
    sources: list[dict],
    expected: Expected | None,
    sandbox: Sandbox,
    suite_key: str = "",
) -> SubmissionResult:
    task_name = {t.id: t.name for t in exercise.tasks}
    common = dict(
        student=sub.student,
        exercise=exercise.id,
        file=str(sub.file.name if sub.file else sub.path.name),
        sha256=sub.sha256,
        suite_key=suite_key,
        warnings=sub.warnings,
        sandbox=sandbox.name,
    )
    if sub.problem:
        results = tuple(
            CaseResult(c.name, c.task, c.hidden, 0.0, c.points, "error", sub.problem) for c in cases
        )
        return _summarise(exercise, results, problem=sub.problem, **common)
    run = run_submission(
        exercise.module, sub.cells, sources, cases, exercise.limits, sandbox, sub.extra_files, exercise.warm
    )
    results = []
    curve = learning_curve(cases, run.outcomes, expected)
    for case in cases:
        mistakes = None
        if expected and expected.mistakes:
            mistakes = {
                m.id: (m, expected.mistakes[m.id][case.name])
                for m in exercise.mistakes
                if m.id in expected.mistakes
            }
        results.append(
            judge_case(
                case,
                run.outcomes[case.name],
                expected_value(case, expected),
                task_name[case.task],
                mistakes,
                exercise.limits,
            )
        )
    return _summarise(
        exercise,
        tuple(results),
        load_errors=tuple(run.load_errors),
        output=run.output,
        output_bytes=run.output_bytes,
        seconds=round(run.seconds, 3),
        limits_hit=tuple(run.limits_hit),
        curve=curve,
        **common,
    )


CURVE_KEYS = ("cost_", "cost", "train_loss_list", "loss_list")


def _curve_in(value: Any, depth: int = 0) -> tuple[str, list[float]] | None:
    if not isinstance(value, dict) or depth > 2:
        return None
    for key, item in value.items():
        if key in CURVE_KEYS:
            arr = np.asarray(item) if isinstance(item, (list, np.ndarray)) else None
            if arr is not None and arr.ndim == 1 and arr.size >= 2 and arr.dtype.kind == "f":
                return str(key), [float(v) for v in arr]
        found = _curve_in(item, depth + 1)
        if found:
            return found
    return None


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
                               options, layout, tally, stage)  # fmt: skip
    finally:
        clear_stage(stage)


def _grade_download(exercise: Exercise, folder: Path, out: Path, jobs: int, force: bool, progress: bool,
                    sandbox: Sandbox, shard: tuple[int, int] | None, students: set[str] | None,
                    tasks: set[str] | None, options: report.GradebookOptions, layout: str | None,
                    tally: Tally, stage: Path) -> list[SubmissionResult]:  # fmt: skip
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
    cases = exercise.cases(hidden=True)
    if tasks:
        unknown = sorted(tasks - {t.id for t in exercise.tasks})
        if unknown:
            raise UserError(f"그런 과제 번호가 없습니다: {unknown}", f"No such task(s): {unknown}")
    key = exercise.suite_key()
    expected = expected_outputs(exercise, cases, jobs, sandbox)
    sources = suite_sources(exercise, hidden=True)
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

        def grade_one(ex, s, _cases, *rest):
            old = previous_of.get(s.student)
            if old is None or old.sha256 != s.sha256:  # new or changed: grade it whole
                return grade_submission(ex, s, cases, *rest)
            return replace_tasks(ex, old, grade_submission(ex, s, partial_cases, *rest), tasks)
    else:
        grade_one = grade_submission
    with report.writing(out):
        for student in missing:  # a roster student with nothing handed in: a row, not a gap
            nothing = Submission(student, folder, None, "", problem=NO_SUBMISSION)
            result = dataclasses.replace(
                grade_submission(exercise, nothing, cases, sources, expected, sandbox, key), missing=True
            )
            if report.load_result(out, student) != result:
                report.write_submission(out, exercise, result)
            done[student] = result
    tally.missing = len(missing)
    bar = report.progress(len(subs), initial=tally.reused, enabled=progress, label=exercise.id)
    pool = ThreadPoolExecutor(max(1, jobs))
    try:
        # one worker started ahead per thread, while there is a next submission for it
        with runner.spares(max(1, jobs) if len(todo) > jobs else 0), report.writing(out):
            futures = {
                pool.submit(grade_one, exercise, s, cases, sources, expected, sandbox, key): s for s in todo
            }
            for future in as_completed(futures):
                result = future.result()
                report.write_submission(out, exercise, result)
                done[result.student] = result
                tally.graded += 1
                bar.update(result)
    except BaseException:  # Ctrl-C: what is written stays; nothing half-graded is written
        runner.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        runner.resume_all()
        raise
    pool.shutdown()
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
    cases = exercise.cases(hidden=False)
    sandbox = sandbox or choose()
    announce(sandbox)
    return grade_submission(exercise, sub, cases, suite_sources(exercise, hidden=False), None, sandbox)
