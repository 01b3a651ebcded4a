"""Grading a folder or an LMS download: resume, partial regrades, shards and their merge.

Each submission is graded and its files written as soon as it is done, so an interrupted batch
resumes where it stopped; the gradebook and class report are written at the end.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.files import claim_output, writing
from autograder.core.paths import default_jobs
from autograder.core.results import SubmissionResult
from autograder.discover.submissions import Found, Submission, student_id
from autograder.engine.context import GradingContext
from autograder.engine.grade import _summarise, grade_submission
from autograder.exercises import Exercise
from autograder.intake.download import Tally, clear_stage, read_download, read_intake_csv, write_intake_csv
from autograder.report import console
from autograder.report.class_report import write_class_report
from autograder.report.gradebook import (
    load_result,
    load_result_file,
    write_gradebook,
    write_submission,
)
from autograder.report.lms import GradebookOptions
from autograder.runtime.spec import Msg
from autograder.sandbox import pool
from autograder.sandbox.confine import Sandbox, announce, choose


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
    options: GradebookOptions | None = None,
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
    options = options or GradebookOptions()
    tally = tally if tally is not None else Tally()
    jobs = jobs or default_jobs()
    if not folder.exists():  # before OUT is made: a mistyped path leaves nothing behind
        raise UserError(f"제출 폴더가 없습니다: {folder}", f"Submissions folder not found: {folder}")
    claim_output(out, exercise.id, folder)
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
                    tasks: set[str] | None, options: GradebookOptions, layout: str | None,
                    tally: Tally, stage: Path, reveal: bool | None = None) -> list[SubmissionResult]:  # fmt: skip
    """The body of :func:`grade_folder`, with the download unpacked into ``stage``."""
    intake = read_download(
        folder, exercise, stage, options.roster, layout, skip={out}, deadline=options.deadline
    )
    tally.layout, tally.unmatched = intake.line, intake.unmatched
    tally.ignored = sum(f.use in ("ignored", "unmatched", "ambiguous") for f in intake.found)
    subs = intake.submissions
    missing = intake.missing
    conflicts = intake.conflicts  # students whose row is ambiguous (named, never guessed)
    if shard:
        subs = [s for s in subs if in_shard(s.student, *shard)]
        missing = [m for m in missing if in_shard(m, *shard)]
        conflicts = {c: m for c, m in conflicts.items() if in_shard(c, *shard)}
    if students:
        students = {student_id(s) for s in students}
        unknown = sorted(students - {s.student for s in subs} - set(missing) - set(conflicts))
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
    loaded = {s.student: load_result(out, s.student) for s in subs} if tasks or not force else {}
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

    done.update(_placeholder_rows(ctx, out, exercise, folder, missing, conflicts))
    tally.missing, tally.ambiguous = len(missing), len(conflicts)
    bar = console.progress(len(subs), initial=tally.reused, enabled=progress, label=exercise.id)
    executor = ThreadPoolExecutor(max(1, jobs))
    try:
        # one worker started ahead per thread, while there is a next submission for it
        with pool.spares(max(1, jobs) if len(todo) > jobs else 0), writing(out):
            futures = {executor.submit(grade_one, s): s for s in todo}
            for future in as_completed(futures):
                result = dataclasses.replace(future.result(), late=futures[future].late)  # the LMS's word
                write_submission(out, exercise, result)
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
    _update_late(out, exercise, done, subs)
    results = [done[s] for s in sorted(done)]
    write_outputs(out, exercise, results, sandbox, options, found=intake.found, shard=shard)
    return results


NO_SUBMISSION = Msg("제출물이 없습니다.", "No submission was handed in.")


def _placeholder_rows(ctx: GradingContext, out: Path, exercise: Exercise, folder: Path, missing: list[str],
                      conflicts: dict[str, Msg]) -> dict[str, SubmissionResult]:  # fmt: skip
    """A row for each roster student with nothing handed in (``missing``) and each student intake
    could not tell a submission's owner for (``ambiguous``, the conflict named): rows, not gaps."""
    rows = {}
    placeholders = [(s, NO_SUBMISSION, {"missing": True}) for s in missing]
    placeholders += [(s, why, {"ambiguous": True}) for s, why in conflicts.items()]
    with writing(out):
        for student, why, flag in placeholders:
            nothing = Submission(student, folder, None, "", problem=why)
            result = dataclasses.replace(grade_submission(ctx, nothing), **flag)
            if load_result(out, student) != result:
                write_submission(out, exercise, result)
            rows[student] = result
    return rows


def _update_late(
    out: Path, exercise: Exercise, done: dict[str, SubmissionResult], subs: list[Submission]
) -> None:
    """A result reused from an earlier run takes ``late`` from this download (a new --deadline)."""
    with writing(out):
        for sub in subs:
            old = done.get(sub.student)
            if old is not None and old.late != sub.late:
                done[sub.student] = dataclasses.replace(old, late=sub.late)
                write_submission(out, exercise, done[sub.student])


def write_outputs(
    out: Path,
    exercise: Exercise,
    results: list[SubmissionResult],
    sandbox: Sandbox,
    options: GradebookOptions | None = None,
    found: list[Found] | None = None,
    shard: tuple[int, int] | None = None,
) -> tuple[str, ...]:
    """The class-level files: gradebook (and LMS file), metadata, intake.csv, report.html,
    summary.png. Returns the students the LMS file could not place."""
    options = options or GradebookOptions()
    with writing(out):
        (out / "results").mkdir(parents=True, exist_ok=True)  # even for an empty shard: merge reads it
        if found is not None:
            write_intake_csv(out, found, options.excel)
        unplaced = write_gradebook(out, exercise, results, sandbox, options, shard)
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
    options: GradebookOptions | None = None,
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
            r = load_result_file(path)
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
        for f in read_intake_csv(folder):
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
    claim_output(out, exercise.id)
    results = [by_student[s] for s in sorted(by_student)]
    with writing(out):
        for r in results:
            write_submission(out, exercise, r)
    tally.graded = sum(not r.missing for r in results)
    tally.missing = sum(r.missing for r in results)
    write_outputs(out, exercise, results, sandbox or choose(), options, found=list(found.values()) or None)
    return results
