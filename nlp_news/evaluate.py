"""Score NER against gold ``token<TAB>BIO`` data with exact span matching."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

Span = tuple[int, int, str]


def bio_spans(tags: Sequence[str]) -> set[Span]:
    """Spans ``(start, end, label)`` of a BIO (or BIOES) tag sequence; a stray I- starts a span."""
    spans: set[Span] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix in ("I", "E") and kind == label and start is not None
        if not continues:
            if start is not None:
                spans.add((start, i, label))
                start, label = None, None
            if prefix in ("B", "I", "S", "E"):
                start, label = i, kind
        if prefix in ("E", "S") and start is not None:
            spans.add((start, i + 1, label))
            start, label = None, None
    return spans


def spans_to_bio(n_tokens: int, spans: Iterable[Span]) -> list[str]:
    """BIO tags for ``n_tokens`` tokens from spans."""
    tags = ["O"] * n_tokens
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def score(gold: Sequence[set[Span]], pred: Sequence[set[Span]]) -> dict[str, dict[str, float]]:
    """Per-label and micro precision/recall/F1 over sentences of span sets."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        for span in p & g:
            tp[span[2]] += 1
        for span in p - g:
            fp[span[2]] += 1
        for span in g - p:
            fn[span[2]] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))

    def prf(t: int, f_p: int, f_n: int) -> dict[str, float]:
        precision = t / (t + f_p) if t + f_p else 0.0
        recall = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4),
                "f1": round(f1, 4), "support": t + f_n}

    report = {label: prf(tp[label], fp[label], fn[label]) for label in labels}
    report["micro"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return report


def read_gold(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) from a ``token<TAB>BIO`` file."""
    from .training.ner_data import read_bio

    return list(read_bio(path))


def evaluate_ner_file(gold_path: str | Path, *, models: str | Path | None = None,
                      predictions: str | Path | None = None, tagger=None) -> dict:
    """Tag the gold tokens with the shipped model and score exact spans (PER/LOC/ORG)."""
    from .models import model_paths
    from .pipeline.ner import NerTagger

    tokens, gold, pred = tag_gold(gold_path, tagger or NerTagger(model_paths(models)))
    if predictions is not None:
        from .training.ner_data import write_bio

        write_bio((list(zip(toks, spans_to_bio(len(toks), spans), strict=True))
                   for toks, spans in zip(tokens, pred, strict=True)), predictions)
    report = score(gold, pred)
    report["sentences"] = len(tokens)
    return report


def tag_gold(gold_path: str | Path, tagger) -> tuple[list[list[str]], list[set[Span]],
                                                     list[set[Span]]]:
    """The gold file's tokens, its gold spans and ``tagger``'s spans, sentence by sentence."""
    sentences = read_gold(gold_path)
    tokens = [[tok for tok, _ in sent] for sent in sentences]
    gold = [bio_spans([tag for _, tag in sent]) for sent in sentences]
    pred = [set(spans) for spans in tagger.tag_tokens(tokens)]
    return tokens, gold, pred
