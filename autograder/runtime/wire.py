"""Plain-data wire format between the worker (untrusted) and the parent (trusted). No pickle.

Values are JSON with tagged objects for what JSON lacks: arrays (dtype, shape, base64 bytes of
a whitelisted numeric dtype), non-finite floats, tuples, dicts with non-string keys, and a
marker for objects that are not plain data. :func:`decode` treats its input as hostile: it
checks every tag, dtype, size and depth, and raises :class:`WireError` on anything else.
"""

from __future__ import annotations

import base64
import json
import math
import re
from typing import Any

import numpy as np

MAX_DEPTH = 32
MAX_ARRAY_BYTES = 8 * 2**20
MAX_NDIM = 32
MAX_STR = 100_000
MAX_INT = 2**63
#: A worker's message (one case's result) may not be longer than this; checked before parsing.
MAX_MESSAGE = 16 * 2**20
#: The parent's messages to a worker: the job (the submission's cells) and each case.
MAX_JOB = 64 * 2**20
_HEADER = 4
#: What one case's printed output (stdout and stderr while it ran) may bring back: its first
#: lines, at most this many characters in all; the total number of lines it printed beside.
PRINTED_LINES = 20
PRINTED_CHARS = 4000
#: Frames of the kit's scenario code an exception passed through, innermost first.
MAX_SURFACED = 8
_KINDS = {"b", "i", "u", "f", "c"}
#: What one submission's workers may send the parent in all (every worker it takes, together):
#: bytes, JSON values (a value costs the parent tens of bytes, its frame as little as two) and
#: JSON nesting (a dict level of :func:`to_plain` is three, around a message and its records).
SUBMISSION_BYTES = MAX_JOB
SUBMISSION_VALUES = 2**18
MAX_FRAME_DEPTH = 3 * MAX_DEPTH + 16


class WireError(ValueError):
    """The worker sent something that is not valid plain data."""


class Opaque:
    """Stands for a returned object that is not plain data (its type name and a short repr)."""

    def __init__(self, type_name: str, text: str):
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and (self.type_name, self.text) == (
            other.type_name,
            other.text,
        )


# ---- worker side -------------------------------------------------------------------------


def _safe_repr(obj: Any) -> str:
    try:
        text = repr(obj)
    except BaseException:  # a hostile __repr__ may raise anything, even SystemExit
        text = "?"
    return text if isinstance(text, str) else "?"


def to_plain(obj: Any, depth: int = 0) -> Any:
    """Convert a scenario's return value to JSON-able tagged data (runs in the worker)."""
    if depth > MAX_DEPTH:
        return {"__opaque__": "nesting", "repr": "too deeply nested"}
    if obj is None or type(obj) in (bool, str):
        return obj[:MAX_STR] if type(obj) is str else obj
    if type(obj) is int:
        return obj if abs(obj) < 2**63 else float(obj)
    if type(obj) is float:
        return obj if math.isfinite(obj) else {"__float__": repr(obj)}
    if isinstance(obj, (np.ndarray, np.generic)):
        return _plain_array(obj)
    if type(obj) in (list, tuple):
        items = [to_plain(v, depth + 1) for v in obj]
        return items if type(obj) is list else {"__tuple__": items}
    if type(obj) is dict:
        return {"__dict__": [[to_plain(k, depth + 1), to_plain(v, depth + 1)] for k, v in obj.items()]}
    return {"__opaque__": type(obj).__name__[:100], "repr": _safe_repr(obj)[:200]}


def _plain_array(obj: np.ndarray | np.generic) -> dict:
    arr = np.array(obj, copy=True, order="C")  # base-class copy: drops lying ndarray subclasses
    if arr.dtype.kind not in _KINDS:
        return {"__opaque__": f"ndarray[{arr.dtype}]", "repr": _safe_repr(arr)[:200]}
    if arr.ndim > MAX_NDIM:
        return {"__opaque__": "ndarray", "repr": f"array of {arr.ndim} dimensions (too many)"}
    if arr.nbytes > MAX_ARRAY_BYTES:
        return {"__opaque__": "ndarray", "repr": f"array of {arr.nbytes} bytes (too large)"}
    return {
        "__nd__": arr.dtype.str,
        "shape": list(arr.shape),
        "scalar": isinstance(obj, np.generic),
        "data": base64.b64encode(arr.tobytes()).decode("ascii"),
    }


def dumps(message: dict) -> str:
    return json.dumps(message, ensure_ascii=True, allow_nan=False)


def frame(message: dict) -> bytes:
    """One message as sent on a pipe: a 4-byte big-endian length, then the JSON bytes."""
    body = dumps(message).encode("ascii")
    return len(body).to_bytes(_HEADER, "big") + body


def read_frame(stream: Any, cap: int) -> dict:
    """Read one framed message from a blocking binary stream (the worker's side)."""
    header = _read_exactly(stream, _HEADER)
    length = int.from_bytes(header, "big")
    if length > cap:
        raise WireError("message too long")
    return loads(_read_exactly(stream, length))


