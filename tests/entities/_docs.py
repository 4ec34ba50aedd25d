"""Build Docs from own Indonesian sentences and hand-made entities (no NER model needed)."""

from __future__ import annotations

from functools import cache

from nlp_news import config
from nlp_news.doc import Article, Doc, Entity, Fact, Quote
from nlp_news.entities import Gazetteer, link_entities
from nlp_news.models import DEFAULT_DIR
from nlp_news.pipeline.fact_sources import FactSources
from nlp_news.pipeline.gazetteer_places import GazetteerPlaces
from nlp_news.pipeline.place_types import PlaceTypes
from nlp_news.pipeline.quotes import Quotes
from nlp_news.pipeline.tokenize import Tokenizer

SHARED = config.shared_dir()


@cache
def tokenizer() -> Tokenizer:
    return Tokenizer()


@cache
def shipped_gazetteer() -> Gazetteer:
    return Gazetteer.load(DEFAULT_DIR / "gazetteer.tsv")


def link(doc: Doc, doc_key: str | None = None) -> None:
    """:func:`link_entities` with the shipped gazetteer's countries and provinces."""
    link_entities(doc, doc_key, places=shipped_gazetteer().region_keys,
                  regions=shipped_gazetteer().region_ids)


def enrich(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Quote]:
    """The pipeline's entity components after NER, on a doc with hand-made entities."""
    if gazetteer is not None:
        GazetteerPlaces(gazetteer)(doc)
    link(doc)
    if gazetteer is not None:
        PlaceTypes(gazetteer)(doc)
    Quotes()(doc)
    FactSources()(doc)
    return doc.quotes


def make_doc(text: str, mentions: list[tuple[str, str]], doc_id: str = "d1",
             facts: list[tuple[str, str]] = ()) -> Doc:
    """A tokenised Doc whose entities are ``(mention text, label)``, listed in text order.

    Each mention is searched from where the previous one ended, so repeated names get
    successive occurrences.  ``facts`` are ``(text, kind)`` found the same way.
    """
    article = Article(doc_id=doc_id, text=text)
    doc = Doc(article, tokenizer()(article))

    def locate(spans: list[tuple[str, str]]):
        cursor = 0
        for surface, label in spans:
            start = text.index(surface, cursor)
            cursor = start + len(surface)
            sent = next(s for s in doc.sentences if s.start_char <= start < s.end_char + 1)
            yield sent.index, start, start + len(surface), surface, label

    doc.entities = sorted((Entity(i, s, e, t, lab) for i, s, e, t, lab in locate(mentions)),
                          key=lambda e: e.start_char)
    doc.facts = [Fact(i, s, e, t, kind) for i, s, e, t, kind in locate(list(facts))]
    return doc


def by_text(doc: Doc) -> dict[str, list[Entity]]:
    out: dict[str, list[Entity]] = {}
    for ent in doc.entities:
        out.setdefault(ent.text, []).append(ent)
    return out
