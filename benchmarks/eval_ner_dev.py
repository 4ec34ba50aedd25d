"""Score the shipped NER model on each dev split (per label and micro F1, exact spans).

    python benchmarks/eval_ner_dev.py [--data ../shared/data] [--models models/]
    python benchmarks/eval_ner_dev.py --vote DIR DIR DIR    # majority vote of several models

Prints one JSON object: {data set: {label: {precision, recall, f1, support}}}.  Each set also
gets a gold-noise audit, ``untagged_known_places``: predicted LOC spans that overlap no gold span
although their text is a country, province, regency or city in the shipped gazetteer (names the
gold left untagged, see MANIFEST), and the micro F1 with those predictions left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nlp_news import config

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = ("nerui_fold1_dev", "idner2k_dev", "nergrit_dev")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=config.shared_dir() / "data")
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--vote", nargs="+", type=Path, default=[],
                        help="model folders (an odd number) whose majority vote is scored "
                             "instead of one model (an experiment: each adds a full NER pass)")
    args = parser.parse_args(argv)
    folder = args.data / "ner" / "harmonised_PER_LOC_ORG"
    if not folder.exists():
        print(f"missing {folder}: needs the shared data folder", file=sys.stderr)
        return 2
    from nlp_news.entities import Gazetteer
    from nlp_news.models import model_paths
    from nlp_news.pipeline.ner import NerTagger

    if args.vote:
        tagger = VotingTagger([NerTagger(model_paths(folder)) for folder in args.vote])
    else:
        tagger = NerTagger(model_paths(args.models))
    gazetteer = Gazetteer.load()
    report = {name: evaluate(folder / f"{name}.bio", tagger, gazetteer) for name in DEV_SETS}
    print(json.dumps(report, indent=2))
    return 0


class VotingTagger:
    """Tags with every tagger and keeps the spans most of them agree on."""

    def __init__(self, taggers):
        self.taggers = taggers

    def tag_tokens(self, sentences):
        from nlp_news.training.ner_silver import majority_vote

        votes = [tagger.tag_tokens(sentences) for tagger in self.taggers]
        return [sorted(majority_vote([set(v[i]) for v in votes])) for i in range(len(sentences))]


def evaluate(path: Path, tagger, gazetteer) -> dict[str, object]:
    """Scores of one dev set, plus the audit of untagged known places (module docstring)."""
    from nlp_news.evaluate import score, tag_gold

    tokens, gold, pred = tag_gold(path, tagger)
    report: dict[str, object] = score(gold, pred)
    report["sentences"] = len(tokens)
    untagged = [
        {(a, b, label) for a, b, label in p - g
         if label == "LOC" and " ".join(toks[a:b]) in gazetteer
         and not any(a < gb and ga < b for ga, gb, _ in g)}
        for toks, g, p in zip(tokens, gold, pred, strict=True)
    ]
    report["untagged_known_places"] = {
        "count": sum(map(len, untagged)),
        "micro_f1_without_them": score(gold, [p - u for p, u in zip(pred, untagged,
                                                                    strict=True)])["micro"]["f1"],
    }
    return report


if __name__ == "__main__":
    raise SystemExit(main())
