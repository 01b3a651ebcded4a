"""The values passed between the grading stages, and their JSON: one module for all of them.

run -> :class:`Outcome` (what a worker returned for one case: plain data, nothing executable)
judge -> :class:`CaseResult` (points and a message for one case)
pipeline -> :class:`SubmissionResult` (one gradebook row, with its cases)

Everything here is frozen plain data; ``to_json`` / ``from_json`` are the only serialisers,
used by the expected-output cache, ``results/<student>.json``, resume, ``merge`` and reports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from autograder.runtime import wire
from autograder.runtime.spec import Msg

#: Statuses of an :class:`Outcome` that are a resource limit the student's code hit.
LIMIT_STATUSES = ("memory", "cpu", "file_size", "disk", "processes")


@dataclass(frozen=True)
class Outcome:
    """What happened when one case ran: ``status`` and plain data, nothing executable.

    ``calls``: fingerprints of the arguments around each ``ctx.call`` (the parent decides
    from them whether the student's function changed its inputs). ``printed``: see below.
    """

    # ok | error | not_attempted | unencodable | protocol | crashed | load_failed | not_loaded
    # | timeout (message: case_timeout, task_timeout) | not_run (message: task_timeout: an earlier
    # case of the task timed out) | memory | cpu | file_size | disk
    # | processes | scenario_error (the kit's own scenario failed: never the student's fault)
    status: str
    value: Any = None
    error: dict | None = None
    message: str = ""
    seconds: float = 0.0
    raw: Any = field(default=None, compare=False, repr=False)
    calls: tuple = ()
    # What the case printed (its first lines, public cases only) and how many lines in all: shown
    # by ``check`` under the case, never stored (a rerun prints again).
    printed: str = field(default="", compare=False, repr=False)
    printed_lines: int = field(default=0, compare=False, repr=False)

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "value": self.raw,
            "error": self.error,
            "message": self.message,
            "calls": list(self.calls),
        }

    @classmethod
    def from_json(cls, data: dict) -> Outcome:
        value = wire.decode(data["value"]) if data.get("value") is not None else None
        return cls(
            data["status"],
            value,
            data.get("error"),
            data.get("message", ""),
            raw=data.get("value"),
            calls=tuple(data.get("calls") or ()),
        )


@dataclass(frozen=True)
class RunResult:
    """Every case's :class:`Outcome` for one submission, and what the run as a whole did."""

    outcomes: dict[str, Outcome]
    load_errors: list[dict]
    output: str
    output_bytes: int
    seconds: float
    limits_hit: list[str]
    restarts: int


@dataclass(frozen=True)
class CaseResult:
    name: str
    task: str
    hidden: bool
    points: float
    max_points: float
    # passed | failed | error | timeout | limit | crashed | protocol | not_attempted | not_loaded
    # | not_run | grader_error
    status: str
    message: Msg
    hints: tuple[tuple[str, Msg], ...] = ()

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @classmethod
    def from_json(cls, c: dict) -> CaseResult:
        return cls(
            **{
                **c,
                "message": Msg(**c["message"]),
                "hints": tuple((h[0], Msg(**h[1])) for h in c["hints"]),
            }
        )


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
    grader_error: Msg | None = None  # the kit itself failed on this submission (never the student)
    missing: bool = False  # a roster student with no submission (intake)
    ambiguous: bool = False  # intake could not tell whose a submission is: named, never guessed
    late: bool | None = None  # what the LMS says (its LATE mark, or its time against --deadline)

    @property
    def status(self) -> str:
        if self.missing:
            return "missing"
        if self.ambiguous:
            return "ambiguous"
        if self.grader_error:
            return "grader_error"
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

        known = set(cls.__dataclass_fields__)
        return cls(
            **{
                **{k: v for k, v in d.items() if k in known},
                "cases": tuple(CaseResult.from_json(c) for c in d["cases"]),
                "load_errors": tuple(d["load_errors"]),
                "warnings": tuple(Msg(**w) for w in d["warnings"]),
                "problem": msg(d["problem"]),
                "grader_error": msg(d.get("grader_error")),
                "limits_hit": tuple(d["limits_hit"]),
            }
        )
