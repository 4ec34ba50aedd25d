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

Model U was trained on the silver sentences of the pipeline of its day (2026-12-02).  The rules
have changed since, so drawing again would give other sentences: U's are stored as data in
:data:`STORED_U` (article ids, text checksums, token offsets and tags; no text), and
:func:`read_stored` rebuilds them from the dumps (``--silver-file``), checking every article's
text and the whole result against the checksums.

The hand-annotated training articles of the real-article sample (split ``train`` of
``gold/real_articles/sample.tsv``, ``gold/real_articles/train.jsonl``) become training sentences
the same way, with their gold mentions in place of the pipeline's (:func:`gold_sentences`,
``--gold-articles FILE``): every body sentence whose gold mentions line up with its tokens,
with or without entities, since the gold is exhaustive.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import random
from collections.abc import Iterable
from pathlib import Path

import regex

from ..bio import bio_lines, spans_to_bio
from ..doc import Doc
from ..gold import SAMPLE, eligible_articles, sample_rows
from .ner_data import Sentence
from .ner_silver import MAX_TOKENS, MIN_TOKENS

log = logging.getLogger(__name__)

#: Model U's silver sentences as data (:func:`read_stored`): ``nlp-news train shipped`` uses it.
STORED_U = Path(__file__).parent / "data" / "model_u_silver.jsonl.gz"
#: The first line of a stored silver file.
STORED_FORMAT = "nlp_news stored silver sentences 1"

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


def bio_checksum(sentences: Iterable[Sentence]) -> str:
    """SHA-256 of sentences as a BIO file (:func:`nlp_news.bio.write_bio`)."""
    digest = hashlib.sha256()
    for sentence in sentences:
        digest.update(bio_lines(sentence).encode("utf-8"))
    return digest.hexdigest()


def write_stored(path: Path, rows: Iterable[dict], note: str) -> int:
    """Store silver sentences as data, in order: each row is one sentence with its article
    (``corpus``, ``line``, ``text_sha256``), its tokens' character offsets into the article
    text (``tokens``: [[start, end], ...]) and ``tags``, plus its ``words`` (only checked
    against the offsets and hashed, never written).  Returns the number of sentences."""
    articles: list[dict] = []
    sentences: list[Sentence] = []
    for row in rows:
        key = (row["corpus"], row["line"])
        if not articles or (articles[-1]["corpus"], articles[-1]["line"]) != key:
            articles.append({"corpus": key[0], "line": key[1],
                             "text_sha256": row["text_sha256"], "sentences": []})
        articles[-1]["sentences"].append(
            {"tokens": [x for pair in row["tokens"] for x in pair], "tags": row["tags"]})
        sentences.append(list(zip(row["words"], row["tags"], strict=True)))
    header = {"format": STORED_FORMAT, "note": note, "sentences": len(sentences),
              "articles": len(articles), "bio_sha256": bio_checksum(sentences)}
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps(a, separators=(",", ":")) for a in articles]
    # no file name or time in the gzip header: storing again gives the same bytes
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb",
                                                 mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(sentences)


def read_stored(path: Path = STORED_U, shared: Path | None = None) -> list[Sentence]:
    """The silver sentences stored in ``path`` (:func:`write_stored`), rebuilt from the news
    dumps of ``shared`` (``../shared``).  Raises ``ValueError`` when an article's text or the
    result differs from what was stored (another dump, or another reader)."""
    from .. import config
    from ..gold import record_text, text_checksum
    from ..readers import Record

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        if header.get("format") != STORED_FORMAT:
            raise ValueError(f"{path}: not a stored silver file")
        articles = [json.loads(line) for line in handle if line.strip()]
    wanted: dict[str, set[int]] = {}
    for article in articles:
        wanted.setdefault(article["corpus"], set()).add(article["line"])
    texts: dict[tuple[str, int], str] = {}
    for corpus, lines in wanted.items():
        with config.corpus_path(corpus, shared).open(encoding="utf-8") as handle:
            for number, raw in enumerate(handle, 1):
                if number in lines:
                    record = Record(data=json.loads(raw), origin=f"{corpus}:{number}",
                                    default_id=f"{corpus}:{number}")
                    texts[corpus, number] = record_text(record)
    out: list[Sentence] = []
    for article in articles:
        key = (article["corpus"], article["line"])
        text = texts.get(key)
        if text is None or text_checksum(text) != article["text_sha256"]:
            raise ValueError(f"{path}: the text of {key[0]}:{key[1]} is missing or has "
                             "changed since the silver sentences were stored")
        for sentence in article["sentences"]:
            offsets = sentence["tokens"]
            words = [text[offsets[i]:offsets[i + 1]] for i in range(0, len(offsets), 2)]
            out.append(list(zip(words, sentence["tags"], strict=True)))
    if len(out) != header["sentences"] or bio_checksum(out) != header["bio_sha256"]:
        raise ValueError(f"{path}: the rebuilt sentences differ from the stored checksum")
    log.info("stored silver: %d sentences from %d articles (%s)", len(out), len(articles),
             path.name)
    return out
