"""The driver's peak memory (VmHWM) of one ``nlp-news annotate`` run, in this process.

Runs :func:`nlp_news.batch.run` here and reads this process's own peak resident memory at the
end (Linux), so worker processes are not counted.  For a side-by-side figure run it with the
two versions' code one after the other on the same input (the other version from a
``git worktree``; ``python`` imports the package from the current folder)::

    python benchmarks/driver_memory.py DUMP.jsonl --out OUT --jobs 2
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from nlp_news import batch


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (``VmHWM``), 0 where /proc has none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="parquet")
    args = parser.parse_args()
    start = time.perf_counter()
    summary = batch.run(args.inputs, batch.BatchConfig(out=args.out, jobs=args.jobs,
                                                       fmt=args.format, quiet=True,
                                                       overwrite=True))
    print(json.dumps({"driver_peak_rss_mb": round(peak_rss_mb(), 1),
                      "seconds": round(time.perf_counter() - start, 1),
                      "articles": summary.ok + summary.error, "entities": summary.entities}))


if __name__ == "__main__":
    main()
