"""``python -m autograder``: check, grade, demo, validate, assign, list.

Errors in the user's input are printed in Korean and English with exit status 2, never as a
traceback from the engine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.paths import ROOT, STUDENT_MARKER
from autograder.exercises import all_exercises, get_exercise
from autograder.runtime.spec import Msg

STUDENT_COMMANDS = ("check", "list", "submit")
LANGS = ("both", "ko", "en")


def in_student_bundle() -> bool:
    return STUDENT_MARKER.is_file()


def cmd_check(args: argparse.Namespace) -> int:
    import dataclasses

    from autograder.engine.grade import check
    from autograder.report.console import CheckPrinter
    from autograder.sandbox.confine import choose
    from autograder.student.notebooks import notebook_notes

    exercise = get_exercise(args.exercise)
    path = Path(args.path) if args.path else exercise.stub_path
    # a student checking their own code on their own computer: the TA's sandbox warning is not theirs
    sandbox = dataclasses.replace(choose(), quiet=True) if in_student_bundle() else None
    printer = CheckPrinter(exercise, path.name, args.lang)
    if path.exists():  # a missing file is check's bilingual error, with nothing printed before it
        printer.start()
    result = check(exercise, path, sandbox, watch=printer)
    printer.finish(result)
    for note in notebook_notes(exercise, path, result, run_cells=in_student_bundle()):
        _say(note.render(args.lang, sep="\n"))
    return 0 if result.score == result.max_score and result.max_score > 0 else 1


def _options(args: argparse.Namespace):
    from autograder.intake.download import read_roster
    from autograder.intake.late import parse_deadline
    from autograder.report.lms import GradebookOptions

    roster = read_roster(Path(args.roster)) if getattr(args, "roster", None) else None
    template = Path(args.lms_template) if getattr(args, "lms_template", None) else None
    if template and args.lms not in (None, "canvas"):
        raise UserError(
            "--lms-template은 --lms canvas와 함께 씁니다.", "--lms-template goes with --lms canvas."
        )
    return GradebookOptions(
        excel=args.excel,
        lms=args.lms or ("canvas" if template else None),
        roster=roster,
        lms_template=template,
        lms_column=getattr(args, "lms_column", None),
        lms_key=getattr(args, "lms_key", None) or "idnumber",
        deadline=parse_deadline(args.deadline) if getattr(args, "deadline", None) else None,
    )


def jobs_count(text: str) -> int:
    """``--jobs``: a whole number of at least 1 (argparse prints the bilingual refusal)."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(
            f"--jobs는 1 이상의 정수여야 합니다: {text} · --jobs takes a whole number of at least 1: {text}"
        )
    return jobs


def _say(text: str, err: bool = False) -> None:
    from autograder.core.files import terminal_safe

    print(terminal_safe(text), file=sys.stderr if err else sys.stdout)


def _grade_one_exercise(exercise_id: str, folder: Path, out: Path, args: argparse.Namespace) -> list:
    from autograder.batch.folder import grade_folder
    from autograder.intake.download import Tally
    from autograder.report.console import summary_table

    exercise = get_exercise(exercise_id)
    start = time.monotonic()
    tally = Tally()
    options = _options(args)
    results = grade_folder(
        exercise,
        folder,
        out,
        jobs=args.jobs,
        force=args.force,
        progress=not args.quiet,
        shard=_shard(getattr(args, "shard", None)),
        students=set(args.student) if getattr(args, "student", None) else None,
        tasks=set(args.task) if getattr(args, "task", None) else None,
        options=options,
        layout=getattr(args, "layout", None),
        tally=tally,
        reveal=True if getattr(args, "reveal_hidden", False) else None,
    )
    elapsed = time.monotonic() - start
    _say(f"\n== {exercise.id}: {exercise.title.render()} ==")
    if tally.layout:
        _say(tally.layout.render(args.lang, sep="\n"))
    _say(summary_table(exercise, results))
    for f in tally.unmatched:
        _say(f"! {f.path}: {f.reason.render(args.lang)}", err=True)
    _report_unplaced(out, options, args)
    _say(tally.render().render(args.lang, sep="\n"))
    _say(
        Msg(
            f"{elapsed:.1f}초. 성적표: {out / 'gradebook.csv'}, 받은 파일: {out / 'intake.csv'}",
            f"{elapsed:.1f} s. Gradebook: {out / 'gradebook.csv'}, intake: {out / 'intake.csv'}",
        ).render(args.lang, sep="\n")
    )
    return results


