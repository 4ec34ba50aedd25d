"""Read article dumps as a stream of records: JSON Lines, CSV/TSV, plain text, folders, gzip, stdin.

Nothing is loaded whole and nothing is dropped: every line, row or file that cannot be read
becomes a :class:`Record` with an ``error`` naming the file and line, so it still gets its row in
the ``documents`` table.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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


def read_articles(
    paths: str | Path | Iterable[str | Path],
    *,
    text_column: str = "text",
    input_format: str | None = None,
) -> Iterator[Record]:
    """Yield a :class:`Record` for every article in ``paths`` (files, folders, or ``-``)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    for path in paths:
        if str(path) == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", input_format,
                                    text_column)
            continue
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _known(p))
            for file in files:
                yield from _read_file(file, input_format, text_column)
        elif path.exists():
            yield from _read_file(path, input_format, text_column)
        else:
            raise InputError(f"{path}: no such file or folder")


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


def _read_file(path: Path, input_format: str | None, text_column: str) -> Iterator[Record]:
    fmt = input_format or detect_format(path)
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        opener = gzip.open if gzipped else open
        with opener(path, "rb") as handle:
            yield from _read_stream(handle, str(path), _stem(path), fmt, text_column)
    except (OSError, EOFError) as exc:  # unreadable file or corrupt gzip
        yield Record(origin=str(path), default_id=_stem(path),
                     error=f"{path}: cannot read file: {exc}")


def _read_stream(
    handle: IO[bytes], name: str, stem: str, fmt: str | None, text_column: str
) -> Iterator[Record]:
    buffered = handle if isinstance(handle, io.BufferedReader) else io.BufferedReader(handle)
    head = buffered.peek(8192)[:8192]
    if _looks_binary(head):
        yield Record(origin=name, default_id=stem,
                     error=f"{name}: binary file (NUL bytes), not text")
        return
    if fmt is None:  # stdin without --input-format: JSON Lines if it starts with '{'
        fmt = "jsonl" if head.lstrip()[:1] == b"{" else "txt"
    if fmt == "jsonl":
        yield from _read_jsonl(buffered, name, stem)
    elif fmt in ("csv", "tsv"):
        yield from _read_csv(buffered, name, stem, "\t" if fmt == "tsv" else ",", text_column)
    else:
        yield _read_text(buffered, name, stem)


_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")


def _looks_binary(head: bytes) -> bool:
    """A NUL byte and more than 10% control bytes in the first 8 KB: not a text dump.

    (A stray NUL in one line of a text dump only makes that line fail.)"""
    if b"\x00" not in head:
        return False
    return len(head) - len(head.translate(None, _CONTROL)) > 0.1 * len(head)


def _read_jsonl(handle: IO[bytes], name: str, stem: str) -> Iterator[Record]:
    for line_no, line in enumerate(handle, 1):
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
        if not isinstance(data, dict):
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: expected a JSON object, got {type(data).__name__}")
            continue
        yield Record(data=data, origin=origin, default_id=default_id)


def _has_bad_bytes(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _read_csv(
    handle: IO[bytes], name: str, stem: str, delimiter: str, text_column: str
) -> Iterator[Record]:
    text = io.TextIOWrapper(handle, encoding="utf-8", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield Record(origin=f"{name}:1", default_id=f"{stem}:1",
                     error=f"{name}:1: unreadable CSV header: {exc}")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if text_column not in header and "paragraphs" not in header:
        yield Record(origin=f"{name}:1", default_id=f"{stem}:1",
                     error=f"{name}:1: no column {text_column!r} in header {header}")
        return
    while True:
        line_no = reader.line_num + 1
        origin, default_id = f"{name}:{line_no}", f"{stem}:{line_no}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: unreadable CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if any(_has_bad_bytes(cell) for cell in row):
            yield Record(origin=origin, default_id=default_id, error=f"{origin}: invalid UTF-8")
            continue
        if len(row) != len(header):
            yield Record(origin=origin, default_id=default_id,
                         error=f"{origin}: {len(row)} fields, header has {len(header)}")
            continue
        yield Record(data=dict(zip(header, row, strict=True)), origin=origin,
                     default_id=default_id)


def _read_text(handle: IO[bytes], name: str, stem: str) -> Record:
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts = []
    for line_no, line in enumerate(handle, 1):
        try:
            parts.append(decoder.decode(line))
        except UnicodeDecodeError as exc:
            return Record(origin=f"{name}:{line_no}", default_id=stem,
                          error=f"{name}:{line_no}: invalid UTF-8 at byte {exc.start} of the line")
    return Record(data={"text": "".join(parts)}, origin=name, default_id=stem)
