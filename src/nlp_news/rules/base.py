"""What the rule layers hand to the merger: mentions, each with one or two facts."""

from __future__ import annotations

from dataclasses import dataclass

from ..doc import Fact

#: Priorities on equal span length (lower wins): explicit dates, then times, then amounts.
PRIORITY_DATE = 1
PRIORITY_TIME = 2
PRIORITY_AMOUNT = 3
PRIORITY_RELATIVE = 4


@dataclass(slots=True)
class Mention:
    """A matched span of a sentence and the facts read from it (two for a range).

    Offsets are into the sentence text; :func:`nlp_news.rules.extract_facts` moves them to
    article offsets.  ``words`` marks a mention written in number words (idioms block those);
    ``cited`` a year that stays a date inside an identifier (the guide's citation year:
    ``UU Nomor 5 Tahun 2019``, ``K/30/MEM/2018``).
    """

    start: int
    end: int
    facts: list[Fact]
    priority: int = PRIORITY_AMOUNT
    words: bool = False
    cited: bool = False


def make_fact(text: str, start: int, end: int, kind: str, **fields: object) -> Fact:
    """A fact over ``text[start:end]`` (sentence offsets; sentence index filled in later)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Fact(sent_index=-1, start_char=start, end_char=end, text=text[start:end], kind=kind,
                **fields)  # type: ignore[arg-type]
