"""Write tables to CSV, Parquet or JSON Lines, chunk by chunk, atomically.

Each table is written under a temporary name in the output folder and renamed when the run
finishes, so a crash never leaves a half file that looks whole.  Files are created and
appended to without following links (:mod:`.safe_files`).

CSV is written as RFC 4180 (CRLF line ends), so a field holding a bare ``\r`` is quoted and
reads back as one field (an empty string reads back as missing, as in any CSV).  A CSV cell
that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return) gets a leading ``'`` (OWASP's rule); so that :func:`read_table` can take it
off again without ambiguity, a value that already starts with ``'`` followed by one of those
gets one too.  JSON Lines and Parquet keep every value as it is.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import regex

from . import safe_files

#: Output formats (``--format``).  ``xlsx`` writes the tables as JSON Lines (every value
#: whole) and a workbook of them, ``tables.xlsx``, one sheet per table (:func:`write_workbook`).
FORMATS = ("csv", "parquet", "jsonl", "xlsx")
#: The formats of table files (what ``xlsx`` writes its tables as: :func:`file_format`).
TABLE_FORMATS = ("csv", "parquet", "jsonl")
WORKBOOK = "tables.xlsx"
#: Excel's limits: characters in a cell, rows in a sheet.
EXCEL_CELL_CHARS = 32_767
EXCEL_ROWS = 1_048_576

#: A cell a spreadsheet would run as a formula, or one that looks like one already made safe.
_FORMULA = r"^'*[=+\-@\t\r]"
#: A cell made safe by :func:`neutralise_formulas`.
_NEUTRALISED = r"^'+[=+\-@\t\r]"


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns
            if df[c].dtype == object or isinstance(df[c].dtype, pd.StringDtype)]


def _prefix_where(df: pd.DataFrame, pattern: str, add: bool) -> pd.DataFrame:
    out = df
    for column in _text_columns(df):
        values = df[column]
        hit = values.map(lambda v: isinstance(v, str)).astype(bool)
        if not hit.any():
            continue
        hit &= values.where(hit, "").astype(str).str.match(pattern)
        if hit.any():
            if out is df:
                out = df.copy()
            changed = values[hit].astype(str)
            out.loc[hit, column] = ("'" + changed) if add else changed.str[1:]
    return out


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with a ``'`` before every text cell a spreadsheet would run as a formula (see the
    module docstring); ``df`` itself is not changed."""
    return _prefix_where(df, _FORMULA, add=True)


def restore_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`neutralise_formulas`: the values as they were before writing."""
    return _prefix_where(df, _NEUTRALISED, add=False)


def file_format(fmt: str) -> str:
    """The format a table of output format ``fmt`` is written in (xlsx: JSON Lines)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {FORMATS}")
    return "jsonl" if fmt == "xlsx" else fmt


def _write_csv(df: pd.DataFrame, handle, header: bool) -> None:
    neutralise_formulas(df).to_csv(handle, header=header, index=False, lineterminator="\r\n")


class TableWriter:
    """Append chunks of a table to ``<out_dir>/<name>.<fmt>``; :meth:`close` makes it final."""

    def __init__(self, out_dir: str | Path, name: str, fmt: str = "csv"):
        fmt = file_format(fmt)
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)  # the user's folder: may be a link
        self.fmt = fmt
        self.path = self.out_dir / f"{name}.{fmt}"
        self.tmp_path = self.out_dir / f".{name}.{fmt}.partial"
        self._started = False
        self._parquet: Any = None
        self._columns: list[str] | None = None
        self._sink: Any = None

    def write(self, df: pd.DataFrame) -> None:
        """Append ``df`` (same columns every time)."""
        if self._columns is None:
            self._columns = list(df.columns)
        elif list(df.columns) != self._columns:
            raise ValueError(f"{self.path.name}: columns changed between chunks")
        if self.fmt in ("csv", "jsonl"):
            opener = safe_files.append if self._started else safe_files.create
            with opener(self.tmp_path, text=True) as handle:
                if self.fmt == "csv":
                    _write_csv(df, handle, header=not self._started)
                elif len(df):
                    handle.write(df.to_json(orient="records", lines=True, force_ascii=False))
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, preserve_index=False)
            if self._parquet is None:
                self._sink = safe_files.create(self.tmp_path)
                self._parquet = pq.ParquetWriter(self._sink, table.schema)
            self._parquet.write_table(table.cast(self._parquet.schema))
        self._started = True

    def append_fragment(self, path: str | Path) -> None:
        """Append a fragment made by :func:`write_fragment` (after a first :meth:`write`).

        CSV and JSON Lines fragments are copied byte for byte: the formatting was done where
        the fragment was made (in parallel workers), not here.  The fragment must be a regular
        file (:func:`.safe_files.open_regular`): a link planted among the parts is refused."""
        if not self._started:
            raise ValueError(f"{self.path.name}: write the header (an empty frame) first")
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            with safe_files.open_regular(path) as src:
                self._parquet.write_table(pq.read_table(src).cast(self._parquet.schema))
            return
        with safe_files.open_regular(path) as src, safe_files.append(self.tmp_path) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def close(self) -> Path:
        """Finish the file and move it to its final name."""
        if self._parquet is not None:
            self._parquet.close()
            self._sink.close()
        if not self._started:
            raise ValueError(f"{self.path.name}: nothing written (write an empty frame first)")
        os.replace(self.tmp_path, self.path)
        return self.path


