"""Audit the NER training labels with held-out taggers (2-fold cross-validation).

A tagger trained on a set agrees with nearly all of that set's labels, errors included, so it
cannot point at them.  Here the training sentences are split in two by position; a tagger
trained on each half (same recipe as stage 1 of the shipped model, shorter) tags the other
half, and every span on which tagger and gold disagree goes to a table for review.  Each
disagreement is either a label error or a tagger error: the table is input for a human judge,
and nothing here changes the training data.
"""

from __future__ import annotations

import csv
import logging
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..bio import Span, bio_spans
from ..evaluate import score
from . import ner_augment, ner_data
from .ner_label_fixes import checksum
from .ner_train import TRAIN_SETS, NerConfig, dev_sentences, read_set, train

log = logging.getLogger(__name__)

CONTEXT = 6  # tokens shown on each side of a disagreement
COLUMNS = ("set", "sentence", "checksum", "kind", "gold", "gold_label", "predicted",
           "predicted_label", "context")


def halves(n: int) -> tuple[list[int], list[int]]:
    """Indices ``0..n-1`` split by position: even ones, odd ones."""
    return list(range(0, n, 2)), list(range(1, n, 2))


def disagreements(tokens: Sequence[str], gold: set[Span], predicted: set[Span]) -> list[dict]:
    """Rows for the spans on which ``gold`` and ``predicted`` differ.

    ``kind`` is ``label`` (same tokens, another label), ``boundary`` (overlapping spans, other
    tokens), ``missed`` (a gold span the tagger has nothing on) or ``extra`` (a predicted span
    over no gold span).  A boundary disagreement is reported once, from the gold side."""
    def overlapping(span: Span, others: set[Span]) -> list[Span]:
        return sorted(o for o in others if o[0] < span[1] and span[0] < o[1])

    rows = []
    for span in sorted(gold - predicted):
        over = overlapping(span, predicted)
        same = [o for o in over if o[:2] == span[:2]]
        kind = "label" if same else "boundary" if over else "missed"
        other = same[0] if same else over[0] if over else None
        rows.append(_row(tokens, kind, span, other))
    for span in sorted(predicted - gold):
        if not overlapping(span, gold):
            rows.append(_row(tokens, "extra", None, span))
    return rows


def _row(tokens: Sequence[str], kind: str, gold: Span | None, predicted: Span | None) -> dict:
    def text(span: Span | None) -> str:
        return " ".join(tokens[span[0]:span[1]]) if span else ""

    first = min(s[0] for s in (gold, predicted) if s)
    last = max(s[1] for s in (gold, predicted) if s)
    context = " ".join([*tokens[max(0, first - CONTEXT):first], "[[",
                        *tokens[first:last], "]]", *tokens[last:last + CONTEXT]])
    return {"kind": kind, "gold": text(gold), "gold_label": gold[2] if gold else "",
            "predicted": text(predicted), "predicted_label": predicted[2] if predicted else "",
            "context": context}


def audit(data_dir: Path, work: Path, pretrain_pt: Path, config: NerConfig,
          augment: bool = True) -> dict[str, object]:
    """Train a tagger on each half of the training sets, tag the other half, and write every
    disagreement with the gold to ``work/disagreements.tsv`` (one row per disagreement).
    Exact repeats of a sentence are trained and tagged once.  A row names its sentence as
    :mod:`.ner_label_fixes` does: ``set``, ``sentence`` (its position in the set's file,
    from 0) and ``checksum`` (of its tokens), so a reviewed row can go into the fixes file.

    Returns, per training set: sentences, gold spans, held-out micro F1 and the count of each
    kind of disagreement."""
    from ..models import model_paths
    from ..pipeline.ner import NerTagger

    sentences: list[ner_data.Sentence] = []
    origin: list[tuple[str, int]] = []  # (set, position in the set's file) of each sentence
    for name in TRAIN_SETS:
        in_file = read_set(data_dir, name)
        for position in ner_data.first_occurrences(in_file):
            sentences.append(in_file[position])
            origin.append((name, position))
    dev_json = work / "dev.json"
    work.mkdir(parents=True, exist_ok=True)
    ner_data.write_stanza_json(dev_sentences(data_dir), dev_json)
    predicted: dict[int, set[Span]] = {}
    for fold, held_out in enumerate(halves(len(sentences))):
        held = set(held_out)
        train_part = [s for i, s in enumerate(sentences) if i not in held]
        if augment:
            train_part += ner_augment.augment(train_part, data_dir, seed=config.seed)
        folder = work / f"half{fold}"
        models = folder / "models"
        models.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pretrain_pt, models / pretrain_pt.name)
        train_json = folder / "train.json"
        ner_data.write_stanza_json(train_part, train_json)
        paths = model_paths(models)
        train(train_json, dev_json, paths.pretrain, paths.ner, config)
        tagged = NerTagger(paths).tag_tokens([[tok for tok, _ in sentences[i]] for i in held_out])
        predicted.update((i, set(spans)) for i, spans in zip(held_out, tagged, strict=True))
        log.info("half %d: tagged %d held-out sentences", fold, len(held_out))
    return _report(sentences, origin, predicted, work / "disagreements.tsv")


def _report(sentences: Sequence[ner_data.Sentence], origin: Sequence[tuple[str, int]],
            predicted: dict[int, set[Span]], table: Path) -> dict[str, object]:
    report: dict[str, object] = {}
    table.parent.mkdir(parents=True, exist_ok=True)
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t")
        writer.writeheader()
        for name in dict.fromkeys(name for name, _ in origin):
            indices = [i for i, (o, _) in enumerate(origin) if o == name]
            gold = [bio_spans([tag for _, tag in sentences[i]]) for i in indices]
            pred = [predicted[i] for i in indices]
            kinds: Counter[str] = Counter()
            for i, g, p in zip(indices, gold, pred, strict=True):
                tokens = [tok for tok, _ in sentences[i]]
                for row in disagreements(tokens, g, p):
                    kinds[row["kind"]] += 1
                    writer.writerow({"set": name, "sentence": origin[i][1],
                                     "checksum": checksum(tokens), **row})
            report[name] = {"sentences": len(indices), "gold_spans": sum(map(len, gold)),
                            "held_out_micro_f1": round(score(gold, pred)["micro"]["f1"], 4),
                            "disagreements": dict(kinds)}
    return report
