"""The output tables: their columns and dtypes (one place), and building them from Docs.

Every table has the same columns and dtypes whatever the input, so empty tables still have a
header and chunks of a large run can be appended to one file.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .doc import Doc, Entity, Fact, Quote
from .pubdate import iso

STRING, INT, FLOAT, BOOL = "string", "Int64", "Float64", "boolean"
_DTYPES = ((bool, BOOL), (int, INT), (float, FLOAT), (str, STRING))


def columns_of(record_type: type) -> dict[str, str]:
    """The table columns of a record dataclass: every field not marked internal, in order,
    with the pandas dtype of its annotation (``str`` -> string, ``int`` -> Int64, ...)."""
    hints = typing.get_type_hints(record_type)
    out = {}
    for f in dataclasses.fields(record_type):
        if f.metadata.get("internal"):
            continue
        kinds = set(typing.get_args(hints[f.name])) or {hints[f.name]}
        out[f.name] = next(dtype for base, dtype in _DTYPES if base in kinds)
    return out


def internal_fields(record_type: type) -> list[str]:
    """The fields of a record dataclass that are documented as internal (no column)."""
    return [f.name for f in dataclasses.fields(record_type) if f.metadata.get("internal")]


DOCUMENTS: dict[str, str] = {
    "doc_id": STRING, "title": STRING, "date": STRING, "source": STRING, "url": STRING,
    "reporter": STRING, "editor": STRING, "n_chars": INT, "n_sentences": INT, "n_tokens": INT,
    "n_entities": INT, "n_facts": INT, "status": STRING, "error": STRING, "origin": STRING,
    "metadata": STRING, "dateline_place": STRING, "dateline_source": STRING,
    "duplicate_of": STRING,
}
ENTITIES: dict[str, str] = {"doc_id": STRING, **columns_of(Entity)}
FACTS: dict[str, str] = {"doc_id": STRING, **columns_of(Fact)}
QUOTES: dict[str, str] = {"doc_id": STRING, **columns_of(Quote)}
#: The dump-wide table of :class:`~nlp_news.entities.EntitySummary`.
ENTITY_SUMMARY: dict[str, str] = {
    "canonical_id": STRING, "canonical": STRING, "label": STRING, "mentions": INT,
    "documents": INT, "stories": INT, "mean_score": FLOAT, "aliases": STRING,
    "first_date": STRING, "last_date": STRING,
}
#: The per-chunk tables, in output order (``entity_summary`` is built over the whole dump).
SCHEMAS: dict[str, dict[str, str]] = {
    "documents": DOCUMENTS, "entities": ENTITIES, "facts": FACTS, "quotes": QUOTES,
}
ALL_SCHEMAS: dict[str, dict[str, str]] = {**SCHEMAS, "entity_summary": ENTITY_SUMMARY}


def frame(rows: Sequence[dict[str, Any]], schema: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``schema``'s columns, in order, with its dtypes."""
    df = pd.DataFrame.from_records(list(rows), columns=list(schema))
    return df.astype(schema)


def _metadata_json(metadata: dict[str, Any]) -> str | None:
    if not metadata:
        return None
    return json.dumps(metadata, ensure_ascii=False, default=str)


def document_rows(docs: Iterable[Doc]) -> list[dict[str, Any]]:
    """One row per article, ok or not."""
    rows = []
    for doc in docs:
        art = doc.article
        rows.append({
            "doc_id": art.doc_id, "title": art.title, "date": iso(art.date),
            "source": art.source, "url": art.url, "reporter": art.reporter,
            "editor": art.editor, "n_chars": len(art.text), "n_sentences": len(doc.sentences),
            "n_tokens": doc.n_tokens, "n_entities": len(doc.entities),
            "n_facts": len(doc.facts), "status": art.status, "error": art.error or art.skipped,
            "origin": art.origin, "metadata": _metadata_json(art.metadata),
            "dateline_place": art.dateline_text("LOC"),
            "dateline_source": art.dateline_text("ORG"), "duplicate_of": None,
        })
    return rows


def _record_rows(doc_id: str, records: Iterable[Any], schema: dict[str, str]
                 ) -> list[dict[str, Any]]:
    names = list(schema)[1:]
    return [{"doc_id": doc_id, **{name: getattr(r, name) for name in names}} for r in records]


def entity_rows(docs: Iterable[Doc]) -> list[dict[str, Any]]:
    """One row per entity mention."""
    return [row for doc in docs for row in _record_rows(doc.article.doc_id, doc.entities,
                                                        ENTITIES)]


def fact_rows(docs: Iterable[Doc]) -> list[dict[str, Any]]:
    """One row per fact."""
    return [row for doc in docs for row in _record_rows(doc.article.doc_id, doc.facts, FACTS)]


def quote_rows(docs: Iterable[Doc]) -> list[dict[str, Any]]:
    """One row per quote or reported statement."""
    return [row for doc in docs for row in _record_rows(doc.article.doc_id, doc.quotes, QUOTES)]


def build_tables(docs: Sequence[Doc]) -> dict[str, pd.DataFrame]:
    """The per-chunk tables of a batch of annotated documents."""
    return {
        "documents": frame(document_rows(docs), DOCUMENTS),
        "entities": frame(entity_rows(docs), ENTITIES),
        "facts": frame(fact_rows(docs), FACTS),
        "quotes": frame(quote_rows(docs), QUOTES),
    }
