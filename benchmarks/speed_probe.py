"""One speed measurement of whatever ``nlp_news`` is first on ``sys.path``: the helper that
``benchmarks/compare_speed.py`` runs once per code tree (previous release, working tree).

    PYTHONPATH=TREE python benchmarks/speed_probe.py pipeline|batch|run DUMP [--jobs N] ...

Uses only what every release has (``Pipeline``, ``batch.run``), so the same probe measures
both trees.  Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

STARTED = time.perf_counter()


def pipeline(dump: Path, limit: int) -> dict[str, object]:
    """Tokenisation + NER (and the rest) in this process, one torch thread."""
    import torch

    torch.set_num_threads(1)
    from nlp_news.annotate import Pipeline, batched, to_articles
    from nlp_news.readers import read_articles

    start = time.perf_counter()
    pipe = Pipeline()
    load = time.perf_counter() - start
    articles = list(to_articles(islice(read_articles(dump), limit)))
    pipe(articles[:1])  # builds what a component builds on first use (spaCy's tokenizer)
    warm = time.perf_counter() - start
    pipe.timings.clear()
    tokens = entities = 0
    for chunk in batched(articles, 100):
        for doc in pipe(chunk):
            tokens += doc.n_tokens
            entities += len(doc.entities)
    t = pipe.timings
    return {"tokens": tokens, "entities": entities, "load_seconds": round(load, 2),
            "ready_seconds": round(warm, 2),
            "tokens_per_second_tokenize_plus_ner": round(tokens / (t["tokenize"] + t["ner"])),
            "tokens_per_second_ner": round(tokens / t["ner"]),
            "tokens_per_second_tokenize": round(tokens / t["tokenize"]),
            "stage_seconds": {k: round(v, 2) for k, v in t.items() if k != "load"}}


def run(dump: Path, jobs: int, chunk_size: int) -> dict[str, object]:
    """``nlp-news annotate DUMP --jobs N`` as the command runs it (``batch.run``)."""
    from nlp_news import batch

    with tempfile.TemporaryDirectory() as tmp:
        config = batch.BatchConfig(out=Path(tmp) / "out", jobs=jobs, chunk_size=chunk_size,
                                   quiet=True)
        summary = batch.run([str(dump)], config)
    who = resource.RUSAGE_SELF if jobs == 1 else resource.RUSAGE_CHILDREN
    timings = dict(summary.timings)
    return {"articles": summary.ok + summary.error, "entities": summary.entities,
            "facts": summary.facts, "run_seconds": round(summary.seconds, 2),
            "articles_per_second": round((summary.ok + summary.error) / summary.seconds, 2),
            "timings": {k: round(v, 2) for k, v in sorted(timings.items())},
            "peak_rss_mb": round(resource.getrusage(who).ru_maxrss / 1024)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["pipeline", "run"])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--chunk-size", type=int, default=100)
    args = parser.parse_args(argv)
    import nlp_news

    out: dict[str, object] = {"nlp_news": str(Path(nlp_news.__file__).parent)}
    if args.what == "pipeline":
        out.update(pipeline(args.dump, args.limit))
    else:
        out.update(run(args.dump, args.jobs, args.chunk_size))
    out["process_seconds"] = round(time.perf_counter() - STARTED, 2)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
