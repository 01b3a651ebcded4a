"""Grading a folder or an LMS download: resume, partial regrades, shards and their merge.

Each submission is graded and its files written as soon as it is done, so an interrupted batch
resumes where it stopped; the gradebook and class report are written at the end.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.files import claim_output, output_lock, safe_name, terminal_safe, valid_text, writing
from autograder.core.paths import default_jobs
from autograder.core.results import CaseResult, SubmissionResult
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
    if jobs is not None and jobs < 1:
        raise UserError(f"jobs는 1 이상이어야 합니다: {jobs}", f"jobs must be at least 1: {jobs}")
    jobs = jobs or default_jobs()
    if not folder.exists():  # before OUT is made: a mistyped path leaves nothing behind
        raise UserError(f"제출 폴더가 없습니다: {folder}", f"Submissions folder not found: {folder}")
    claim_output(out, exercise.id, folder)
    sandbox = sandbox or choose()
    announce(sandbox)
    with output_lock(out):
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
    # conflicts: students whose row is ambiguous (named, never guessed)
    subs, missing, conflicts, students = _select(
        exercise, intake.submissions, intake.missing, intake.conflicts, shard, students, tasks
    )
    ctx = GradingContext.build(exercise, hidden=True, jobs=jobs, sandbox=sandbox, reveal=reveal)
    # each previous result read once; --force needs them only to keep untouched tasks (--task)
    loaded = {s.student: load_result(out, s.student) for s in subs} if tasks or not force else {}
    done, todo = _plan(subs, loaded, force, students, tasks, ctx.suite_key)
    tally.reused = len(done)
    grade_one = _grader(ctx, tasks, {s.student: loaded.get(s.student) for s in todo})
    done.update(_placeholder_rows(ctx, out, folder, missing, conflicts))
    tally.missing, tally.ambiguous = len(missing), len(conflicts)
    _grade_all(exercise, out, todo, grade_one, jobs, progress, tally, done)
    _update_late(out, exercise, done, subs)
    results = [done[s] for s in sorted(done)]
    write_outputs(out, exercise, results, sandbox, options, found=intake.found, shard=shard)
    return results


def _select(exercise: Exercise, subs: list[Submission], missing: list[str], conflicts: dict[str, Msg],
            shard: tuple[int, int] | None, students: set[str] | None,
            tasks: set[str] | None) -> tuple[list, list, dict, set[str] | None]:  # fmt: skip
    """The submissions, missing and ambiguous students this run covers; unknown students or tasks refused."""
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
    return subs, missing, conflicts, students


def _plan(subs: list[Submission], loaded: dict[str, SubmissionResult | None], force: bool,
          students: set[str] | None, tasks: set[str] | None, key: str) -> tuple[dict, list]:  # fmt: skip
    """Which results are kept as they are (``done``) and which submissions are graded (``todo``)."""
    done: dict[str, SubmissionResult] = {}
    todo = []
    for sub in subs:
        previous = None if force else loaded[sub.student]
        selected = (students is None or sub.student in students) and (tasks is None or previous is not None)
        unchanged = previous and previous.sha256 == sub.sha256 and previous.suite_key == key
        if previous and (not selected or (unchanged and not students and not tasks)):
            done[sub.student] = previous
        else:
            todo.append(sub)
    return done, todo


def _grader(ctx: GradingContext, tasks: set[str] | None, previous_of: dict[str, SubmissionResult | None]):
    """How one submission is graded: whole, or (``--task``) only those tasks' cases."""
    partial_cases = [c for c in ctx.cases if tasks and c.task in tasks]

    def grade_one(s: Submission) -> SubmissionResult:
        old = previous_of.get(s.student)
        if not tasks or old is None or old.sha256 != s.sha256:  # new or changed: grade it whole
            return grade_submission(ctx, s)
        return replace_tasks(ctx.exercise, old, grade_submission(ctx, s, partial_cases), tasks)

    def guarded(s: Submission) -> SubmissionResult:
        try:
            return grade_one(s)
        except pool.Interrupted:
            raise
        except Exception as exc:  # noqa: BLE001 - one submission never stops the class
            cases = [(c.name, c.task, c.hidden, c.points) for c in ctx.cases]
            common = dict(student=s.student, exercise=ctx.exercise.id, file=valid_text(s.path.name),
                          sha256=s.sha256, suite_key=ctx.suite_key, sandbox=ctx.sandbox.name)  # fmt: skip
            return failed_row(
                ctx.exercise, cases, exc, ("채점하지 못했습니다", "The grader failed"), **common
            )

    return guarded


