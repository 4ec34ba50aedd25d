"""Fit the entity score calibration on gold folds and measure it (issue #38).

    python benchmarks/score_calibration.py fit gold/real_articles/dev.jsonl \
        gold/real_articles/train.jsonl --out models/score_calibration.json
    python benchmarks/score_calibration.py bands gold/real_articles/test.jsonl

``fit``: annotates the articles, takes every model mention no rule changed with the model's
span probability and whether it is exactly right (span and label in the gold), fits
``sigmoid(a * logit(p) + b)`` (:func:`nlp_news.scores.fit`) on all of them, measures each other
source's precision (``rule``: a model mention a rule changed; ``gazetteer``; ``dateline``), and
prints the precision and share of mentions per calibrated score band out of fold (5 folds by
:func:`nlp_news.evaluate_articles.fold_of`: each fold scored with a calibration fitted on the
other four).  ``bands``: the same table on other articles with the stored calibration.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nlp_news.annotate import annotate  # noqa: E402
from nlp_news.evaluate_articles import fold_of  # noqa: E402
from nlp_news.gold import read_gold  # noqa: E402
from nlp_news.models import model_paths  # noqa: E402
from nlp_news.scores import Calibration, bands, fit, mention_source  # noqa: E402


def mentions(paths: list[str]) -> list[dict]:
    """Every predicted mention of the gold articles: source, raw probability, right or not."""
    golds = [g for p in paths for g in read_gold(p)]
    ann = annotate([g.record for g in golds])
    rows = []
    for gold, doc in zip(golds, ann.docs, strict=True):
        right = {(m["start"], m["end"], m["label"]) for m in gold.mentions}
        for ent in doc.entities:
            source, raw = mention_source(doc, ent)
            rows.append({"doc": gold.id, "source": source, "raw": raw, "score": ent.score,
                         "right": (ent.start_char, ent.end_char, ent.label) in right})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["fit", "bands"])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = mentions(args.gold)
    model = [r for r in rows if r["source"] == "model"]
    report: dict = {"articles_files": args.gold, "mentions": len(rows),
                    "model_mentions": len(model)}
    if args.what == "fit":
        a, b = fit([r["raw"] for r in model], [r["right"] for r in model])
        sources = {}
        for source in ("rule", "gazetteer", "dateline"):
            got = [r["right"] for r in rows if r["source"] == source]
            if got:
                sources[source] = round(sum(got) / len(got), 3)
        calibration = {"a": round(a, 4), "b": round(b, 4), "sources": sources,
                       "fitted_on": args.gold, "mentions": len(model)}
        out_of_fold = []
        for fold in range(5):
            train = [r for r in model if fold_of(r["doc"], 5) != fold]
            fa, fb = fit([r["raw"] for r in train], [r["right"] for r in train])
            cal = Calibration(fa, fb)
            out_of_fold += [(cal.model(r["raw"]), r["right"]) for r in model
                            if fold_of(r["doc"], 5) == fold]
        report["calibration"] = calibration
        report["raw_bands"] = bands([r["raw"] for r in model], [r["right"] for r in model])
        report["out_of_fold_bands"] = bands([s for s, _ in out_of_fold],
                                            [c for _, c in out_of_fold])
        if args.out:
            args.out.write_text(json.dumps(calibration, indent=1) + "\n", encoding="utf-8")
    else:
        cal = Calibration.read(model_paths().score_calibration)
        report["model_bands"] = bands([cal.model(r["raw"]) for r in model],
                                      [r["right"] for r in model])
        report["all_bands"] = bands([r["score"] for r in rows], [r["right"] for r in rows])
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
