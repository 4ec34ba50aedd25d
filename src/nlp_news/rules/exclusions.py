"""Spans of a sentence where digits are no amount or date: identifiers, ordinals, URLs, idioms.

* identifiers and codes after cue words: ``nomor 5``, ``Pasal 28``, ``UU Nomor 40 Tahun 1999``,
  ``kamar 106``, ``KM 51``, ``telepon 0812-...``;
* ordinals and ranks: ``ke-3``, ``ke - 44``, ``menit 74``, ``peringkat 1``, ``lapangan satu``,
  ``empat besar``;
* web addresses and e-mail addresses (``kompas.com/read/2019/09/10/...``);
* idioms with number words: ``salah satu``, ``satu-satunya``, ``roda empat``.

Only the code after a cue word is excluded, never the cue itself, so ``5 km`` in ``5 km 200 m``
is still read.  A cue right after a number is a unit (``90 menit``), not a cue.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .numbers import DECIMAL_COMMA, GROUPED
from .scan import MAX_TRIES, TLDS, Index, anchored
from .words import W_END, W_START, Words, alternation


@dataclass(slots=True)
class Excluded:
    """A character range of a sentence where no fact may be read."""

    start: int
    end: int
    reason: str
    words_only: bool = False  # True: only number-word mentions are blocked (idioms)


#: A code: digits with letters, joined by ``-``, ``/`` or ``.``; ``(1)``; ``58/PL.01.1``.
_CODE_PIECE = r"[\p{L}\p{N}]{1,40}+"
_CODE = (
    r"\(?+(?:\p{Lu}{1,6}+(?:\s?+[-.]\s?+)?+)?+\p{N}[\p{L}\p{N}]{0,40}+\)?+"
    rf"(?:\s?+[-/.]\s?+{_CODE_PIECE}){{0,8}}+"
    r"(?:\s++(?i:tahun)\s++\p{N}{4}+)?+"
)

_NOT_AFTER_NUMBER = r"(?<!\p{N}[\s.,]{0,2})"

#: a number written the Indonesian way with a thousands point or a decimal comma: a level, not
#: a position ("ke posisi 3.382,53"; "menit 01.59" stays a position)
_LEVEL = regex.compile(rf"{GROUPED}|{DECIMAL_COMMA}")

#: ``ke-3``, ``ke - 44``, ``ke3``, ``ke-64`` (not ``ke 3``: "naik ke 3 persen" is an amount)
ORDINAL = regex.compile(W_START + r"(?i:ke)(?:\s*+[-–]\s*+|(?=\p{N}))(?P<code>\p{N}++)")

#: ``https://...`` / ``www....`` up to the next space
WEB_ADDRESS = regex.compile(r"(?i:https?://|www\.)\S{0,2000}+")
#: a domain name ending in a known top-level domain, and its path: ``kompas.com/read/2019/...``
DOMAIN = regex.compile(
    r"(?<![\p{L}\p{N}.@-])[\p{L}\p{N}-]{1,63}+(?:\.[\p{L}\p{N}-]{1,63}+){0,6}+"
    r"(?<=\.(?i:" + "|".join(TLDS) + r"))(?![\p{L}\p{N}])(?:/\S{0,2000}+)?+"
)
#: ``a.b@c.co.id``
EMAIL = regex.compile(r"[\p{L}\p{N}_.+-]{1,64}+@[\p{L}\p{N}.-]{1,255}+")
#: walks back from a top-level domain or an ``@`` to where the address may start
_BACK = regex.compile(r"(?r)[\p{L}\p{N}_.+-]{1,255}+")


def _addresses(text: str, index: Index) -> Iterator[tuple[int, int]]:
    for match in anchored(WEB_ADDRESS, text, index.get("url"), window=2100):
        yield match.span()
    starts = []
    for kind in ("tld", "at"):
        for tries, pos in enumerate(index.get(kind)):
            if tries >= MAX_TRIES:
                break
            dot = pos - 1 if kind == "tld" else pos
            if kind == "tld" and (dot < 1 or text[dot] != "."):
                continue
            back = _BACK.match(text, max(0, dot - 255), dot)
            if back:
                starts.append((back.start(), kind))
    for start, kind in sorted(starts):
        match = (DOMAIN if kind == "tld" else EMAIL).match(text, start, start + 2600)
        if match:
            yield match.span()


class Exclusions:
    """The identifier, position and idiom patterns, built from ``words``, and their finder."""

    def __init__(self, words: Words) -> None:
        cues = words.identifier_cues | words.ordinal_cues - {"ke"}
        # cues that are also units ("5 km 200 m", "90 menit") count only when no number
        # precedes
        unit_cues = {c for c in cues if c in words.units or c in words.classifiers}
        self.identifier = regex.compile(
            W_START
            + "(?i:"
            + alternation(cues - unit_cues)
            + "|"
            + _NOT_AFTER_NUMBER
            + alternation(unit_cues)
            + r")(?!\p{L})\.?+\s*+(?:[:#]\s*+)?+(?P<code>"
            + _CODE
            + ")"
        )
        self.position_cues = frozenset(words.ordinal_cues - words.identifier_cues)
        self.idiom = regex.compile(
            W_START + "(?i:" + alternation(words.number_word_idioms) + ")" + W_END)
        number_word = ("(?i:" + alternation(set(words.number_words) | set(words.se_words))
                       + ")" + W_END)
        #: a number word after a position cue that is no unit: ``lapangan satu``, ``hotel
        #: bintang lima``, ``juara tiga`` (not ``juara tiga kali``: a count of its unit; not
        #: after ``ke``: ``ke dua lokasi`` is a count)
        self.position_word = regex.compile(
            W_START + "(?i:" + alternation(self.position_cues - unit_cues - {"ke"})
            + r")\s++(?P<code>" + number_word + r")(?!\s++(?i:\L<units>)" + W_END + ")",
            units=sorted(set(words.units) | words.classifiers, key=len, reverse=True))
        #: a rank among the top N: ``empat besar``, ``babak 16 besar``
        self.top_rank = regex.compile(
            W_START + r"(?P<code>\p{N}++|" + number_word + r")\s++(?i:besar)" + W_END)

    def _is_level(self, text: str, match: regex.Match[str]) -> bool:
        """A position cue before a number with decimals or thousands: an index level or a
        score ("ke posisi 3.382,53"), no position."""
        cue = text[match.start():match.start("code")].strip(" .:#").lower()
        return cue in self.position_cues and _LEVEL.fullmatch(match.group("code")) is not None

    def find_exclusions(self, text: str, index: Index) -> list[Excluded]:
        """All excluded ranges of one sentence's text (offsets into ``text``)."""
        found: list[Excluded] = []
        identifier = self.identifier
        for pattern, reason in ((identifier, "identifier"), (ORDINAL, "ordinal")):
            for match in anchored(pattern, text, index.get("ident")):
                if pattern is identifier and self._is_level(text, match):
                    continue
                found.append(Excluded(match.start("code"), match.end("code"), reason))
        for pattern, kinds in ((self.position_word, ("ident",)),
                               (self.top_rank, ("digit", "numword"))):
            for match in anchored(pattern, text, index.get(*kinds)):
                found.append(Excluded(match.start("code"), match.end("code"), "ordinal"))
        for start, end in _addresses(text, index):
            found.append(Excluded(start, end, "url"))
        for match in anchored(self.idiom, text, index.get("idiom")):
            found.append(Excluded(match.start(), match.end(), "idiom", words_only=True))
        return found
