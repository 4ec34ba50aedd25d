"""Score the shipped NER model on each dev split (per label and micro F1, exact spans).

    python benchmarks/eval_ner_dev.py [--data ../shared/data] [--models models/]

Prints one JSON object: {data set: {label: {precision, recall, f1, support}}}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = ("nerui_fold1_dev", "idner2k_dev", "nergrit_dev")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--models", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = args.data / "ner" / "harmonised_PER_LOC_ORG"
    if not folder.exists():
        print(f"missing {folder}: needs the shared data folder", file=sys.stderr)
        return 2
    from nlp_news.evaluate import evaluate_ner_file
    from nlp_news.models import model_paths
    from nlp_news.pipeline.ner import NerTagger

    tagger = NerTagger(model_paths(args.models))
    report = {name: evaluate_ner_file(folder / f"{name}.bio", tagger=tagger) for name in DEV_SETS}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
