"""Dates: explicit, year-less and relative, resolved against the publication day.

Forms read (``iso`` at the precision written: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``):

* ``21 Februari 2024``, ``Rabu, 21 Februari 2024`` (one fact: the weekday only confirms),
  ``22-29 Agustus`` / ``25 dan 29 Mei`` (two facts), old spellings and abbreviations from the
  lexicon (``Pebruari``, ``Nopember``, ``Agt``, ``Okt``, ``Des``);
* ``21-02-2024``, ``10/9/2019``, ``Selasa (10/9/2019)``, ``(27/3)`` (day/month order),
  ``2024-02-21``;
* ``Februari 2024``; ``pada Mei lalu`` (month of the nearest year); ``tahun 2017``,
  ``kuartal I 2017`` (bare years such as ``pada 2017`` are read by :mod:`.amounts`);
* weekdays that denote a day (``Minggu waktu setempat``), ``kemarin``, ``hari ini``,
  ``besok``, ``lusa``: ``relative = True``.

Year-less dates take the year that puts them nearest to the publication day (so
``29 Desember`` in a January article is last year's), unless ``lalu``/``silam`` (past) or
``mendatang``/``depan``/``nanti`` (future) follows.  A bare weekday is the most recent such day
on or before publication; ``depan``/``mendatang`` after it, or a future cue (``akan``) earlier in
its clause, make it the next one; ``pekan lalu``/``pekan depan`` move it a week.  Without a
publication day, relative and year-less dates get ``iso = None``.  ``minggu`` meaning "week"
(``dua minggu``, ``setiap minggu``, lower-case ``minggu lalu``) is no weekday: weekdays must be
capitalised and not follow a number or a blocker word from the lexicon.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable

import regex

from .base import PRIORITY_DATE, PRIORITY_RELATIVE, Mention, make_fact
from .scan import Index, anchored
from .words import W_END, W_START, Words, alternation, normalise

# --- pieces -----------------------------------------------------------------------------------

DAY = r"(?<!\p{N})(?:0?[1-9]|[12]\d|3[01])(?![\p{N}]|[.,:]\p{N})"
MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])(?!\p{N})"
YEAR = r"(?<!\p{N})(?:1[5-9]\d\d|20\d\d)(?!\p{N}|[.,]\p{N})"
_DAY_LINK = r"(?:\s*+[-–&]\s*+|\s++(?i:dan|hingga|sampai(?:\s++dengan)?|s\.?d\.?|s/d)\s++)"

#: ``K/30/MEM/2018``, ``85/PUU-XII/2013``: the year closing a document number with letters
DOCUMENT_YEAR = regex.compile(rf"(?<=[\p{{L}}\p{{N}}.]/)(?P<year>{YEAR})(?!/)")
_CODE_LETTERS = regex.compile(r"[\p{L}\p{N}.\-]*\p{Lu}{2,}[\p{L}\p{N}./\-]*/\Z")
#: the word before a position (reverse: ``.match(text, lo, pos)``)
_PREV_WORD = regex.compile(r"(?r)(?P<w>[\p{L}\p{N}'-]{1,40}+)[\s,]*+")
_CLAUSE_BREAK = regex.compile(r"[,;:\"“”()]")
_DAYS_BEFORE = regex.compile(rf"(?:{DAY}\s*+,\s*+)++(?:(?i:dan|serta)\s++)?+\Z")
_DAY_NUMBER = regex.compile(DAY)

# --- resolution -------------------------------------------------------------------------------


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int | None, pub: dt.date | None,
               direction: str | None = None, weekday: int | None = None) -> int | None:
    """The year of a year-less date: the one nearest ``pub`` (or before/after it).

    ``direction`` is ``"past"`` (``lalu``), ``"future"`` (``mendatang``) or None.  A
    ``weekday`` written with the date (``Senin (27/3)``) picks the year where it fits, when
    one of the candidate years does.
    """
    if pub is None:
        return None
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        date = _valid(year, month, day or 15)
        if date is None:
            continue
        if direction == "past" and date > pub:
            continue
        if direction == "future" and date < pub:
            continue
        mismatch = weekday is not None and day is not None and date.weekday() != weekday
        options.append((mismatch, abs((date - pub).days), year))
    return min(options)[2] if options else None


def resolve_weekday(weekday: int, pub: dt.date, mode: str = "past") -> dt.date:
    """The day meant by a weekday name in an article of ``pub``.

    ``past``: most recent on or before ``pub``; ``future``: first on or after; ``next``:
    first after; ``prev``: last before; ``next_week`` / ``prev_week``: in the week after /
    before the publication week (weeks start on Monday).
    """
    today = pub.weekday()
    if mode == "future":
        return pub + dt.timedelta(days=(weekday - today) % 7)
    if mode == "next":
        return pub + dt.timedelta(days=(weekday - today - 1) % 7 + 1)
    if mode == "prev":
        return pub - dt.timedelta(days=(today - weekday - 1) % 7 + 1)
    monday = pub - dt.timedelta(days=today)
    if mode == "next_week":
        return monday + dt.timedelta(days=7 + weekday)
    if mode == "prev_week":
        return monday + dt.timedelta(days=weekday - 7)
    return pub - dt.timedelta(days=(today - weekday) % 7)


def _day_iso(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return None
    date = _valid(year, month, day)
    return date.isoformat() if date else None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _listed_days(text: str, pos: int, first: int) -> list[tuple[int, int, int]]:
    """``(start, end, day)`` of a comma list of days right before ``pos`` ("26, " before
    "27 dan 29 Oktober", "3, 5, dan " before "7 Mei"), rising up to ``first``; empty when
    there is none."""
    match = _DAYS_BEFORE.search(text, max(0, pos - 40), pos)
    if match is None:
        return []
    days = [(d.start(), d.end(), int(d.group()))
            for d in _DAY_NUMBER.finditer(text, match.start(), match.end())]
    numbers = [d for _, _, d in days] + [first]
    if any(a >= b for a, b in zip(numbers, numbers[1:], strict=False)):
        return []
    return days


def _period_iso(pub: dt.date, unit: str, step: int) -> str | None:
    """The year (``YYYY``) or month (``YYYY-MM``) ``step`` units from ``pub``."""
    if unit == "year":
        year = pub.year + step
        return f"{year:04d}" if 1 <= year <= 9999 else None
    months = pub.year * 12 + pub.month - 1 + step
    year, month = divmod(months, 12)
    return f"{year:04d}-{month + 1:02d}" if 1 <= year <= 9999 else None


def _shift(pub: dt.date, days: int) -> dt.date:
    return pub + dt.timedelta(days=days)


def _iso_or_none(day: Callable[..., dt.date], *args: object) -> str | None:
    """``day(*args).isoformat()``, or None past the calendar's ends (year 1 / 9999)."""
    try:
        return day(*args).isoformat()
    except OverflowError:
        return None


