"""Entities people can use: one id and name per entity, places, quotes, facts' sources.

Per annotated :class:`~nlp_news.doc.Doc` (after NER and the rule layers)::

    gazetteer = Gazetteer.load()              # once; models/gazetteer.tsv
    quotes = enrich(doc, gazetteer)            # or the steps one by one:
    # link_entities(doc); annotate_places(doc, gazetteer); quotes = find_quotes(doc)
    # attach_entities_to_facts(doc, quotes)

New entity columns: :data:`ENTITY_COLUMNS`; new fact columns: :data:`FACT_COLUMNS`; the
``quotes`` table: :func:`quote_rows` + :data:`QUOTES_SCHEMA`; the dump-wide ``entity_summary``
table: :class:`EntitySummary` + :data:`SUMMARY_SCHEMA`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..doc import Doc
from .canonical import link_entities
from .facts_link import attach_entities_to_facts
from .gazetteer import Gazetteer, Place, annotate_places
from .quotes import Quote, find_quotes
from .spacy_doc import to_spacy
from .summary import SUMMARY_SCHEMA, EntitySummary

__all__ = [
    "ENTITY_COLUMNS", "FACT_COLUMNS", "QUOTES_SCHEMA", "SUMMARY_SCHEMA", "EntitySummary",
    "Gazetteer", "Place", "Quote", "annotate_places", "attach_entities_to_facts", "enrich",
    "find_quotes", "link_entities", "quote_rows", "quotes_frame", "to_spacy",
]

#: Columns this package adds to the entities table (``Entity.extra``), with their dtypes.
ENTITY_COLUMNS: dict[str, str] = {
    "entity_id": "string", "canonical": "string", "title": "string", "origin": "string",
    "place_type": "string", "region_code": "string",
}
#: Columns this package adds to the facts table (``Fact.extra``).
FACT_COLUMNS: dict[str, str] = {"entities": "string", "source": "string"}
#: The ``quotes`` table: one row per quote or reported statement.
QUOTES_SCHEMA: dict[str, str] = {
    "doc_id": "string", "speaker": "string", "speaker_entity_id": "string", "cue": "string",
    "kind": "string", "text": "string", "start_char": "Int64", "end_char": "Int64",
}


def enrich(doc: Doc, gazetteer: Gazetteer | None = None, *, recover_places: bool = True,
           doc_key: str | None = None) -> list[Quote]:
    """Run every step on one doc: link, places (when a gazetteer is given), quotes, facts.

    Every entity then has all :data:`ENTITY_COLUMNS` keys and every fact all
    :data:`FACT_COLUMNS` keys (None when unknown).  Returns the doc's quotes.
    """
    if doc.article.error:
        return []
    link_entities(doc, doc_key)
    if gazetteer is not None:
        annotate_places(doc, gazetteer, recover=recover_places)
    for ent in doc.entities:
        for column in ENTITY_COLUMNS:
            ent.extra.setdefault(column, None)
        if ent.extra["origin"] is None:
            ent.extra["origin"] = "model"
    quotes = find_quotes(doc)
    attach_entities_to_facts(doc, quotes)
    return quotes


def quote_rows(docs_with_quotes: Iterable[tuple[Doc, list[Quote]]]) -> list[dict[str, Any]]:
    """Rows of the quotes table from ``(doc, quotes)`` pairs."""
    rows = []
    for doc, quotes in docs_with_quotes:
        for q in quotes:
            rows.append({"doc_id": doc.article.doc_id, "speaker": q.speaker,
                         "speaker_entity_id": q.speaker_entity_id, "cue": q.cue, "kind": q.kind,
                         "text": q.text, "start_char": q.start_char, "end_char": q.end_char})
    return rows


def quotes_frame(docs_with_quotes: Iterable[tuple[Doc, list[Quote]]]) -> pd.DataFrame:
    """The quotes table (exactly :data:`QUOTES_SCHEMA`'s columns and dtypes)."""
    rows = quote_rows(docs_with_quotes)
    return pd.DataFrame.from_records(rows, columns=list(QUOTES_SCHEMA)).astype(QUOTES_SCHEMA)
