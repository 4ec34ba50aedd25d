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

from .. import lexicon
from .base import PRIORITY_AMOUNT, Mention, make_fact
from .scan import Index, anchored, build_index
from .words import MULTIPLIERS, W_START, alternation, looks_like_verb

COLLECTIVE: dict[str, int] = {k: int(v) for k, v in lexicon.table("collective_numbers").items()}
_BEFORE = frozenset(lexicon.table("collective_before")["words"])
_NOT_AFTER = frozenset(lexicon.table("collective_before")["not_after"])
SE_TIME: dict[str, str] = dict(lexicon.table("se_time_units"))

_COLLECTIVE = regex.compile(
    W_START + r"(?P<w>(?i:" + alternation(COLLECTIVE) + r"))(?:(?P<nya>nya)\b|(?=\s))")
_NEXT = regex.compile(r"\s++(?P<n>[\p{L}][\p{L}-]*+)")
_PREV = regex.compile(r"(?r)(?P<w>[\p{L}\p{N}]++)?(?P<gap>[^\p{L}\p{N}]*+)")
_SE_TIME = regex.compile(W_START + r"(?P<w>(?i:" + alternation(SE_TIME) + r"))(?![-\p{L}])")
_RATE_BEFORE = regex.compile(
    r"(?:\p{N}|(?<![\p{L}])(?i:" + alternation(["kali", "per", "dalam", "rupiah", *MULTIPLIERS])
    + r"))\.?\s*+$")


def _opens_phrase(text: str, start: int) -> bool:
    prev = _PREV.match(text, max(0, start - 40), start)
    word = prev.group("w") if prev else None
    gap = prev.group("gap") if prev else ""
    if word is None or any(c in gap for c in ",;:(\"“.!?"):
        return True
    low = word.lower()
    return low in _BEFORE or looks_like_verb(low)


def find_counts(text: str, index: Index | None = None) -> list[Mention]:
    """``kedua X`` / ``keduanya`` and ``se-`` time-word mentions of one sentence."""
    index = index or build_index(text)
    found = []
    for m in anchored(_COLLECTIVE, text, index.get("collective")):
        value = COLLECTIVE[m.group("w").lower()]
        if m.group("nya"):
            fact = make_fact(text, m.start(), m.end("w"), "quantity", value=float(value))
            found.append(Mention(m.start(), m.end("w"), [fact], PRIORITY_AMOUNT, words=True))
            continue
        nxt = _NEXT.match(text, m.end())
        if not nxt or not _opens_phrase(text, m.start()):
            continue
        noun = nxt.group("n")
        low = noun.lower()
        if low in _NOT_AFTER or low in COLLECTIVE or (noun[:1].isupper() and not noun.isupper()):
            continue
        unit = low[:-3] if low.endswith("nya") and len(low) > 5 else low
        end = nxt.end("n") - (len(low) - len(unit))
        fact = make_fact(text, m.start(), end, "quantity", value=float(value), unit=unit)
        found.append(Mention(m.start(), end, [fact], PRIORITY_AMOUNT, words=True))
    for m in anchored(_SE_TIME, text, index.get("se_time")):
        if _RATE_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        fact = make_fact(text, m.start(), m.end(), "quantity", value=1.0,
                         unit=SE_TIME[m.group("w").lower()])
        found.append(Mention(m.start(), m.end(), [fact], PRIORITY_AMOUNT, words=True))
    return found
