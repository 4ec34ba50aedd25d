"""What each entity rule changes on articles nobody annotated: a held-out read of the rules.

    python benchmarks/rule_firings.py INPUT [--limit 1000] [--sample] [--show 5] [--seed 1]
        [--rules ID,ID]

The NER model runs once over ``--limit`` articles of INPUT (any input ``nlp-news annotate``
reads: the first ones, or with ``--sample`` a random draw by ``--seed``, for a dump sorted by
source or topic); then for each entity rule
(``resources/lang/id/rules/entities.toml``) the entity rules run with and without it, and
the mentions that differ are counted (``changed``: the articles' mentions with the rule minus
those without it, and the other way round). ``--show``
prints that many of each rule's changes, drawn at random, with the words around them, to be read
by hand: a rule that never fires on the gold articles (``nlp-news evaluate articles --ablate``
gives it no gain there) is judged on such a read.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import random
import sys
from pathlib import Path

from nlp_news.annotate import get_pipeline, to_articles
from nlp_news.doc import Doc


def _mentions(docs: list[Doc]) -> set[tuple[str, int, int, str]]:
    return {(d.article.doc_id, e.start_char, e.end_char, e.label) for d in docs
            for e in d.entities}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--show", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", action="store_true", help="a random draw, not the first")
    parser.add_argument("--rules", default="", help="comma-separated rule ids (default: all)")
    args = parser.parse_args(argv)
    pipe = get_pipeline(None)
    rng = random.Random(args.seed)
    articles = (rng.sample(list(to_articles(args.input)), args.limit) if args.sample
                else itertools.islice(to_articles(args.input), args.limit))
    made = pipe.run_part([Doc(a) for a in articles], until="ner")
    made = [d for d in made if d.article.status == "ok"]
    texts = {d.article.doc_id: d.text for d in made}
    engine = pipe.get_pipe("entity_rules")
    wanted = [r for r in args.rules.split(",") if r] or engine.rule_ids
    full = _mentions(engine.pipe(copy.deepcopy(made)))
    report = {"articles": len(made), "mentions": len(full), "rules": {}}
    for rule_id in wanted:
        engine.set_skip([rule_id])
        without = _mentions(engine.pipe(copy.deepcopy(made)))
        engine.set_skip([])
        added, removed = sorted(full - without), sorted(without - full)
        report["rules"][rule_id] = {"with_only": len(added), "without_only": len(removed)}
        changed = [("with", m) for m in added] + [("without", m) for m in removed]
        for side, (doc_id, start, end, label) in rng.sample(changed,
                                                            min(args.show, len(changed))):
            text = texts[doc_id]
            print(f"{rule_id}\t{side}\t{label}\t{text[max(0, start - 60):start]!r} "
                  f"[[{text[start:end]}]] {text[end:end + 40]!r}", file=sys.stderr)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
