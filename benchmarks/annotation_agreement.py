"""Agreement between two annotation passes over the same real articles.

    python benchmarks/annotation_agreement.py gold/real_articles/second_pass.jsonl \
        gold/real_articles/dev.jsonl gold/real_articles/test.jsonl

The first file is the second, blind pass over a fifth of the articles; the others hold the first
pass. The first pass is scored as gold and the second as predictions, with the scorer of
``nlp-news evaluate articles`` (canonical names stand for entity ids), so the figures read like
the pipeline's: entity F1 exact and overlapping, per label, grouping, facts per kind.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nlp_news.evaluate_articles import ArticleScorer, _Pred
from nlp_news.gold import read_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("second", type=Path)
    parser.add_argument("first", type=Path, nargs="+")
    parser.add_argument("--shared", type=Path)
    args = parser.parse_args()
    first = {g.id: g for path in args.first for g in read_gold(path, args.shared)}
    scorer = ArticleScorer()
    for other in read_gold(args.second, args.shared):
        gold = first[other.id]
        mentions = [_Pred(m["start"], m["end"], m["label"], other.text[m["start"]:m["end"]],
                          group=(m["label"], m["canonical"])) for m in other.mentions]
        facts = [_Pred(f["start"], f["end"], f["kind"], f.get("text", ""), value=f["value"])
                 for f in other.facts]
        scorer.add(gold, mentions, facts, excluded=[])
    report = scorer.report()
    report["mentions"] = {"first": sum(len(first[k].mentions) for k in first
                                       if k in {g.id for g in read_gold(args.second)}),
                          "second": sum(len(g.mentions) for g in read_gold(args.second))}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
