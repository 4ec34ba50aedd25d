"""Compare the tables of two `nlp-news annotate` output folders (for refactors that must not
change what the tables say).

    python benchmarks/compare_outputs.py OLD_OUT NEW_OUT [--show 5]

Per table: rows in each, columns added and removed, and on the shared columns how many rows
differ (rows are compared in order; the tables of one input are in input order). Exit code 0
when every shared column is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

TABLES = ("documents", "entities", "facts", "quotes", "entity_summary")


def compare(old_dir: Path, new_dir: Path, show: int = 5) -> dict[str, dict]:
    report = {}
    for name in TABLES:
        old_path, new_path = old_dir / f"{name}.csv", new_dir / f"{name}.csv"
        if not old_path.exists() or not new_path.exists():
            continue
        old = pd.read_csv(old_path, dtype=str, keep_default_na=False)
        new = pd.read_csv(new_path, dtype=str, keep_default_na=False)
        shared = [c for c in old.columns if c in new.columns]
        entry = {"rows_old": len(old), "rows_new": len(new),
                 "columns_added": [c for c in new.columns if c not in old.columns],
                 "columns_removed": [c for c in old.columns if c not in new.columns]}
        if len(old) == len(new):
            differs = (old[shared].values != new[shared].values).any(axis=1)
            entry["rows_differing"] = int(differs.sum())
            by_column = {c: int((old[c] != new[c]).sum()) for c in shared}
            entry["differing_by_column"] = {c: n for c, n in by_column.items() if n}
            entry["examples"] = [
                {"row": int(i), "old": old.loc[i, shared].to_dict(),
                 "new": new.loc[i, shared].to_dict()}
                for i in list(old.index[differs])[:show]]
        else:
            merged = old[shared].merge(new[shared], how="outer", indicator=True)
            entry["rows_only_old"] = int((merged["_merge"] == "left_only").sum())
            entry["rows_only_new"] = int((merged["_merge"] == "right_only").sum())
        report[name] = entry
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--show", type=int, default=5, help="example rows per table")
    args = parser.parse_args()
    report = compare(args.old, args.new, args.show)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    same = all(e.get("rows_differing", 1) == 0 for e in report.values())
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
