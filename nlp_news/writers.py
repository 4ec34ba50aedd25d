"""Write tables to CSV, Parquet or JSON Lines, chunk by chunk, atomically.

Each table is written under a temporary name in the output folder and renamed when the run
finishes, so a crash never leaves a half file that looks whole.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd

FORMATS = ("csv", "parquet", "jsonl")


class TableWriter:
    """Append chunks of a table to ``<out_dir>/<name>.<fmt>``; :meth:`close` makes it final."""

    def __init__(self, out_dir: str | Path, name: str, fmt: str = "csv"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; choose one of {FORMATS}")
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.path = self.out_dir / f"{name}.{fmt}"
        self.tmp_path = self.out_dir / f".{name}.{fmt}.partial"
        self._started = False
        self._parquet: Any = None
        self._columns: list[str] | None = None

    def write(self, df: pd.DataFrame) -> None:
        """Append ``df`` (same columns every time)."""
        if self._columns is None:
            self._columns = list(df.columns)
        elif list(df.columns) != self._columns:
            raise ValueError(f"{self.path.name}: columns changed between chunks")
        if self.fmt == "csv":
            df.to_csv(self.tmp_path, mode="a" if self._started else "w",
                      header=not self._started, index=False)
        elif self.fmt == "jsonl":
            with open(self.tmp_path, "a" if self._started else "w", encoding="utf-8") as handle:
                if len(df):
                    handle.write(df.to_json(orient="records", lines=True, force_ascii=False))
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.tmp_path, table.schema)
            self._parquet.write_table(table.cast(self._parquet.schema))
        self._started = True

    def append_fragment(self, path: str | Path) -> None:
        """Append a fragment made by :func:`write_fragment` (after a first :meth:`write`).

        CSV and JSON Lines fragments are copied byte for byte: the formatting was done where
        the fragment was made (in parallel workers), not here."""
        if not self._started:
            raise ValueError(f"{self.path.name}: write the header (an empty frame) first")
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            self._parquet.write_table(pq.read_table(path).cast(self._parquet.schema))
            return
        with open(path, "rb") as src, open(self.tmp_path, "ab") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def close(self) -> Path:
        """Finish the file and move it to its final name."""
        if self._parquet is not None:
            self._parquet.close()
        if not self._started:
            raise ValueError(f"{self.path.name}: nothing written (write an empty frame first)")
        os.replace(self.tmp_path, self.path)
        return self.path


def write_fragment(df: pd.DataFrame, path: str | Path, fmt: str) -> None:
    """Write ``df`` as a piece of a table file: CSV rows without header, JSON Lines, or a
    Parquet file; atomically (temporary name, then rename)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    if fmt == "csv":
        df.to_csv(tmp, header=False, index=False)
    elif fmt == "jsonl":
        tmp.write_text(df.to_json(orient="records", lines=True, force_ascii=False)
                       if len(df) else "", encoding="utf-8")
    else:
        df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path, fmt: str = "csv"
                 ) -> dict[str, Path]:
    """Write whole tables at once (the API's ``Annotations.save``)."""
    paths = {}
    for name, df in tables.items():
        writer = TableWriter(out_dir, name, fmt)
        writer.write(df)
        paths[name] = writer.close()
    return paths


def read_table(path: str | Path, schema: dict[str, str] | None = None) -> pd.DataFrame:
    """Read a table written by :class:`TableWriter` back with its dtypes."""
    path = Path(path)
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    elif path.suffix == ".jsonl":
        df = pd.read_json(path, lines=True, dtype=False) if path.stat().st_size else pd.DataFrame()
    else:
        strings = {c: "string" for c, t in (schema or {}).items() if t == "string"}
        df = pd.read_csv(path, dtype=strings or str, keep_default_na=False, na_values=[""])
    if schema is not None:
        for column in schema:
            if column not in df.columns:
                df[column] = None
        df = df[list(schema)].astype(schema)
    return df
