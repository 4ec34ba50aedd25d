"""What a number is about: the noun phrase it counts or measures (``Fact.subject``).

No part-of-speech model is assumed; these are heuristics over the sentence's tokens:

1. a cue noun on the left in the same clause (``jumlah korban tewas ... mencapai 28.985
   orang``): the phrase after the cue (``korban tewas``);
2. for people and generic counters (``28.985 orang warga Palestina``): the phrase right after
   the unit (``warga Palestina``);
3. otherwise the phrase right before the number, skipping linking verbs and adverbs
   (``korban jiwa saat ini menembus 28.985 orang`` -> ``korban jiwa``;
   ``dana sebesar Rp 30 miliar`` -> ``dana``).

A phrase ends at punctuation, function words, numbers and affixed verbs (``me-``, ``ber-``,
``di-`` ...).  Dates and times get no subject; None when nothing fits.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..doc import Fact, Token
from .words import Words

_WORD = regex.compile(r"\p{L}[\p{L}'’-]*+")
_MAX_WORDS = 4
_MAX_SKIP = 4
_CUE_WINDOW = 12


def _is_word(token: Token) -> bool:
    return _WORD.fullmatch(token.text) is not None


def _join(text: str, phrase: list[Token]) -> str | None:
    if not phrase:
        return None
    return text[phrase[0].start_char:phrase[-1].end_char]


class Subjects:
    """The subject heuristics over the word lists of ``words``."""

    def __init__(self, words: Words) -> None:
        self.words = words
        #: units that count people or things: the subject may follow them
        self.people = words.generic_people_units | words.classifiers

    def _phrase_word(self, token: Token) -> bool:
        words = self.words
        low = token.text.lower()
        return (
            _is_word(token)
            and low not in words.subject_stop
            and low not in words.subject_skip
            and low not in words.subject_cues
            and low not in words.units
            and not words.looks_like_verb(low)
        )

    def _phrase_right(self, tokens: list[Token], i: int) -> list[Token]:
        phrase: list[Token] = []
        while i < len(tokens) and len(phrase) < _MAX_WORDS and self._phrase_word(tokens[i]):
            phrase.append(tokens[i])
            i += 1
        return phrase

    def _phrase_left(self, tokens: list[Token], i: int) -> list[Token]:
        skip = self.words.subject_skip
        skipped = 0
        while i >= 0 and skipped < _MAX_SKIP and tokens[i].text.lower() in skip:
            i -= 1
            skipped += 1
        phrase: list[Token] = []
        while i >= 0 and len(phrase) < _MAX_WORDS and self._phrase_word(tokens[i]):
            phrase.append(tokens[i])
            i -= 1
        phrase.reverse()
        return phrase

    def _cue_phrase(self, tokens: list[Token], first: int) -> list[Token]:
        cues = self.words.subject_cues
        for i in range(first - 1, max(-1, first - 1 - _CUE_WINDOW), -1):
            text = tokens[i].text
            if not _is_word(tokens[i]) and not text[:1].isdigit():
                return []  # punctuation ends the clause
            if text.lower() in cues:
                return self._phrase_right(tokens, i + 1)
        return []

    def find_subject(self, text: str, tokens: list[Token], fact: Fact,
                     starts: list[int] | None = None) -> str | None:
        """The noun phrase ``fact`` counts or measures, from ``tokens`` (article offsets).

        ``starts`` (the tokens' start offsets) may be passed to save recomputing it per fact.
        """
        if fact.kind in ("date", "time") or not tokens:
            return None
        if starts is None:
            starts = [t.start_char for t in tokens]
        first = bisect_left(starts, fact.start_char)
        after = bisect_left(starts, fact.end_char)
        cue = self._cue_phrase(tokens, first)
        if cue:
            return _join(text, cue)
        if fact.unit in self.people:
            right = self._phrase_right(tokens, after)
            if right:
                return _join(text, right)
        return _join(text, self._phrase_left(tokens, first - 1))
