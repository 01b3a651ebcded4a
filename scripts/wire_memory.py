"""The parent's peak memory and time reading hostile frames (issue 16's nested-frame attack).

Each frame is a worker's result message of 16 MiB whose value is lists nested 30 deep around
millions of small lists. It goes the parent's way: FrameBuffer -> loads (with the submission's
budget, where there is one) -> the outcome builder (decode). Run in a fresh process per count:

    python scripts/wire_memory.py            # one frame, then three frames of one submission

Prints the peak resident memory (ru_maxrss) above the baseline, and the seconds.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def nested_frame(size: int = 16 * 2**20 - 64) -> bytes:
    head = b'{"event":"result","case":"c","status":"ok","calls":[],"value":' + b"[" * 30
    tail = b"[]" + b"]" * 30 + b"}"
    body = head + b"[[]]," * ((size - len(head) - len(tail)) // 5) + tail
    return len(body).to_bytes(4, "big") + body


def measure(frames: int) -> None:
    from autograder.engine.run import _outcome
    from autograder.runtime import wire

    data = nested_frame()
    budget = wire.Budget() if hasattr(wire, "Budget") else None
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    statuses, kept = [], []  # the run keeps every case's Outcome until the submission is judged
    for _ in range(frames):
        buffer = wire.FrameBuffer()
        buffer.feed(data)
        body = buffer.pop()
        try:
            msg = wire.loads(body, budget) if budget is not None else wire.loads(body)
            kept.append(_outcome(msg, 0.0))
            statuses.append(kept[-1].status)
        except wire.WireError as exc:
            statuses.append(f"refused: {exc}")
        del body, buffer
        msg = None
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    print(
        json.dumps(
            {
                "frames": frames,
                "peak_mb": round(peak / 1024),
                "seconds": round(seconds, 2),
                "outcomes": statuses,
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        measure(int(sys.argv[1]))
    else:
        for n in (1, 3):
            subprocess.run([sys.executable, __file__, str(n)], check=True)
