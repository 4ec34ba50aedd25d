"""In-domain silver NER sentences: real articles as the whole pipeline reads them.

The public NER sets are 2014-2016 news and encyclopedic biographies in other conventions than
the project's (``../shared/guides/annotation.md``); the rule components after the model
(organisation units, legal forms, datelines, label consistency, ...) fix much of the difference
at run time.  This module distils them into the model: random articles of the news dumps
(never one of the real-article gold set, never a CLICK-ID source whose scraper dropped names)
go through the full pipeline, and a body sentence becomes a training sentence only when

- every entity in it lines up with token boundaries and is a model, gazetteer or dateline
  mention (no user ruler);
- it is consistent with its article: no string tagged as an entity elsewhere in the article
  stands untagged in it (a name the model missed once);
- it agrees with the gazetteer: no place name of the gazetteer is tagged PER;
- it has 6-50 tokens and at least one entity.

The result is the input of ``nlp-news train ner --silver-articles N`` (or ``train average``).
"""

from __future__ import annotations

import csv
import logging
import random
from collections.abc import Iterable
from pathlib import Path

import regex

from ..doc import Doc
from ..evaluate import spans_to_bio
from ..gold import eligible_articles
from .ner_data import Sentence
from .ner_silver import MAX_TOKENS, MIN_TOKENS

log = logging.getLogger(__name__)

GOLD_SAMPLE = Path(__file__).resolve().parents[2] / "gold" / "real_articles" / "sample.tsv"
ORIGINS = frozenset({"model", "gazetteer", "dateline"})


def gold_keys(sample: Path = GOLD_SAMPLE) -> set[tuple[str, int]]:
    """(corpus, line) of every article of the real-article gold set."""
    if not sample.is_file():
        return set()
    with sample.open(encoding="utf-8") as handle:
        return {(row["corpus"], int(row["line"])) for row in csv.DictReader(handle, delimiter="\t")}


def _names_pattern(names: Iterable[str]) -> regex.Pattern | None:
    names = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not names:
        return None
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(map(regex.escape, names))
                         + r")(?![\p{L}\p{N}])")


def doc_silver(doc: Doc, gazetteer_names: set[str] = frozenset()) -> list[Sentence]:
    """The body sentences of one annotated article that pass the checks of the module
    docstring, as (token, BIO tag) lists."""
    text = doc.text
    pattern = _names_pattern(e.text for e in doc.entities)
    by_sentence: dict[int, list] = {}
    for entity in doc.entities:
        by_sentence.setdefault(entity.sent_index, []).append(entity)
    out: list[Sentence] = []
    for sentence in doc.sentences:
        entities = by_sentence.get(sentence.index, [])
        tokens = sentence.tokens
        if not entities or not MIN_TOKENS <= len(tokens) <= MAX_TOKENS:
            continue
        starts = {t.start_char: i for i, t in enumerate(tokens)}
        ends = {t.end_char: i for i, t in enumerate(tokens)}
        spans, ok = [], True
        for e in entities:
            if (e.origin not in ORIGINS or e.start_char not in starts or e.end_char not in ends
                    or (e.label == "PER" and e.text in gazetteer_names)):
                ok = False
                break
            spans.append((starts[e.start_char], ends[e.end_char] + 1, e.label))
        if not ok:
            continue
        if pattern is not None:
            covered = [(e.start_char, e.end_char) for e in entities]
            for m in pattern.finditer(text, sentence.start_char, sentence.end_char):
                if not any(s <= m.start() and m.end() <= e for s, e in covered):
                    ok = False
                    break
        if ok:
            words = [t.text for t in tokens]
            out.append(list(zip(words, spans_to_bio(len(words), spans), strict=True)))
    return out


def article_silver(data_dir: Path, models: Path | None, articles: int, seed: int = 1234,
                   exclude: Iterable[Sentence] = (), batch_size: int = 32) -> list[Sentence]:
    """Silver sentences from ``articles`` random eligible articles of the news dumps under
    ``data_dir`` (``../shared/data``), annotated with the pipeline of ``models``; sentences
    whose tokens equal one of ``exclude`` (the dev sets) are left out."""
    from ..annotate import get_pipeline
    from ..article import article_from_record
    from ..pipeline.core import batched
    from ..readers import Record

    lines = eligible_articles(data_dir.parent, gold_keys())
    random.Random(seed).shuffle(lines)
    pipe = get_pipeline(models)
    gazetteer = pipe.resources.gazetteer
    names = set(gazetteer.places) if gazetteer is not None else set()
    banned = {tuple(tok for tok, _ in sentence) for sentence in exclude}
    records = (Record(data=rec, origin=f"{corpus}:{line}", default_id=f"{corpus}:{line}")
               for corpus, line, rec in lines[:articles])
    kept: list[Sentence] = []
    seen: set[tuple[str, ...]] = set()
    for batch in batched((article_from_record(r) for r in records), batch_size):
        for doc in pipe(batch):
            for sentence in doc_silver(doc, names):
                key = tuple(tok for tok, _ in sentence)
                if key not in banned and key not in seen:
                    seen.add(key)
                    kept.append(sentence)
    log.info("article silver: %d sentences from %d articles", len(kept), articles)
    return kept

