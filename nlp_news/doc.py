"""The objects that flow through the pipeline: articles, tokens, sentences, spans and facts.

Offsets are always character offsets into :attr:`Article.text`, the article text exactly as it
was read, so ``article.text[span.start_char:span.end_char] == span.text`` holds everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Token:
    """One token: its text and where it stands in the article."""

    text: str
    start_char: int
    end_char: int
    upos: str | None = None


@dataclass(slots=True)
class Sentence:
    """A sentence of an article's content (boilerplate never becomes a sentence)."""

    index: int
    start_char: int
    end_char: int
    tokens: list[Token]

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)


@dataclass(slots=True)
class Entity:
    """A named-entity mention (PER / LOC / ORG)."""

    sent_index: int
    start_char: int
    end_char: int
    text: str
    label: str
    score: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Fact:
    """A number, amount, date or time found by the rule layers (a row of the ``facts`` table)."""

    sent_index: int
    start_char: int
    end_char: int
    text: str
    kind: str  # money | percent | quantity | date | time
    value: float | None = None
    iso: str | None = None
    unit: str | None = None
    currency: str | None = None
    approx: bool = False
    relative: bool = False
    sentence: str = ""
    subject: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Article:
    """One input article with its metadata, before any annotation."""

    doc_id: str
    text: str
    origin: str = ""  # "file:line" where it was read, for messages
    title: str | None = None
    date: dt.datetime | dt.date | None = None
    date_raw: str | None = None
    source: str | None = None
    url: str | None = None
    reporter: str | None = None
    editor: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Character ranges of ``text`` kept out of entity and fact extraction (headers, boilerplate).
    excluded: list[tuple[int, int]] = field(default_factory=list)
    error: str | None = None

    @property
    def status(self) -> str:
        return "error" if self.error else "ok"

    @property
    def pub_date(self) -> dt.date | None:
        """The publication day, the anchor for relative dates."""
        if isinstance(self.date, dt.datetime):
            return self.date.date()
        return self.date


@dataclass
class Doc:
    """An annotated article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)  # nlp_news.entities.Quote

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def n_tokens(self) -> int:
        return sum(len(s.tokens) for s in self.sentences)
