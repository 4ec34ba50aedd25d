"""Counts written as words that are no numerals: ``kedua anak`` / ``keduanya`` (both: 2),
``ketiga anaknya`` (3), ``sehari sebelumnya`` / ``setahun terakhir`` (1 day, 1 year).

``kedua`` is also the ordinal "second": it counts only where it opens a noun phrase (at a
sentence or clause start, or after a word of ``[collective_before]`` or a verb) and is followed
by ``-nya`` or by a noun, not by a word of ``not_after`` (``untuk kedua kalinya``, ``juara
kedua di``). A ``se-`` time word counts unless it is part of a rate (``tiga kali sehari``,
``Rp5 ribu sehari``) or doubled (``sehari-hari``). Word lists: the lexicon's
``[collective_numbers]``, ``[collective_before]`` and ``[se_time_units]``.
"""

from __future__ import annotations

import regex

from .base import PRIORITY_AMOUNT, Mention, make_fact
from .scan import Index, anchored
from .words import W_START, Words, alternation

_NEXT = regex.compile(r"\s++(?P<n>[\p{L}][\p{L}-]*+)")
_PREV = regex.compile(r"(?r)(?P<w>[\p{L}\p{N}]++)?(?P<gap>[^\p{L}\p{N}]*+)")


class Counts:
    """The count patterns, built from ``words``, and their finder."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self._collective = regex.compile(
            W_START + r"(?P<w>(?i:" + alternation(words.collective)
            + r"))(?:(?P<nya>nya)\b|(?=\s))")
        self._se_time = regex.compile(
            W_START + r"(?P<w>(?i:" + alternation(words.se_time) + r"))(?![-\p{L}])")
        self._rate_before = regex.compile(
            r"(?:\p{N}|(?<![\p{L}])(?i:"
            + alternation(["kali", "per", "dalam", "rupiah", *words.multipliers])
            + r"))\.?\s*+$")

    def _opens_phrase(self, text: str, start: int) -> bool:
        prev = _PREV.match(text, max(0, start - 40), start)
        word = prev.group("w") if prev else None
        gap = prev.group("gap") if prev else ""
        if word is None or any(c in gap for c in ",;:(\"“.!?"):
            return True
        low = word.lower()
        return low in self.words.collective_before or self.words.looks_like_verb(low)

    def find_counts(self, text: str, index: Index) -> list[Mention]:
        """``kedua X`` / ``keduanya`` and ``se-`` time-word mentions of one sentence."""
        words = self.words
        collective, se_time = words.collective, words.se_time
        found = []
        for m in anchored(self._collective, text, index.get("collective")):
            value = collective[m.group("w").lower()]
            if m.group("nya"):
                fact = make_fact(text, m.start(), m.end("w"), "quantity", value=float(value))
                found.append(Mention(m.start(), m.end("w"), [fact], PRIORITY_AMOUNT,
                                     words=True))
                continue
            nxt = _NEXT.match(text, m.end())
            if not nxt or not self._opens_phrase(text, m.start()):
                continue
            noun = nxt.group("n")
            low = noun.lower()
            if low in words.collective_not_after or low in collective \
                    or (noun[:1].isupper() and not noun.isupper()):
                continue
            unit = low[:-3] if low.endswith("nya") and len(low) > 5 else low
            end = nxt.end("n") - (len(low) - len(unit))
            fact = make_fact(text, m.start(), end, "quantity", value=float(value), unit=unit)
            found.append(Mention(m.start(), end, [fact], PRIORITY_AMOUNT, words=True))
        for m in anchored(self._se_time, text, index.get("se_time")):
            if self._rate_before.search(text, max(0, m.start() - 20), m.start()):
                continue
            fact = make_fact(text, m.start(), m.end(), "quantity", value=1.0,
                             unit=se_time[m.group("w").lower()])
            found.append(Mention(m.start(), m.end(), [fact], PRIORITY_AMOUNT, words=True))
        return found
