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
from typing import Any

import numpy as np

MAX_DEPTH = 32
MAX_ARRAY_BYTES = 64 * 2**20
MAX_STR = 100_000
_KINDS = {"b", "i", "u", "f", "c"}


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
        arr = np.array(obj, copy=True, order="C")  # base-class copy: drops lying ndarray subclasses
        if arr.dtype.kind not in _KINDS:
            return {"__opaque__": f"ndarray[{arr.dtype}]", "repr": _safe_repr(arr)[:200]}
        if arr.nbytes > MAX_ARRAY_BYTES:
            return {"__opaque__": "ndarray", "repr": f"array of {arr.nbytes} bytes (too large)"}
        return {
            "__nd__": arr.dtype.str,
            "shape": list(arr.shape),
            "scalar": isinstance(obj, np.generic),
            "data": base64.b64encode(arr.tobytes()).decode("ascii"),
        }
    if type(obj) in (list, tuple):
        items = [to_plain(v, depth + 1) for v in obj]
        return items if type(obj) is list else {"__tuple__": items}
    if type(obj) is dict:
        return {"__dict__": [[to_plain(k, depth + 1), to_plain(v, depth + 1)] for k, v in obj.items()]}
    return {"__opaque__": type(obj).__name__[:100], "repr": _safe_repr(obj)[:200]}


def dumps(message: dict) -> str:
    return json.dumps(message, ensure_ascii=True, allow_nan=False)


# ---- parent side -------------------------------------------------------------------------


def loads(line: str | bytes) -> dict:
    try:
        msg = json.loads(line, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not JSON: {exc}") from None
    if not isinstance(msg, dict):
        raise WireError("message is not an object")
    return msg


def _reject_constant(name: str) -> Any:
    raise WireError(f"bare {name} is not allowed")


def decode(data: Any, depth: int = 0) -> Any:
    """Rebuild plain Python/numpy values from :func:`to_plain` output, validating everything."""
    if depth > MAX_DEPTH + 2:
        raise WireError("nested too deeply")
    if data is None or isinstance(data, (bool, int, float)):
        return data
    if isinstance(data, str):
        if len(data) > MAX_STR:
            raise WireError("string too long")
        return data
    if isinstance(data, list):
        return [decode(v, depth + 1) for v in data]
    if not isinstance(data, dict) or len(data) == 0:
        raise WireError("unexpected value")
    if "__nd__" in data:
        return _decode_array(data)
    if "__float__" in data:
        text = data["__float__"]
        if text not in ("nan", "inf", "-inf"):
            raise WireError("bad float tag")
        return float(text)
    if "__tuple__" in data:
        items = data["__tuple__"]
        if not isinstance(items, list):
            raise WireError("bad tuple tag")
        return tuple(decode(v, depth + 1) for v in items)
    if "__dict__" in data:
        pairs = data["__dict__"]
        if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise WireError("bad dict tag")
        out = {}
        for k, v in pairs:
            key = decode(k, depth + 1)
            try:
                hash(key)
            except TypeError:
                raise WireError("unhashable dict key") from None
            out[key] = decode(v, depth + 1)
        return out
    if "__opaque__" in data:
        return Opaque(str(data["__opaque__"])[:100], str(data.get("repr", ""))[:200])
    raise WireError("unknown tag")


def _decode_array(data: dict) -> Any:
    try:
        dtype = np.dtype(data["__nd__"])
        shape = tuple(int(n) for n in data["shape"])
        raw = base64.b64decode(data["data"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"bad array: {exc}") from None
    if dtype.kind not in _KINDS or dtype.hasobject or any(n < 0 for n in shape):
        raise WireError("array dtype not allowed")
    if len(raw) > MAX_ARRAY_BYTES or len(raw) != math.prod(shape) * dtype.itemsize:
        raise WireError("array size does not match its shape")
    arr = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    return arr[()] if data.get("scalar") is True else arr
