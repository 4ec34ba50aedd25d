"""The pipeline that annotates articles, and the ``annotate`` API that returns pandas tables.

Data flow: records -> :class:`~nlp_news.doc.Article` -> :class:`~nlp_news.pipeline.Pipeline`
(its components, in order) -> tables.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from . import tables, writers
from .article import article_from_record
from .config import Config
from .doc import Article, Doc
from .duplicates import THRESHOLD, DuplicateFinder, check_threshold
from .entities import EntitySummary, to_spacy
from .entities.resolve import NameKnowledge
from .entities.summary import doc_key, set_canonical_ids
from .pipeline import Pipeline
from .pipeline.core import batched
from .pipeline.resources import Resources
from .readers import Record, read_articles

log = logging.getLogger(__name__)

Input = str | dict[str, Any] | Record | Article


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
        """Read the tables of an output folder (as written by ``nlp-news annotate``) back.

        Raises :class:`FileNotFoundError` for a folder that does not exist or holds no
        ``documents`` table; a table missing beside it is read as empty."""
        out_dir = Path(out_dir)
        if not out_dir.is_dir():
            raise FileNotFoundError(f"{out_dir}: no such output folder")
        if not any((out_dir / f"documents.{fmt}").exists() for fmt in writers.TABLE_FORMATS):
            raise FileNotFoundError(f"{out_dir}: holds no documents table (documents.csv, "
                                    ".parquet or .jsonl): not an output folder of nlp-news")
        found = {}
        for name, schema in tables.ALL_SCHEMAS.items():
            paths = [out_dir / f"{name}.{fmt}" for fmt in writers.TABLE_FORMATS]
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


def summarize_entities(entities: pd.DataFrame, documents: pd.DataFrame,
                       knowledge: NameKnowledge | None = None) -> pd.DataFrame:
    """The dump-wide ``entity_summary`` table of an entities table; the ``canonical_id``
    column of ``entities`` is filled in (in place) with the key of each mention's row.
    ``knowledge``: the gazetteer and alias file to resolve names with (default: the shipped
    gazetteer, no alias file). ``stories`` leaves out the documents whose ``duplicate_of`` is
    set."""
    summary = EntitySummary()
    summary.add(entities, documents)
    if knowledge is None:
        knowledge = Resources().name_knowledge
    resolution = summary.resolve(knowledge)
    set_canonical_ids(entities, resolution)
    dups: set[int] = set()
    if "duplicate_of" in documents:
        dups = {doc_key(str(d)) for d, of in zip(documents["doc_id"], documents["duplicate_of"],
                                                 strict=True) if isinstance(of, str)}
    return summary.frame(resolution=resolution, duplicates=dups)


def check_api_inputs(inputs: Any) -> None:
    """Raise :class:`TypeError` for inputs :func:`annotate` cannot take whole: one dict (its
    keys would be read as texts), a DataFrame (its column names), bytes (one row per byte),
    or anything not iterable."""
    if isinstance(inputs, bytes | bytearray | memoryview):
        raise TypeError(f"annotate() takes texts (str), not {type(inputs).__name__}: decode "
                        "them first (data.decode('utf-8')) or pass a pathlib.Path to the file")
    if hasattr(inputs, "to_dict") and hasattr(inputs, "columns"):  # a pandas DataFrame
        raise TypeError("annotate() takes a list of articles, not a DataFrame (iterating one "
                        "gives its column names): pass df.to_dict('records')")
    if isinstance(inputs, Mapping | Record | Article):
        raise TypeError(f"annotate() takes a list of articles, not one "
                        f"{type(inputs).__name__}: pass [article]")
    if not isinstance(inputs, str | Path | Iterable):
        raise TypeError(f"annotate() takes a text, a list of texts or dicts, or a "
                        f"pathlib.Path, not {type(inputs).__name__}")


def to_articles(inputs: Iterable[Input] | str | Path, text_column: str | None = None
                ) -> Iterator[Article]:
    """Normalise API inputs (texts, dicts, records, articles, or a path) into Articles
    (:func:`check_api_inputs` first)."""
    check_api_inputs(inputs)
    return _articles(inputs, text_column)


def _articles(inputs: Iterable[Input] | str | Path, text_column: str | None
              ) -> Iterator[Article]:
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
                Record(data={"text": item}, origin=f"input:{n}", default_id=f"doc{n}"),
                text_column)
        elif isinstance(item, dict):
            yield article_from_record(
                Record(data=item, origin=f"input:{n}", default_id=f"doc{n}"), text_column)
        else:
            yield Article(doc_id=f"doc{n}", text="", origin=f"input:{n}",
                          error=f"input:{n}: cannot annotate a {type(item).__name__}")


_DEFAULT_PIPELINE: dict[Config, Pipeline] = {}


def set_torch_threads(threads: int | None) -> None:
    """Run torch on ``threads`` threads in this process (None: leave it as it is).  One is the
    default everywhere: torch's own default, one per core, is slower as soon as anything else
    keeps a core busy, and parallel work goes to processes (``--jobs``)."""
    if threads is None:
        return
    if threads < 1:
        raise ValueError(f"threads must be 1 or more, not {threads}")
    import torch

    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


def get_pipeline(config: Config | str | Path | None = None, *, threads: int | None = 1,
                 **options: Any) -> Pipeline:
    """A process-wide pipeline per :class:`~nlp_news.config.Config`, loaded on first use (the
    one cache: the API, the CLI and every batch worker use it).  ``config``: the pipeline's
    Config, or a model folder, with ``options`` the Config's other fields (``ner=False``,
    ``aliases=...``, ``min_score=...``); configs that name the same files share one pipeline.
    ``threads``: torch threads of this process, set before the model loads or runs (None
    leaves them as they are)."""
    if not isinstance(config, Config):
        config = Config(**{"models": config, **options})  # get_pipeline(models=...) too
    elif options:
        config = replace(config, **options)
    if config.ner:
        set_torch_threads(threads)
    key = config.resolved()
    if key not in _DEFAULT_PIPELINE:
        _DEFAULT_PIPELINE[key] = Pipeline(config=config)
    return _DEFAULT_PIPELINE[key]


def annotate(
    inputs: Iterable[Input] | str | Path,
    *,
    pipeline: Pipeline | None = None,
    models: str | Path | None = None,
    ner: bool = True,
    text_column: str | None = None,
    batch_size: int = 64,
    aliases: str | Path | None = None,
    duplicate_threshold: float = THRESHOLD,
    min_score: float | None = None,
    threads: int | None = 1,
) -> Annotations:
    """Annotate articles and return their tables.

    ``inputs`` is one text, a list of texts, a list of dicts (``text``, optional ``id``,
    ``title``, ``date``, ...; other common names such as ``isi``, ``judul``, ``tanggal`` are
    recognised, ``text_column`` names the text's field), records from
    :func:`~nlp_news.read_articles`, or a :class:`~pathlib.Path` to a dump.  One dict, bytes
    or a non-iterable raise :class:`TypeError`.  The pipeline is loaded once per process and
    reused. ``aliases``: a CSV of the user's own other names
    (``alias,canonical,label[,relation]``, see :class:`~nlp_news.entities.resolve.AliasTable`),
    used inside articles and across them.  The entities' ``canonical_id`` is resolved over all
    ``inputs`` together, and ``documents.duplicate_of`` marks near duplicates among them
    (:mod:`nlp_news.duplicates`, ``duplicate_threshold`` in (0, 1]). ``min_score`` drops
    entities whose calibrated ``score`` is below it (:mod:`nlp_news.scores`); tables and
    counts follow. ``threads``: torch threads (default 1, see :func:`set_torch_threads`;
    None: torch's own).
    """
    check_threshold(duplicate_threshold)
    if pipeline is not None and "ner" in pipeline.pipe_names:
        set_torch_threads(threads)
    pipe = pipeline or get_pipeline(Config(models=models, ner=ner, aliases=aliases,
                                           min_score=min_score), threads=threads)
    docs: list[Doc] = []
    for batch in batched(to_articles(inputs, text_column), batch_size):
        docs.extend(pipe(batch))
    built = tables.build_tables(docs)
    finder = DuplicateFinder(duplicate_threshold)
    found = [finder.check(doc.article.doc_id, doc.article.text) if doc.article.text else None
             for doc in docs]
    built["documents"]["duplicate_of"] = pd.array(found, dtype="string")
    summary = summarize_entities(built["entities"], built["documents"],
                                 pipe.resources.name_knowledge)
    ids = iter(built["entities"]["canonical_id"].tolist())
    for doc in docs:
        for ent in doc.entities:
            ent.canonical_id = next(ids)
    return Annotations(**built, entity_summary=summary, docs=docs)