def _read_exactly(stream: Any, n: int) -> bytes:
    data = bytearray()
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return bytes(data)


class FrameBuffer:
    """The parent's reader of a worker's frames: bytes in, whole messages out.

    The length is checked against ``cap`` as soon as the 4-byte header is in, before the
    body is buffered or parsed, so an oversized message costs nothing but its refusal.
    """

    def __init__(self, cap: int = MAX_MESSAGE):
        self.cap = cap
        self.data = bytearray()

    def feed(self, chunk: bytes) -> None:
        self.data += chunk
        self.check()

    def check(self) -> None:
        if len(self.data) >= _HEADER and int.from_bytes(self.data[:_HEADER], "big") > self.cap:
            raise WireError("message too long")

    def pop(self) -> bytearray | None:
        """The next whole message body, or None until one is complete.

        The body is handed over, not kept: once the caller has parsed it, it is gone.
        """
        if len(self.data) < _HEADER:
            return None
        length = int.from_bytes(self.data[:_HEADER], "big")
        if length > self.cap:
            raise WireError("message too long")
        if len(self.data) < _HEADER + length:
            return None
        if len(self.data) == _HEADER + length:  # the usual case: no copy
            body, self.data = self.data, bytearray()
            del body[:_HEADER]
            return body
        body = self.data[_HEADER : _HEADER + length]
        del self.data[: _HEADER + length]
        return body


class Budget:
    """What one submission's workers may still send the parent: bytes, values, nesting.

    One per submission, across every worker it takes (a new worker does not start it again).
    :meth:`spend` charges a frame from its raw bytes, before any object is built from it.
    """

    def __init__(self, size: int | None = None, values: int | None = None, depth: int | None = None):
        self.size = SUBMISSION_BYTES if size is None else size
        self.values = SUBMISSION_VALUES if values is None else values
        self.depth = MAX_FRAME_DEPTH if depth is None else depth

    def spend(self, body: bytes | bytearray) -> None:
        """Charge one frame; raise :class:`WireError` when it goes over what is left."""
        self.size -= len(body)
        if self.size < 0:
            raise WireError("too much data in all")
        # Counted on the raw bytes first (fast, and strings only add to it); only a frame over
        # a limit that way is counted again without its strings (a bracket in a text is no value).
        marks, stripped = body.translate(None, _NOT_MARKS), None
        values = _count_values(marks)
        if values > self.values:
            stripped = _STRING.sub(b'""', body).translate(None, _NOT_MARKS)
            values = _count_values(stripped)
        self.values -= values
        if self.values < 0:
            raise WireError("too many values in all")
        if _max_depth(marks, self.depth) > self.depth:
            if stripped is None:
                stripped = _STRING.sub(b'""', body).translate(None, _NOT_MARKS)
            if _max_depth(stripped, self.depth) > self.depth:
                raise WireError("nested too deeply")


#: A JSON string (escapes included); what is not one is structure, numbers and literals.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
#: Every byte but the ones that mark a value or a level: what is left of a frame is short.
_NOT_MARKS = bytes(sorted(set(range(256)) - set(b"[]{},:")))
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))
_STEP = np.zeros(256, np.int8)
_STEP[list(b"[{")], _STEP[list(b"]}")] = 1, -1


def _count_values(marks: bytes) -> int:
    """At least the number of JSON values that ``marks`` separate (keys included), give or take one."""
    return len(marks) - marks.count(b"]") - marks.count(b"}") + 1


def _max_depth(marks: bytes, limit: int) -> int:
    """The deepest nesting of brackets in ``marks`` (in chunks: little memory, no objects)."""
    brackets = marks.translate(None, _NOT_BRACKETS)
    if len(brackets) <= limit:
        return len(brackets)
    deepest, level, chunk = 0, 0, 1 << 20
    for start in range(0, len(brackets), chunk):
        steps = _STEP[np.frombuffer(brackets, np.uint8, min(chunk, len(brackets) - start), start)]
        levels = np.cumsum(steps, dtype=np.int64) + level
        deepest, level = max(deepest, int(levels.max())), int(levels[-1])
    return deepest


# ---- parent side -------------------------------------------------------------------------


def loads(line: str | bytes | bytearray, budget: Budget | None = None) -> dict:
    """One message, parsed: a dict whose every string is valid text (see :func:`text`).

    ``budget``: the submission's (the parent reading a worker), charged before parsing.
    """
    if len(line) > MAX_JOB:
        raise WireError("message too long")
    if budget is not None:
        budget.spend(line if not isinstance(line, str) else line.encode("utf-8", "surrogatepass"))
    try:
        msg = json.loads(line, parse_constant=_reject_constant)
    except (ValueError, RecursionError, UnicodeDecodeError) as exc:
        raise WireError(f"not JSON: {str(exc)[:200]}") from None
    if not isinstance(msg, dict):
        raise WireError("message is not an object")
    if _SURROGATE_ESCAPE.search(line if not isinstance(line, str) else line.encode("ascii", "replace")):
        _valid_text(msg)
    elif isinstance(line, str) and not line.isascii():
        _valid_text(msg)
    return msg


