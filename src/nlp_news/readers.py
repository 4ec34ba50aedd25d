"""Read article dumps as a stream of records: JSON Lines, CSV/TSV, plain text, folders, gzip, stdin.

Nothing is loaded whole and nothing is dropped: every line, row or file that cannot be read
becomes a :class:`Record` with an ``error`` naming the file and line, so it still gets its row in
the ``documents`` table.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import os
import stat
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import regex

from . import lexicon

#: Input formats by file suffix (after a ``.gz``).
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
           ".tsv": "tsv", ".txt": "txt", ".xlsx": "xlsx"}

csv.field_size_limit(2**31 - 1)


@dataclass
class Record:
    """One input article as read: its fields, where it came from, or why it could not be read."""

    data: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # "path:line" (or "path" for a whole-file article)
    default_id: str = ""  # id used when the record has none: file stem + line number
    error: str | None = None
    #: Which key of ``data`` holds each article attribute (``text``, ``id``, ``title``,
    #: ``date``, ...: :func:`resolve_fields`); None: found when the article is built.
    fields: dict[str, str] | None = None


#: The article attributes a user's column can hold (the lexicon's ``[columns]``), and the ones
#: a command-line option can name.
ATTRIBUTES = ("text", "id", "title", "date", "time", "url", "source", "reporter", "editor")
NAMED_COLUMNS = ("text", "id", "title", "date", "url")


def _column_key(name: Any) -> str:
    """A column name as compared: without case, spaces and hyphens read as ``_``."""
    return regex.sub(r"[\s\-]+", "_", str(name).strip().lstrip("\ufeff")).lower()


@functools.cache
def _lexicon_keys() -> dict[str, list[str]]:
    """The lexicon's ``[columns]`` names per attribute, as compared (:func:`_column_key`)."""
    table = lexicon.table("columns")
    return {attribute: [_column_key(n) for n in table[attribute]] for attribute in ATTRIBUTES}


def resolve_fields(names: Iterable[Any], columns: Mapping[str, str | None] | None = None
                   ) -> dict[str, str]:
    """Which of ``names`` (a header, a record's keys) holds each article attribute.

    ``columns`` names some explicitly (``{"text": "isi_artikel"}``); the others are the first
    of the lexicon's ``[columns]`` names present, compared without case and with spaces and
    hyphens read as ``_``.  Attributes with no column are left out."""
    named = tuple(sorted((k, v) for k, v in (columns or {}).items() if v is not None))
    return dict(_resolve(tuple(n for n in names if isinstance(n, str)), named))