def _report_unplaced(out: Path, options, args: argparse.Namespace) -> None:
    import json

    if not options.lms:
        return
    try:
        unplaced = (
            json.loads((out / "gradebook.meta.json").read_text(encoding="utf-8")).get("lms_unplaced") or []
        )
    except (OSError, ValueError):
        return
    if unplaced:
        names = ", ".join(unplaced)
        _say(
            Msg(
                f"{options.lms}.csv에 넣지 못한 학생: {names}",
                f"Students not placed in {options.lms}.csv: {names}",
            ).render(args.lang, sep="\n"),
            err=True,
        )


def _shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        k, n = (int(x) for x in text.split("/"))
        if not 1 <= k <= n:
            raise ValueError
    except ValueError:
        raise UserError(
            f"--shard는 K/N 꼴이어야 합니다 (1 ≤ K ≤ N): {text}", f"--shard takes K/N with 1 ≤ K ≤ N: {text}"
        ) from None
    return k, n


def cmd_merge(args: argparse.Namespace) -> int:
    from autograder.batch.folder import merge_outputs
    from autograder.intake.download import Tally
    from autograder.report.console import summary_table

    exercise = get_exercise(args.exercise)
    out = Path(args.out)
    options = _options(args)
    tally = Tally()
    results = merge_outputs(exercise, [Path(p) for p in args.shards], out, options=options, tally=tally)
    _say(summary_table(exercise, results))
    for stale in tally.stale:
        _say(
            Msg(
                f"! 샤드의 성적표에 없는 학생의 결과라 합치지 않았습니다: {stale}",
                f"! Not merged, the student is no longer in that shard's gradebook: {stale}",
            ).render(args.lang, sep="\n"),
            err=True,
        )
    _report_unplaced(out, options, args)
    _say(
        Msg(
            f"{len(results)}명을 합쳤습니다: {out / 'gradebook.csv'}",
            f"Merged {len(results)}: {out / 'gradebook.csv'}",
        ).render(args.lang)
    )
    return 0


