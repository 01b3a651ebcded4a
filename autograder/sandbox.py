"""How a worker process is confined: resource limits now, bubblewrap where installed (later).

A :class:`Sandbox` turns the plain worker command into the confined one and supplies the
``preexec_fn`` that sets resource limits in the child before it executes anything.
"""

from __future__ import annotations

import resource
from collections.abc import Callable
from dataclasses import dataclass

from autograder.exercises import Limits


@dataclass(frozen=True)
class Sandbox:
    """Process-and-rlimit isolation: own session, CPU/memory/file-size caps, scratch cwd."""

    name: str = "rlimit"
    description: str = "process + resource limits (no filesystem isolation)"

    def wrap(self, command: list[str], scratch: str, runtime: str, data: str) -> list[str]:
        return command

    def preexec(self, limits: Limits) -> Callable[[], None]:
        def apply() -> None:
            cpu = int(limits.submission_timeout) + 1
            memory = limits.memory_mb * 2**20
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_mb * 2**20,) * 2)
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        return apply


def choose(name: str | None = None) -> Sandbox:
    """The strongest sandbox this machine offers (only ``rlimit`` so far)."""
    return Sandbox()
