"""Benchmark of the rule layers (nlp_news.rules) over IndoSum articles.

Tokenises every article first (timed apart), then times only ``extract_facts``; prints the
figures as JSON on stdout::

    python benchmarks/bench_rules.py --data ../shared/data/news/indosum/articles.jsonl \\
        --limit 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

from nlp_news import config
from nlp_news.doc import Article, Doc
from nlp_news.pipeline.tokenize import Tokenizer
from nlp_news.pubdate import parse_pub_date
from nlp_news.rules import extract_facts

DEFAULT_DATA = config.corpus_path("indosum")


def load_articles(path: Path, limit: int) -> list[Article]:
    """IndoSum rows (``text``, ``timestamp_from_id``) or CLICK-ID rows (``paragraphs``)."""
    articles = []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if len(articles) >= limit:
                break
            row = json.loads(line)
            text = row.get("text") or "\n".join(row.get("paragraphs") or [])
            date = parse_pub_date(row.get("timestamp_from_id") or row.get("date"))
            if isinstance(date, dt.datetime):
                date = date.date()
            articles.append(Article(doc_id=str(row.get("id", n)), text=text, date=date))
    return articles


def run(path: Path, limit: int) -> dict[str, object]:
    """Tokenise, then time the rule layer; the figures as a dict."""
    articles = load_articles(path, limit)
    tokenizer = Tokenizer()
    started = time.perf_counter()
    docs = [Doc(article, sentences=tokenizer(article)) for article in articles]
    tokenize_s = time.perf_counter() - started

    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    for doc in docs:
        doc.facts = extract_facts(doc)
    rules_s = time.perf_counter() - started
    for doc in docs:
        kinds.update(fact.kind for fact in doc.facts)

    n_facts = sum(kinds.values())
    n_chars = sum(len(doc.text) for doc in docs)
    return {
        "data": str(path),
        "articles": len(docs),
        "sentences": sum(len(doc.sentences) for doc in docs),
        "characters": n_chars,
        "facts": n_facts,
        "facts_by_kind": dict(sorted(kinds.items())),
        "tokenize_seconds": round(tokenize_s, 3),
        "rules_seconds": round(rules_s, 3),
        "facts_per_second": round(n_facts / rules_s, 1) if rules_s else None,
        "articles_per_second": round(len(docs) / rules_s, 1) if rules_s else None,
        "rules_share_of_tokenize_plus_rules": round(rules_s / (rules_s + tokenize_s), 3)
        if rules_s + tokenize_s else None,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--data PATH --limit N``; JSON figures on stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="articles.jsonl (IndoSum or CLICK-ID format)")
    parser.add_argument("--limit", type=int, default=1000, help="articles to read at most")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no such file: {args.data}", file=sys.stderr)
        return 2
    print(json.dumps(run(args.data, args.limit), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