#: A lone surrogate in a str can only come from a ``\\udXXX`` escape of an ASCII frame.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text(value: str) -> str:
    """``value`` as valid Unicode text: lone surrogates (which no UTF-8 writer can encode)
    become U+FFFD. (A pair in a JSON escape is one character once parsed; what is left is lone.)"""
    return value if value.isascii() else _SURROGATE.sub("\ufffd", value)


def _valid_text(message: dict) -> None:
    """Every string in a parsed message (keys too) made valid text, in place, without recursion."""
    todo: list[Any] = [message]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            for i, v in enumerate(node):
                if isinstance(v, str):
                    node[i] = text(v)
                elif isinstance(v, (list, dict)):
                    todo.append(v)
        else:
            items = [(text(k), text(v) if isinstance(v, str) else v) for k, v in node.items()]
            node.clear()
            node.update(items)
            todo += [v for _, v in items if isinstance(v, (list, dict))]


def _reject_constant(name: str) -> Any:
    raise WireError(f"bare {name} is not allowed")


def decode(data: Any, depth: int = 0) -> Any:
    """Rebuild plain Python/numpy values from :func:`to_plain` output, validating everything.

    Raises :class:`WireError` and nothing else, whatever ``data`` is.
    """
    try:
        return _decode(data, depth)
    except WireError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        raise WireError(f"bad value: {type(exc).__name__}") from None


def _decode(data: Any, depth: int = 0) -> Any:
    if depth > MAX_DEPTH + 2:
        raise WireError("nested too deeply")
    if data is None or isinstance(data, (bool, float)):
        return data
    if isinstance(data, int):
        if abs(data) >= MAX_INT:
            raise WireError("integer too large")
        return data
    if isinstance(data, str):
        if len(data) > MAX_STR:
            raise WireError("string too long")
        return text(data)
    if isinstance(data, list):
        return [_decode(v, depth + 1) for v in data]
    if not isinstance(data, dict) or len(data) == 0:
        raise WireError("unexpected value")
    tag = next((t for t in _TAGGED if t in data), None)
    if tag is None:
        raise WireError("unknown tag")
    return _TAGGED[tag](data, depth)


def _decode_float(data: dict, depth: int) -> float:
    name = data["__float__"]
    if name not in ("nan", "inf", "-inf"):
        raise WireError("bad float tag")
    return float(name)


def _decode_tuple(data: dict, depth: int) -> tuple:
    items = data["__tuple__"]
    if not isinstance(items, list):
        raise WireError("bad tuple tag")
    return tuple(_decode(v, depth + 1) for v in items)


def _decode_dict(data: dict, depth: int) -> dict:
    pairs = data["__dict__"]
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise WireError("bad dict tag")
    out = {}
    for k, v in pairs:
        key = _decode(k, depth + 1)
        try:
            hash(key)
        except TypeError:
            raise WireError("unhashable dict key") from None
        out[key] = _decode(v, depth + 1)
    return out


def _decode_opaque(data: dict, depth: int) -> Opaque:
    return Opaque(text(str(data["__opaque__"])[:100]), text(str(data.get("repr", ""))[:200]))


def _decode_array(data: dict, depth: int = 0) -> Any:
    kind, shape, text = data.get("__nd__"), data.get("shape"), data.get("data")
    if not (isinstance(kind, str) and len(kind) <= 8 and isinstance(text, str) and isinstance(shape, list)):
        raise WireError("bad array")
    if len(shape) > MAX_NDIM or not all(type(n) is int and 0 <= n <= MAX_ARRAY_BYTES for n in shape):
        raise WireError("bad array shape")
    if len(text) > MAX_ARRAY_BYTES * 4 // 3 + 4:
        raise WireError("array too large")
    try:
        dtype = np.dtype(kind)
        raw = base64.b64decode(text, validate=True)
    except (TypeError, ValueError) as exc:
        raise WireError(f"bad array: {str(exc)[:100]}") from None
    if dtype.kind not in _KINDS or dtype.hasobject or dtype.fields is not None or dtype.subdtype:
        raise WireError("array dtype not allowed")
    if len(raw) > MAX_ARRAY_BYTES or len(raw) != math.prod(shape) * dtype.itemsize:
        raise WireError("array size does not match its shape")
    arr = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return arr[()] if data.get("scalar") is True else arr


#: Each tag and its reader, in the order they are looked for.
_TAGGED = {
    "__nd__": _decode_array,
    "__float__": _decode_float,
    "__tuple__": _decode_tuple,
    "__dict__": _decode_dict,
    "__opaque__": _decode_opaque,
}
