"""Clock times: ``pukul 10.00 WIB``, ``03.00 WIB``, ``21:48 WIB``, ``jam tiga sore``.

``iso`` is ``HH:MM`` on a 24-hour clock (``pukul 7 malam`` = 19:00); the time zone (WIB, WITA,
WIT, GMT, ...) or ``waktu setempat`` goes to ``unit``.  A clock without a cue word
(``pukul``/``jam``) needs a time zone after it, so ``79.99`` or ``2.50`` are never times.
``jam`` after a number is a duration (``24 jam``), not a cue.
"""

from __future__ import annotations

import regex

from .base import PRIORITY_TIME, Mention, make_fact
from .numbers import WORDS, parse_words
from .scan import Index, anchored, build_index
from .words import (
    HALF_HOUR_WORDS,
    TIME_CUES,
    TIMES_OF_DAY,
    TIMEZONES,
    W_END,
    W_START,
    alternation,
    normalise,
)

HOUR = r"(?<![\p{N}.:])(?:2[0-4]|[01]?\d)(?!\p{N})"
MINUTE = r"[0-5]\d(?![\p{N}]|[.,:]\p{N})"
#: ``10.00`` / ``21:48`` / ``10``
CLOCK = rf"{HOUR}(?:[.:]{MINUTE})?+"
_ZONE_SPELLINGS = [z.upper() for z in TIMEZONES] + [z.capitalize() for z in TIMEZONES]
ZONE = (
    r"(?P<tz>(?-i:" + alternation(_ZONE_SPELLINGS) + r")"
    r"|(?i:waktu\s++setempat))" + W_END
)
TIME_OF_DAY = r"(?P<tod>(?i:" + alternation(TIMES_OF_DAY) + "))" + W_END
CUE = r"(?<!\p{N}\s{0,3})" + W_START + r"(?i:" + alternation(TIME_CUES) + r")\.?+\s*+"
_TO = r"(?:\s*+[-–]\s*+|\s++(?i:hingga|sampai(?:\s++dengan)?|s\.?d\.?|s/d)\s++)"

HALF = r"(?:(?P<half>(?i:" + alternation(HALF_HOUR_WORDS) + r"))\s++)?+"

#: ``pukul 10.00 WIB`` / ``pukul 09.00-12.00 WIB`` / ``jam tiga sore`` / ``pukul setengah
#: tujuh malam`` (18:30)
CUED_TIME = regex.compile(
    rf"{CUE}{HALF}(?P<c1>{CLOCK}(?!\p{{L}})|{WORDS})"
    rf"(?:{_TO}(?:{CUE})?(?P<c2>{CLOCK}))?"
    rf"(?:\s++{TIME_OF_DAY})?(?:\s*+{ZONE})?"
)
#: ``03.00 WIB`` / ``21:48 WIB`` / ``09.00-12.00 WIB``: clock with minutes and a zone
ZONED_TIME = regex.compile(
    rf"(?P<c1>{HOUR}[.:]{MINUTE})(?:{_TO}(?P<c2>{HOUR}[.:]{MINUTE}))?"
    rf"(?:\s++{TIME_OF_DAY})?\s*+{ZONE}"
)
_DURATION_AFTER = regex.compile(r"\s++(?i:menit|detik|jam|lagi|lamanya)" + W_END)


def _clock(text: str, time_of_day: str | None, half: bool = False) -> str | None:
    """``HH:MM`` for a clock written ``10.00`` / ``21:48`` / ``7`` / ``tiga``; with ``half``
    (``setengah tujuh``), half an hour before the whole hour given."""
    text = text.strip()
    if text[:1].isdigit():
        hour_text, _, minute_text = text.replace(":", ".").partition(".")
        hour, minute = int(hour_text), int(minute_text or 0)
    else:
        value = parse_words(text)
        if value is None or value != int(value):
            return None
        hour, minute = int(value), 0
    if hour > 24 or minute > 59:
        return None
    if half:
        if minute or not 1 <= hour <= 12:
            return None
        hour, minute = hour - 1, 30
    part = TIMES_OF_DAY.get(normalise(time_of_day)) if time_of_day else None
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


def _zone(match: regex.Match[str]) -> str | None:
    zone = match.group("tz")
    if not zone:
        return None
    return zone.upper() if zone.lower() in TIMEZONES else normalise(zone)


def find_times(text: str, index: Index | None = None) -> list[Mention]:
    """All clock-time mentions of one sentence."""
    index = index or build_index(text)
    found = []
    for pattern, kinds in ((CUED_TIME, ("time_cue",)), (ZONED_TIME, ("digit",))):
        for m in anchored(pattern, text, index.get(*kinds)):
            if pattern is CUED_TIME and not m.group("c2") and not m.group("tod") \
                    and not m.group("tz") and _DURATION_AFTER.match(text, m.end(), m.end() + 40):
                continue  # "1 jam 30 menit" is a duration
            tod, zone = m.group("tod"), _zone(m)
            first = _clock(m.group("c1"), tod, half=bool(m.groupdict().get("half")))
            if first is None:
                continue
            if m.group("c2"):
                second = _clock(m.group("c2"), tod)
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