# --- finders ----------------------------------------------------------------------------------


class Dates:
    """The date patterns, built from ``words``, and the finders that read them.

    ``relative_day`` (``kemarin``, ``hari ini``) also tells :class:`~.amounts.Amounts` that a
    word after a number is no unit.
    """

    def __init__(self, words: Words) -> None:
        self.words = words
        months, weekdays = words.months, words.weekdays

        weekday = r"(?P<wd>(?i:" + alternation(weekdays) + "))" + W_END
        time_of_day = "(?i:" + alternation(words.times_of_day) + ")" + W_END
        # "Rabu, " / "Jumat malam, " / "Selasa (" before an explicit date
        weekday_lead = rf"(?:{weekday}\s*+,?\s*+(?:{time_of_day}\s*+,?\s*+)?(?:\(\s*+)?)"
        date_word = r"(?:(?i:" + alternation(words.date_words) + r")\.?+\s*+)"
        month_name = "(?i:" + alternation(months) + r")(?![\p{L}])(?:\.(?=\s*+\p{N}))?+"
        full_length = {n: max(len(k) for k, v in months.items() if v == n)
                       for n in set(months.values())}
        # capitalised full month names (not abbreviations), for a month standing alone
        full_month = "(?-i:" + alternation(
            k.capitalize() for k, v in months.items() if len(k) >= full_length[v] - 1
        ) + ")" + W_END
        # where a date with digits may start: a digit, a bracket, a weekday or "tanggal"
        guard = (rf"(?=[\p{{N}}(]|(?i:{alternation(weekdays)}|{alternation(words.date_words)})"
                 rf"{W_END})")

        #: ``Rabu, 21 Februari 2024`` / ``22-29 Agustus`` / ``7 Oktober 2023``
        self.text_date = regex.compile(
            rf"{guard}{weekday_lead}?{date_word}?(?P<d1>{DAY})(?:{_DAY_LINK}(?P<d2>{DAY}))?"
            rf"\s++(?P<mon>{month_name})(?:\s*+,?\s*+(?P<year>{YEAR}))?(?:\s*+\))?"
        )
        #: ``21-02-2024`` / ``10/9/2019`` / ``Selasa (10/9/2019)`` / ``(27/3)`` / ``2024-02-21``
        self.numeric_date = regex.compile(
            rf"{guard}{weekday_lead}?(?<![\p{{N}}/.,-])(?:"
            rf"(?P<d>{DAY})\s*+(?P<sep>[-/.])\s*+(?P<m>{MONTH_NUMBER})\s*+(?P=sep)\s*+"
            rf"(?P<y>(?:1[5-9]|20)\d\d|\d\d)(?![\p{{N}}]|[-/.]\p{{N}})"
            rf"|(?P<iy>{YEAR})-(?P<im>{MONTH_NUMBER})-(?P<id>{DAY})"
            rf")(?:\s*+\))?"
        )
        #: ``(27/3)`` / ``Senin (27/3)``: day/month in brackets
        self.paren_date = regex.compile(
            rf"{guard}{weekday_lead}?\(\s*+(?P<d>{DAY})\s*+/\s*+(?P<m>{MONTH_NUMBER})\s*+\)"
        )
        #: ``Februari 2024`` / ``Mei tahun 2019``
        self.month_year = regex.compile(
            rf"(?<!\p{{N}}\s{{0,3}})(?P<mon>{month_name})(?:\s*+,\s*+|\s++)(?:(?i:tahun)\s++)?"
            rf"(?P<year>{YEAR})"
        )
        #: ``Maret-Mei 2020``, ``Januari hingga Maret 2019``: two months, the year written once
        self.month_range = regex.compile(
            rf"(?<!\p{{N}}\s{{0,3}})(?P<mon1>{month_name})\s*+(?:[-–—]|(?i:"
            + alternation(c for c in words.range_connectors if c[0].isalpha())
            + rf"))\s*+(?P<mon2>{month_name})"
            rf"(?:\s*+,\s*+|\s++)(?:(?i:tahun)\s++)?(?P<year>{YEAR})"
        )
        #: ``pada Mei lalu``: a capitalised month name after a cue word, no day, no year
        self.bare_month = regex.compile(
            W_START + "(?i:" + alternation(words.month_cues) + r")\s++(?P<mon>" + full_month
            + r")(?!\s*+,?\s*+\p{N})"
        )
        #: ``tahun 2017`` / ``tahun anggaran 2016`` / ``kuartal I 2017`` / ``semester II/2019``
        self.year_phrase = regex.compile(
            W_START + r"(?:(?i:tahun)(?:\s++(?i:anggaran))?"
            r"|(?i:" + alternation(words.period_words) + r")\s++(?:[IV]{1,4}+|[1-4])\s*+[/-]?+)"
            rf"\s*+(?P<year>{YEAR})"
        )
        after_weekday = alternation(words.weekday_future_after | words.weekday_past_after)
        #: a weekday standing for a day: ``Minggu``, ``Kamis depan``, ``Jumat pekan lalu``
        self.weekday_alone = regex.compile(
            W_START + r"(?P<wd>(?-i:" + alternation(w.capitalize() for w in weekdays) + "))"
            + W_END + rf"(?:\s++(?P<after>(?i:{after_weekday})){W_END})?"
        )
        self.relative_day = regex.compile(
            W_START + "(?i:" + alternation(words.relative_days) + ")" + W_END)
        #: ``tahun ini``, ``bulan lalu``; ``dua tahun lalu`` (the count is read before the unit)
        self.relative_period = regex.compile(
            W_START + r"(?P<unit>(?i:" + alternation(words.relative_period_units)
            + r"))\s++(?P<rel>(?i:" + alternation(words.relative_periods) + "))" + W_END)
        self._count_before = regex.compile(
            r"(?r)(?<![\p{L}\p{N}])(?P<n>\d{1,2}|(?i:" + alternation(words.number_words)
            + r"))\s++")
        self._lalu_after = regex.compile(
            r"\s++(?i:" + alternation(words.year_after) + ")" + W_END)
        self._future_cue = regex.compile("(?i:" + alternation(words.future_cues) + ")" + W_END)

    def _weekday_of(self, match: regex.Match[str]) -> int | None:
        name = match.groupdict().get("wd")
        return self.words.weekdays.get(name.lower()) if name else None

    def _direction(self, text: str, end: int) -> str | None:
        match = self._lalu_after.match(text, end, end + 40)
        if not match:
            return None
        word = normalise(match.group())
        if word in ("lalu", "silam", "kemarin"):
            return "past"
        if word in ("mendatang", "nanti"):
            return "future"
        return None

    def _text_dates(self, text: str, pub: dt.date | None, index: Index) -> list[Mention]:
        found = []
        months = self.words.months
        for m in anchored(self.text_date, text, index.get("weekday", "date_word", "digit")):
            month = months[normalise(m.group("mon")).rstrip(".")]
            year_text = m.group("year")
            direction = self._direction(text, m.end())
            days = [int(m.group("d1"))] + ([int(m.group("d2"))] if m.group("d2") else [])
            inferred = not year_text
            if year_text:
                year: int | None = int(year_text)
            else:
                year = infer_year(month, days[-1], pub, direction, self._weekday_of(m))
            listed = _listed_days(text, m.start("d1"), days[0])
            if listed:  # "26, 27 dan 29 Oktober": the days before the first are dates too
                spans = listed + [(m.start(g), m.end(g), day)
                                  for g, day in zip(("d1", "d2"), days, strict=False)]
                spans[-1] = (spans[-1][0], m.end(), spans[-1][2])  # the last takes the month
                facts = [make_fact(text, start, end, "date", iso=_day_iso(year, month, day),
                                   precision="day", year_inferred=inferred)
                         for start, end, day in spans]
                found.append(Mention(listed[0][0], m.end(), facts, PRIORITY_DATE))
                continue
            if len(days) == 2:
                first = make_fact(text, m.start(), m.end("d1"), "date",
                                  iso=_day_iso(year, month, days[0]), precision="day",
                                  year_inferred=inferred, range_part="low")
                second = make_fact(text, m.start("d2"), m.end(), "date",
                                   iso=_day_iso(year, month, days[1]), precision="day",
                                   year_inferred=inferred, range_part="high")
                facts = [first, second]
            else:
                facts = [make_fact(text, m.start(), m.end(), "date",
                                   iso=_day_iso(year, month, days[0]), precision="day",
                                   year_inferred=inferred)]
            found.append(Mention(m.start(), m.end(), facts, PRIORITY_DATE))
        return found

    def _numeric_dates(self, text: str, pub: dt.date | None, index: Index) -> list[Mention]:
        found = []
        for pattern, kinds in ((self.numeric_date, ("weekday", "digit")),
                               (self.paren_date, ("weekday", "paren"))):
            for m in anchored(pattern, text, index.get(*kinds)):
                groups = m.groupdict()
                inferred = False
                if groups.get("iy"):
                    year: int | None = int(groups["iy"])
                    month, day = int(groups["im"]), int(groups["id"])
                else:
                    month, day = int(groups["m"]), int(groups["d"])
                    if groups.get("y"):
                        year = _full_year(groups["y"])
                    else:
                        year = infer_year(month, day, pub, self._direction(text, m.end()),
                                          self._weekday_of(m))
                        inferred = True
                end = m.end()
                if text[end - 1] == ")" and "(" not in text[m.start():end]:
                    end = len(text[:end - 1].rstrip())  # "(18/9/2019)": the date without ")"
                fact = make_fact(text, m.start(), end, "date", iso=_day_iso(year, month, day),
                                 precision="day", year_inferred=inferred)
                found.append(Mention(m.start(), end, [fact], PRIORITY_DATE))
        return found

    def _month_dates(self, text: str, pub: dt.date | None, index: Index) -> list[Mention]:
        found = []
        months = self.words.months
        for m in anchored(self.month_range, text, index.get("month")):
            first = months[normalise(m.group("mon1")).rstrip(".")]
            second = months[normalise(m.group("mon2")).rstrip(".")]
            year = int(m.group("year"))
            first_year = year - 1 if first > second else year  # "Desember-Februari 2020"
            facts = [make_fact(text, m.start(), m.end("mon1"), "date",
                               iso=f"{first_year:04d}-{first:02d}", precision="month",
                               range_part="low"),
                     make_fact(text, m.start("mon2"), m.end(), "date",
                               iso=f"{year:04d}-{second:02d}", precision="month",
                               range_part="high")]
            found.append(Mention(m.start(), m.end(), facts, PRIORITY_DATE))
        for m in anchored(self.month_year, text, index.get("month")):
            month = months[normalise(m.group("mon")).rstrip(".")]
            fact = make_fact(text, m.start(), m.end(), "date",
                             iso=f"{int(m.group('year')):04d}-{month:02d}",
                             precision="month")
            found.append(Mention(m.start(), m.end(), [fact], PRIORITY_DATE))
        for m in anchored(self.bare_month, text, index.get("month_cue")):
            month = months[m.group("mon").lower()]
            year = infer_year(month, None, pub, self._direction(text, m.end()))
            iso = f"{year:04d}-{month:02d}" if year is not None else None
            fact = make_fact(text, m.start("mon"), m.end("mon"), "date", iso=iso,
                             precision="month", year_inferred=True)
            found.append(Mention(m.start("mon"), m.end("mon"), [fact], PRIORITY_DATE))
        for m in anchored(self.year_phrase, text, index.get("year_phrase")):
            fact = make_fact(text, m.start(), m.end(), "date", iso=m.group("year"),
                             precision="year")
            found.append(Mention(m.start(), m.end(), [fact], PRIORITY_DATE, cited=True))
        for m in anchored(DOCUMENT_YEAR, text, index.get("digit")):
            if _CODE_LETTERS.search(text, max(0, m.start() - 40), m.start()):
                fact = make_fact(text, m.start(), m.end(), "date", iso=m.group("year"),
                                 precision="year")  # the guide's citation year
                found.append(Mention(m.start(), m.end(), [fact], PRIORITY_DATE, cited=True))
        return found

    def _future_before(self, text: str, pos: int, cues: list[int]) -> bool:
        """A future cue (``akan``) earlier in the same clause, at most 200 characters back."""
        i = bisect_left(cues, pos) - 1
        while i >= 0 and cues[i] >= pos - 200:
            cue = cues[i]
            if self._future_cue.match(text, cue, cue + 40) \
                    and not _CLAUSE_BREAK.search(text, cue, pos):
                return True
            i -= 1
        return False

    def _weekday_mode(self, text: str, m: regex.Match[str], cues: list[int]) -> str | None:
        """How to resolve a bare weekday, or None when it is no day (a name, "week")."""
        words = self.words
        after = normalise(m.group("after") or "")
        weekday = m.group("wd").lower()
        prev = _PREV_WORD.match(text, max(0, m.start() - 80), m.start())
        if prev:
            word = prev.group("w").lower()
            if word in words.weekday_blockers or word[:1].isdigit():
                return None
        if weekday == "minggu" and m.start() == 0 and after:
            return None  # "Minggu lalu ..." opening a sentence: most likely "last week"
        if after in ("pekan depan", "minggu depan"):
            return "next_week"
        if after in ("pekan lalu", "minggu lalu"):
            return "prev_week"
        if after in words.weekday_future_after:
            return "next"
        if after in words.weekday_past_after:
            return "prev"
        if self._future_before(text, m.start(), cues):
            return "future"
        return "past"

    def _relative_dates(self, text: str, pub: dt.date | None, index: Index) -> list[Mention]:
        found = []
        cues = list(index.get("future"))
        for m in anchored(self.weekday_alone, text, index.get("weekday")):
            mode = self._weekday_mode(text, m, cues)
            if mode is None:
                continue
            weekday = self.words.weekdays[m.group("wd").lower()]
            iso = _iso_or_none(resolve_weekday, weekday, pub, mode) if pub else None
            fact = make_fact(text, m.start(), m.end(), "date", iso=iso, relative=True,
                             precision="day")
            found.append(Mention(m.start(), m.end(), [fact], PRIORITY_RELATIVE))
        for m in anchored(self.relative_period, text, index.get("period_unit")):
            step = self.words.relative_periods[m.group("rel").lower()]
            start = m.start()
            count = self._count_before.match(text, max(0, start - 12), start)
            if count and step:
                n = count.group("n").lower()
                step *= int(n) if n.isdigit() else self.words.number_words[n]
                start = count.start()
            unit = self.words.relative_period_units[m.group("unit").lower()]
            iso = _period_iso(pub, unit, step) if pub else None
            fact = make_fact(text, start, m.end(), "date", iso=iso, relative=True,
                             precision=unit)
            found.append(Mention(start, m.end(), [fact], PRIORITY_RELATIVE))
        for m in anchored(self.relative_day, text, index.get("relative")):
            offset = self.words.relative_days[normalise(m.group())]
            iso = _iso_or_none(_shift, pub, offset) if pub else None
            fact = make_fact(text, m.start(), m.end(), "date", iso=iso, relative=True,
                             precision="day", relative_word=True)
            found.append(Mention(m.start(), m.end(), [fact], PRIORITY_RELATIVE))
        return found

    def find_dates(self, text: str, pub: dt.date | None, index: Index) -> list[Mention]:
        """All date mentions of one sentence (they may overlap: the merger picks)."""
        return (
            self._text_dates(text, pub, index) + self._numeric_dates(text, pub, index)
            + self._month_dates(text, pub, index) + self._relative_dates(text, pub, index)
        )
