"""Draw the real-article gold sample from ../shared/data/news and write the annotators' sheets.

    python scripts/sample_real_articles.py [--n 72] [--seed 20261201] [--sheets DIR]

The sample: articles drawn at random (seeded) from both corpora, no source holding more than a
fifth of it, CLICK-ID's kompas, tempo, tribunnews and fimela left out (their scraper dropped
hyperlinked names, see MANIFEST). Every third drawn article goes to the test half, the rest to
dev. Writes ``gold/real_articles/sample.tsv`` (split, corpus, line, source, sha256, published:
no text) and, with ``--sheets``, one sheet per article for annotators (the text with numbered
lines; sheets hold article text and are never committed).

``--add N --split NAME`` draws N more articles the same way (a per-source cap of a fifth of N)
from those not yet in ``sample.tsv`` and appends them with split NAME and the next keys: the
in-domain NER training articles (split ``train``) were drawn so, disjoint from dev and test::

    python scripts/sample_real_articles.py --add 96 --split train --seed 20261205 --sheets DIR
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from nlp_news import config
from nlp_news.article import article_from_record
from nlp_news.gold import SAMPLE, eligible_articles, sample_rows, text_checksum
from nlp_news.readers import Record


def candidates(shared: Path | None) -> list[tuple[str, int, str]]:
    """(corpus, line, source) of every eligible article."""
    return [(corpus, number, str(record.get("source", "")).lower())
            for corpus, number, record in eligible_articles(shared)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=72)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--sheets", type=Path, help="write annotators' sheets here")
    parser.add_argument("--add", type=int, metavar="N",
                        help="append N more articles, not yet sampled, with --split")
    parser.add_argument("--split", default="train", help="the split of the --add articles")
    args = parser.parse_args()
    out = SAMPLE
    n, taken, first = args.n, set(), 0
    if args.add:
        old = sample_rows()
        taken = {(row["corpus"], int(row["line"])) for row in old}
        n, first = args.add, len(old)
    pool = [c for c in candidates(args.shared) if c[:2] not in taken]
    random.Random(args.seed).shuffle(pool)
    cap = n // 5
    per_source: Counter[str] = Counter()
    rows = []
    lines = {c: {} for c in config.NEWS_CORPORA}
    for corpus, number, source in pool:
        if len(rows) == n:
            break
        if per_source[source] >= cap:
            continue
        per_source[source] += 1
        rows.append((corpus, number, source))
        lines[corpus][number] = None
    for corpus, wanted in lines.items():
        with config.corpus_path(corpus, args.shared).open(encoding="utf-8") as handle:
            for number, raw in enumerate(handle, 1):
                if number in wanted:
                    wanted[number] = json.loads(raw)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a" if args.add else "w", encoding="utf-8") as handle:
        if not args.add:
            handle.write("key\tsplit\tcorpus\tline\tsource\tsha256\tpublished\n")
        for i, (corpus, number, source) in enumerate(rows, first):
            record = Record(data=lines[corpus][number], origin=f"{corpus}:{number}")
            article = article_from_record(record)
            published = article.pub_date.isoformat() if article.pub_date else ""
            split = args.split if args.add else ("test" if i % 3 == 2 else "dev")
            key = f"a{i:03d}"
            handle.write(f"{key}\t{split}\t{corpus}\t{number}\t{source}\t"
                         f"{text_checksum(article.text)}\t{published}\n")
            if args.sheets:
                args.sheets.mkdir(parents=True, exist_ok=True)
                sheet = [f"# {key} {corpus} line {number} source {source} published {published}",
                         f"# title: {article.title or ''}", ""]
                for k, text_line in enumerate(article.text.split("\n")):
                    if text_line.strip():
                        sheet.append(f"[L{k}] {text_line}")
                (args.sheets / f"{key}.txt").write_text("\n".join(sheet) + "\n", encoding="utf-8")
    print(f"{len(rows)} articles -> {out}; per source: {dict(per_source)}")


if __name__ == "__main__":
    main()
