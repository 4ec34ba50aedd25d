"""Benchmark batch annotation of real articles: articles/s, tokens/s, peak RSS, stage shares.

    python benchmarks/bench_batch.py --limit 1000 --jobs 1 2

Runs ``nlp-news annotate`` (the same code, in this process) over the first N articles of a real
dump once per --jobs value and prints one JSON object.  Peak RSS is the driver's own for 1 job
and the largest worker's for more.  Figures depend on the machine: it is recorded with them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import tempfile
from pathlib import Path

import machine

from nlp_news import config
from nlp_news.config import Config

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = config.corpus_path("indosum")


def _sample(src: Path, limit: int, dest: Path) -> Path:
    with open(src, encoding="utf-8") as inp, open(dest, "w", encoding="utf-8") as out:
        lines = itertools.islice(itertools.cycle(list(itertools.islice(inp, limit))), limit)
        out.writelines(lines)
    return dest


def run_once(dump: Path, jobs: int, chunk_size: int, ner: bool) -> dict[str, object]:
    from nlp_news import batch

    with tempfile.TemporaryDirectory() as tmp:
        config = batch.BatchConfig(out=Path(tmp), jobs=jobs, chunk_size=chunk_size,
                                   pipeline=Config(ner=ner), quiet=True)
        summary = batch.run([str(dump)], config)
    who = resource.RUSAGE_SELF if jobs == 1 else resource.RUSAGE_CHILDREN
    timings = dict(summary.timings)
    total_stage = sum(timings.values())
    return {
        "jobs": jobs,
        "articles": summary.ok + summary.error,
        "seconds": round(summary.seconds, 1),
        "articles_per_second": round((summary.ok + summary.error) / summary.seconds, 2),
        "tokens_per_second": round(summary.tokens / summary.seconds),
        "peak_rss_mb": round(resource.getrusage(who).ru_maxrss / 1024),
        "stage_share": {k: round(v / total_stage, 3) for k, v in sorted(timings.items())},
        "non_model_share": round(
            1 - (timings.get("tokenize", 0) + timings.get("ner", 0)) / total_stage, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=1000, help="articles (repeats if fewer)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunk-size", type=int, default=100)
    parser.add_argument("--no-ner", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"missing {args.data}: the benchmark reads real articles from ../shared",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        dump = _sample(args.data, args.limit, Path(tmp) / "sample.jsonl")
        runs = [run_once(dump, jobs, args.chunk_size, not args.no_ner) for jobs in args.jobs]
    report = {
        "command": "python benchmarks/bench_batch.py " + " ".join(argv or sys.argv[1:]),
        "machine": machine.describe(),
        "data": str(args.data.name),
        "runs": runs,
    }
    if len(runs) > 1:
        report["speedup"] = round(runs[-1]["articles_per_second"] / runs[0]["articles_per_second"],
                                  2)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
