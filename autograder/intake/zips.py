"""Zips unpacked safely: caps against bombs, unsafe entries refused one by one, and a damaged or
cut-short zip read as far as it goes (every good entry unpacked, every bad one named)."""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from autograder.core.errors import UserError
from autograder.discover.submissions import Found
from autograder.runtime.spec import Msg


@dataclass(frozen=True)
class ZipLimits:
    """Caps on what a zip may unpack to (a zip bomb is refused, not unpacked)."""

    entries: int = 20_000
    total_bytes: int = 1024 * 2**20
    ratio: float = 200.0  # uncompressed / compressed, for entries over 1 MiB


@dataclass(frozen=True)
class Entry:
    """One entry of a zip, as its central directory or (cut short) its local header says."""

    name: str  # decoded, NFC, forward slashes
    is_dir: bool
    mode: int
    encrypted: bool
    size: int
    compressed: int
    open: Callable[[], IO[bytes]] = field(compare=False, repr=False)


UNSAFE_PATH = Msg("절대 경로나 '..'가 든 항목: 풀지 않음", "an absolute path or '..': not unpacked")
ZIP_LINK = Msg("링크 항목: 풀지 않음", "a link: not unpacked")
ZIP_NOT_FILE = Msg("일반 파일이 아닌 항목: 풀지 않음", "not a regular file: not unpacked")
ENCRYPTED = Msg("암호가 걸린 항목", "an encrypted entry")
LONG_NAME = Msg("이름이 너무 긴 항목", "an entry whose name is too long")
SAME_NAME = Msg("같은 이름의 항목이 이미 있음", "an entry of the same name came first")
LOCAL_HEADER = b"PK\x03\x04"


def damaged_entry(name: str, why: str) -> Msg:
    return Msg(
        f"손상된 항목이라 풀 수 없습니다: {name} ({why}). 이 파일만 빼고 나머지는 채점했습니다. 다시 내려받거나 학생에게 다시 받으세요.",
        f"a damaged entry that cannot be unpacked: {name} ({why}). Every other entry was graded; "
        "download it again or ask the student to hand it in again.",
    )