def write_fragment(df: pd.DataFrame, path: str | Path, fmt: str) -> None:
    """Write ``df`` as a piece of a table file: CSV rows without header, JSON Lines, or a
    Parquet file; atomically (temporary name, then rename)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    fmt = file_format(fmt)
    with safe_files.create(tmp, text=fmt != "parquet") as handle:
        if fmt == "csv":
            _write_csv(df, handle, header=False)
        elif fmt == "jsonl":
            handle.write(df.to_json(orient="records", lines=True, force_ascii=False)
                         if len(df) else "")
        else:
            df.to_parquet(handle, index=False)
    os.replace(tmp, path)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, fmt: str = "csv"
                 ) -> dict[str, Path]:
    """Write whole tables at once (the API's ``Annotations.save``)."""
    paths = {}
    for name, df in tables.items():
        writer = TableWriter(out_dir, name, fmt)
        writer.write(df)
        paths[name] = writer.close()
    return finish(out_dir, paths, fmt)


def finish(out_dir: str | Path, paths: dict[str, Path], fmt: str) -> dict[str, Path]:
    """``paths`` of the finished tables, with the workbook made of them for ``xlsx``."""
    if fmt == "xlsx":
        paths = {**paths, "workbook": write_workbook(Path(out_dir) / WORKBOOK, paths)}
    return paths


def _excel_cell(value: Any) -> Any:
    """A JSON value as an Excel cell: text made safe (:func:`neutralise_formulas`'s rule),
    characters XML cannot hold replaced by U+FFFD, and cut at Excel's
    :data:`EXCEL_CELL_CHARS` (the JSON Lines table beside keeps the whole value)."""
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if regex.match(_FORMULA, value):
        value = "'" + value
    if len(value) > EXCEL_CELL_CHARS:
        value = value[:EXCEL_CELL_CHARS - 1] + "\u2026"
    return value


def write_workbook(path: Path, tables: dict[str, Path]) -> Path:
    """One Excel workbook of the JSON Lines ``tables``, a sheet per table (a table of more
    than Excel's :data:`EXCEL_ROWS` rows goes on over sheets ``NAME_2``, ...), streamed row by
    row through openpyxl; written under a temporary name, then renamed."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, table in tables.items():
        with safe_files.open_regular(table) as handle:
            columns: list[str] | None = None
            sheet, rows, part = None, 0, 1
            for line in handle:
                record = json.loads(line)
                if columns is None:
                    columns = list(record)
                if sheet is None or rows == EXCEL_ROWS:
                    sheet = book.create_sheet(name if part == 1 else f"{name}_{part}")
                    sheet.append(columns)
                    rows, part = 1, part + 1
                sheet.append([_excel_cell(record.get(c)) for c in columns])
                rows += 1
            if sheet is None:  # an empty table: its header alone
                from .tables import ALL_SCHEMAS

                book.create_sheet(name).append(list(ALL_SCHEMAS.get(name, [])))
    tmp = path.with_name(path.name + ".partial")
    with safe_files.create(tmp) as handle:
        book.save(handle)
    os.replace(tmp, path)
    return path


def read_table(path: str | Path, schema: dict[str, str] | None = None) -> pd.DataFrame:
    """Read a table written by :class:`TableWriter` back with its dtypes (a CSV's cells made
    safe for spreadsheets as they were written; a link or a FIFO in its place is refused)."""
    path = Path(path)
    with safe_files.open_regular(path, one_link=False) as handle:
        if path.suffix == ".parquet":
            df = pd.read_parquet(handle)
        elif path.suffix == ".jsonl":
            text = handle.read().decode("utf-8")
            df = (pd.read_json(io.StringIO(text), lines=True, dtype=False) if text.strip()
                  else pd.DataFrame())
        else:
            strings = {c: "string" for c, t in (schema or {}).items() if t == "string"}
            df = restore_formulas(pd.read_csv(handle, dtype=strings or str,
                                              keep_default_na=False, na_values=[""]))
    if schema is not None:
        for column in schema:
            if column not in df.columns:
                df[column] = None
        df = df[list(schema)].astype(schema)
    return df
