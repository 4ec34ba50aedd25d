"""Make the README figure: the most frequent people, places and organisations.

    python scripts/make_figures.py [--sample 300] [--out docs/figures] [--tables DIR]

Annotates a fixed sample of IndoSum articles from the shared data folder
(``../shared/data/news/indosum/articles.jsonl``), or the bundled ``examples/`` when it is absent,
and writes ``top_entities.png`` with :func:`nlp_news.explore.plot_top_entities` (news outlets
left out, names merged across articles, as in ``notebooks/explore_news.ipynb``).

``--tables DIR`` keeps the annotated tables: the first run writes them there, later runs read
them back instead of annotating again (and rebuild the entity summary from them), so changing
the plot or the name merging takes seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nlp_news  # noqa: E402
from nlp_news import explore  # noqa: E402
from nlp_news.annotate import summarize_entities  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=300,
                        help="IndoSum articles to annotate (default 300)")
    parser.add_argument("--top", type=int, default=10, help="entities per panel (default 10)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "figures")
    parser.add_argument("--tables", type=Path, default=None,
                        help="folder to save the annotated tables to, or to reuse them from")
    args = parser.parse_args(argv)

    articles = explore.indosum_sample(args.sample)
    kind = "IndoSum news"
    if not articles:
        articles = list(nlp_news.read_articles(ROOT / "examples"))
        kind = "bundled example"
        print("shared data folder absent: using the bundled examples", file=sys.stderr)
    if args.tables is not None and (args.tables / "entities.csv").exists():
        ann = nlp_news.Annotations.load(args.tables)
        ann.entity_summary = summarize_entities(ann.entities, ann.documents)
        print(f"read {ann} from {args.tables}", file=sys.stderr)
    else:
        start = time.perf_counter()
        ann = nlp_news.annotate(articles)
        print(f"annotated {len(articles)} articles in {time.perf_counter() - start:.0f} s: "
              f"{ann}", file=sys.stderr)
        if args.tables is not None:
            ann.to_csv(args.tables)
    years = ann.documents["date"].dropna().str.slice(0, 4)
    span = f" ({years.min()}-{years.max()})" if len(years) and years.min() != years.max() else ""
    what = f"{len(ann.documents)} {kind} articles{span}"

    ents = explore.drop_outlets(explore.with_names(ann.entities, ann.entity_summary),
                                ann.documents)
    fig = explore.plot_top_entities(ents, n=args.top,
                                    title=f"Most frequent entities in {what}")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "top_entities.png"
    fig.savefig(path, dpi=110)
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
