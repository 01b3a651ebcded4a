"""The exercise registry: every ``assignments/<id>/exercise.toml`` is an exercise.

An exercise ties together the student stub, the reference solution, the public and hidden
suites, the known-wrong variants ("mistakes") and the resource limits. Adding an exercise
means adding folders, never editing this module.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from autograder.core import misconceptions
from autograder.core.errors import UserError
from autograder.core.korean import josa
from autograder.core.paths import ROOT
from autograder.runtime.spec import Case, Hint, Msg, Suite

ENGINE_VERSION = "1"
#: Engine files whose code runs inside scenarios (Context, the wire format, the data helper):
#: a change to them can change expected outputs, so it is part of every suite key.
SCENARIO_ENGINE = ("autograder/runtime/spec.py", "autograder/runtime/wire.py", "assignments/nnkit_data.py")


@dataclass(frozen=True)
class Task:
    id: str
    name: str
    title: Msg

    @property
    def column(self) -> str:
        return f"{self.id} {self.name}"


@dataclass(frozen=True)
class Rule:
    """A convention the stub's docstring states and the grader relies on (``[[rules]]``).

    ``doc`` is a phrase that appears in the stub (where the student reads the rule); every
    rule is checked by at least one public case that names it (``rules=[id]``).
    """

    id: str
    task: str
    doc: str
    text: Msg


@dataclass(frozen=True)
class Limits:
    """Per-exercise resource limits for one submission; ``exercise.toml``'s [limits] overrides.

    Wall time per case, for loading the file (its top-level code) and for the whole
    submission; CPU seconds per worker process (0: the submission's wall time); address space
    per process; processes and threads at once; size of any one file written; all files
    written (bubblewrap only: its scratch is a tmpfs of that size); bytes of the student's
    printed output kept for the feedback.
    """

    case_timeout: float = 10.0
    load_timeout: float = 20.0
    submission_timeout: float = 180.0
    cpu_seconds: float = 0.0
    memory_mb: int = 2048
    file_mb: int = 64
    scratch_mb: int = 256
    output_kb: int = 64
    processes: int = 64

    @property
    def cpu_cap(self) -> int:
        return max(1, int(self.cpu_seconds or self.submission_timeout) + 1)


@dataclass(frozen=True)
class Mistake:
    """A known-wrong variant: the reference with some definitions replaced.

    ``fails`` lists glob patterns of the case names it must fail (and only those); ``hint``
    is shown to a student whose output on a failed case matches this variant's output.
    """

    id: str
    hint: Msg
    fails: tuple[str, ...]
    lecture: bool
    source: str
    path: Path
    #: the id of the case Hint this mistake's hint is (``MISTAKE["hint"]``): shown once, under that id
    hint_id: str = ""
    #: other hints whose advice also fits this mistake (``MISTAKE["also"]``): right, not wrong, firings
    also: tuple[str, ...] = ()

    @property
    def shown_as(self) -> str:
        return self.hint_id or self.id

    def expected_failures(self, cases: list[Case]) -> set[str]:
        """Names matched by ``fails``: ``*`` and ``?`` are wildcards, brackets are literal."""
        patterns = [re.compile(re.escape(p).replace(r"\*", ".*").replace(r"\?", ".")) for p in self.fails]
        return {c.name for c in cases if any(p.fullmatch(c.name) for p in patterns)}


@dataclass(frozen=True)
class Exercise:
    id: str
    number: int
    module: str
    title: Msg
    lecture: str
    tasks: tuple[Task, ...]
    limits: Limits
    root: Path = field(default=ROOT, compare=False)
    #: data files (``data/<name>.npz``) the graded cases read: a worker started ahead of its
    #: submission loads them while it waits (``exercise.toml``: ``warm = ["mnist_test"]``)
    warm: tuple[str, ...] = ()
    #: hidden cases' feedback shows expected values (``exercise.toml``: ``reveal_hidden = true``,
    #: for after the deadline; ``grade --reveal-hidden`` does the same for one run)
    reveal_hidden: bool = False
    rules: tuple[Rule, ...] = ()

    @property
    def labelled_dir(self) -> Path:
        """Wrong submissions written by hand, each naming the hints it must get (``hints``)."""
        return self.root / "autograder" / "suites" / self.id / "labelled"

    @property
    def filename(self) -> str:
        return f"{self.module}.py"

    @property
    def stub_path(self) -> Path:
        return self.root / "assignments" / self.id / self.filename

    @property
    def reference_path(self) -> Path:
        return self.root / "solutions" / self.id / self.filename

    @property
    def public_suite_path(self) -> Path:
        return self.root / "assignments" / self.id / "public_tests.py"

    @property
    def hidden_suite_path(self) -> Path:
        return self.root / "autograder" / "suites" / self.id / "hidden_tests.py"

    @property
    def mistakes_dir(self) -> Path:
        return self.root / "autograder" / "suites" / self.id / "mistakes"

    @property
    def examples_dir(self) -> Path:
        return self.root / "examples" / self.id

    @property
    def scenario_paths(self) -> list[Path]:
        """Code the worker runs for this exercise's cases besides the suite files themselves."""
        here = self.root / "autograder" / "suites" / self.id
        paths = [here / "scenarios.py", *sorted((self.root / "assignments" / self.id).glob("*_staff.py"))]
        return [p for p in paths if p.is_file()]

    def suite_paths(self, hidden: bool) -> list[Path]:
        paths = [self.public_suite_path]
        if hidden and self.hidden_suite_path.is_file():
            paths.append(self.hidden_suite_path)
        return paths

    def cases(self, hidden: bool) -> list[Case]:
        """All cases, public first; ``hidden=False`` gives the student's self-check."""
        cases = resolve_hints(self.id, [c for p in self.suite_paths(hidden) for c in load_suite(p).cases])
        tasks = {t.id for t in self.tasks}
        seen: set[str] = set()
        for c in cases:
            if c.name in seen or c.task not in tasks:
                problem = "duplicate case name" if c.name in seen else f"unknown task {c.task}"
                raise UserError(
                    f"{self.id}: 테스트 {c.name}: {problem}", f"{self.id}: case {c.name}: {problem}"
                )
            seen.add(c.name)
        return cases

    @cached_property
    def mistakes(self) -> tuple[Mistake, ...]:
        if not self.mistakes_dir.is_dir():
            return ()
        return tuple(load_mistake(p) for p in sorted(self.mistakes_dir.glob("*.py")))

    def suite_files(self, hidden: bool = True) -> list[Path]:
        """Every file that decides expected outputs: what :meth:`suite_key` digests."""
        engine = [self.root / name for name in SCENARIO_ENGINE]
        paths = [*self.suite_paths(hidden), *self.scenario_paths, self.reference_path]
        return [*paths, *(m.path for m in self.mistakes), *engine, self.root / "data" / "SHA256SUMS"]

    def suite_key(self, hidden: bool = True) -> str:
        """Digest of everything that decides expected outputs; cache and resume key."""
        h = hashlib.sha256(ENGINE_VERSION.encode())
        *files, sums = self.suite_files(hidden)
        for p in files:
            h.update(p.name.encode() + b"\0" + p.read_bytes())
        h.update(sums.read_bytes())
        return h.hexdigest()[:16]

    def task_of(self, case: Case) -> Task:
        return self.task_of_id(case.task)

    def task_of_id(self, task_id: str) -> Task:
        return next(t for t in self.tasks if t.id == task_id)


def load_suite(path: Path) -> Suite:
    """Execute a suite file in the parent (trusted: it is the kit's own code)."""
    assignments = str(ROOT / "assignments")
    if assignments not in sys.path:
        sys.path.append(assignments)  # suites may use nnkit_data, like the students
    staff = (
        str(path.parent)
        if path.parent.parent.name == "assignments"
        else str(ROOT / "assignments" / path.parent.name)
    )
    if staff not in sys.path:
        sys.path.append(staff)  # <exercise>_staff.py: helpers shared by public and hidden scenarios
    namespace: dict = {"__name__": f"nnkit_suite_{path.parent.name}_{path.stem}", "__file__": str(path)}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    suites = [v for v in namespace.values() if isinstance(v, Suite)]
    if len(suites) != 1:
        raise UserError(f"{path}: Suite가 정확히 하나여야 합니다", f"{path}: needs exactly one Suite")
    return suites[0]


def resolve_hints(exercise_id: str, cases: list[Case]) -> list[Case]:
    """Replace hint ids with the Hint of that id declared by an earlier case (public first), or
    else the misconception of that id in the course-wide catalogue (``core/misconceptions.py``).

    A suite's own Hint under a catalogue id keeps its condition (fitted to its cases) and takes
    the catalogue's words (see :func:`with_catalogue_text`)."""
    known: dict[str, Hint] = {}
    for case in cases:
        for hint in case.hints:
            if isinstance(hint, Hint):
                known.setdefault(hint.id, hint)
    resolved = []
    for case in cases:
        missing = [
            h for h in case.hints if isinstance(h, str) and h not in known and not misconceptions.known(h)
        ]
        if missing:
            raise UserError(
                f"{exercise_id}: 테스트 {case.name}: 선언되지 않은 힌트 {missing}",
                f"{exercise_id}: case {case.name}: no case declares the hint(s) {missing}, "
                "and the misconception catalogue has no such id",
            )
        hints = tuple(_resolve_one(h, known) for h in case.hints)
        resolved.append(dataclasses.replace(case, hints=hints) if hints != case.hints else case)
    return resolved


def _resolve_one(hint: Hint | str, known: dict[str, Hint]) -> Hint:
    if isinstance(hint, str):
        hint = known.get(hint) or misconceptions.hint(hint)
    return with_catalogue_text(hint)


def with_catalogue_text(hint: Hint) -> Hint:
    """A suite's Hint under a catalogue id states only its condition (a relation fitted to its
    case); the words, and where it may fire unless it says so, are the catalogue's."""
    if hint.ko or hint.en or not misconceptions.known(hint.id):
        return hint
    words = misconceptions.hint(hint.id)
    return dataclasses.replace(hint, ko=words.ko, en=words.en, only_on=hint.only_on or words.only_on)


def load_mistake(path: Path) -> Mistake:
    source = path.read_text(encoding="utf-8")
    meta = None
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["MISTAKE"]:
            meta = ast.literal_eval(node.value)
    if not isinstance(meta, dict) or not {"ko", "en", "fails"} <= set(meta):
        raise UserError(
            f"{path}: MISTAKE = {{'ko': ..., 'en': ..., 'fails': [...]}} 가 필요합니다",
            f"{path}: needs MISTAKE = {{'ko': ..., 'en': ..., 'fails': [...]}}",
        )
    return Mistake(
        id=path.stem,
        hint=Msg(meta["ko"], meta["en"]),
        fails=tuple(meta["fails"]),
        lecture=bool(meta.get("lecture", False)),
        source=source,
        path=path,
        hint_id=str(meta.get("hint", "")),
        also=tuple(str(h) for h in meta.get("also", ())),
    )


def load_exercise(toml_path: Path) -> Exercise:
    try:
        cfg = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        return Exercise(
            id=toml_path.parent.name,
            number=int(cfg["number"]),
            module=cfg["module"],
            title=Msg(cfg["title_ko"], cfg["title_en"]),
            lecture=cfg.get("lecture", ""),
            tasks=tuple(
                Task(str(t["id"]), t["name"], Msg(t["title_ko"], t["title_en"])) for t in cfg["tasks"]
            ),
            limits=Limits(**cfg.get("limits", {})),
            root=toml_path.parent.parent.parent,
            warm=tuple(str(name) for name in cfg.get("warm", [])),
            reveal_hidden=bool(cfg.get("reveal_hidden", False)),
            rules=tuple(
                Rule(str(r["id"]), str(r["task"]), str(r["doc"]), Msg(r["ko"], r["en"]))
                for r in cfg.get("rules", [])
            ),
        )
    except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{toml_path}: 설정 오류: {exc}", f"{toml_path}: bad configuration: {exc}") from None


def all_exercises(root: Path = ROOT) -> dict[str, Exercise]:
    found = [load_exercise(p) for p in sorted((root / "assignments").glob("*/exercise.toml"))]
    return {e.id: e for e in sorted(found, key=lambda e: e.number)}


def get_exercise(name: str, root: Path = ROOT) -> Exercise:
    known = all_exercises(root)
    if name not in known:
        names = ", ".join(known) or "-"
        raise UserError(
            f"{josa(repr(name), '이라는')} 과제는 없습니다. 있는 과제: {names}",
            f"No exercise named '{name}'. Known exercises: {names}",
        )
    return known[name]
