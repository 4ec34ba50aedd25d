"""The output tables: their columns and dtypes (one place), and building them from Docs.

Every table has the same columns and dtypes whatever the input, so empty tables still have a
header and chunks of a large run can be appended to one file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .doc import Doc
from .entities import ENTITY_COLUMNS, FACT_COLUMNS, QUOTES_SCHEMA, SUMMARY_SCHEMA, quote_rows
from .pubdate import iso

STRING, INT, FLOAT, BOOL = "string", "Int64", "Float64", "boolean"

DOCUMENTS: dict[str, str] = {
    "doc_id": STRING, "title": STRING, "date": STRING, "source": STRING, "url": STRING,
    "reporter": STRING, "editor": STRING, "n_chars": INT, "n_sentences": INT, "n_tokens": INT,
    "n_entities": INT, "n_facts": INT, "status": STRING, "error": STRING, "origin": STRING,
    "metadata": STRING,
}
ENTITIES: dict[str, str] = {
    "doc_id": STRING, "sent_index": INT, "start_char": INT, "end_char": INT, "text": STRING,
    "label": STRING, "score": FLOAT, **ENTITY_COLUMNS,
}
FACTS: dict[str, str] = {
    "doc_id": STRING, "sent_index": INT, "start_char": INT, "end_char": INT, "text": STRING,
    "kind": STRING, "value": FLOAT, "iso": STRING, "unit": STRING, "currency": STRING,
    "approx": BOOL, "relative": BOOL, "subject": STRING, "sentence": STRING, **FACT_COLUMNS,
}
QUOTES: dict[str, str] = QUOTES_SCHEMA
ENTITY_SUMMARY: dict[str, str] = SUMMARY_SCHEMA
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
            "n_facts": len(doc.facts), "status": art.status, "error": art.error,
            "origin": art.origin, "metadata": _metadata_json(art.metadata),
        })
    return rows


def entity_rows(docs: Iterable[Doc]) -> list[dict[str, Any]]:
    """One row per entity mention."""
    rows = []
    for doc in docs:
        for ent in doc.entities:
            rows.append({
                "doc_id": doc.article.doc_id, "sent_index": ent.sent_index,
                "start_char": ent.start_char, "end_char": ent.end_char, "text": ent.text,
                "label": ent.label, "score": ent.score, **ent.extra,
            })
    return rows


def fact_rows(docs: Iterable[Doc]) -> list[dict[str, Any]]:
    """One row per fact."""
    rows = []
    for doc in docs:
        for fact in doc.facts:
            rows.append({
                "doc_id": doc.article.doc_id, "sent_index": fact.sent_index,
                "start_char": fact.start_char, "end_char": fact.end_char, "text": fact.text,
                "kind": fact.kind, "value": fact.value, "iso": fact.iso, "unit": fact.unit,
                "currency": fact.currency, "approx": fact.approx, "relative": fact.relative,
                "subject": fact.subject, "sentence": fact.sentence, **fact.extra,
            })
    return rows


def build_tables(docs: Sequence[Doc]) -> dict[str, pd.DataFrame]:
    """The per-chunk tables of a batch of annotated documents."""
    return {
        "documents": frame(document_rows(docs), DOCUMENTS),
        "entities": frame(entity_rows(docs), ENTITIES),
        "facts": frame(fact_rows(docs), FACTS),
        "quotes": frame(quote_rows((doc, doc.quotes) for doc in docs), QUOTES),
    }
