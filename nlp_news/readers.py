"""Read article dumps as a stream of records: JSON Lines, CSV/TSV, plain text, folders, gzip, stdin.

Nothing is loaded whole and nothing is dropped: every line, row or file that cannot be read
becomes a :class:`Record` with an ``error`` naming the file and line, so it still gets its row in
the ``documents`` table.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import stat
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import regex

#: Input formats by file suffix (after a ``.gz``).
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
           ".tsv": "tsv", ".txt": "txt"}

csv.field_size_limit(2**31 - 1)


@dataclass
class Record:
    """One input article as read: its fields, where it came from, or why it could not be read."""

    data: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # "path:line" (or "path" for a whole-file article)
    default_id: str = ""  # id used when the record has none: file stem + line number
    error: str | None = None


class InputError(ValueError):
    """An input path that does not exist or has an unknown format."""


def detect_format(path: Path) -> str:
    """The format of ``path`` from its suffix, looking through a ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in FORMATS:
        return FORMATS[suffixes[-1]]
    raise InputError(f"{path}: unknown input format (expected one of "
                     f"{', '.join(sorted(FORMATS))}, optionally .gz)")


def check_inputs(paths: str | Path | Iterable[str | Path], *, input_format: str | None = None,
                 exclude: str | Path | None = None) -> list[str]:
    """Check every input before any work starts; return them as strings.

    Each must exist, be a regular file or a folder (a FIFO or a device would block or never
    end: pipe data to ``-`` instead), have a known format (unless ``input_format`` is given),
    and not lie inside ``exclude`` (the output folder, which is never read back).  Raises
    :class:`InputError` naming the first bad input.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    paths = [str(p) for p in paths]
    if not paths:
        raise InputError("no input given")
    if paths.count("-") > 1:
        raise InputError("'-' (stdin) given more than once")
    out = Path(exclude).resolve() if exclude is not None else None
    for name in paths:
        if name == "-":
            continue
        path = Path(name)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{path}: no such file or folder") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if out is not None and path.resolve().is_relative_to(out):
            raise InputError(f"{path}: is inside the output folder {exclude}, which is never "
                             "read as input")
        if stat.S_ISDIR(mode):
            if not os.access(path, os.R_OK | os.X_OK):
                raise InputError(f"{path}: folder not readable")
            continue
        if not stat.S_ISREG(mode):
            kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "not a regular file"
            raise InputError(f"{path}: {kind}; to read a stream, pipe it to '-' (stdin)")
        if not os.access(path, os.R_OK):
            raise InputError(f"{path}: permission denied")
        if input_format is None:
            detect_format(path)
    return paths


def read_articles(
    paths: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    input_format: str | None = None,
    tsv_quotes: bool = False,
    exclude: str | Path | None = None,
    opened: Callable[[IO[bytes]], None] | None = None,
) -> Iterator[Record]:
    """Yield a :class:`Record` for every article in ``paths`` (files, folders, or ``-``).

    All inputs are checked first (:func:`check_inputs`).  Folders are walked in name order;
    files of unknown formats and anything under ``exclude`` (the output folder) are skipped.
    ``tsv_quotes``: in TSV, ``"`` quotes fields as in CSV (by default it is plain text).
    ``opened``: called with each input file's raw handle as it is opened (a progress bar
    follows its position).
    """
    paths = check_inputs(paths, input_format=input_format, exclude=exclude)
    out = Path(exclude).resolve() if exclude is not None else None
    options = (input_format, text_column, tsv_quotes)
    for name in paths:
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", *options)
            continue
        path = Path(name)
        if path.is_dir():
            for file in folder_files(path, out):
                yield from _read_file(file, *options, opened=opened)
        else:
            yield from _read_file(path, *options, opened=opened)


def folder_files(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The files of known formats under ``folder``, in name order, none under ``exclude``
    (a resolved path: the output folder)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and _known(p)
                  and not (exclude is not None and p.resolve().is_relative_to(exclude)))


def _known(path: Path) -> bool:
    try:
        detect_format(path)
    except InputError:
        return False
    return True


def _stem(path: Path) -> str:
    name = path.name
    for suffix in reversed(path.suffixes):
        name = name.removesuffix(suffix)
    return name or path.name


#: What a damaged file raises while it is read (a bad gzip stream, a vanished disk, ...).
READ_ERRORS = (OSError, EOFError, zlib.error)


class _Unreadable(Exception):
    """The rest of a stream cannot be read; ``line`` is the last line read whole."""

    def __init__(self, line: int, cause: BaseException):
        super().__init__(str(cause))
        self.line, self.cause = line, cause


class _Gunzip(io.RawIOBase):
    """A gzip file's decompressed bytes, read so that damage loses nothing before it.

    :mod:`gzip` raises as soon as a stream is damaged or its CRC does not match, and the
    lines decoded but not yet read go with the exception.  Here the deflate data is inflated
    raw, the CRC and length are checked by hand, and a problem ends the stream like an end
    of file, kept in :attr:`problem` for the reader to report after the last line."""

    CHUNK = 1 << 16

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.problem: str | None = None
        self.inflate: Any = None
        self.crc = self.size = 0
        self.out = b""
        self.tail = b""  # compressed bytes read past the end of a member

    def readable(self) -> bool:
        return True

    def _start_member(self) -> bool:
        """Read one member's header; False at the end of the file."""
        data = self.tail + self.raw.read(max(0, 10 - len(self.tail)))
        if not data.strip(b"\x00"):
            return False  # the end, or zero padding after the last member
        if len(data) < 10 or data[:2] != b"\x1f\x8b" or data[2] != 8:
            raise OSError("not a gzip member header")
        flags, rest = data[3], data[10:]
        self.tail = b""
        buffer = io.BytesIO(rest)

        def take(n: int) -> bytes:
            got = buffer.read(n)
            return got + self.raw.read(n - len(got)) if len(got) < n else got

        if flags & 4:  # FEXTRA
            take(int.from_bytes(take(2), "little"))
        for flag in (8, 16):  # FNAME, FCOMMENT: zero-terminated
            if flags & flag:
                while take(1) not in (b"\x00", b""):
                    pass
        if flags & 2:  # FHCRC
            take(2)
        self.tail = buffer.read()
        self.inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        self.crc = self.size = 0
        return True

    def _fill(self) -> None:
        while not self.out and self.problem is None:
            if self.inflate is None and not self._start_member():
                return
            data = self.tail or self.raw.read(self.CHUNK)
            self.tail = b""
            if not data:
                self.problem = "the gzip stream ends before its last member does (truncated)"
                return
            out = self.inflate.decompress(data)
            self.crc, self.size = zlib.crc32(out, self.crc), self.size + len(out)
            self.out = out
            if self.inflate.eof:
                trailer = self.inflate.unused_data
                if len(trailer) < 8:
                    trailer += self.raw.read(8 - len(trailer))
                crc, size = (int.from_bytes(trailer[i:i + 4], "little") for i in (0, 4))
                if crc != self.crc or size != self.size & 0xFFFFFFFF:
                    self.problem = (f"gzip check failed (CRC {crc:#010x} != "
                                    f"{self.crc:#010x}): some text above may be damaged")
                self.tail = trailer[8:]
                self.inflate = None

    def readinto(self, buffer) -> int:
        try:
            self._fill()
        except READ_ERRORS as exc:
            self.problem = f"damaged gzip data: {exc}"
        n = min(len(buffer), len(self.out))
        buffer[:n] = self.out[:n]
        self.out = self.out[n:]
        return n


