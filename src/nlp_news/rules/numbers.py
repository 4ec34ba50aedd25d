"""Indonesian numbers, written with digits or with words, and their values.

Digits follow Indonesian usage: ``.`` groups thousands and ``,`` is the decimal mark
(``28.985`` = 28985, ``1,5`` = 1.5, ``1.250,75`` = 1250.75).  Forms that only make sense the
English way are read that way (``2.7`` = 2.7, ``1,000,000`` = 1000000).

Number words are read by a small grammar (:data:`WORDS`), built from the lexicon tables:
``dua puluh lima`` = 25, ``seratus`` = 100, ``satu setengah juta`` = 1500000,
``selusin`` = 12.  Values are :class:`~decimal.Decimal` so that ``441,5 miliar`` is exact.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from .words import (
    FRACTIONS,
    MONEY_MULTIPLIERS,
    MULTIPLIERS,
    NUMBER_WORDS,
    SCALES,
    SE_WORDS,
    UNITS,
    VAGUE_MULTIPLIERS,
    VAGUE_PLURALS,
    W_END,
    W_START,
    alternation,
)

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

#: Units and scales that may be glued to the digits ("5km", "64GB", "10jt", "Rp3M").
_GLUED = alternation(
    [u for u in UNITS if len(u) > 1 and " " not in u]
    + [m for m in MULTIPLIERS]
    + [m for m in VAGUE_MULTIPLIERS]
)
_GLUED_OK = rf"(?:(?i:{_GLUED})|(?-i:{alternation(MONEY_MULTIPLIERS)})|%){W_END}"

#: A number written with digits; not glued to other digits, nor to letters (``G20``, ``5G``)
#: unless the letters are a unit or scale.
DIGITS = (
    rf"(?=\p{{N}})(?:{GROUPED}|{EN_GROUPED}|{DECIMAL_COMMA}|{DECIMAL_DOT}|{INTEGER})"
    rf"(?![.,]?\p{{N}})(?:(?!\p{{L}})|(?={_GLUED_OK}))"
)
#: Where a digit number may start (no letter, digit or digit punctuation right before).
DIGITS_START = r"(?<![\p{L}\p{N}_.,/])"

# --- words ------------------------------------------------------------------------------------

_U = alternation(w for w in NUMBER_WORDS if NUMBER_WORDS[w] > 0)
_FRAC = alternation(FRACTIONS)
_SEPULUH = alternation(w for w, v in SE_WORDS.items() if v in (10, 11))
_SERATUS = alternation(w for w, v in SE_WORDS.items() if v == 100)
_SELUSIN = alternation(w for w, v in SE_WORDS.items() if v == 12)
_BELAS = alternation(w for w in SCALES if w == "belas")
_PULUH = alternation(w for w in SCALES if w == "puluh")
_RATUS = alternation(w for w in SCALES if w == "ratus")

#: 1..99: ``dua puluh tiga``, ``tujuh belas``, ``sebelas``, ``lima``
_TENS = rf"(?:{_U}\s+{_PULUH}(?:\s+{_U})?|{_U}\s+{_BELAS}|{_SEPULUH}|{_U})"
#: 1..999: ``tiga ratus dua puluh``, ``seratus lima``
_HUNDREDS = rf"(?:(?:{_U}\s+{_RATUS}|{_SERATUS})(?:\s+{_TENS})?|{_TENS})"
#: a group, possibly with a half: ``dua setengah``, ``setengah``, ``selusin``
_GROUP = rf"(?:{_HUNDREDS}(?:\s+{_FRAC})?|{_FRAC}|{_SELUSIN})"


def _scale(words: list[str]) -> str:
    """``<group> ribu`` or ``seribu`` for one large scale."""
    se_forms = [w for w, v in SE_WORDS.items() if v == MULTIPLIERS[words[0]]]
    return rf"(?:{_GROUP}\s+{alternation(words)}|{alternation(se_forms)})"


_RIBU = _scale(["ribu"])
_JUTA = _scale(["juta"])
_MILIAR = _scale(["miliar", "milyar"])
_TRILIUN = _scale(["triliun", "trilyun"])

#: Words a number in words can start with; a cheap look-ahead guard so that the grammar is
#: only tried where it can match (keeps long texts fast).
_FIRST_WORDS = alternation(list(NUMBER_WORDS) + list(SE_WORDS) + list(FRACTIONS))
_WORDS_GUARD = rf"(?=(?i:{_FIRST_WORDS}){W_END})"

#: A number in words, largest scale first: ``dua miliar tiga ratus juta``.
WORDS = (
    W_START
    + _WORDS_GUARD
    + "(?i:"
    + rf"{_TRILIUN}(?:\s+{_MILIAR})?(?:\s+{_JUTA})?(?:\s+{_RIBU})?(?:\s+{_GROUP})?"
    + rf"|{_MILIAR}(?:\s+{_JUTA})?(?:\s+{_RIBU})?(?:\s+{_GROUP})?"
    + rf"|{_JUTA}(?:\s+{_RIBU})?(?:\s+{_GROUP})?"
    + rf"|{_RIBU}(?:\s+{_GROUP})?"
    + rf"|{_GROUP}"
    + ")"
    + r"(?![\p{L}\p{N}]|-\p{L})"
)

#: ``puluhan``, ``ratusan`` ... (value = the base, approximate)
VAGUE = W_START + "(?i:" + alternation(VAGUE_PLURALS) + ")" + W_END

#: A scale after a number: ``juta``, ``rb``, ``jutaan``; ``M``/``T`` only count after a
#: currency sign (checked by the caller).
MULTIPLIER = (
    "(?:(?i:"
    + alternation(list(MULTIPLIERS) + list(VAGUE_MULTIPLIERS))
    + ")|(?-i:"
    + alternation(MONEY_MULTIPLIERS)
    + "))"
    + W_END
)

#: Any number: digits, words or a vague plural (no check of what stands before digits).
NUMBER_BARE = rf"(?:{DIGITS}|{WORDS}|{VAGUE})"
#: Any number, digits not glued to what stands before.
NUMBER = rf"(?:{DIGITS_START}{DIGITS}|{WORDS}|{VAGUE})"

_DIGITS_RE = regex.compile(DIGITS)
_WORDS_RE = regex.compile(WORDS)


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


def parse_words(text: str) -> Decimal | None:
    """The value of a number written in words (``dua puluh lima`` = 25), or None if invalid."""
    total = Decimal(0)
    group = Decimal(0)  # the part below the next large scale
    pending = Decimal(0)  # the last unit word, waiting for belas / puluh / ratus
    seen = False
    for word in text.lower().split():
        if word in NUMBER_WORDS:
            pending = Decimal(NUMBER_WORDS[word])
        elif word in FRACTIONS:
            pending += Decimal(str(FRACTIONS[word]))
        elif word == "belas":
            group, pending = group + pending + 10, Decimal(0)
        elif word in SCALES:
            group, pending = group + pending * SCALES[word], Decimal(0)
        elif word in SE_WORDS and SE_WORDS[word] >= 1000:
            total += SE_WORDS[word]
        elif word in SE_WORDS:
            group += SE_WORDS[word]
        elif word in MULTIPLIERS:
            total += (group + pending) * MULTIPLIERS[word]
            group = pending = Decimal(0)
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + group + pending


def parse_number(text: str) -> tuple[Decimal, bool] | None:
    """The value of any number form and whether it is approximate (``ratusan``)."""
    low = text.strip().lower()
    if low in VAGUE_PLURALS:
        return Decimal(VAGUE_PLURALS[low]), True
    value = parse_digits(low) if low[:1].isdigit() else parse_words(low)
    return (value, False) if value is not None else None


def multiplier_value(text: str) -> tuple[int, bool] | None:
    """The factor of a scale word and whether it is approximate (``jutaan``)."""
    word = text.strip()
    if word in MONEY_MULTIPLIERS:
        return MONEY_MULTIPLIERS[word], False
    low = word.lower()
    if low in MULTIPLIERS:
        return MULTIPLIERS[low], False
    if low in VAGUE_MULTIPLIERS:
        return VAGUE_MULTIPLIERS[low], True
    return None


def to_float(value: Decimal) -> float:
    """A Decimal as the float stored in the facts table."""
    return float(value)
