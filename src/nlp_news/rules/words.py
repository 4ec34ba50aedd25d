"""The lexicon's word lists as sets, maps and small regex pieces for the rule layers.

:class:`Words` reads them from the lexicon (``resources/lang/id/``, through
:mod:`nlp_news.lexicon`) when a pipeline's rules are built (:class:`~nlp_news.rules.FactRules`),
never at import; the rule layers compose these pieces into their patterns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import regex

from .. import lexicon

#: Start of a word: no letter or digit right before.
W_START = r"(?<![\p{L}\p{N}])"
#: End of a word: no letter or digit right after.
W_END = r"(?![\p{L}\p{N}])"

#: Where the words come from: a lexicon table by name (:func:`nlp_news.lexicon.table`).
Tables = Callable[[str], Mapping[str, Any]]


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


_VERB_PREFIX = regex.compile(r"(?:me[mnrlwy]|meng|meny|ber|ter|di)\p{Ll}{3,}")


class Words:
    """The rule layers' word lists, each read once from the lexicon's tables.

    ``table`` gives a table by name (default :func:`nlp_news.lexicon.table`; a pipeline passes
    :meth:`~nlp_news.pipeline.resources.Resources.words`). Keys are lower-cased except where
    said; the attributes are named after their tables.
    """

    def __init__(self, table: Tables = lexicon.table) -> None:
        self.table = table
        mapping, keys = self.mapping, self.keys

        def typed(name: str, kind: type = int) -> dict[str, Any]:
            return {k: kind(v) for k, v in mapping(name).items()}

        self.months: dict[str, int] = typed("months")
        self.weekdays: dict[str, int] = typed("weekdays")
        self.timezones: dict[str, object] = mapping("timezones")

        self.number_words: dict[str, int] = typed("number_words")
        self.se_words: dict[str, int] = typed("number_se_words")
        self.fractions: dict[str, float] = typed("number_fractions", float)
        self.scales: dict[str, int] = typed("number_scales")
        self.multipliers: dict[str, int] = typed("multipliers")
        #: One-letter money scales: case-sensitive keys ("M", "T").
        self.money_multipliers: dict[str, int] = {
            k: int(v) for k, v in table("money_multipliers").items()}
        self.vague_plurals: dict[str, int] = typed("vague_plurals")
        self.vague_multipliers: dict[str, int] = typed("vague_multipliers")

        self.currency_prefix: dict[str, str] = typed("currency_prefix", str)
        self.currency_suffix: dict[str, str] = typed("currency_suffix", str)
        self.percent_words: set[str] = keys("percent_words")
        self.approx_before: set[str] = keys("approx_before")
        self.approx_after: set[str] = keys("approx_after")
        self.range_connectors: set[str] = keys("range_connectors")

        self.classifiers: set[str] = keys("unit_classifiers")
        #: People units that only say people are counted ("orang", "warga"): the subject
        #: follows them (keys as written).
        self.generic_people_units: set[str] = {
            w for w, kind in table("people_units").items() if kind == "generic"}
        self.units: dict[str, str] = typed("units", str)
        self.not_units: set[str] = keys("not_units")

        self.ordinal_cues: set[str] = keys("ordinal_cues")
        self.identifier_cues: set[str] = keys("identifier_cues")
        self.number_word_idioms: set[str] = keys("number_word_idioms")
        self.score_cues: set[str] = keys("score_cues")
        self.version_words: set[str] = keys("version_words")
        self.points_not_percent: set[str] = keys("points_not_percent")

        self.relative_days: dict[str, int] = typed("relative_days")
        self.relative_periods: dict[str, int] = typed("relative_periods")
        self.relative_period_units: dict[str, object] = mapping("relative_period_units")
        self.weekday_future_after: set[str] = keys("weekday_future_after")
        self.weekday_past_after: set[str] = keys("weekday_past_after")
        self.future_cues: set[str] = keys("future_cues")
        self.weekday_blockers: set[str] = keys("weekday_blockers")
        self.year_cues: set[str] = keys("year_cues")
        self.date_words: set[str] = keys("date_words")
        self.period_words: set[str] = keys("period_words")
        self.year_after: set[str] = keys("year_after")
        self.year_quantity_cues: set[str] = keys("year_quantity_cues")
        self.month_cues: set[str] = keys("month_cues")
        self.times_of_day: dict[str, str] = typed("times_of_day", str)
        self.time_cues: set[str] = keys("time_cues")
        self.half_hour_words: set[str] = keys("half_hour_words")

        self.subject_skip: set[str] = keys("subject_skip")
        self.subject_cues: set[str] = keys("subject_cues")
        self.subject_stop: set[str] = keys("subject_stop")
        self.verb_nouns: set[str] = keys("verb_nouns")

        #: ``kedua``, ``ketiga`` ... -> their count (keys as written).
        self.collective: dict[str, int] = {
            k: int(v) for k, v in table("collective_numbers").items()}
        self.collective_before = frozenset(table("collective_before")["words"])
        self.collective_not_after = frozenset(table("collective_before")["not_after"])
        #: ``sehari``, ``setahun`` ... -> their unit (keys as written).
        self.se_time: dict[str, str] = dict(table("se_time_units"))
        self.abbreviations: set[str] = keys("abbreviations")

        #: Words that may stand capitalised right before a number without making it part of a
        #: name.
        self.function_words: set[str] = (
            self.not_units | self.approx_before | self.year_cues | self.year_quantity_cues
            | set(self.weekdays) | set(self.months) | self.time_cues | self.month_cues
            | {"total", "jumlah", "ada", "hanya", "sebanyak", "kurang", "lebih", "antara",
               "tersisa"}
        )

    def keys(self, name: str) -> set[str]:
        """The keys of a lexicon table, lower-cased."""
        return {key.lower() for key in self.table(name)}

    def mapping(self, name: str) -> dict[str, object]:
        """A lexicon table as a dict with lower-case keys."""
        return {key.lower(): value for key, value in self.table(name).items()}

    def looks_like_verb(self, word: str) -> bool:
        """Heuristic: an affixed verb form (me-/ber-/ter-/di-), unless listed as a noun."""
        low = word.lower()
        return (
            low not in self.verb_nouns
            and low not in self.units
            and len(low) >= 6
            and _VERB_PREFIX.fullmatch(low) is not None
        )
