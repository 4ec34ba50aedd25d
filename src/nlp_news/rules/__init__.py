"""Rule layers that fill the ``facts`` table: amounts, percentages, money, dates and times.

:meth:`FactRules.extract_facts` is the entry point the pipeline calls.  Each sentence's text
is scanned by the layers, each with one job:

* :mod:`.numbers` -- Indonesian numbers in digits and words and their values;
* :mod:`.amounts` -- money, percent and quantity mentions with units, scales and ranges;
* :mod:`.dates` -- explicit, year-less and relative dates;
* :mod:`.times` -- clock times with their time zones;
* :mod:`.counts` -- counts in words that are no numerals: ``kedua anak``, ``sehari``;
* :mod:`.exclusions` -- identifiers, ordinals, URLs and idioms that are no facts;
* :mod:`.subject` -- the noun phrase each amount is about;
* :mod:`.scan` -- one cheap pass that tells each pattern where it may start (keeps the layer
  linear and fast even on adversarial text); :mod:`.words` -- the lexicon's word lists as
  regex pieces; :mod:`.base` -- the mention type the layers return.

Merging (:func:`find_mentions`): mentions inside an excluded span are dropped, then the
longest mention wins an overlap (on equal length: explicit date, time, amount, relative
date), so ``Rp 5 juta`` suppresses the bare ``5`` and ``Rabu, 21 Februari 2024`` the bare
``Rabu``.  A relative day word right beside an explicit date (``Jumat (25/8) esok``) is
dropped too.

The layers' word lists and patterns are built from the lexicon once, by :class:`FactRules`,
never at import: a pipeline builds them when it is built
(:attr:`~nlp_news.pipeline.resources.Resources.fact_rules`); the module functions
:func:`extract_facts` and :func:`find_mentions` use :func:`default_rules`, built on their
first call.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache

import regex

from .. import lexicon
from ..doc import Doc, Fact, Sentence
from .amounts import Amounts
from .base import Mention
from .counts import Counts
from .dates import Dates
from .exclusions import Excluded, Exclusions
from .numbers import Numbers
from .scan import build_index, keyword_table
from .subject import Subjects
from .times import Times
from .words import Tables, Words, alternation

__all__ = ["FactRules", "default_rules", "extract_facts", "find_mentions"]

_GAP = regex.compile(r"[\s(),]*+")


class _Spans:
    """Ranges (which may overlap) answering "does [start, end) touch any of them?" fast."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [s for s, _ in ranges]
        self.reach: list[int] = []  # the furthest end among the first i+1 ranges
        furthest = -1
        for _, end in ranges:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def touches(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start


def _drop_excluded(mentions: list[Mention], excluded: list[Excluded]) -> list[Mention]:
    if not excluded:
        return mentions
    blocks_all = _Spans([(ex.start, ex.end) for ex in excluded if not ex.words_only])
    blocks_words = _Spans([(ex.start, ex.end) for ex in excluded if ex.words_only])
    return [
        m for m in mentions
        if m.cited or not blocks_all.touches(m.start, m.end)
        and not (m.words and blocks_words.touches(m.start, m.end))
    ]


def _select(mentions: list[Mention]) -> list[Mention]:
    """Longest first, then by priority; keep those that overlap nothing kept before."""
    starts: list[int] = []  # kept mentions never overlap, so one sorted list suffices
    ends: list[int] = []
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.priority, m.start)):
        i = bisect_right(starts, mention.start)
        if i > 0 and ends[i - 1] > mention.start:
            continue
        if i < len(starts) and starts[i] < mention.end:
            continue
        starts.insert(i, mention.start)
        ends.insert(i, mention.end)
        chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def _beside_explicit_date(text: str, index: int, chosen: list[Mention]) -> bool:
    mention = chosen[index]
    for other in chosen[max(0, index - 1):index + 2]:
        if other is mention or not other.facts or other.facts[0].kind != "date" \
                or other.facts[0].relative:
            continue
        if other.end <= mention.start:
            gap = (other.end, mention.start)
        elif mention.end <= other.start:
            gap = (mention.end, other.start)
        else:
            continue
        if gap[1] - gap[0] <= 4 and _GAP.fullmatch(text, gap[0], gap[1]):
            return True
    return False


def _publication_day(doc: Doc) -> dt.date | None:
    try:
        pub = doc.article.pub_date
    except AttributeError:
        return None
    return pub if isinstance(pub, dt.date) else None


