"""The lexicon's word lists as sets, maps and small regex pieces for the rule layers.

Everything here is read once, at import, from the lexicon (``resources/lang/id/``) through
:mod:`nlp_news.lexicon`; the rule modules compose these pieces into their patterns.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .. import lexicon

#: Start of a word: no letter or digit right before.
W_START = r"(?<![\p{L}\p{N}])"
#: End of a word: no letter or digit right after.
W_END = r"(?![\p{L}\p{N}])"


def keys(name: str) -> set[str]:
    """The keys of a lexicon table, lower-cased."""
    return {key.lower() for key in lexicon.table(name)}


def mapping(name: str) -> dict[str, object]:
    """A lexicon table as a dict with lower-case keys."""
    return {key.lower(): value for key, value in lexicon.table(name).items()}


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of ``words``, longest first.

    Spaces inside an entry match any run of whitespace; every other character is literal.
    """
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        parts.append(r"\s+".join(regex.escape(piece) for piece in word.split()))
    return "(?:" + "|".join(parts) + ")"


def normalise(text: str) -> str:
    """Lower-case ``text`` and squeeze its whitespace, to look it up in a table."""
    return " ".join(text.lower().split())


def phrase_before(names: Iterable[str]) -> regex.Pattern[str]:
    """A reverse pattern for one of ``names`` ending right before a position.

    Use it as ``pattern.match(text, max(0, pos - 60), pos)``: reverse patterns (``(?r)``)
    match backwards from ``endpos``, so only that one place is tried.
    """
    return regex.compile(r"(?r)" + W_START + alternation(names) + r"\s*+", regex.IGNORECASE)


def phrase_after(names: Iterable[str]) -> regex.Pattern[str]:
    """A pattern that matches one of ``names`` right at a position (after a mention)."""
    return regex.compile(r"\s*+" + alternation(names) + W_END, regex.IGNORECASE)


MONTHS: dict[str, int] = {k: int(v) for k, v in mapping("months").items()}
WEEKDAYS: dict[str, int] = {k: int(v) for k, v in mapping("weekdays").items()}
TIMEZONES: dict[str, object] = mapping("timezones")

NUMBER_WORDS: dict[str, int] = {k: int(v) for k, v in mapping("number_words").items()}
SE_WORDS: dict[str, int] = {k: int(v) for k, v in mapping("number_se_words").items()}
FRACTIONS: dict[str, float] = {k: float(v) for k, v in mapping("number_fractions").items()}
SCALES: dict[str, int] = {k: int(v) for k, v in mapping("number_scales").items()}
MULTIPLIERS: dict[str, int] = {k: int(v) for k, v in mapping("multipliers").items()}
#: One-letter money scales: case-sensitive keys ("M", "T").
MONEY_MULTIPLIERS: dict[str, int] = {
    k: int(v) for k, v in lexicon.table("money_multipliers").items()
}
VAGUE_PLURALS: dict[str, int] = {k: int(v) for k, v in mapping("vague_plurals").items()}
VAGUE_MULTIPLIERS: dict[str, int] = {
    k: int(v) for k, v in mapping("vague_multipliers").items()
}

CURRENCY_PREFIX: dict[str, str] = {k: str(v) for k, v in mapping("currency_prefix").items()}
CURRENCY_SUFFIX: dict[str, str] = {k: str(v) for k, v in mapping("currency_suffix").items()}
PERCENT_WORDS: set[str] = keys("percent_words")
APPROX_BEFORE: set[str] = keys("approx_before")
APPROX_AFTER: set[str] = keys("approx_after")
RANGE_CONNECTORS: set[str] = keys("range_connectors")

CLASSIFIERS: set[str] = keys("unit_classifiers")
#: People units that only say people are counted ("orang", "warga"): the subject follows them.
GENERIC_PEOPLE_UNITS: set[str] = {
    w for w, kind in lexicon.table("people_units").items() if kind == "generic"}
UNITS: dict[str, str] = {k: str(v) for k, v in mapping("units").items()}
NOT_UNITS: set[str] = keys("not_units")

ORDINAL_CUES: set[str] = keys("ordinal_cues")
IDENTIFIER_CUES: set[str] = keys("identifier_cues")
NUMBER_WORD_IDIOMS: set[str] = keys("number_word_idioms")
SCORE_CUES: set[str] = keys("score_cues")
VERSION_WORDS: set[str] = keys("version_words")
POINTS_NOT_PERCENT: set[str] = keys("points_not_percent")

RELATIVE_DAYS: dict[str, int] = {k: int(v) for k, v in mapping("relative_days").items()}
RELATIVE_PERIODS: dict[str, int] = {k: int(v) for k, v in mapping("relative_periods").items()}
RELATIVE_PERIOD_UNITS: dict[str, str] = mapping("relative_period_units")
WEEKDAY_FUTURE_AFTER: set[str] = keys("weekday_future_after")
WEEKDAY_PAST_AFTER: set[str] = keys("weekday_past_after")
FUTURE_CUES: set[str] = keys("future_cues")
WEEKDAY_BLOCKERS: set[str] = keys("weekday_blockers")
YEAR_CUES: set[str] = keys("year_cues")
DATE_WORDS: set[str] = keys("date_words")
PERIOD_WORDS: set[str] = keys("period_words")
YEAR_AFTER: set[str] = keys("year_after")
YEAR_QUANTITY_CUES: set[str] = keys("year_quantity_cues")
MONTH_CUES: set[str] = keys("month_cues")
TIMES_OF_DAY: dict[str, str] = {k: str(v) for k, v in mapping("times_of_day").items()}
TIME_CUES: set[str] = keys("time_cues")
HALF_HOUR_WORDS: set[str] = keys("half_hour_words")

SUBJECT_SKIP: set[str] = keys("subject_skip")
SUBJECT_CUES: set[str] = keys("subject_cues")
SUBJECT_STOP: set[str] = keys("subject_stop")
VERB_NOUNS: set[str] = keys("verb_nouns")

#: Words that may stand capitalised right before a number without making it part of a name.
FUNCTION_WORDS: set[str] = (
    NOT_UNITS | APPROX_BEFORE | YEAR_CUES | YEAR_QUANTITY_CUES
    | set(WEEKDAYS) | set(MONTHS) | TIME_CUES | MONTH_CUES
    | {"total", "jumlah", "ada", "hanya", "sebanyak", "kurang", "lebih", "antara", "tersisa"}
)

_VERB_PREFIX = regex.compile(r"(?:me[mnrlwy]|meng|meny|ber|ter|di)\p{Ll}{3,}")


def looks_like_verb(word: str) -> bool:
    """Heuristic: an affixed verb form (me-/ber-/ter-/di-), unless listed as a noun."""
    low = word.lower()
    return (
        low not in VERB_NOUNS
        and low not in UNITS
        and len(low) >= 6
        and _VERB_PREFIX.fullmatch(low) is not None
    )
