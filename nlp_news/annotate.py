"""The pipeline that annotates articles, and the ``annotate`` API that returns pandas tables.

Data flow: records -> :class:`~nlp_news.doc.Article` -> tokens and sentences -> stanza NER ->
rule layers (facts) -> tables.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import tables, writers
from .article import article_from_record
from .doc import Article, Doc
from .entities import EntitySummary, Gazetteer, enrich, to_spacy
from .models import model_paths
from .pipeline.ner import NerTagger
from .pipeline.tokenize import Tokenizer
from .readers import Record, read_articles
from .rules import extract_facts

log = logging.getLogger(__name__)

Input = str | dict[str, Any] | Record | Article


class Pipeline:
    """Tokenizer + stanza NER + rule layers, loaded once and reused for every batch.

    ``ner=False`` skips the NER model (entities stay empty); ``facts=False`` skips the rules;
    ``gazetteer=False`` skips place types and gazetteer recovery of missed places.
    Per-stage wall time accumulates in :attr:`timings` (seconds).
    """

    def __init__(self, models: str | Path | None = None, *, ner: bool = True,
                 facts: bool = True, gazetteer: bool = True, ner_batch_size: int = 32):
        self.paths = model_paths(models)
        self.tokenizer = Tokenizer()
        self.timings: Counter[str] = Counter()
        self.ner: NerTagger | None = None
        start = time.perf_counter()
        if ner:
            self.ner = NerTagger(self.paths, batch_size=ner_batch_size)
        self.gazetteer = None
        if gazetteer and self.paths.gazetteer.is_file():
            self.gazetteer = Gazetteer.load(self.paths.gazetteer)
        self.timings["load"] += time.perf_counter() - start
        self.facts = facts

    def __call__(self, articles: Iterable[Article]) -> list[Doc]:
        """Annotate a batch of articles; an article that fails gets ``status=error``."""
        docs = [Doc(article) for article in articles]
        ok = [doc for doc in docs if not doc.article.error]
        self._run("tokenize", ok, self._tokenize)
        ok = [doc for doc in ok if not doc.article.error]
        if self.ner is not None:
            start = time.perf_counter()
            try:
                self._tag_entities(ok)
            except Exception:  # a bad article must not sink the batch: retry one by one
                log.exception("NER failed on a batch; retrying article by article")
                for doc in ok:
                    self._guard(doc, "ner", lambda d: self._tag_entities([d]))
            self.timings["ner"] += time.perf_counter() - start
        if self.facts:
            self._run("rules", ok, self._extract_facts)
        self._run("entities", ok, self._enrich)
        return docs

    def _run(self, stage: str, docs: list[Doc], func) -> None:
        start = time.perf_counter()
        for doc in docs:
            self._guard(doc, stage, func)
        self.timings[stage] += time.perf_counter() - start

    @staticmethod
    def _guard(doc: Doc, stage: str, func) -> None:
        try:
            func(doc)
        except Exception as exc:  # recorded in the documents table, never fatal
            log.debug("%s failed on %s", stage, doc.article.doc_id, exc_info=True)
            doc.article.error = f"{doc.article.origin or doc.article.doc_id}: {stage} failed: " \
                                f"{type(exc).__name__}: {exc}"
            doc.sentences, doc.entities, doc.facts = [], [], []

    def _tokenize(self, doc: Doc) -> None:
        doc.sentences = self.tokenizer(doc.article)

    def _tag_entities(self, docs: list[Doc]) -> None:
        batch = [[t.text for t in s.tokens] for doc in docs for s in doc.sentences]
        tagged = self.ner.tag_tokens(batch)
        pos = 0
        for doc in docs:
            n = len(doc.sentences)
            doc.entities = self.ner.entities(doc.text, doc.sentences, tagged[pos:pos + n])
            pos += n

    @staticmethod
    def _extract_facts(doc: Doc) -> None:
        doc.facts = extract_facts(doc)

    def _enrich(self, doc: Doc) -> None:
        doc.quotes = enrich(doc, self.gazetteer)


@dataclass
class Annotations:
    """The tables of an annotated set of articles (tidy: one row per item).

    ``docs`` holds the annotated documents themselves when they came from :func:`annotate`
    (for :meth:`to_spacy`); tables read back with :meth:`load` have none.
    """

    documents: pd.DataFrame
    entities: pd.DataFrame
    facts: pd.DataFrame
    quotes: pd.DataFrame
    entity_summary: pd.DataFrame
    docs: list[Doc] = field(default_factory=list, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by name, in output order."""
        return {name: getattr(self, name) for name in tables.ALL_SCHEMAS}

    def save(self, out_dir: str | Path, format: str = "csv") -> dict[str, Path]:
        """Write every table as ``<name>.<format>`` into ``out_dir``."""
        return writers.write_tables(self.tables, out_dir, format)

    def to_csv(self, out_dir: str | Path) -> dict[str, Path]:
        """Write every table as CSV into ``out_dir``."""
        return self.save(out_dir, "csv")

    def to_parquet(self, out_dir: str | Path) -> dict[str, Path]:
        """Write every table as Parquet into ``out_dir``."""
        return self.save(out_dir, "parquet")

    def to_jsonl(self, out_dir: str | Path) -> dict[str, Path]:
        """Write every table as JSON Lines into ``out_dir``."""
        return self.save(out_dir, "jsonl")

    @classmethod
    def load(cls, out_dir: str | Path) -> Annotations:
        """Read the tables of an output folder (as written by ``nlp-news annotate``) back."""
        out_dir = Path(out_dir)
        found = {}
        for name, schema in tables.ALL_SCHEMAS.items():
            paths = [out_dir / f"{name}.{fmt}" for fmt in writers.FORMATS]
            path = next((p for p in paths if p.exists()), None)
            found[name] = (writers.read_table(path, schema) if path is not None
                           else tables.frame([], schema))
        return cls(**found)

    def to_spacy(self, vocab: Any = None) -> list[Any]:
        """spaCy ``Doc`` objects with ``doc.ents`` set, one per ok article (for displaCy)."""
        if not self.docs and len(self.documents):
            raise ValueError("these tables were loaded from files: re-annotate with "
                             "nlp_news.annotate() to get spaCy Docs (they need the text)")
        return [to_spacy(doc, vocab) for doc in self.docs if not doc.article.error]

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(df)}" for name, df in self.tables.items())
        return f"Annotations({sizes})"


