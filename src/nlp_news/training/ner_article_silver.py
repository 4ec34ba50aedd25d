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

The hand-annotated training articles of the real-article sample (split ``train`` of
``gold/real_articles/sample.tsv``, ``gold/real_articles/train.jsonl``) become training sentences
the same way, with their gold mentions in place of the pipeline's (:func:`gold_sentences`,
``--gold-articles FILE``): every body sentence whose gold mentions line up with its tokens,
with or without entities, since the gold is exhaustive.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable
from pathlib import Path

import regex

from ..bio import spans_to_bio
from ..doc import Doc
from ..gold import SAMPLE, eligible_articles, sample_rows
from .ner_data import Sentence
from .ner_silver import MAX_TOKENS, MIN_TOKENS

log = logging.getLogger(__name__)

ORIGINS = frozenset({"model", "gazetteer", "dateline"})


#: The sample rows that existed when model U's silver articles were drawn (dev and test, 72
#: articles): the draw shuffles the articles eligible besides these, so re-making U needs
#: exactly them; articles sampled later are filtered out of the draw instead.
U_DRAW_ROWS = 72


def gold_keys(sample: Path = SAMPLE, splits: Iterable[str] = ("dev", "test"),
              rows: int | None = None) -> set[tuple[str, int]]:
    """(corpus, line) of every article of the real-article gold set's ``splits`` (the
    scoring halves; the sentences of the ``train`` articles are kept out of the silver data
    by their tokens instead, so that the silver draw of model U stays as it was), among the
    first ``rows`` rows of the sample (all when None)."""
    wanted = set(splits)
    return {(row["corpus"], int(row["line"])) for row in sample_rows(sample)[:rows]
            if row["split"] in wanted}


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
        if any(e.origin not in ORIGINS or (e.label == "PER" and e.text in gazetteer_names)
               for e in entities):
            continue
        tagged = _tagged(tokens, [(e.start_char, e.end_char, e.label) for e in entities])
        if tagged is None:
            continue
        ok = True
        if pattern is not None:
            covered = [(e.start_char, e.end_char) for e in entities]
            for m in pattern.finditer(text, sentence.start_char, sentence.end_char):
                if not any(s <= m.start() and m.end() <= e for s, e in covered):
                    ok = False
                    break
        if ok:
            out.append(tagged)
    return out


def _tagged(tokens: list, spans: Iterable[tuple[int, int, str]]) -> Sentence | None:
    """(token, BIO tag) pairs for character ``spans`` (start, end, label) over ``tokens``;
    None when a span does not start and end at token boundaries."""
    starts = {t.start_char: i for i, t in enumerate(tokens)}
    ends = {t.end_char: i for i, t in enumerate(tokens)}
    token_spans = []
    for start, end, label in spans:
        if start not in starts or end not in ends:
            return None
        token_spans.append((starts[start], ends[end] + 1, label))
    words = [t.text for t in tokens]
    return list(zip(words, spans_to_bio(len(words), token_spans), strict=True))


def gold_sentences(gold_file: Path, shared: Path | None = None, models: Path | None = None
                   ) -> list[Sentence]:
    """The body sentences of the hand-annotated articles of ``gold_file`` (the format of
    :mod:`nlp_news.gold`), as the pipeline of ``models`` splits and tokenizes them, tagged with
    their gold mentions.  A sentence a gold mention crosses, or whose mentions do not line up
    with its tokens, is left out, as are sentences of fewer than 3 tokens."""
    from ..annotate import get_pipeline
    from ..article import article_from_record
    from ..gold import read_gold

    golds = list(read_gold(gold_file, shared))
    pipe = get_pipeline(models, ner=False)
    docs = pipe([article_from_record(g.record) for g in golds])
    out: list[Sentence] = []
    dropped = 0
    for gold, doc in zip(golds, docs, strict=True):
        if doc.text != gold.text:
            raise ValueError(f"{gold.id}: the pipeline reads another text than the gold's")
        mentions = [(m["start"], m["end"], m["label"]) for m in gold.mentions]
        for sentence in doc.sentences:
            lo, hi = sentence.start_char, sentence.end_char
            inside = [m for m in mentions if m[0] < hi and m[1] > lo]
            tagged = (None if any(m[0] < lo or m[1] > hi for m in inside)
                      else _tagged(sentence.tokens, inside))
            if tagged is None:
                dropped += 1
            elif len(tagged) >= 3:
                out.append(tagged)
    log.info("gold articles: %d sentences from %d articles (%d left out: spans off tokens)",
             len(out), len(golds), dropped)
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

    lines = eligible_articles(data_dir.parent, gold_keys(rows=U_DRAW_ROWS))
    random.Random(seed).shuffle(lines)
    scoring = gold_keys()  # the test half grew after U: its new articles are never silver
    lines = [line for line in lines if line[:2] not in scoring]
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