def _physical_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes)`` of every line; a read error after line N becomes
    :class:`_Unreadable` (every line read whole before it has been given out)."""
    number = 0
    while True:
        try:
            line = handle.readline()
        except READ_ERRORS as exc:
            raise _Unreadable(number, exc) from exc
        if not line:
            break
        number += 1
        yield number, line
    problem = getattr(getattr(handle, "raw", None), "problem", None)
    if problem:
        raise _Unreadable(number, OSError(problem))


def _rest_unreadable(name: str, stem: str, exc: _Unreadable) -> Record:
    if exc.line == 0:  # nothing could be read at all
        return Record(origin=name, default_id=stem,
                      error=f"{name}: cannot read file: {exc.cause}")
    where = f"{name}:{exc.line + 1}"
    return Record(origin=where, default_id=f"{stem}:{exc.line + 1}",
                  error=f"{where}: reading stopped after line {exc.line}: {exc.cause}")


def _read_file(path: Path, input_format: str | None, text_column: str,
               tsv_quotes: bool = False, opened: Callable | None = None) -> Iterator[Record]:
    fmt = input_format or detect_format(path)
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        with open(path, "rb") as handle:
            if opened is not None:
                opened(handle)
            stream = io.BufferedReader(_Gunzip(handle)) if gzipped else handle
            yield from _read_stream(stream, str(path), _stem(path), fmt, text_column,
                                    tsv_quotes)
    except READ_ERRORS as exc:  # unreadable file, or a gzip damaged before its first line
        yield Record(origin=str(path), default_id=_stem(path),
                     error=f"{path}: cannot read file: {exc}")


def _read_stream(
    handle: IO[bytes], name: str, stem: str, fmt: str | None, text_column: str,
    tsv_quotes: bool = False,
) -> Iterator[Record]:
    buffered = handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(handle)
    head = buffered.peek(8192)[:8192]
    if _looks_binary(head):
        yield Record(origin=name, default_id=stem,
                     error=f"{name}: binary file (NUL bytes), not text")
        return
    if fmt is None:  # stdin without --input-format: JSON Lines if it starts with '{'
        fmt = "jsonl" if head.lstrip()[:1] == b"{" else "txt"
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(buffered, name, stem)
        elif fmt in ("csv", "tsv"):
            quoted = fmt == "csv" or tsv_quotes
            yield from _read_csv(buffered, name, stem, "\t" if fmt == "tsv" else ",",
                                 text_column, quoted)
        else:
            yield _read_text(buffered, name, stem)
    except _Unreadable as exc:
        yield _rest_unreadable(name, stem, exc)


_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")


def _looks_binary(head: bytes) -> bool:
    """A NUL byte and more than 10% control bytes in the first 8 KB: not a text dump.

    (A stray NUL in one line of a text dump only makes that line fail.)"""
    if b"\x00" not in head:
        return False
    return len(head) - len(head.translate(None, _CONTROL)) > 0.1 * len(head)


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _clean(value: Any) -> Any:
    """``value`` with every lone surrogate (``"\\ud800"`` in JSON, which no output encoding
    accepts) replaced by U+FFFD, one character for one, so offsets stay put."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _read_jsonl(handle: IO[bytes], name: str, stem: str) -> Iterator[Record]:
    for line_no, line in _physical_lines(handle):
        if not line.strip():
            continue
        origin, default_id = f"{name}:{line_no}", f"{stem}:{line_no}"
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: invalid UTF-8 at byte {exc.start}")
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except ValueError as exc:  # an integer of more than 4,300 digits
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: unreadable JSON value: {exc}")
            continue
        except RecursionError:
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: JSON nested too deeply")
            continue
        if not isinstance(data, dict):
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: expected a JSON object, got {type(data).__name__}")
            continue
        yield Record(data=_clean(data), origin=origin, default_id=default_id)


