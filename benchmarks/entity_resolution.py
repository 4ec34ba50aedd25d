"""How well dump-level resolution makes one row per real-world entity (issue #34).

Two measurements:

``gold GOLD.jsonl ...``: cross-document pairs on gold articles (scored together): pairwise
precision and recall of "same ``canonical_id``" against "same gold label and canonical name"
over matched mentions of different articles, beside the same figure for joining on the
article canonical string (what a user had before ``canonical_id``)::

    python benchmarks/entity_resolution.py gold gold/real_articles/{dev,test,train}.jsonl

``ablate GOLD.jsonl ...``: the same cross-document figure with each resolution step left out
(:data:`nlp_news.entities.resolve.STEPS`), to read each step's gain::

    python benchmarks/entity_resolution.py ablate gold/real_articles/test.jsonl

``dump OUT``: an output folder of ``nlp-news annotate`` (any format): the summary rows of the
institutions issue #34 names, the number of names under more than one label, and the largest
merges (rows whose article canonicals have more than one written form), to read by hand::

    nlp-news annotate first2000.jsonl --out OUT --jobs 2
    python benchmarks/entity_resolution.py dump OUT --merges 50
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nlp_news.annotate import Annotations  # noqa: E402
from nlp_news.entities.names import keys  # noqa: E402

#: The real-world entities of issue #34's table, with the names they go by.
GROUPS = {
    "Komisi Pemberantasan Korupsi": ("ORG", ["Komisi Pemberantasan Korupsi", "KPK"]),
    "Dewan Perwakilan Rakyat": ("ORG", ["DPR", "DPR RI", "Dewan Perwakilan Rakyat",
                                        "Dewan Perwakilan Rakyat Republik Indonesia"]),
    "Tentara Nasional Indonesia": ("ORG", ["TNI", "Tentara Nasional Indonesia"]),
    "Jakarta": ("LOC", ["Jakarta", "DKI Jakarta", "Provinsi DKI Jakarta", "DKI"]),
    "Indonesia": ("LOC", ["Indonesia", "Negara Indonesia"]),
    "Joko Widodo": ("PER", ["Joko Widodo", "Jokowi"]),
}


def gold_figures(paths: list[str]) -> dict:
    """Cross-document pairs of the pipeline, and of joining on the canonical string."""
    from nlp_news.annotate import annotate
    from nlp_news.evaluate_articles import ArticleScorer, _match_overlap, _Pred
    from nlp_news.gold import read_gold

    golds = [g for p in paths for g in read_gold(p)]
    ann = annotate([g.record for g in golds])
    rows: dict[str, list] = {}
    for row in ann.entities.itertuples(index=False):
        rows.setdefault(row.doc_id, []).append(row)
    scorers = {"canonical_id": ArticleScorer(), "canonical_string": ArticleScorer()}
    for gold in golds:
        preds = [_Pred(int(r.start_char), int(r.end_char), r.label, r.text,
                       group=(r.canonical_id, f"{r.label}:{r.canonical}"))
                 for r in rows.get(gold.id, [])]
        matched = _match_overlap(gold.mentions, preds, lambda g, p: g["label"] == p.label)
        for gi, pi in matched.items():
            m = gold.mentions[gi]
            for n, (name, scorer) in enumerate(scorers.items()):
                del name
                key = preds[pi].group[n]
                scorer.matched.append((gold.id, (m["label"], m["canonical"]),
                                       key if pd.notna(key) else None))
    return {"articles": len(golds), "gold": paths,
            **{name: scorer.cross_document() for name, scorer in scorers.items()}}


def ablate_figures(paths: list[str]) -> dict:
    """Cross-document precision and recall with every resolution step, and with each one
    left out (:data:`nlp_news.entities.resolve.STEPS`): each step's gain."""
    from nlp_news.annotate import annotate
    from nlp_news.entities.resolve import STEPS
    from nlp_news.entities.summary import EntitySummary, set_canonical_ids
    from nlp_news.evaluate_articles import ArticleScorer, _match_overlap, _Pred
    from nlp_news.gold import read_gold
    from nlp_news.pipeline.resources import Resources

    golds = [g for p in paths for g in read_gold(p)]
    ann = annotate([g.record for g in golds])
    summary = EntitySummary()
    summary.add(ann.entities, ann.documents)
    knowledge = Resources().name_knowledge
    figures = {}
    for left_out in (None, *STEPS):
        resolution = summary.resolve(knowledge, skip=() if left_out is None else (left_out,))
        ents = set_canonical_ids(ann.entities.copy(), resolution)
        rows: dict[str, list] = {}
        for row in ents.itertuples(index=False):
            rows.setdefault(row.doc_id, []).append(row)
        scorer = ArticleScorer()
        for gold in golds:
            preds = [_Pred(int(r.start_char), int(r.end_char), r.label, r.text,
                           entity=r.canonical_id) for r in rows.get(gold.id, [])]
            matched = _match_overlap(gold.mentions, preds, lambda g, p: g["label"] == p.label)
            for gi, pi in matched.items():
                m = gold.mentions[gi]
                scorer.matched.append((gold.id, (m["label"], m["canonical"]), preds[pi].entity))
        cross = scorer.cross_document()
        figures["all" if left_out is None else f"without {left_out}"] = {
            "precision": cross["precision"], "recall": cross["recall"]}
    return {"articles": len(golds), "gold": paths, "cross_document": figures}


def dump_figures(out: Path, merges: int) -> dict:
    """Rows of the named groups, names under several labels, and the largest merges."""
    ann = Annotations.load(out)
    summary, ents = ann.entity_summary, ann.entities
    rows = {}
    for name, (label, names) in GROUPS.items():
        wanted = {keys(n) for n in names}
        hit = summary[summary["aliases"].fillna("").map(
            lambda a, w=wanted: any(keys(x) in w for x in a.split("; ")))]
        hit = hit[hit["label"] == label]
        rows[name] = [f"{r.canonical} ({r.mentions} mentions / {r.documents} articles)"
                      for r in hit.itertuples() if r.mentions >= 5]
    labels = summary.groupby("canonical")["label"].nunique()
    forms: dict[str, Counter] = defaultdict(Counter)
    for cid, name in zip(ents["canonical_id"], ents["canonical"], strict=True):
        if pd.notna(cid) and pd.notna(name):
            forms[cid][name] += 1
    merged = []
    for cid, counts in forms.items():
        if len({keys(n) for n in counts}) > 1:
            top = max(counts, key=counts.get)
            absorbed = sum(n for name, n in counts.items() if keys(name) != keys(top))
            merged.append((absorbed, cid, counts))
    merged.sort(reverse=True)
    return {
        "articles": int(len(ann.documents)), "summary_rows": int(len(summary)),
        "groups": rows,
        "names_under_several_labels": int((labels > 1).sum()),
        "names_under_several_labels_list": sorted(labels[labels > 1].index.tolist()),
        "top30": [f"{r.canonical} [{r.label}] {r.mentions}" for r in summary.head(30).itertuples()],
        "largest_merges": [{"canonical_id": cid, "mentions_joined": n,
                            "article_canonicals": dict(c.most_common(12))}
                           for n, cid, c in merged[:merges]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    g = sub.add_parser("gold")
    g.add_argument("gold", nargs="+")
    a = sub.add_parser("ablate")
    a.add_argument("gold", nargs="+")
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--merges", type=int, default=50)
    args = parser.parse_args(argv)
    result = (gold_figures(args.gold) if args.what == "gold"
              else ablate_figures(args.gold) if args.what == "ablate"
              else dump_figures(args.out, args.merges))
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