class FactRules:
    """The rule layers, built once from the lexicon's tables (``table``: see
    :class:`~.words.Words`), and the merger that runs them over a document."""

    def __init__(self, table: Tables = lexicon.table) -> None:
        self.words = words = Words(table)
        self.keywords = keyword_table(words)
        self.numbers = numbers = Numbers(words)
        self.dates = dates = Dates(words)
        self.times = Times(words, numbers)
        self.amounts = Amounts(words, numbers, dates)
        self.counts = Counts(words)
        self.exclusions = Exclusions(words)
        self.subjects = Subjects(words)
        self._abbreviation_end = regex.compile(
            r"(?r)(?<![\p{L}\p{N}])(?i:" + alternation(words.abbreviations) + r")\.\s*+"
        )

    def find_mentions(self, text: str, pub: dt.date | None) -> list[Mention]:
        """The regex layer for one sentence: resolved mentions with offsets into ``text``."""
        index = build_index(text, self.keywords)
        amounts = self.amounts.find_amounts(text, index)
        mentions = (self.dates.find_dates(text, pub, index) + self.times.find_times(text, index)
                    + amounts + self.counts.find_counts(text, index))
        excluded = self.exclusions.find_exclusions(text, index)
        mentions = _select(_drop_excluded(mentions, excluded))
        return [
            m for i, m in enumerate(mentions)
            if not (m.facts and m.facts[0].relative_word
                    and _beside_explicit_date(text, i, mentions))
        ]

    def _segments(self, doc: Doc) -> list[list[Sentence]]:
        """Sentences grouped where the sentence splitter cut after an abbreviation (``Rp.``)."""
        abbreviation_end = self._abbreviation_end
        groups: list[list[Sentence]] = []
        text = doc.text
        for sentence in doc.sentences:
            if groups:
                last = groups[-1][-1]
                gap = text[last.end_char:sentence.start_char]
                if (not gap or gap.isspace()) and "\n" not in gap and abbreviation_end.match(
                        text, max(last.start_char, last.end_char - 12), last.end_char):
                    groups[-1].append(sentence)
                    continue
            groups.append([sentence])
        return groups

    def extract_facts(self, doc: Doc) -> list[Fact]:
        """All facts of ``doc``'s sentences, sorted by ``start_char`` (article offsets).

        Dates are resolved against ``doc.article.pub_date``; without it, relative and year-less
        dates get ``iso = None``.  Sentences cut right after an abbreviation (``Rp. 5.000``) are
        read together; each fact belongs to the sentence where it starts.  The two ends of a
        range share a ``range_id`` (``range_part`` ``low`` and ``high``).
        """
        pub = _publication_day(doc)
        text = doc.text
        facts: list[Fact] = []
        # one key per range, from a counter: id(mention) was reused once a segment's mentions
        # were freed, so two ranges could share a key and lose both (found by the soak test)
        range_keys = itertools.count(1)
        find_mentions, find_subject = self.find_mentions, self.subjects.find_subject
        for group in self._segments(doc):
            base = group[0].start_char
            segment = text[base:group[-1].end_char]
            mentions = find_mentions(segment, pub)
            if not mentions:
                continue
            tokens = [t for sentence in group for t in sentence.tokens]
            starts = [t.start_char for t in tokens]
            for mention in mentions:
                ranged = sum(f.range_part is not None for f in mention.facts) == 2
                range_key = next(range_keys) if ranged else None
                for fact in mention.facts:
                    if fact.value is not None and not math.isfinite(fact.value):
                        continue
                    if ranged:
                        fact.range_id = range_key
                    fact.start_char += base
                    fact.end_char += base
                    sentence = next(s for s in reversed(group) if s.start_char <= fact.start_char)
                    fact.sent_index = sentence.index
                    fact.sentence = text[sentence.start_char:sentence.end_char]
                    fact.subject = find_subject(text, tokens, fact, starts)
                    facts.append(fact)
        facts.sort(key=lambda f: (f.start_char, f.end_char))
        _number_ranges(facts)
        return facts


def _number_ranges(facts: list[Fact]) -> None:
    """Range ids 1, 2, ... in article order; a range that lost one end is no range."""
    ends = Counter(f.range_id for f in facts if f.range_id is not None)
    numbers: dict[int, int] = {}
    for fact in facts:
        if fact.range_id is None:
            continue
        if ends[fact.range_id] != 2:
            fact.range_id = fact.range_part = None
            continue
        fact.range_id = numbers.setdefault(fact.range_id, len(numbers) + 1)


@cache
def default_rules() -> FactRules:
    """The rules built from the shipped lexicon, once per process, on the first call (for
    callers without a pipeline; a pipeline builds its own through its resources)."""
    return FactRules()


def find_mentions(text: str, pub: dt.date | None) -> list[Mention]:
    """:meth:`FactRules.find_mentions` with :func:`default_rules`."""
    return default_rules().find_mentions(text, pub)


def extract_facts(doc: Doc) -> list[Fact]:
    """:meth:`FactRules.extract_facts` with :func:`default_rules`."""
    return default_rules().extract_facts(doc)
