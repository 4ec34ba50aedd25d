"""Score NER model files on the real-article gold (the whole pipeline, as `annotate` runs it).

    python benchmarks/real_article_models.py models/id_news.ner.pt build/snap/step_*.pt \
        [--gold gold/real_articles/dev.jsonl]

Each model file is put in a temporary model folder beside the shipped word vectors and
gazetteer, and the folder is scored by ``nlp-news evaluate articles``.  Prints one JSON line
per model: entity exact and overlap F1, per-label exact F1, grouping and facts F1.  This is how
NER candidates are chosen (models/README.md): by the real-article dev score.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from nlp_news.evaluate_articles import evaluate_articles_file
from nlp_news.models import model_paths

ROOT = Path(__file__).resolve().parents[1]


def model_folder(model: Path, into: Path) -> Path:
    """A model folder holding ``model`` as its NER model, the rest linked from models/."""
    shipped = model_paths(ROOT / "models")
    into.mkdir(parents=True)
    for item in shipped.root.iterdir():
        if item.name != shipped.ner.name:
            (into / item.name).symlink_to(item.resolve())
    (into / shipped.ner.name).symlink_to(model.resolve())
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="+", type=Path, help="NER model files (.pt)")
    parser.add_argument("--gold", type=Path, default=ROOT / "gold/real_articles/dev.jsonl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n, model in enumerate(args.models):
            folder = model_folder(model, Path(tmp) / str(n))
            report = evaluate_articles_file(args.gold, models=folder)
            ents = report["entities"]
            print(json.dumps({
                "model": str(model), "exact_f1": ents["exact"]["f1"],
                "overlap_f1": ents["overlap"]["f1"],
                **{f"{label}_f1": ents["per_label_exact"][label]["f1"]
                   for label in ("PER", "LOC", "ORG")},
                "grouping_recall": report["grouping"]["recall"],
                "grouping_precision": report["grouping"]["precision"],
                "facts_f1": report["facts"]["micro"]["f1"],
            }), flush=True)


if __name__ == "__main__":
    main()
