"""One cheap pass over a sentence that tells the rule patterns where they may start.

Running a dozen rich patterns with ``finditer`` over a text costs each of them a match attempt
at every character.  Instead, :func:`build_index` walks the text once, finding words (looked
up in a table of the lexicon's key words), digit runs and a few symbols, and each pattern is
then tried, anchored, only at the positions of its kind (:func:`anchored`).  This keeps the
work linear and small even on a megabyte of adversarial text.

Limits (a guard against pathological input, far above any real sentence): at most
:data:`MAX_TRIES` anchored attempts per pattern and sentence and :data:`MAX_STARTS`
positions per kind are kept.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import regex

from .. import lexicon
from .words import (
    CURRENCY_PREFIX,
    DATE_WORDS,
    FRACTIONS,
    FUTURE_CUES,
    IDENTIFIER_CUES,
    MONTH_CUES,
    MONTHS,
    NUMBER_WORD_IDIOMS,
    NUMBER_WORDS,
    ORDINAL_CUES,
    PERIOD_WORDS,
    RELATIVE_DAYS,
    RELATIVE_PERIOD_UNITS,
    SE_WORDS,
    TIME_CUES,
    VAGUE_PLURALS,
    WEEKDAYS,
)

MAX_TRIES = 5000
MAX_STARTS = 20000
#: how far past its start a mention may reach (the match window; keeps each try short)
WINDOW = 400

_WORD = regex.compile(r"\p{L}++")
_DIGIT_START = regex.compile(r"(?<!\p{N})\p{N}")
_SYMBOL = regex.compile(r"[$€£¥(@]")

TLDS = ("com", "id", "net", "org", "co", "go", "ac", "tv", "news", "io", "me", "info")


def _first_word(entry: str) -> str | None:
    match = _WORD.search(entry)
    return match.group().lower() if match else None


def _table(kinds: dict[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for kind, entries in kinds.items():
        for entry in entries:
            word = _first_word(entry)
            if word:
                table.setdefault(word, set()).add(kind)
    return {word: tuple(sorted(kinds_)) for word, kinds_ in table.items()}


#: first word (lower-case) -> the kinds of mention that may start there
KEYWORDS = _table({
    "sign": [c for c in CURRENCY_PREFIX if c[0].isalpha()],
    "numword": list(NUMBER_WORDS) + list(SE_WORDS) + list(FRACTIONS) + list(VAGUE_PLURALS),
    "weekday": WEEKDAYS,
    "month": MONTHS,
    "date_word": DATE_WORDS,
    "year_phrase": ["tahun", *PERIOD_WORDS],
    "month_cue": MONTH_CUES,
    "relative": RELATIVE_DAYS,
    "period_unit": RELATIVE_PERIOD_UNITS,
    "collective": [f"{w}{nya}" for w in lexicon.table("collective_numbers") for nya in ("", "nya")],
    "se_time": lexicon.table("se_time_units"),
    "time_cue": TIME_CUES,
    "ident": IDENTIFIER_CUES | ORDINAL_CUES,
    "idiom": NUMBER_WORD_IDIOMS,
    "url": ["http", "https", "www"],
    "tld": TLDS,
    "future": FUTURE_CUES,
})


@dataclass(slots=True)
class Index:
    """Start positions in one sentence, by kind (each list in text order)."""

    kinds: dict[str, list[int]] = field(default_factory=dict)

    def get(self, *kinds: str) -> Iterator[int]:
        """Positions of any of ``kinds``, in order, without repeats."""
        lists = [self.kinds.get(kind, []) for kind in kinds]
        last = -1
        for pos in heapq.merge(*lists):
            if pos != last:
                yield pos
                last = pos


def _add(kinds: dict[str, list[int]], kind: str, pos: int) -> None:
    positions = kinds.setdefault(kind, [])
    if len(positions) < MAX_STARTS:
        positions.append(pos)


def build_index(text: str) -> Index:
    """Walk ``text`` once: key words, digit starts and symbols, by kind."""
    kinds: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        found = KEYWORDS.get(match.group().lower())
        if found:
            for kind in found:
                _add(kinds, kind, match.start())
    for n, match in enumerate(_DIGIT_START.finditer(text)):
        if n >= MAX_STARTS:
            break
        _add(kinds, "digit", match.start())
    for n, match in enumerate(_SYMBOL.finditer(text)):
        if n >= MAX_STARTS:
            break
        symbol = match.group()
        kind = "paren" if symbol == "(" else "at" if symbol == "@" else "sign"
        _add(kinds, kind, match.start())
    for positions in kinds.values():
        positions.sort()
    return Index(kinds)


def anchored(pattern: regex.Pattern[str], text: str, positions: Iterable[int],
             window: int = WINDOW) -> Iterator[regex.Match[str]]:
    """Matches of ``pattern`` starting at ``positions`` (sorted), not overlapping, like
    ``finditer`` restricted to those starts; at most :data:`MAX_TRIES` attempts, each
    looking at most ``window`` characters ahead."""
    end = -1
    for tries, pos in enumerate(positions):
        if tries >= MAX_TRIES:
            return
        if pos < end:
            continue
        match = pattern.match(text, pos, pos + window)
        if match and match.end() > match.start():
            end = match.end()
            yield match