def summarize_entities(entities: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The dump-wide ``entity_summary`` table of an entities table."""
    summary = EntitySummary()
    summary.add(entities, documents)
    return summary.frame()


def to_articles(inputs: Iterable[Input] | str | Path, text_column: str = "text"
                ) -> Iterator[Article]:
    """Normalise API inputs (texts, dicts, records, articles, or a path) into Articles."""
    if isinstance(inputs, Path):
        inputs = read_articles(inputs, text_column=text_column)
    elif isinstance(inputs, str):
        inputs = [inputs]
    for n, item in enumerate(inputs, 1):
        if isinstance(item, Article):
            yield item
        elif isinstance(item, Record):
            yield article_from_record(item, text_column)
        elif isinstance(item, str):
            yield article_from_record(
                Record(data={"text": item}, origin=f"input:{n}", default_id=f"doc{n}", raw=True),
                text_column)
        elif isinstance(item, dict):
            yield article_from_record(
                Record(data=item, origin=f"input:{n}", default_id=f"doc{n}"), text_column)
        else:
            yield Article(doc_id=f"doc{n}", text="", origin=f"input:{n}",
                          error=f"input:{n}: cannot annotate a {type(item).__name__}")


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_DEFAULT_PIPELINE: dict[tuple[Any, ...], Pipeline] = {}


def get_pipeline(models: str | Path | None = None, ner: bool = True) -> Pipeline:
    """A process-wide pipeline per model folder, loaded on first use."""
    key = (str(model_paths(models).root), ner)
    if key not in _DEFAULT_PIPELINE:
        _DEFAULT_PIPELINE[key] = Pipeline(models, ner=ner)
    return _DEFAULT_PIPELINE[key]


def annotate(
    inputs: Iterable[Input] | str | Path,
    *,
    pipeline: Pipeline | None = None,
    models: str | Path | None = None,
    ner: bool = True,
    text_column: str = "text",
    batch_size: int = 64,
) -> Annotations:
    """Annotate articles and return their tables.

    ``inputs`` is one text, a list of texts, a list of dicts (``text``, optional ``id``,
    ``title``, ``date``, ...), records from :func:`~nlp_news.read_articles`, or a
    :class:`~pathlib.Path` to a dump.  The pipeline is loaded once per process and reused.
    """
    pipe = pipeline or get_pipeline(models, ner=ner)
    docs: list[Doc] = []
    for batch in batched(to_articles(inputs, text_column), batch_size):
        docs.extend(pipe(batch))
    built = tables.build_tables(docs)
    summary = summarize_entities(built["entities"], built["documents"])
    return Annotations(**built, entity_summary=summary, docs=docs)
