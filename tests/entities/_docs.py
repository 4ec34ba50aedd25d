"""Build Docs from own Indonesian sentences and hand-made entities (no NER model needed)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from nlp_news.doc import Article, Doc, Entity, Fact
from nlp_news.pipeline.tokenize import Tokenizer

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@cache
def tokenizer() -> Tokenizer:
    return Tokenizer()


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
