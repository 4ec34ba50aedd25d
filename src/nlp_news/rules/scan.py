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

from .words import Words

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


def keyword_table(words: Words) -> dict[str, tuple[str, ...]]:
    """First word (lower-case) -> the kinds of mention that may start there."""
    return _table({
        "sign": [c for c in words.currency_prefix if c[0].isalpha()],
        "numword": (list(words.number_words) + list(words.se_words) + list(words.fractions)
                    + list(words.vague_plurals)),
        "weekday": words.weekdays,
        "month": words.months,
        "date_word": words.date_words,
        "year_phrase": ["tahun", *words.period_words],
        "month_cue": words.month_cues,
        "relative": words.relative_days,
        "period_unit": words.relative_period_units,
        "collective": [f"{w}{nya}" for w in words.collective for nya in ("", "nya")],
        "se_time": words.se_time,
        "time_cue": words.time_cues,
        "ident": words.identifier_cues | words.ordinal_cues,
        "idiom": words.number_word_idioms,
        "url": ["http", "https", "www"],
        "tld": TLDS,
        "future": words.future_cues,
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


def build_index(text: str, keywords: dict[str, tuple[str, ...]]) -> Index:
    """Walk ``text`` once: key words (``keywords``: :func:`keyword_table`), digit starts and
    symbols, by kind."""
    kinds: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        found = keywords.get(match.group().lower())
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
