"""Score NER against gold ``token<TAB>BIO`` data with exact span matching."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .bio import Span, bio_spans, read_bio, spans_to_bio, write_bio


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
    return list(read_bio(path))


def evaluate_ner_file(gold_path: str | Path, *, models: str | Path | None = None,
                      predictions: str | Path | None = None, tagger=None) -> dict:
    """Tag the gold tokens with the shipped model and score exact spans (PER/LOC/ORG)."""
    from .models import model_paths
    from .pipeline.ner import NerTagger

    tokens, gold, pred = tag_gold(gold_path, tagger or NerTagger(model_paths(models)))
    if predictions is not None:
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