def _decode_name(raw: bytes, utf8: bool) -> str:
    """A name without the UTF-8 flag: UTF-8 (macOS) or else CP949 (Korean Windows)."""
    if utf8:
        return raw.decode("utf-8", "replace")
    for encoding in ("utf-8", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp437")


def _normal(name: str) -> str:
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def _entry_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return _normal(info.filename)
    # no UTF-8 flag: Python read it as CP437
    return _normal(_decode_name(info.filename.encode("cp437", "replace"), False))


def _central_entries(archive: zipfile.ZipFile) -> list[Entry]:
    return [
        Entry(
            _entry_name(i),
            i.is_dir(),
            i.external_attr >> 16,
            bool(i.flag_bits & 0x1),
            i.file_size,
            i.compress_size,
            lambda i=i: archive.open(i),
        )  # fmt: skip
        for i in archive.infolist()
    ]


# ---- a zip cut short: read by its local headers ---------------------------------------------

_LOCAL = struct.Struct("<4sHHHHHIIIHH")


def _inflate(data: bytes, method: int, size: int, crc: int | None) -> bytes:
    """An entry's bytes; ValueError when they are cut short or wrong."""
    if size < 0:
        raise ValueError("cut short")
    if method == 0:
        out = data[:size]
        if len(out) < size:
            raise ValueError("cut short")
    elif method == 8:
        inflater = zlib.decompressobj(-15)
        out = inflater.decompress(data, size + 1)
        if not inflater.eof or len(out) != size:
            raise ValueError("cut short")
    else:
        raise ValueError(f"compression method {method}")
    if crc is not None and zlib.crc32(out) != crc:
        raise ValueError("bad CRC-32")
    return out


def _opener(data: bytes, method: int, size: int, crc: int | None) -> Callable[[], IO[bytes]]:
    def open_entry() -> IO[bytes]:
        try:
            return io.BytesIO(_inflate(data, method, size, crc))
        except (ValueError, zlib.error) as exc:
            raise zipfile.BadZipFile(str(exc)) from None

    return open_entry


def _local_entry(blob: bytes, at: int) -> tuple[Entry, int] | None:
    """The entry whose local header starts at ``at``, and where the next one may start."""
    if at + _LOCAL.size > len(blob):
        return None
    _sig, _ver, flags, method, _t, _d, crc, csize, usize, nlen, xlen = _LOCAL.unpack_from(blob, at)
    start = at + _LOCAL.size + nlen + xlen
    name = _normal(_decode_name(blob[at + _LOCAL.size : at + _LOCAL.size + nlen], bool(flags & 0x800)))
    if flags & 0x8:  # sizes and CRC follow the data: the entry runs to the next header
        end = blob.find(LOCAL_HEADER, start)
        end = len(blob) if end < 0 else end
        data = blob[start:end]
        size = _inflated_size(data) if method == 8 else -1
        opener, usize, csize = _opener(data, method, size, None), max(size, 0), len(data)
    else:
        end = start + csize
        opener = _opener(blob[start:end], method, usize, crc)
    return Entry(name, name.endswith("/"), 0, bool(flags & 0x1), usize, csize, opener), max(end, start)


def _inflated_size(data: bytes, cap: int = 2**30) -> int:
    """How many bytes a deflated stream gives (counted in chunks, never held; at most ``cap + 1``),
    or -1 when it does not end (cut short) or is not deflate data."""
    inflater, size, rest = zlib.decompressobj(-15), 0, data
    try:
        while not inflater.eof and size <= cap:
            chunk = inflater.decompress(rest, 2**16)
            rest = inflater.unconsumed_tail
            size += len(chunk)
            if not chunk and not rest:
                break
    except zlib.error:
        return -1
    return size if inflater.eof or size > cap else -1


def _salvaged_entries(path: Path, limits: ZipLimits) -> list[Entry]:
    """The entries of a zip without its central directory (the download was cut short)."""
    if path.stat().st_size > limits.total_bytes:
        raise UserError(f"{path.name}: 풀면 너무 큽니다.", f"{path.name}: too large unpacked.")
    blob = path.read_bytes()
    entries, at = [], blob.find(LOCAL_HEADER)
    while at >= 0:
        got = _local_entry(blob, at)
        if got is None:
            break
        entries.append(got[0])
        at = blob.find(LOCAL_HEADER, got[1])
    return entries


def is_zip_start(path: Path) -> bool:
    """Whether the file starts like a zip (a zip cut short has no end record: ``is_zipfile`` says no)."""
    try:
        with open(path, "rb") as f:
            return f.read(4) == LOCAL_HEADER
    except OSError:
        return False


def truncated_zip(shown: str, count: int) -> Msg:
    return Msg(
        f"{shown}: zip 파일의 끝이 잘려 있습니다(내려받기가 중간에 끊김). 항목 {count}개를 찾아 읽을 수 있는 것을 모두 "
        "풀어 채점했습니다. 빠진 학생이 있으면 다시 내려받으세요.",
        f"{shown}: the zip is cut short (the download stopped early). {count} entries were found; every one "
        "that could be read was unpacked and graded. Download it again if a student is missing.",
    )


# ---- unpacking -----------------------------------------------------------------------------


@dataclass
class _Unpack:
    """One extraction's running state: what was refused, what was damaged, bytes written."""

    dest: Path
    shown: str
    limits: ZipLimits
    found: list[Found] = field(default_factory=list)
    damaged: dict[Path, Msg] = field(default_factory=dict)
    written: int = 0


def _open_entries(path: Path, shown: str, limits: ZipLimits) -> tuple[list[Entry], list[Found]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        if not is_zip_start(path):
            raise UserError(
                f"{shown}: zip 파일을 열 수 없습니다 ({exc}).", f"{shown}: cannot open the zip ({exc})."
            ) from None
        entries = _salvaged_entries(path, limits)
        return entries, [
            Found(shown, "", "ignored", truncated_zip(shown, sum(not e.is_dir for e in entries)))
        ]
    return _central_entries(archive), []


def _check_limits(entries: list[Entry], shown: str, limits: ZipLimits) -> None:
    """A zip bomb is refused whole: too many entries, too many bytes, an implausible ratio."""
    if len(entries) > limits.entries:
        raise UserError(f"{shown}: 항목이 너무 많습니다 ({len(entries)} > {limits.entries}).",
                        f"{shown}: too many entries ({len(entries)} > {limits.entries}).")  # fmt: skip
    declared = sum(e.size for e in entries)
    if declared > limits.total_bytes:
        raise UserError(
            f"{shown}: 풀면 너무 큽니다 ({declared / 2**20:.0f} MiB > {limits.total_bytes / 2**20:.0f} MiB).",
            f"{shown}: too large unpacked ({declared / 2**20:.0f} MiB > {limits.total_bytes / 2**20:.0f} MiB).",
        )
    for e in entries:
        if e.size > 2**20 and e.size / max(1, e.compressed) > limits.ratio:
            raise UserError(
                f"{shown}: 압축률이 비정상적으로 높은 항목이 있습니다 ({e.name}). 압축 폭탄일 수 있습니다.",
                f"{shown}: an entry is compressed implausibly well ({e.name}); possibly a zip bomb.",
            )


def _refusal(entry: Entry, parts: list[str]) -> Msg | None:
    """Why an entry is not unpacked, or None to unpack it."""
    if entry.name.startswith("/") or re.match(r"^[A-Za-z]:", entry.name) or ".." in parts:
        return UNSAFE_PATH
    if stat.S_IFMT(entry.mode) and not stat.S_ISREG(entry.mode) and not stat.S_ISDIR(entry.mode):
        return ZIP_LINK if stat.S_ISLNK(entry.mode) else ZIP_NOT_FILE  # type bits: Unix zippers only
    if entry.encrypted and not entry.is_dir:
        return ENCRYPTED
    if any(len(os.fsencode(p)) > 255 for p in parts):
        return LONG_NAME
    return None


def _copy(state: _Unpack, entry: Entry, target: Path) -> None:
    with entry.open() as src, open(target, "xb") as out:
        while chunk := src.read(2**16):
            state.written += len(chunk)
            if state.written > state.limits.total_bytes:  # sizes in the header can lie
                raise UserError(f"{state.shown}: 풀면 너무 큽니다.", f"{state.shown}: too large unpacked.")
            out.write(chunk)


def _write_entry(state: _Unpack, entry: Entry, parts: list[str], here: str) -> None:
    target = state.dest.joinpath(*parts)
    if entry.is_dir:  # kept, so that an empty folder named after a student is still seen
        if not target.exists():
            target.mkdir(parents=True, exist_ok=True)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy(state, entry, target)
    except FileExistsError:
        state.found.append(Found(here, "", "ignored", SAME_NAME))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        # a damaged entry: an empty file stands in its place, so the layout still sees whose it is;
        # intake names it for that student (never graded as it stands)
        target.write_bytes(b"")
        state.damaged[target] = damaged_entry(here, str(exc) or type(exc).__name__)
    except OSError as exc:
        state.found.append(Found(here, "", "ignored", Msg(f"풀 수 없는 항목 ({exc.strerror})",
                                                          f"an entry that cannot be unpacked ({exc.strerror})")))  # fmt: skip


def extract_zip(
    path: Path,
    dest: Path,
    limits: ZipLimits = ZipLimits(),
    shown: str = "",
    damaged: dict[Path, Msg] | None = None,
) -> list[Found]:
    """Unpack ``path`` into ``dest`` safely; entries refused are returned as ``ignored``.

    Refused as a whole (UserError): more entries, more bytes or a higher compression ratio than
    ``limits``. Refused one by one: absolute paths, ``..``, links and other non-files. A damaged
    entry becomes an empty file recorded in ``damaged`` (path -> why); a zip cut short is read by
    its local headers, as far as it goes.
    """
    state = _Unpack(dest, shown or path.name, limits)
    entries, state.found = _open_entries(path, state.shown, limits)
    _check_limits(entries, state.shown, limits)
    dest.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        parts = [p for p in entry.name.split("/") if p not in ("", ".")]
        here = f"{state.shown}/{'/'.join(parts)}"
        why = _refusal(entry, parts)
        if why:
            state.found.append(Found(here, "", "ignored", why))
        elif parts:
            _write_entry(state, entry, parts, here)
    if damaged is not None:
        damaged.update(state.damaged)
    else:
        state.found += [Found(str(p.relative_to(dest)), "", "ignored", m) for p, m in state.damaged.items()]
    return state.found
