"""The objects that flow through the pipeline: articles, tokens, sentences, spans and facts.

Offsets are always character offsets into :attr:`Article.text`, the article text exactly as it
was read, so ``article.text[span.start_char:span.end_char] == span.text`` holds everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def internal(default: Any = None) -> Any:
    """A record field that components use among themselves and that no table shows."""
    return field(default=default, metadata={"internal": True})


@dataclass(slots=True)
class Token:
    """One token: its text and where it stands in the article."""

    text: str
    start_char: int
    end_char: int


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
    """A named-entity mention (PER / LOC / ORG): a row of the ``entities`` table.

    Every field but the internal ones is a column (:mod:`nlp_news.tables` derives the schema
    from this class); the components that fill each are listed in ``Pipeline.analysis()``.
    """

    sent_index: int
    start_char: int
    end_char: int
    text: str
    label: str
    score: float | None = None
    #: ``"<doc_id>#<n>"``: one id for every mention of one entity in the article.
    entity_id: str | None = None
    #: The fullest title-stripped name the article uses for the entity.
    canonical: str | None = None
    #: The key of the entity's row in ``entity_summary`` ("ORG:komisi-pemberantasan-korupsi"),
    #: one for every mention of one entity across the whole dump; set when the dump's tables
    #: are made (:func:`nlp_news.annotate`, ``nlp-news annotate``), None on a Doc alone.
    canonical_id: str | None = None
    #: A title written in or right before a PER mention ("Presiden").
    title: str | None = None
    #: Where the mention comes from: ``model``, ``gazetteer`` or ``dateline``.
    origin: str = "model"
    #: For a LOC found in the gazetteer: country, province, regency, city, ...
    place_type: str | None = None
    #: The place's administrative code (Kepmendagri) or ISO country code.
    region_code: str | None = None


@dataclass(slots=True)
class Fact:
    """A number, amount, date or time found by the rule layers: a row of the ``facts`` table.

    Every field but the internal ones is a column (:mod:`nlp_news.tables` derives the schema).
    """

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
    #: The noun phrase the amount is about.
    subject: str | None = None
    sentence: str = ""
    #: Canonical names of the entities of the fact's sentence, ``"; "``-joined.
    entities: str | None = None
    #: Who stated it: the speaker of the quote it lies in, or X of "menurut X".
    source: str | None = None
    #: Both ends of a range ("Rp5-10 juta", "3-5 Maret") share an id (1, 2, ... per article).
    range_id: int | None = None
    #: ``low`` or ``high`` for the ends of a range, empty for a single value.
    range_part: str | None = None
    #: For dates: ``day``, ``month`` or ``year``.
    precision: str | None = None
    #: A date whose year the text does not give (taken from the publication date).
    year_inferred: bool = False
    #: Internal: a relative day word ("kemarin"), dropped beside an explicit date.
    relative_word: bool = internal(False)


@dataclass
class Quote:
    """A quote or a reported statement and its speaker: a row of the ``quotes`` table."""

    speaker: str | None
    #: The ``entity_id`` of the speaker's mention, when the speaker is a tagged entity.
    speaker_entity_id: str | None
    #: The word that introduces it ("kata", "menurut", "ujar").
    cue: str | None
    kind: str  # direct | indirect
    text: str
    start_char: int
    end_char: int


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
    #: The dateline's place (LOC) and outlet (ORG) as ``(start, end, label)`` spans
    #: ("Jakarta, CNN Indonesia --"); the dateline itself is an excluded range.
    dateline: list[tuple[int, int, str]] = field(default_factory=list)
    error: str | None = None
    #: Why the article was not annotated though it could be ("duplicate of X"): status
    #: ``skipped``
    skipped: str | None = None

    @property
    def status(self) -> str:
        return "error" if self.error else "skipped" if self.skipped else "ok"

    def dateline_text(self, label: str) -> str | None:
        """The dateline's place (``LOC``) or outlet (``ORG``), as written."""
        return next((self.text[s:e] for s, e, lab in self.dateline if lab == label), None)

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
    quotes: list[Quote] = field(default_factory=list)
    #: The NER model's own mentions, ``(start_char, end_char, label) -> probability``, before
    #: any rule changed them (``score`` is the model's only where a mention is still one)
    model_spans: dict[tuple[int, int, str], float | None] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def n_tokens(self) -> int:
        return sum(len(s.tokens) for s in self.sentences)