@functools.lru_cache(maxsize=256)
def _resolve(names: tuple[str, ...], named: tuple[tuple[str, str], ...]
             ) -> tuple[tuple[str, str], ...]:
    """:func:`resolve_fields` for one set of names (cached: a dump's records mostly share
    their keys)."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(_column_key(name), name)
    wanted_of = dict(named)
    found: dict[str, str] = {}
    for attribute in ATTRIBUTES:
        wanted = wanted_of.get(attribute)
        if wanted is not None:
            match = wanted if wanted in names else by_key.get(_column_key(wanted))
            if match is not None:
                found[attribute] = match
            continue
        match = next((by_key[k] for k in _lexicon_keys()[attribute] if k in by_key), None)
        if match is not None and match not in found.values():
            found[attribute] = match
    return tuple(found.items())


def unique_names(header: list[str]) -> list[str]:
    """A header's names made unique and non-empty, so no cell is lost to another of the same
    name: an empty name becomes ``column_N`` (N its position from 1), a repeated one
    ``NAME_2``, ``NAME_3``, ..."""
    seen: set[str] = set()
    out = []
    for index, name in enumerate(header, 1):
        base = name or f"column_{index}"
        unique, k = base, 1
        while unique in seen:
            k += 1
            unique = f"{base}_{k}"
        seen.add(unique)
        out.append(unique)
    return out


def missing_columns(names: list[str], fields: dict[str, str],
                    columns: Mapping[str, str | None] | None = None) -> str | None:
    """Why a file or record with the columns ``names`` cannot give articles, or None: no text
    column, or a column named explicitly that it does not have."""
    listed = ", ".join(repr(n) for n in names) or "none"
    for attribute in NAMED_COLUMNS:
        wanted = (columns or {}).get(attribute)
        if wanted is not None and attribute not in fields:
            return (f"no column {wanted!r} (--{attribute}-column); the columns are {listed}")
    if "text" not in fields and "paragraphs" not in names:
        return (f"no text column (the columns are {listed}); name the one holding the "
                "article text with --text-column (text_column= in Python)")
    return None


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


@dataclass(frozen=True)
class ReadOptions:
    """How to read the inputs: the forced format, columns named explicitly (attribute ->
    column, :func:`resolve_fields`), TSV quoting, and the Excel sheet to read (None: all)."""

    input_format: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    tsv_quotes: bool = False
    sheet: str | None = None

    @property
    def named(self) -> dict[str, str]:
        """The columns named explicitly, by attribute."""
        return dict(self.columns)


def read_articles(
    paths: str | Path | Iterable[str | Path],
    *,
    text_column: str | None = None,
    input_format: str | None = None,
    tsv_quotes: bool = False,
    exclude: str | Path | None = None,
    columns: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
    opened: Callable[[IO[bytes]], None] | None = None,
) -> Iterator[Record]:
    """Yield a :class:`Record` for every article in ``paths`` (files, folders, or ``-``).

    All inputs are checked first (:func:`check_inputs`).  Folders are walked in name order;
    files of unknown formats, anything under ``exclude`` (the output folder) and any folder
    an nlp-news run or report made are skipped.  ``text_column`` and ``columns``
    (``{"id": ..., "title": ..., "date": ..., "url": ...}``) name columns explicitly; the
    others are recognised by name (the lexicon's ``[columns]``).  ``tsv_quotes``: in TSV,
    ``"`` quotes fields as in CSV (by default it is plain text).  ``sheet``: the one sheet of
    an Excel file to read (default: every sheet).  ``opened``: called with each input file's
    raw handle as it is opened (a progress bar follows its position).
    """
    paths = check_inputs(paths, input_format=input_format, exclude=exclude)
    out = Path(exclude).resolve() if exclude is not None else None
    named = {k: v for k, v in {**(columns or {}), "text": text_column}.items()
             if v is not None}
    options = ReadOptions(input_format, tuple(sorted(named.items())), tsv_quotes, sheet)
    for name in paths:
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", options)
            continue
        path = Path(name)
        if path.is_dir():
            for file in folder_files(path, out):
                yield from _read_file(file, options, opened)
        else:
            yield from _read_file(path, options, opened)


#: Files that mark a folder as nlp-news's own (``output_folder.MARKER``, ``batch.PARTS_DIR``,
#: the report's ``REPORT_MARKER``): such a folder inside an input folder is never read.
OWN_FOLDER_MARKS = (".nlp_news_output.json", ".nlp_news_parts", ".nlp_news_report")


def folder_files(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The files of known formats under ``folder``, in name order, none under ``exclude``
    (a resolved path: the output folder) nor in a folder nlp-news made (an earlier run's
    output or a report: :data:`OWN_FOLDER_MARKS`); links to folders are not followed."""
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        if (any(os.path.lexists(here / mark) for mark in OWN_FOLDER_MARKS)
                or (exclude is not None and here.resolve().is_relative_to(exclude))):
            dirs[:] = []
            continue
        found.extend(here / f for f in files if (here / f).is_file() and _known(here / f))
    return sorted(p for p in found
                  if not (exclude is not None and p.resolve().is_relative_to(exclude)))


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
    """A gzip file's decompressed bytes, read so that damage loses nothing before it, in
    bounded time and memory.

    :mod:`gzip` raises as soon as a stream is damaged or its CRC does not match, and the
    lines decoded but not yet read go with the exception.  Here each member is inflated by
    :func:`zlib.decompressobj` (gzip framing: header, CRC and length checked by zlib), at most
    :data:`OUT` bytes a call, served from an offset (no copy of the rest per read).  Damage
    ends the stream like an end of file, kept in :attr:`problem` for the reader to report
    after the last line; the bytes inflated before the damaged byte are still given out (the
    failing call is done again one compressed byte at a time from a copy of the inflater)."""

    CHUNK = 1 << 16  # compressed bytes read at a time
    OUT = 1 << 20  # the most inflated bytes one call makes

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.problem: str | None = None
        self.inflate: Any = None
        self.pending = b""  # compressed bytes not yet inflated
        self.out = b""
        self.pos = 0

    def readable(self) -> bool:
        return True

    def _more(self) -> bytes:
        data = self.pending or self.raw.read(self.CHUNK)
        self.pending = b""
        return data

    def _inflate(self, data: bytes) -> bytes:
        saved = self.inflate.copy()
        try:
            out = self.inflate.decompress(data, self.OUT)
        except zlib.error as exc:
            self.inflate, pieces = saved, []
            for i in range(len(data)):  # the bytes before the damage
                try:
                    pieces.append(self.inflate.decompress(data[i:i + 1]))
                except zlib.error:
                    break
            if str(exc).endswith(("incorrect data check", "incorrect length check")):
                self.problem = ("gzip check failed (the CRC or length of the data does not "
                                "match): some text above may be damaged")
            else:
                self.problem = f"damaged gzip data: {exc}"
            out = b"".join(pieces)
            return out
        self.pending = self.inflate.unconsumed_tail
        if self.inflate.eof:
            self.pending = self.inflate.unused_data
            self.inflate = None
        return out

    def _fill(self) -> None:
        while self.pos >= len(self.out) and self.problem is None:
            data = self._more()
            if self.inflate is None:
                if not data.strip(b"\x00"):
                    if not data:
                        return  # the end (after zero padding, if any)
                    continue
                self.inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
            elif not data:
                self.problem = "the gzip stream ends before its last member does (truncated)"
                return
            self.out, self.pos = self._inflate(data), 0

    def readinto(self, buffer) -> int:
        try:
            self._fill()
        except READ_ERRORS as exc:
            self.problem = f"damaged gzip data: {exc}"
        n = min(len(buffer), len(self.out) - self.pos)
        buffer[:n] = memoryview(self.out)[self.pos:self.pos + n]
        self.pos += n
        return n


#: Longest article annotated (characters); a longer one gets an error row.
MAX_ARTICLE_CHARS = 10_000_000
#: Longest line read (bytes): room for an article at the limit in UTF-8 (4 bytes a character
#: at most) and its other fields.  A longer line (or ``.txt`` file) is refused without being
#: read whole: its bytes are skipped in pieces.
MAX_LINE_BYTES = 4 * MAX_ARTICLE_CHARS + (1 << 20)
_TOO_LONG = (f"longer than {MAX_LINE_BYTES:,} bytes, so over the limit of "
             f"{MAX_ARTICLE_CHARS:,} characters an article may have; not read (split it)")


def _physical_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` of every line, ``None`` for a line longer than
    :data:`MAX_LINE_BYTES` (skipped, never held whole); a read error after line N becomes
    :class:`_Unreadable` (every line read whole before it has been given out)."""
    number = 0
    while True:
        try:
            line = handle.readline(MAX_LINE_BYTES + 1)
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                line = None
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
        except READ_ERRORS as exc:
            raise _Unreadable(number, exc) from exc
        if line == b"":
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


def _read_file(path: Path, options: ReadOptions, opened: Callable | None = None
               ) -> Iterator[Record]:
    fmt = options.input_format or detect_format(path)
    if fmt == "xlsx":
        yield from _read_xlsx(path, options)
        return
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        with open(path, "rb") as handle:
            if opened is not None:
                opened(handle)
            stream = io.BufferedReader(_Gunzip(handle)) if gzipped else handle
            yield from _read_stream(stream, str(path), _stem(path), options, fmt)
    except READ_ERRORS as exc:  # unreadable file, or a gzip damaged before its first line
        yield Record(origin=str(path), default_id=_stem(path),
                     error=f"{path}: cannot read file: {exc}")


class _CarriageReturns(io.RawIOBase):
    """A stream whose lines end in a bare ``\r`` (old Mac files) with ``\n`` instead."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read1(len(buffer)).replace(b"\r", b"\n")
        buffer[:len(data)] = data
        return len(data)


def _sniff_delimiter(head: bytes) -> str:
    """The delimiter of a CSV file from its header line (:class:`csv.Sniffer`): ``,``, ``;``
    (spreadsheets in an Indonesian locale) or a tab; ``,`` when the header has one column."""
    first = head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0].rstrip(b"\r")
    try:
        return csv.Sniffer().sniff(first.decode("utf-8", "replace"),
                                   delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_stream(handle: IO[bytes], name: str, stem: str, options: ReadOptions,
                 fmt: str | None = None) -> Iterator[Record]:
    fmt = fmt or options.input_format
    buffered = handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(handle)
    head = buffered.peek(8192)[:8192]
    if _looks_binary(head):
        yield Record(origin=name, default_id=stem,
                     error=f"{name}: binary file (NUL bytes), not text")
        return
    if fmt is None:  # stdin without --input-format: JSON Lines if it starts with '{'
        fmt = "jsonl" if head.removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"{" else "txt"
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(buffered, name, stem, options.named)
        elif fmt in ("csv", "tsv"):
            if b"\r" in head and b"\n" not in head:  # old Mac line ends (Excel for Mac)
                buffered = io.BufferedReader(_CarriageReturns(buffered))
            delimiter = _sniff_delimiter(head.replace(b"\r", b"\n")) if fmt == "csv" else "\t"
            yield from _read_csv(buffered, name, stem, delimiter, options.named,
                                 fmt == "csv" or options.tsv_quotes)
        elif fmt == "xlsx":
            yield Record(origin=name, default_id=stem, error=f"{name}: an Excel workbook "
                         "cannot be read from a stream; give it as a file")
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


def _no_constant(name: str) -> None:
    """``NaN``, ``Infinity`` and ``-Infinity`` (which Python's JSON accepts but JSON has not)
    are read as ``null``, so they never reach an output as invalid JSON."""
    return None


def _read_jsonl(handle: IO[bytes], name: str, stem: str, columns: dict[str, str]
                ) -> Iterator[Record]:
    for line_no, line in _physical_lines(handle):
        origin, default_id = f"{name}:{line_no}", f"{stem}:{line_no}"
        if line is None:
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: line {_TOO_LONG}")
            continue
        if line_no == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: invalid UTF-8 at byte {exc.start}")
            continue
        try:
            data = json.loads(text, parse_constant=_no_constant)
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
        fields = resolve_fields(data, columns)
        missing = missing_columns(list(data), fields, columns)
        yield Record(data=_clean(data), origin=origin, default_id=default_id,
                     error=f"{origin}: {missing}" if missing else None, fields=fields)


def _has_bad_bytes(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


class _LineTooLong(Exception):
    """A CSV line longer than :data:`MAX_LINE_BYTES` (skipped unread)."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


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
            if raw is None:
                raise _LineTooLong(number)
            item = (number, raw.decode("utf-8", errors="surrogateescape"))
        self.taken.append(item)
        return item[1]

    def push_back(self, lines: list[tuple[int, str]]) -> None:
        self.pending.extendleft(reversed(lines))


def _read_csv(
    handle: IO[bytes], name: str, stem: str, delimiter: str, columns: dict[str, str],
    quoted: bool = True,
) -> Iterator[Record]:
    lines = _RowLines(handle)
    options = ({"strict": True} if quoted else {"quoting": csv.QUOTE_NONE})

    def next_row() -> list[str] | None:
        lines.taken = []
        return next(csv.reader(lines, delimiter=delimiter, **options), None)

    try:
        header = next_row()
    except (csv.Error, _LineTooLong) as exc:
        problem = f"line {_TOO_LONG}" if isinstance(exc, _LineTooLong) else exc
        yield Record(origin=f"{name}:1", default_id=f"{stem}:1",
                     error=f"{name}:1: unreadable CSV header: {problem}")
        return
    if header is None:
        return
    header = unique_names([h.strip().lstrip("\ufeff") for h in header])
    fields = resolve_fields(header, columns)
    missing = missing_columns(header, fields, columns)
    while True:
        problem = None
        try:
            row = next_row()
        except csv.Error as exc:
            row, problem = [], f"unreadable row: {exc}"
        except _LineTooLong as exc:
            lines.push_back(lines.taken[1:])  # a row cut short: its other lines read again
            yield Record(origin=f"{name}:{exc.line}", default_id=f"{stem}:{exc.line}",
                         error=f"{name}:{exc.line}: line {_TOO_LONG}")
            continue
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
                     default_id=default_id, error=f"{origin}: {missing}" if missing else None,
                     fields=fields)


#: The most bytes an Excel workbook may inflate to (its zip members together); a larger one
#: (a zip bomb) is refused before any is read.
MAX_WORKBOOK_BYTES = 1 << 30


def _cell(value: Any) -> Any:
    """An Excel cell as a record value: dates and times as ISO text, other values as read."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _read_xlsx(path: Path, options: ReadOptions) -> Iterator[Record]:
    """The rows of every sheet of an Excel workbook (or of ``options.sheet``), the first
    non-empty row of a sheet its header; a row's origin is ``FILE[SHEET]:ROW``."""
    import zipfile

    import openpyxl

    stem = _stem(path)
    try:
        with zipfile.ZipFile(path) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
        if inflated > MAX_WORKBOOK_BYTES:
            raise ValueError(f"it inflates to {inflated:,} bytes, over the limit of "
                             f"{MAX_WORKBOOK_BYTES:,}")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, not a workbook, damaged XML: openpyxl's many kinds
        yield Record(origin=str(path), default_id=stem,
                     error=f"{path}: cannot read the Excel workbook: {exc}")
        return
    try:
        names = book.sheetnames
        if options.sheet is not None and options.sheet not in names:
            yield Record(origin=str(path), default_id=stem,
                         error=f"{path}: no sheet {options.sheet!r} (--sheet); its sheets are "
                               f"{', '.join(map(repr, names))}")
            return
        for sheet in [options.sheet] if options.sheet is not None else names:
            yield from _read_sheet(book[sheet], f"{path}[{sheet}]", f"{stem}[{sheet}]",
                                   options.named)
    finally:
        book.close()


def _read_sheet(sheet: Any, name: str, stem: str, columns: dict[str, str]
                ) -> Iterator[Record]:
    """The rows of one sheet (see :func:`_read_xlsx`); damage part-way is one error row after
    the rows read before it."""
    header: list[str] | None = None
    fields: dict[str, str] = {}
    missing = None
    try:
        for row_no, row in enumerate(sheet.iter_rows(values_only=True), 1):
            values = [_cell(v) for v in row]
            if not any(v not in (None, "") for v in values):
                continue
            origin, default_id = f"{name}:{row_no}", f"{stem}:{row_no}"
            if header is None:
                header = unique_names(["" if v is None else str(v).strip() for v in values])
                fields = resolve_fields(header, columns)
                missing = missing_columns(header, fields, columns)
                continue
            if len(values) > len(header):  # cells right of the header's last column
                header = unique_names(header + [""] * (len(values) - len(header)))
            data = {h: v for h, v in zip(header, values, strict=False) if v is not None}
            yield Record(data=_clean(data), origin=origin, default_id=default_id,
                         error=f"{origin}: {missing}" if missing else None, fields=fields)
    except Exception as exc:  # damaged sheet XML part-way: the rows before it are kept
        yield Record(origin=name, default_id=stem,
                     error=f"{name}: reading the sheet stopped: {exc}")


def _read_text(handle: IO[bytes], name: str, stem: str) -> Record:
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parts = []
    size = 0
    for line_no, line in _physical_lines(handle):
        size += len(line) if line is not None else MAX_LINE_BYTES + 1
        if size > MAX_LINE_BYTES:
            return Record(origin=name, default_id=stem, error=f"{name}: text {_TOO_LONG}")
        try:
            parts.append(decoder.decode(line))
        except UnicodeDecodeError as exc:
            return Record(origin=f"{name}:{line_no}", default_id=stem,
                          error=f"{name}:{line_no}: invalid UTF-8 at byte {exc.start} of the line")
    return Record(data={"text": "".join(parts)}, origin=name, default_id=stem)
