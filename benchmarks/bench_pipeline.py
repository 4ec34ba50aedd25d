"""Benchmark the pipeline on real articles: load time, tokens/s per stage, peak memory.

    python benchmarks/bench_pipeline.py --limit 500 --threads 1

Prints one JSON object.  Not a test: figures depend on the machine (record it with them).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from itertools import islice
from pathlib import Path

import machine

from nlp_news import config

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = config.corpus_path("indosum")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=500, help="articles to annotate")
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"missing {args.data}: the benchmark reads real articles from ../shared",
              file=sys.stderr)
        return 2

    import torch

    torch.set_num_threads(args.threads)
    from nlp_news.annotate import Pipeline, batched, to_articles
    from nlp_news.readers import read_articles

    start = time.perf_counter()
    pipeline = Pipeline()
    load_seconds = time.perf_counter() - start
    articles = list(to_articles(islice(read_articles(args.data), args.limit)))
    n_tokens = n_entities = n_facts = 0
    pipeline.timings.clear()
    start = time.perf_counter()
    for batch in batched(articles, args.batch_size):
        for doc in pipeline(batch):
            n_tokens += doc.n_tokens
            n_entities += len(doc.entities)
            n_facts += len(doc.facts)
    total = time.perf_counter() - start
    t = pipeline.timings
    tok_ner = t["tokenize"] + t["ner"]
    report = {
        "command": "python benchmarks/bench_pipeline.py " + " ".join(argv or sys.argv[1:]),
        "machine": machine.describe(args.threads),
        "articles": len(articles),
        "tokens": n_tokens,
        "entities": n_entities,
        "facts": n_facts,
        "load_seconds": round(load_seconds, 2),
        "total_seconds": round(total, 2),
        "articles_per_second": round(len(articles) / total, 1),
        "tokens_per_second_tokenize_plus_ner": round(n_tokens / tok_ner),
        "tokens_per_second_ner_only": round(n_tokens / t["ner"]),
        "tokens_per_second_tokenize_only": round(n_tokens / t["tokenize"]),
        "stage_seconds": {k: round(v, 2) for k, v in t.items() if k != "load"},
        "rules_share_of_pipeline": round(t["facts"] / total, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
