"""Score ways of running the shipped NER model on every evaluation set: does a faster forward
pass change the results?

    python benchmarks/ner_variants.py [--variants stanza lean lean-int8] [--gold FILE]

Variants: ``stanza`` (the model through stanza's pipeline), ``lean`` (nlp_news's own forward
pass, :mod:`nlp_news.pipeline.ner_forward`), ``-int8`` (its LSTMs and linear layers quantized to
8 bits).  For each: micro F1 (exact spans) on the three public dev splits, the real-article dev
score of the whole pipeline (entities exact / overlap F1, grouping, facts), the share of dev
sentences tagged exactly as the first variant tags them, and tokens/s of NER alone over the dev
splits (one thread).  Prints one JSON line per variant.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import machine

from nlp_news import config

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = ("nerui_fold1_dev", "idner2k_dev", "nergrit_dev")


def tagger_for(variant: str):
    from nlp_news.models import model_paths
    from nlp_news.pipeline.ner import NerTagger

    forward, _, int8 = variant.partition("-")
    return NerTagger(model_paths(), forward=forward, int8=int8 == "int8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=["stanza", "lean", "lean-int8"])
    parser.add_argument("--data", type=Path, default=config.shared_dir() / "data")
    parser.add_argument("--gold", type=Path, default=ROOT / "gold/real_articles/dev.jsonl")
    args = parser.parse_args(argv)
    folder = args.data / "ner" / "harmonised_PER_LOC_ORG"
    if not folder.exists():
        print(f"missing {folder}: needs the shared data folder", file=sys.stderr)
        return 2
    import torch

    torch.set_num_threads(1)
    from nlp_news.evaluate import bio_spans, read_gold, score
    from nlp_news.evaluate_articles import evaluate_articles_file
    from nlp_news.pipeline import Pipeline
    from nlp_news.pipeline.resources import Config

    sets = {name: read_gold(folder / f"{name}.bio") for name in DEV_SETS}
    print(json.dumps({"machine": machine.describe(1)}), flush=True)
    first: dict[str, list] = {}
    for variant in args.variants:
        tagger = tagger_for(variant)
        row: dict[str, object] = {"variant": variant}
        same = total = n_tokens = 0
        seconds = 0.0
        for name, sentences in sets.items():
            tokens = [[t for t, _ in s] for s in sentences]
            start = time.perf_counter()
            pred = tagger.tag_tokens(tokens)
            seconds += time.perf_counter() - start
            n_tokens += sum(map(len, tokens))
            gold = [bio_spans([tag for _, tag in s]) for s in sentences]
            row[f"{name}_f1"] = score(gold, [set(p) for p in pred])["micro"]["f1"]
            base = first.setdefault(name, pred)
            same += sum(a == b for a, b in zip(base, pred, strict=True))
            total += len(pred)
        row["ner_tokens_per_second"] = round(n_tokens / seconds)
        row["sentences_as_first_variant"] = round(same / total, 5)
        if args.gold.exists():
            forward, _, int8 = variant.partition("-")
            pipeline = Pipeline(config=Config(ner_forward=forward, ner_int8=int8 == "int8"))
            report = evaluate_articles_file(args.gold, pipeline=pipeline)
            ents = report["entities"]
            row.update(real_exact_f1=ents["exact"]["f1"], real_overlap_f1=ents["overlap"]["f1"],
                       real_grouping_recall=report["grouping"]["recall"],
                       real_facts_f1=report["facts"]["micro"]["f1"])
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
