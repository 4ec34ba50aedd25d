"""Parse publication dates in the many shapes news dumps use.

``"2024-02-21T11:45:00+07:00"``, ``"Rabu 21-02-2024,11:45 WIB"``, ``"21 Februari 2024"``,
``"15/09/2019"`` + ``"13:39 WIB"``, ``"Sep 30, 2019"``, ``"10-Sep-19"``: all become a
:class:`datetime.datetime` (when a time is given; time zones WIB/WITA/WIT become UTC offsets) or a
:class:`datetime.date`.  Unparseable values give ``None``; the caller records them.
"""

from __future__ import annotations

import datetime as dt

import regex

from . import lexicon

_MONTH_WORD = r"(?P<mon>[A-Za-z]{3,9})\.?"
_TIME = r"(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:[:.](?P<ss>[0-5]\d))?"
_ZONE = r"(?P<zone>WIB|WITA|WIT)\b"

_PATTERNS = [
    # 21-02-2024 / 21/02/2024 / 21.02.2024 (day first, as Indonesian sites write it)
    regex.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)"),
    # 2024-02-21 / 2024/02/21
    regex.compile(r"(?<!\d)(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?!\d)"),
    # 21 Februari 2024 / 10-Sep-19 / 21 Feb. 2024
    regex.compile(
        r"(?<!\d)(?P<d>\d{1,2})[\s-]+" + _MONTH_WORD + r"[\s,-]+(?P<y>\d{4}|\d{2})(?!\d)"
    ),
    # Sep 30, 2019
    regex.compile(_MONTH_WORD + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?!\d)"),
]
_TIME_RE = regex.compile(r"(?<![\d-])" + _TIME + r"(?:\s*" + _ZONE + r")?")
_URL_DATE = regex.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?:/|\d)")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _find_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        if "mon" in parts:
            month = lexicon.table("months").get(parts["mon"].lower())
            if month is None:
                continue
        else:
            month = int(parts["m"])
        try:
            return dt.date(_year(parts["y"]), month, int(parts["d"])), match.span()
        except ValueError:
            continue
    return None


def parse_pub_date(value: object, time: object = None) -> dt.datetime | dt.date | None:
    """Parse a publication date (and optional separate time field).

    Returns a timezone-aware datetime when a time is found with a zone or offset, a naive datetime
    when a time without zone is found, a date when only a day is known, or ``None``.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if len(text) > 10:
            return parsed
        day, time_text = parsed.date(), ""
    except ValueError:
        found = _find_date(text)
        if found is None:
            return None
        day, (_, end) = found
        time_text = text[end:]
    if time is not None and str(time).strip() not in ("", "-"):
        time_text = str(time)
    match = _TIME_RE.search(time_text)
    if not match:
        return day
    moment = dt.datetime(day.year, day.month, day.day, int(match["hh"]), int(match["mi"]),
                         int(match["ss"] or 0))
    zone = match["zone"]
    if zone:
        hours = lexicon.table("timezones")[zone.lower()]
        moment = moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=hours)))
    return moment


_LEFTOVER_WORD = regex.compile(r"\p{L}+")


def is_date_line(line: str) -> bool:
    """Whether a header line is just a date (and time): "Rabu 21-02-2024,11:45 WIB"."""
    if len(line) > 60:
        return False
    found = _find_date(line)
    if found is None:
        return False
    rest = line[: found[1][0]] + " " + line[found[1][1]:]
    rest = _TIME_RE.sub(" ", rest)
    words = [w.lower() for w in _LEFTOVER_WORD.findall(rest)]
    weekdays, zones = lexicon.table("weekdays"), lexicon.table("timezones")
    extra = [w for w in words if w not in weekdays and w not in zones and w != "pukul"]
    return not extra


def date_from_url(url: object) -> dt.date | None:
    """The ``/YYYY/MM/DD/`` date many news URLs carry, or ``None``."""
    if not url:
        return None
    match = _URL_DATE.search(str(url))
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def reconcile_with_url(
    parsed: dt.datetime | dt.date | None, url: object
) -> dt.datetime | dt.date | None:
    """Fix a day/month swap using the URL's date (CLICK-ID's ``date`` field is sometimes swapped).

    The URL date wins only when it is the parsed date with day and month exchanged.
    """
    url_day = date_from_url(url)
    if parsed is None or url_day is None:
        return parsed
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    if day != url_day and (day.day, day.month) == (url_day.month, url_day.day):
        return parsed.replace(month=url_day.month, day=url_day.day)
    return parsed


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """ISO 8601 text for the documents table."""
    return None if value is None else value.isoformat()