def cmd_similarity(args: argparse.Namespace) -> int:
    from autograder.report.similarity import console_lines, similarity_report

    exercise = get_exercise(args.exercise)
    if not 0 <= args.threshold <= 1 or args.top < 0:
        raise UserError("--threshold는 0과 1 사이, --top은 0 이상이어야 합니다.",
                        "--threshold must be between 0 and 1 and --top at least 0.")  # fmt: skip
    found = similarity_report(exercise, Path(args.submissions), Path(args.out), args.threshold, args.top)
    for line in console_lines(found):
        _say(line)
    report = Path(args.out) / "similarity.html"
    n, shown = len(found.pairs), min(len(found.pairs), args.top)
    _say(
        Msg(
            f"유사도 {args.threshold:.0%} 이상인 쌍 {n}개 (묶음 {len(found.clusters)}개); 위 {shown}쌍만 보였습니다. "
            f"나머지는 보고서에: {report}",
            f"{n} pair(s) at or above {args.threshold:.0%} in {len(found.clusters)} cluster(s); the top {shown} "
            f"shown. The rest are in the report: {report}",
        ).render(args.lang, sep="\n")
    )
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    _grade_one_exercise(args.exercise, Path(args.submissions), Path(args.out), args)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Grade the bundled sample class: examples/<exercise>/ into OUT/<exercise>/."""
    for exercise in all_exercises().values():
        if exercise.examples_dir.is_dir():
            _grade_one_exercise(exercise.id, exercise.examples_dir, Path(args.out) / exercise.id, args)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from autograder.authoring.validate import validate
    from autograder.report.console import table

    names = args.exercises or list(all_exercises())
    rows = [["exercise", "variant", "score", "expected", "ok", "problem"]]
    ok, notes = True, []
    for name in names:
        for v in validate(get_exercise(name), jobs=args.jobs, notes=notes):
            ok &= v.ok
            rows.append([v.exercise, v.variant, f"{v.score:g}/{v.max_score:g}", f"{v.expected_score:g}",
                         "OK" if v.ok else "FAIL", v.problem])  # fmt: skip
    print(table(rows))
    for note in notes:
        print(f"note: {note}")
    print(
        Msg("검증 통과" if ok else "검증 실패", "validation passed" if ok else "validation FAILED").render()
    )
    return 0 if ok else 1


def cmd_assign(args: argparse.Namespace) -> int:
    from autograder.authoring.assign import assign, chosen, differences

    names = chosen(args.exercises, args.all)
    if args.check:
        wrong = [path for name in names for path in differences(name)]
        for path in wrong:
            print(path)
        print(
            Msg(
                f"마스터와 다른 생성 파일 {len(wrong)}개",
                f"{len(wrong)} generated file(s) differ from the master",
            ).render()
        )
        return 1 if wrong else 0
    for path in assign(names):
        print(path)
    if args.no_validate:
        return 0
    return cmd_validate(argparse.Namespace(exercises=names, jobs=args.jobs))


def cmd_hints(args: argparse.Namespace) -> int:
    from autograder.authoring.hints import run
    from autograder.report.console import table

    names = args.exercises or list(all_exercises())
    rows, wrong = run([get_exercise(n) for n in names], jobs=args.jobs)
    print(table(rows))
    print(
        Msg(
            f"잘못 나온 힌트: {wrong}번" if wrong else "잘못 나온 힌트가 없습니다",
            f"hints shown wrongly: {wrong}" if wrong else "no hint shown wrongly",
        ).render()
    )
    return 1 if wrong else 0


def cmd_reproduce(args: argparse.Namespace) -> int:
    from autograder.authoring.reproduce import reproduce
    from autograder.report.console import table

    names = args.exercises or list(all_exercises())
    rows = reproduce([get_exercise(n) for n in names], progress=not args.quiet)
    printed = [["exercise", "run", "lecture", "reference", "tolerance", "ok", "note"]]
    for r in rows:
        printed.append([r.exercise, r.run.name, r.run.lecture, r.ours, r.run.tolerance,
                        "OK" if r.ok else "DIFFERS", r.run.note])  # fmt: skip
    print(table(printed))
    return 0 if all(r.ok for r in rows) else 1


def cmd_export_otter(args: argparse.Namespace) -> int:
    from autograder.authoring.otter_export import OTTER_VERSION, build_zip

    names = args.exercises or list(all_exercises())
    for name in names:
        path = build_zip(get_exercise(name), Path(args.out))
        print(f"{path}  (otter-grader {OTTER_VERSION})")
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    from autograder.student.notebooks import write_notebooks

    for path in write_notebooks([get_exercise(n) for n in (args.exercises or list(all_exercises()))]):
        print(path.relative_to(ROOT))
    return 0


def cmd_dist(args: argparse.Namespace) -> int:
    from autograder.student.bundle import build

    folder = build(Path(args.out) if args.out else None, args.exercises or None)
    print(Msg(f"학생용 묶음: {folder} (+ .zip)", f"Student bundle: {folder} (+ .zip)").render())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    for e in all_exercises().values():
        tasks = ", ".join(f"{t.id} {t.name}" for t in e.tasks)
        print(f"{e.number}. {e.id} ({e.filename}) — {e.title.render(args.lang)}: {tasks}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from autograder.server.launch import serve

    return serve(args.host, args.port, args.var, args.web_workers, args.graders, args.new_link)


def cmd_worker(args: argparse.Namespace) -> int:
    from autograder.server.launch import worker

    return worker(args.var, args.cache, args.scratch)


def cmd_submit(args: argparse.Namespace) -> int:
    from autograder.student.submit import submit

    return submit(args.exercise, args.path, args.server, args.token, args.lang)


def _staff_only(args: argparse.Namespace) -> int:
    raise UserError(
        f"'{args.command}' 명령은 조교용 채점기에만 있습니다. 학생용 묶음에서는 "
        f"{', '.join(STUDENT_COMMANDS)} 명령을 쓰세요.",
        f"'{args.command}' is a teaching-staff command, not part of the student bundle: "
        f"use {' or '.join(STUDENT_COMMANDS)}.",
    )


class _StudentCommands:
    """The bundle's subcommands: the students' are offered; the TA's are built and left out.

    A TA command typed in the bundle still parses (whatever follows it), to say so in both
    languages rather than with argparse's English "invalid choice".
    """

    def __init__(self, offered: argparse._SubParsersAction):
        self.offered = offered
        offered.metavar = "{" + ",".join(STUDENT_COMMANDS) + "}"
        self.left_out = _Parser(add_help=False).add_subparsers()

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        if name in STUDENT_COMMANDS:
            return self.offered.add_parser(name, **kwargs)
        placeholder = self.offered.add_parser(name, add_help=False)
        placeholder.add_argument("rest", nargs=argparse.REMAINDER)
        placeholder.set_defaults(func=_staff_only)
        return self.left_out.add_parser(name, **kwargs)


LANG_HELP = "메시지 언어 (기본값: 둘 다) · message language (default: both)"
#: Help of the arguments that have none where they are declared, by their ``dest``.
ARG_HELP = {
    "exercise": "과제 id (list로 확인) · exercise id (see list)",
    "exercises": "과제 id, 여럿 가능 (기본값: 모두) · exercise ids (default: all)",
    "submissions": "제출물 폴더나 .zip · folder or .zip of submissions",
    "out": "결과를 쓸 폴더 · output folder",
    "layout": "내려받은 파일의 형식 (기본값: 자동 인식) · the download's layout (default: recognised)",
    "jobs": "동시에 채점할 작업자 수 (기본값: 코어 수) · parallel workers (default: cores)",
    "quiet": "진행 표시 없이 · no progress display",
    "rest": "(조교용 명령 · teaching-staff command)",
}
#: argparse's own errors, in Korean (the English text follows as argparse wrote it).
_ARGPARSE_KO = {
    "the following arguments are required": "다음 인자가 필요합니다",
    "invalid choice": "없는 선택입니다",
    "unrecognized arguments": "알 수 없는 인자입니다",
    "expected one argument": "값이 하나 필요합니다",
    "invalid": "값이 잘못되었습니다",
}


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "사용법 · usage: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words (usage, headings, -h, errors) in Korean and English."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "위치 인자 · positional arguments"
        self._optionals.title = "옵션 · options"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS,
                help="이 도움말을 보이고 끝냅니다 · show this help message and exit",
            )  # fmt: skip

    def error(self, message: str):
        ko = next((k for e, k in _ARGPARSE_KO.items() if e in message), "명령줄 인자가 잘못되었습니다")
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 오류: {ko} · error: {message}\n  (-h: 도움말 · help)\n")


def bilingual(parser: argparse.ArgumentParser, commands: argparse._SubParsersAction) -> None:
    """Every subcommand gets its one-line help as its description, and every argument declared
    without help gets one from :data:`ARG_HELP` (``--help`` reads the same in both languages)."""
    said = {a.dest: a.help for a in commands._choices_actions}
    for name, sub in commands.choices.items():
        sub.description = sub.description or said.get(name)
        for action in sub._actions:
            if action.help is None:
                action.help = ARG_HELP.get(action.dest)


def build_parser(student: bool | None = None) -> argparse.ArgumentParser:
    """The command line; ``student`` (default: in the student bundle) offers only check and list."""
    student = in_student_bundle() if student is None else student
    about = "nnkit 자가 점검 · nnkit self-check" if student else "nnkit grader · 채점기"
    p = _Parser(prog="python -m autograder", description=about)
    p.add_argument("--lang", choices=LANGS, default="both", help=LANG_HELP)
    commands = p.add_subparsers(dest="command", required=True, title="명령 · commands")
    sub = _StudentCommands(commands) if student else commands
    if student:  # the bundle ships no intake or LMS writers: the TA's parsers are built, never used
        layouts, lms_layouts, moodle_keys = (), (), {}
    else:
        from autograder.intake.download import LAYOUTS as layouts
        from autograder.report.lms import LMS_LAYOUTS as lms_layouts
        from autograder.report.lms import MOODLE_KEYS as moodle_keys

    c = sub.add_parser("check", help="공개 테스트로 자가 점검 · self-check on the public tests")
    c.add_argument("exercise")
    c.add_argument(
        "path",
        nargs="?",
        help="점검할 파일 (기본값: assignments/의 빈 답안) · your file (default: the stub in assignments/)",
    )
    c.set_defaults(func=cmd_check)

    def grading_options(g: argparse.ArgumentParser) -> None:
        g.add_argument(
            "--jobs",
            type=jobs_count,
            default=None,
            help="동시에 채점할 작업자 수 (기본값: 코어 수) · parallel workers (default: cores)",
        )
        g.add_argument(
            "--force",
            action="store_true",
            help="바뀌지 않은 제출물도 다시 채점 · regrade even unchanged submissions",
        )
        g.add_argument("--deadline", metavar="TIME",
                       help="마감 시각 (예: 2024-03-01T23:59+09:00): LMS 시각이 이보다 늦으면 late · "
                            "a submission the LMS dated after TIME is late")  # fmt: skip
        g.add_argument("--quiet", action="store_true", help="진행 막대 없이 · no progress bar")
        g.add_argument(
            "--reveal-hidden",
            action="store_true",
            help="숨은 테스트의 기대값도 피드백에 보이기 (마감 후) · show hidden cases' expected values (after the deadline)",
        )
        output_options(g)

    def output_options(g: argparse.ArgumentParser) -> None:
        g.add_argument(
            "--excel",
            action="store_true",
            help="CSV를 BOM 붙은 UTF-8로 (엑셀에서 한글이 보임) · CSV as UTF-8 with BOM (Excel shows Korean)",
        )
        g.add_argument(
            "--lms",
            choices=lms_layouts,
            help="OUT/<lms>.csv도 그 LMS의 가져오기 형식으로 쓰기 · also write OUT/<lms>.csv in that LMS's import layout",
        )
        g.add_argument("--roster", metavar="ROSTER.csv",
                       help="수강생 명단: student_id와 name, email, login, lms_id, github 중 아무것 · "
                            "class list: student_id and any of name, email, login, lms_id, github")  # fmt: skip
        g.add_argument("--lms-template", metavar="EXPORT.csv",
                       help="Canvas에서 내보낸 성적표: 열은 그대로 두고 이 과제 열만 채움 · "
                            "Canvas's exported gradebook: keep its columns, fill this assignment's")  # fmt: skip
        g.add_argument(
            "--lms-column",
            metavar="TEXT",
            help="템플릿의 과제 열 (이름의 일부) · the template's assignment column (part of its name)",
        )
        g.add_argument(
            "--lms-key",
            choices=list(moodle_keys),
            help="Moodle의 학생 식별 열 (기본값 idnumber) · Moodle's identifier column (default idnumber)",
        )

    g = sub.add_parser("grade", help="제출물 채점 (폴더나 LMS zip) · grade a folder or an LMS .zip")
    g.add_argument("exercise")
    g.add_argument("submissions", metavar="PATH", help="제출물 폴더나 .zip · folder or .zip of submissions")
    g.add_argument(
        "--layout",
        choices=layouts,
        help="내려받은 파일의 형식 (기본값: 자동 인식) · the download's layout (default: recognised)",
    )
    g.add_argument("--out", required=True)
    g.add_argument(
        "--shard",
        metavar="K/N",
        help="N개 중 K번째 조각만 채점 (다음: merge) · grade only shard K of N (then: merge)",
    )
    grading_options(g)
    g.set_defaults(func=cmd_grade)

    rg = sub.add_parser("regrade", help="한 학생/한 문항만 다시 채점 · regrade one student or one task")
    rg.add_argument("exercise")
    rg.add_argument("submissions", metavar="PATH")
    rg.add_argument("--layout", choices=layouts)
    rg.add_argument("--out", required=True)
    rg.add_argument("--student", action="append", help="학번 (여러 번 가능) · student id (repeatable)")
    rg.add_argument(
        "--task", action="append", help="1.2 같은 문항 번호 (여러 번 가능) · task id such as 1.2 (repeatable)"
    )
    grading_options(rg)
    rg.set_defaults(func=cmd_grade)

    m = sub.add_parser("merge", help="샤드 결과 합치기 · combine shard outputs into one gradebook")
    m.add_argument("exercise")
    m.add_argument("shards", nargs="+", help="각 조각의 --out 폴더 · the shards' --out folders")
    m.add_argument("--out", required=True)
    output_options(m)
    m.set_defaults(func=cmd_merge)

    sm = sub.add_parser("similarity", help="제출물 유사도 보고서 · similarity report (copydetect)")
    sm.add_argument("exercise")
    sm.add_argument("submissions")
    sm.add_argument("--out", required=True)
    sm.add_argument(
        "--threshold",
        type=float,
        default=0.6,
        help="이 값 이상인 쌍을 보고 (0-1) · report pairs at or above this (0-1)",
    )
    sm.add_argument(
        "--top",
        type=int,
        default=20,
        help="출력하고 나란히 보일 쌍의 수 (나머지는 보고서에) · pairs printed and shown side by side (the rest: in the page)",
    )
    sm.set_defaults(func=cmd_similarity)

    d = sub.add_parser("demo", help="예시 반 채점 · grade the bundled sample class")
    d.add_argument("--out", default=str(ROOT / "out"))
    grading_options(d)
    d.set_defaults(func=cmd_demo)

    v = sub.add_parser("validate", help="모범 답안/빈 답안/오답 검증 · reference, stub and mistakes")
    v.add_argument("exercises", nargs="*")
    v.add_argument("--jobs", type=jobs_count, default=None)
    v.set_defaults(func=cmd_validate)

    a = sub.add_parser(
        "assign", help="마스터 폴더에서 과제 파일 생성 · generate an exercise's files from its master folder"
    )
    a.add_argument("exercises", nargs="*")
    a.add_argument(
        "--all",
        action="store_true",
        help="마스터 폴더가 있는 모든 과제 · every exercise with a master folder",
    )
    a.add_argument(
        "--check",
        action="store_true",
        help="생성 파일이 마스터와 다르면 실패 · fail if generated files differ",
    )
    a.add_argument("--no-validate", action="store_true", help="검증 생략 · skip validate")
    a.add_argument("--jobs", type=int, default=None)
    a.set_defaults(func=cmd_assign)

    h = sub.add_parser(
        "hints", help="힌트가 맞게 나오는지 측정 · how often each hint fires rightly or wrongly"
    )
    h.add_argument("exercises", nargs="*")
    h.add_argument("--jobs", type=jobs_count, default=None)
    h.set_defaults(func=cmd_hints)

    r = sub.add_parser("reproduce", help="강의 수치 재현 · the lectures' numbers beside the reference's")
    r.add_argument("exercises", nargs="*")
    r.add_argument("--quiet", action="store_true")
    r.set_defaults(func=cmd_reproduce)

    ex = sub.add_parser(
        "export-otter", help="otter-grader/Gradescope 채점기 zip · build otter autograder zips"
    )
    ex.add_argument("exercises", nargs="*")
    ex.add_argument("--out", default=str(ROOT / "dist" / "autograder"))
    ex.set_defaults(func=cmd_export_otter)

    nb = sub.add_parser("notebooks", help="과제 노트북 생성 · generate the student notebooks from the stubs")
    nb.add_argument("exercises", nargs="*")
    nb.set_defaults(func=cmd_notebooks)

    di = sub.add_parser("dist", help="학생용 묶음 · build the student bundle in dist/")
    di.add_argument("exercises", nargs="*", help="이 과제만 · only these exercises (default: all)")
    di.add_argument("--out", help="묶음 폴더 · bundle folder (default: dist/student[-<ids>])")
    di.set_defaults(func=cmd_dist)

    sub.add_parser("list", help="과제 목록 · list exercises").set_defaults(func=cmd_list)

    sv = sub.add_parser("serve", help="제출 서버와 채점기 시작 · start the submission server and a grader")
    sv.add_argument("--host", default="127.0.0.1", help="주소 · address to listen on")
    sv.add_argument("--port", type=int, default=8000, help="포트 · port")
    sv.add_argument("--var", help="서버 상태 폴더 · state folder (default: var/ or NNKIT_VAR)")
    sv.add_argument("--web-workers", type=int, default=2, help="gunicorn 프로세스 수 · gunicorn processes")
    sv.add_argument("--graders", type=int, default=1, help="채점 작업자 수 · grading workers")
    sv.add_argument(
        "--new-link", action="store_true", help="강사 로그인 링크 새로 만들기 · a new instructor login link"
    )
    sv.set_defaults(func=cmd_serve)

    wk = sub.add_parser("worker", help="채점 작업자 (Huey) · a grading worker (Huey consumer)")
    wk.add_argument("--var", help="서버 상태 폴더 · state folder (default: var/ or NNKIT_VAR)")
    wk.add_argument("--cache", help="이 작업자의 캐시 폴더 · this worker's cache folder")
    wk.add_argument("--scratch", help="이 작업자의 임시 폴더 · this worker's scratch folder")
    wk.set_defaults(func=cmd_worker)

    sb = sub.add_parser(
        "submit", help="서버에 제출하고 피드백 받기 · hand in to the server, print the feedback"
    )
    sb.add_argument("exercise")
    sb.add_argument("path", help="제출 파일 · your .py or .ipynb")
    sb.add_argument(
        "--server",
        help="서버 주소 (또는 NNKIT_SERVER, submit.toml) · server address (or NNKIT_SERVER, submit.toml)",
    )
    sb.add_argument(
        "--token",
        help="제출 토큰 (또는 NNKIT_TOKEN, submit.toml) · submit token (or NNKIT_TOKEN, submit.toml)",
    )
    sb.set_defaults(func=cmd_submit)
    for command in commands.choices.values():  # --lang before or after the subcommand
        command.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=LANG_HELP)
    bilingual(p, commands)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        lines = {"ko": [f"오류: {exc.msg.ko}"], "en": [f"Error: {exc.msg.en}"]}
        _say("\n".join(lines.get(args.lang, lines["ko"] + lines["en"])), err=True)
        return 2
    except KeyboardInterrupt:
        print(
            "\n중단됨. 다시 실행하면 이어서 채점합니다.\nInterrupted. Run again to resume.", file=sys.stderr
        )
        return 130
