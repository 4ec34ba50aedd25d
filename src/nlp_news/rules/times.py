"""Clock times: ``pukul 10.00 WIB``, ``03.00 WIB``, ``21:48 WIB``, ``jam tiga sore``.

``iso`` is ``HH:MM`` on a 24-hour clock (``pukul 7 malam`` = 19:00); the time zone (WIB, WITA,
WIT, GMT, ...) or ``waktu setempat`` goes to ``unit``.  A clock without a cue word
(``pukul``/``jam``) needs a time zone after it, so ``79.99`` or ``2.50`` are never times.
``jam`` after a number is a duration (``24 jam``), not a cue.
"""

from __future__ import annotations

import regex

from .base import PRIORITY_TIME, Mention, make_fact
from .numbers import Numbers
from .scan import Index, anchored
from .words import W_END, W_START, Words, alternation, normalise

HOUR = r"(?<![\p{N}.:])(?:2[0-4]|[01]?\d)(?!\p{N})"
MINUTE = r"[0-5]\d(?![\p{N}]|[.,:]\p{N})"
#: ``10.00`` / ``21:48`` / ``10``
CLOCK = rf"{HOUR}(?:[.:]{MINUTE})?+"
_TO = r"(?:\s*+[-–]\s*+|\s++(?i:hingga|sampai(?:\s++dengan)?|s\.?d\.?|s/d)\s++)"
_DURATION_AFTER = regex.compile(r"\s++(?i:menit|detik|jam|lagi|lamanya)" + W_END)


class Times:
    """The clock-time patterns, built from ``words`` (and the number words of ``numbers``),
    and their finder."""

    def __init__(self, words: Words, numbers: Numbers) -> None:
        self.words = words
        timezones = words.timezones
        self.parse_words = numbers.parse_words
        zone_spellings = [z.upper() for z in timezones] + [z.capitalize() for z in timezones]
        zone = (
            r"(?P<tz>(?-i:" + alternation(zone_spellings) + r")"
            r"|(?i:waktu\s++setempat))" + W_END
        )
        time_of_day = r"(?P<tod>(?i:" + alternation(words.times_of_day) + "))" + W_END
        cue = (r"(?<!\p{N}\s{0,3})" + W_START + r"(?i:" + alternation(words.time_cues)
               + r")\.?+\s*+")
        half = r"(?:(?P<half>(?i:" + alternation(words.half_hour_words) + r"))\s++)?+"
        #: ``pukul 10.00 WIB`` / ``pukul 09.00-12.00 WIB`` / ``jam tiga sore`` / ``pukul
        #: setengah tujuh malam`` (18:30)
        self.cued_time = regex.compile(
            rf"{cue}{half}(?P<c1>{CLOCK}(?!\p{{L}})|{numbers.in_words})"
            rf"(?:{_TO}(?:{cue})?(?P<c2>{CLOCK}))?"
            rf"(?:\s++{time_of_day})?(?:\s*+{zone})?"
        )
        #: ``03.00 WIB`` / ``21:48 WIB`` / ``09.00-12.00 WIB``: clock with minutes and a zone
        self.zoned_time = regex.compile(
            rf"(?P<c1>{HOUR}[.:]{MINUTE})(?:{_TO}(?P<c2>{HOUR}[.:]{MINUTE}))?"
            rf"(?:\s++{time_of_day})?\s*+{zone}"
        )

    def _clock(self, text: str, time_of_day: str | None, half: bool = False) -> str | None:
        """``HH:MM`` for a clock written ``10.00`` / ``21:48`` / ``7`` / ``tiga``; with ``half``
        (``setengah tujuh``), half an hour before the whole hour given."""
        text = text.strip()
        if text[:1].isdigit():
            hour_text, _, minute_text = text.replace(":", ".").partition(".")
            hour, minute = int(hour_text), int(minute_text or 0)
        else:
            value = self.parse_words(text)
            if value is None or value != int(value):
                return None
            hour, minute = int(value), 0
        if hour > 24 or minute > 59:
            return None
        if half:
            if minute or not 1 <= hour <= 12:
                return None
            hour, minute = hour - 1, 30
        part = self.words.times_of_day.get(normalise(time_of_day)) if time_of_day else None
        if (part == "pm" and hour < 12) or (part == "noon" and 1 <= hour <= 5):
            hour += 12
        elif part == "night":
            if 6 <= hour < 12:
                hour += 12
            elif hour == 12:
                hour = 0
        elif part == "am" and hour == 12:
            hour = 0
        return f"{hour % 24:02d}:{minute:02d}"

    def _zone(self, match: regex.Match[str]) -> str | None:
        zone = match.group("tz")
        if not zone:
            return None
        return zone.upper() if zone.lower() in self.words.timezones else normalise(zone)

    def find_times(self, text: str, index: Index) -> list[Mention]:
        """All clock-time mentions of one sentence."""
        found = []
        cued_time = self.cued_time
        for pattern, kinds in ((cued_time, ("time_cue",)), (self.zoned_time, ("digit",))):
            for m in anchored(pattern, text, index.get(*kinds)):
                if pattern is cued_time and not m.group("c2") and not m.group("tod") \
                        and not m.group("tz") \
                        and _DURATION_AFTER.match(text, m.end(), m.end() + 40):
                    continue  # "1 jam 30 menit" is a duration
                tod, zone = m.group("tod"), self._zone(m)
                first = self._clock(m.group("c1"), tod, half=bool(m.groupdict().get("half")))
                if first is None:
                    continue
                if m.group("c2"):
                    second = self._clock(m.group("c2"), tod)
                    if second is None:
                        continue
                    facts = [
                        make_fact(text, m.start(), m.end("c1"), "time", iso=first, unit=zone),
                        make_fact(text, m.start("c2"), m.end(), "time", iso=second, unit=zone),
                    ]
                else:
                    facts = [make_fact(text, m.start(), m.end(), "time", iso=first, unit=zone)]
                found.append(Mention(m.start(), m.end(), facts, PRIORITY_TIME))
        return found
