"""Indonesian numbers, written with digits or with words, and their values.

Digits follow Indonesian usage: ``.`` groups thousands and ``,`` is the decimal mark
(``28.985`` = 28985, ``1,5`` = 1.5, ``1.250,75`` = 1250.75).  Forms that only make sense the
English way are read that way (``2.7`` = 2.7, ``1,000,000`` = 1000000).

Number words are read by a small grammar (:attr:`Numbers.in_words`), built from the lexicon tables:
``dua puluh lima`` = 25, ``seratus`` = 100, ``satu setengah juta`` = 1500000,
``selusin`` = 12.  Values are :class:`~decimal.Decimal` so that ``441,5 miliar`` is exact.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from .words import W_END, W_START, Words, alternation

# --- digits -----------------------------------------------------------------------------------

#: ``28.985``, ``1.250,75``: dots group thousands, an optional decimal comma.
GROUPED = r"[1-9]\d{0,2}+(?:\.\d{3}){1,6}+(?:,\d{1,9}+)?+"
#: ``1,000,000`` (English grouping: at least two comma groups), optional decimal point.
EN_GROUPED = r"[1-9]\d{0,2}+(?:,\d{3}){2,6}+(?:\.\d{1,9}+)?+"
#: ``1,5``: decimal comma.
DECIMAL_COMMA = r"\d{1,15}+,\d{1,9}+"
#: ``2.7``, ``0.144``: an English decimal point (never three digits after a non-zero).
DECIMAL_DOT = r"\d{1,15}+\.\d{1,9}+"
#: ``2024``
INTEGER = r"\d{1,15}+"
#: A number written with a thousands separator or a decimal mark (no plain integer): an index
#: level ("3.382,53", "5.100"), no score or position.
SEPARATED = regex.compile(rf"{GROUPED}|{EN_GROUPED}|{DECIMAL_COMMA}|{DECIMAL_DOT}")
#: Where a digit number may start (no letter, digit or digit punctuation right before).
DIGITS_START = r"(?<![\p{L}\p{N}_.,/])"


def parse_digits(text: str) -> Decimal | None:
    """The value of a number written with digits (``28.985``, ``1,5``, ``1.250,75``)."""
    text = text.strip()
    try:
        if regex.fullmatch(GROUPED, text):
            return Decimal(text.replace(".", "").replace(",", "."))
        if regex.fullmatch(EN_GROUPED, text):
            return Decimal(text.replace(",", ""))
        if regex.fullmatch(DECIMAL_COMMA, text):
            return Decimal(text.replace(",", "."))
        if regex.fullmatch(DECIMAL_DOT, text) or regex.fullmatch(INTEGER, text):
            return Decimal(text)
    except InvalidOperation:
        return None
    return None


def to_float(value: Decimal) -> float:
    """A Decimal as the float stored in the facts table."""
    return float(value)


class Numbers:
    """The number patterns (regex source, to compose) and readers, built from ``words``.

    ``digits``: a number written with digits, not glued to other digits, nor to letters
    (``G20``, ``5G``) unless the letters are a unit or scale; ``in_words``: a number in words,
    largest scale first (``dua miliar tiga ratus juta``); ``vague``: ``puluhan``,
    ``ratusan`` ...; ``multiplier``: a scale after a number (``juta``, ``rb``, ``jutaan``;
    ``M``/``T`` only count after a currency sign, checked by the caller); ``number_bare``: any
    number (no check of what stands before digits); ``number``: any number, digits not glued
    to what stands before.
    """

    def __init__(self, words: Words) -> None:
        self.words = words
        number_words, fractions, scales = words.number_words, words.fractions, words.scales
        se_words, multipliers = words.se_words, words.multipliers
        money_multipliers, vague_multipliers = words.money_multipliers, words.vague_multipliers

        # units and scales that may be glued to the digits ("5km", "64GB", "10jt", "Rp3M")
        glued = alternation(
            [u for u in words.units if len(u) > 1 and " " not in u]
            + [m for m in multipliers]
            + [m for m in vague_multipliers]
        )
        glued_ok = rf"(?:(?i:{glued})|(?-i:{alternation(money_multipliers)})|%){W_END}"
        self.digits = (
            rf"(?=\p{{N}})(?:{GROUPED}|{EN_GROUPED}|{DECIMAL_COMMA}|{DECIMAL_DOT}|{INTEGER})"
            rf"(?![.,]?\p{{N}})(?:(?!\p{{L}})|(?={glued_ok}))"
        )

        unit = alternation(w for w in number_words if number_words[w] > 0)
        frac = alternation(fractions)
        sepuluh = alternation(w for w, v in se_words.items() if v in (10, 11))
        seratus = alternation(w for w, v in se_words.items() if v == 100)
        selusin = alternation(w for w, v in se_words.items() if v == 12)
        belas = alternation(w for w in scales if w == "belas")
        puluh = alternation(w for w in scales if w == "puluh")
        ratus = alternation(w for w in scales if w == "ratus")
        # 1..99: "dua puluh tiga", "tujuh belas", "sebelas", "lima"
        tens = rf"(?:{unit}\s+{puluh}(?:\s+{unit})?|{unit}\s+{belas}|{sepuluh}|{unit})"
        # 1..999: "tiga ratus dua puluh", "seratus lima"
        hundreds = rf"(?:(?:{unit}\s+{ratus}|{seratus})(?:\s+{tens})?|{tens})"
        # a group, possibly with a half: "dua setengah", "setengah", "selusin"
        group = rf"(?:{hundreds}(?:\s+{frac})?|{frac}|{selusin})"

        def scale(names: list[str]) -> str:
            """``<group> ribu`` or ``seribu`` for one large scale."""
            se_forms = [w for w, v in se_words.items() if v == multipliers[names[0]]]
            return rf"(?:{group}\s+{alternation(names)}|{alternation(se_forms)})"

        ribu = scale(["ribu"])
        juta = scale(["juta"])
        miliar = scale(["miliar", "milyar"])
        triliun = scale(["triliun", "trilyun"])
        # words a number in words can start with; a cheap look-ahead guard so that the grammar
        # is only tried where it can match (keeps long texts fast)
        first_words = alternation(list(number_words) + list(se_words) + list(fractions))
        self.in_words = (
            W_START
            + rf"(?=(?i:{first_words}){W_END})"
            + "(?i:"
            + rf"{triliun}(?:\s+{miliar})?(?:\s+{juta})?(?:\s+{ribu})?(?:\s+{group})?"
            + rf"|{miliar}(?:\s+{juta})?(?:\s+{ribu})?(?:\s+{group})?"
            + rf"|{juta}(?:\s+{ribu})?(?:\s+{group})?"
            + rf"|{ribu}(?:\s+{group})?"
            + rf"|{group}"
            + ")"
            + r"(?![\p{L}\p{N}]|-\p{L})"
        )
        self.vague = W_START + "(?i:" + alternation(words.vague_plurals) + ")" + W_END
        self.multiplier = (
            "(?:(?i:"
            + alternation(list(multipliers) + list(vague_multipliers))
            + ")|(?-i:"
            + alternation(money_multipliers)
            + "))"
            + W_END
        )
        self.number_bare = rf"(?:{self.digits}|{self.in_words}|{self.vague})"
        self.number = rf"(?:{DIGITS_START}{self.digits}|{self.in_words}|{self.vague})"

    def parse_words(self, text: str) -> Decimal | None:
        """The value of a number written in words (``dua puluh lima`` = 25), or None if
        invalid."""
        words = self.words
        number_words, fractions, scales = words.number_words, words.fractions, words.scales
        se_words, multipliers = words.se_words, words.multipliers
        total = Decimal(0)
        group = Decimal(0)  # the part below the next large scale
        pending = Decimal(0)  # the last unit word, waiting for belas / puluh / ratus
        seen = False
        for word in text.lower().split():
            if word in number_words:
                pending = Decimal(number_words[word])
            elif word in fractions:
                pending += Decimal(str(fractions[word]))
            elif word == "belas":
                group, pending = group + pending + 10, Decimal(0)
            elif word in scales:
                group, pending = group + pending * scales[word], Decimal(0)
            elif word in se_words and se_words[word] >= 1000:
                total += se_words[word]
            elif word in se_words:
                group += se_words[word]
            elif word in multipliers:
                total += (group + pending) * multipliers[word]
                group = pending = Decimal(0)
            else:
                return None
            seen = True
        if not seen:
            return None
        return total + group + pending

    def parse_number(self, text: str) -> tuple[Decimal, bool] | None:
        """The value of any number form and whether it is approximate (``ratusan``)."""
        low = text.strip().lower()
        if low in self.words.vague_plurals:
            return Decimal(self.words.vague_plurals[low]), True
        value = parse_digits(low) if low[:1].isdigit() else self.parse_words(low)
        return (value, False) if value is not None else None

    def multiplier_value(self, text: str) -> tuple[int, bool] | None:
        """The factor of a scale word and whether it is approximate (``jutaan``)."""
        words = self.words
        word = text.strip()
        if word in words.money_multipliers:
            return words.money_multipliers[word], False
        low = word.lower()
        if low in words.multipliers:
            return words.multipliers[low], False
        if low in words.vague_multipliers:
            return words.vague_multipliers[low], True
        return None