def _has_bad_bytes(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


class _RowLines:
    """The decoded physical lines of a CSV/TSV file, fed to :mod:`csv` one row at a time.

    ``taken`` holds the ``(line number, text)`` lines the current row was made of, and
    :meth:`push_back` gives lines back, so that a row that does not parse (a quote never
    closed swallows every later line) is reported at its first line and the lines it
    swallowed are read again as rows of their own: every line is accounted for."""

    def __init__(self, handle: IO[bytes]):
        self.source = _physical_lines(handle)
        self.pending: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        if self.pending:
            item = self.pending.popleft()
        else:
            number, raw = next(self.source)
            item = (number, raw.decode("utf-8", errors="surrogateescape"))
        self.taken.append(item)
        return item[1]

    def push_back(self, lines: list[tuple[int, str]]) -> None:
        self.pending.extendleft(reversed(lines))


def _read_csv(
    handle: IO[bytes], name: str, stem: str, delimiter: str, text_column: str,
    quoted: bool = True,
) -> Iterator[Record]:
    lines = _RowLines(handle)
    options = ({"strict": True} if quoted else {"quoting": csv.QUOTE_NONE})

    def next_row() -> list[str] | None:
        lines.taken = []
        return next(csv.reader(lines, delimiter=delimiter, **options), None)

    try:
        header = next_row()
    except csv.Error as exc:
        yield Record(origin=f"{name}:1", default_id=f"{stem}:1",
                     error=f"{name}:1: unreadable CSV header: {exc}")
        return
    if header is None:
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if text_column not in header and "paragraphs" not in header:
        yield Record(origin=f"{name}:1", default_id=f"{stem}:1",
                     error=f"{name}:1: no column {text_column!r} in header {header}")
        return
    while True:
        problem = None
        try:
            row = next_row()
        except csv.Error as exc:
            row, problem = [], f"unreadable row: {exc}"
        if not lines.taken:
            return
        line_no = lines.taken[0][0]
        origin, default_id = f"{name}:{line_no}", f"{stem}:{line_no}"
        if row is None:
            row = []
        if problem is None and len(row) != len(header):
            if not any(cell.strip() for cell in row) and len(lines.taken) == 1:
                continue  # a blank line
            problem = f"{len(row)} fields, header has {len(header)}"
        if problem is not None:
            if len(lines.taken) > 1:  # read the lines this row swallowed again
                last = lines.taken[-1][0]
                lines.push_back(lines.taken[1:])
                problem += (f" (a quote opened on this line is not closed as a field ends;"
                            f" lines {line_no + 1}-{last} are read again as rows)")
            yield Record(origin=origin, default_id=default_id, error=f"{origin}: {problem}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if any(_has_bad_bytes(cell) for cell in row):
            yield Record(origin=origin, default_id=default_id, error=f"{origin}: invalid UTF-8")
            continue
        yield Record(data=dict(zip(header, row, strict=True)), origin=origin,
                     default_id=default_id)


def _read_text(handle: IO[bytes], name: str, stem: str) -> Record:
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts = []
    for line_no, line in _physical_lines(handle):
        try:
            parts.append(decoder.decode(line))
        except UnicodeDecodeError as exc:
            return Record(origin=f"{name}:{line_no}", default_id=stem,
                          error=f"{name}:{line_no}: invalid UTF-8 at byte {exc.start} of the line")
    return Record(data={"text": "".join(parts)}, origin=name, default_id=stem)