def _placeholder_rows(ctx: GradingContext, out: Path, folder: Path, missing: list[str],
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
                result = record(out, ctx.exercise, result)
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
                done[sub.student] = record(out, exercise, dataclasses.replace(old, late=sub.late))


def _grade_all(exercise: Exercise, out: Path, todo: list[Submission], grade_one, jobs: int, progress: bool,
               tally: Tally, done: dict[str, SubmissionResult]) -> None:  # fmt: skip
    """Grade ``todo`` on ``jobs`` threads, each result written as soon as it is done."""
    bar = console.progress(
        len(todo) + tally.reused, initial=tally.reused, enabled=progress, label=exercise.id
    )
    if todo:
        _prewarm()
    executor = ThreadPoolExecutor(max(1, jobs))
    try:
        # one worker started ahead per thread, while there is a next submission for it
        with pool.spares(max(1, jobs) if len(todo) > jobs else 0), writing(out):
            futures = {executor.submit(grade_one, s): s for s in todo}
            for future in as_completed(futures):
                late = futures[future].late  # the LMS's word, not the grader's
                result = record(out, exercise, dataclasses.replace(future.result(), late=late))
                done[result.student] = result
                tally.graded += 1
                _guarded(lambda: bar.update(result))
    except BaseException:  # Ctrl-C: what is written stays; nothing half-graded is written
        pool.stop_all()
        executor.shutdown(wait=True, cancel_futures=True)
        pool.resume_all()
        raise
    executor.shutdown()
    bar.close()


def _prewarm() -> None:
    """Import what the files at the end need (matplotlib, fontTools, jinja2: 1-3 s) on a thread
    of its own while the submissions are graded, instead of after the last one, when nothing else
    runs. Nothing is written; a failure here is met again, and reported, where it is used."""

    def work() -> None:
        try:
            import jinja2  # noqa: F401
            import matplotlib.backends.backend_agg  # noqa: F401
            import matplotlib.figure  # noqa: F401

            from autograder.report.plots import curve_font

            curve_font()  # fontTools and the plot's font subset
        except Exception:  # noqa: BLE001, S110 - only a head start
            pass

    threading.Thread(target=work, name="nnkit-prewarm", daemon=True).start()


def record(out: Path, exercise: Exercise, result: SubmissionResult) -> SubmissionResult:
    """Write one submission's files; whatever fails there (bar a full or unwritable OUT) becomes
    that submission's ``grader_error`` row and the batch goes on. Returns the row as written."""
    try:
        write_submission(out, exercise, result)
        return result
    except OSError:
        raise  # OUT itself: the TA's message from ``writing``, nothing is lost
    except Exception as exc:  # noqa: BLE001 - one submission's data never stops the class
        failed = writing_failed(exercise, result, exc)
    try:
        write_submission(out, exercise, failed)
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - the row is still in the gradebook; a rerun grades it again
        for stale in (out / "results" / f"{safe_name(failed.student)}.json",):
            stale.unlink(missing_ok=True)
    return failed


def writing_failed(exercise: Exercise, result: SubmissionResult, exc: BaseException) -> SubmissionResult:
    """The row of a submission whose files could not be written: ``grader_error``, zero, the reason."""
    cases = [(c.name, c.task, c.hidden, c.max_points) for c in result.cases]
    kept = {f: getattr(result, f) for f in ("student", "exercise", "sha256", "suite_key", "sandbox")}
    what = ("채점 결과 파일을 쓰지 못했습니다", "The grader could not write this submission's files")
    return failed_row(exercise, cases, exc, what, file=valid_text(result.file), **kept)


def failed_row(ex: Exercise, cases: list[tuple], exc: BaseException, what: tuple[str, str],
               **common) -> SubmissionResult:  # fmt: skip
    """A ``grader_error`` row: every case (name, task, hidden, points) zero, and the TA's message."""
    detail = valid_text(f"{type(exc).__name__}: {str(exc)[:300]}")
    print(terminal_safe(f"nnkit: {what[1]} ({common['student']!r}): {detail}"), file=sys.stderr)
    problem = Msg(
        f"{what[0]} ({detail}). 학생의 잘못이 아닙니다. 조교는 이 학생만 다시 채점하세요 (--student).",
        f"{what[1]} ({detail}); not the student's fault: regrade this student alone (--student).",
    )
    rows = tuple(CaseResult(n, t, h, 0.0, p, "grader_error", problem) for n, t, h, p in cases)
    return _summarise(ex, rows, grader_error=problem, **common)


def _guarded(step) -> None:
    """A console nicety (the progress bar) never stops the batch."""
    try:
        step()
    except Exception:  # noqa: BLE001
        pass


NO_SUBMISSION = Msg("제출물이 없습니다.", "No submission was handed in.")


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
        try:
            write_class_report(out, exercise, results, note, found)
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - the gradebook is written; the report is a view of it
            why = valid_text(f"{type(exc).__name__}: {str(exc)[:300]}")
            print(terminal_safe(Msg(f"nnkit: report.html을 쓰지 못했습니다 ({why}). 성적표는 그대로 있습니다.",
                                    f"nnkit: could not write report.html ({why}); the gradebook is complete.")
                                .render(sep="\n")), file=sys.stderr)  # fmt: skip
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
        meta = _shard_meta(folder, exercise)
        if meta.get("shard"):
            k, n = meta["shard"]
            parts.setdefault(n, set()).add(k)
        _merge_shard(folder, exercise, meta.get("students"), by_student, tally)
        for f in read_intake_csv(folder):
            found[(f.path, f.student, f.use)] = f
    _check_parts(parts)
    keys = {r.suite_key for r in by_student.values() if not r.missing}
    if len(keys) > 1:
        raise UserError(
            f"샤드들이 서로 다른 테스트 버전으로 채점되었습니다: {sorted(keys)}",
            f"Shards were graded with different test versions: {sorted(keys)}",
        )
    claim_output(out, exercise.id)
    with output_lock(out):
        with writing(out):
            results = [record(out, exercise, by_student[s]) for s in sorted(by_student)]
        tally.graded = sum(not r.missing for r in results)
        tally.missing = sum(r.missing for r in results)
        write_outputs(
            out, exercise, results, sandbox or choose(), options, found=list(found.values()) or None
        )
    return results


def _shard_meta(folder: Path, exercise: Exercise) -> dict:
    """A shard's metadata; refused if it has no results, did not finish, or is another exercise's."""
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
        raise UserError(f"{folder}: 이 과제의 결과가 아닙니다", f"{folder}: not a result of {exercise.id}")
    return meta


def _merge_shard(folder: Path, exercise: Exercise, listed: list[str] | None,
                 by_student: dict[str, SubmissionResult], tally: Tally) -> None:  # fmt: skip
    """Add one shard's results to ``by_student``; a student who differs between shards is refused."""
    for path in sorted((folder / "results").glob("*.json")):
        r = load_result_file(path)
        if r is None or r.exercise != exercise.id:
            raise UserError(f"{path}: 이 과제의 결과가 아닙니다", f"{path}: not a result of {exercise.id}")
        if listed is not None and r.student not in listed:
            tally.stale.append(f"{folder.name}/results/{path.name}")
            continue
        if r.student in by_student and by_student[r.student] != r:
            raise UserError(
                f"학생 '{r.student}'의 결과가 두 샤드에서 다릅니다",
                f"Student '{r.student}' differs between shards",
            )
        by_student[r.student] = r


def _check_parts(parts: dict[int, set[int]]) -> None:
    """Every shard of one split is there."""
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
