import datetime as dt

import pytest

from nlp_news.pubdate import date_from_url, iso, parse_pub_date, reconcile_with_url

WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("value", "time", "expected"),
    [
        ("2024-02-21T11:45:00+07:00", None, "2024-02-21T11:45:00+07:00"),
        ("Rabu 21-02-2024,11:45 WIB", None, "2024-02-21T11:45:00+07:00"),
        ("21 Februari 2024", None, "2024-02-21"),
        ("2019-09-20", "21:48 WIB", "2019-09-20T21:48:00+07:00"),
        ("2019-09-17", "16:40", "2019-09-17T16:40:00"),
        ("15/09/2019", "13:39 WIB", "2019-09-15T13:39:00+07:00"),
        ("Sep 30, 2019", "-", "2019-09-30"),
        ("10-Sep-19", "14:28", "2019-09-10T14:28:00"),
        ("Jumat, 3 Nopember 2023 | 08.15 WITA", None, "2023-11-03T08:15:00+08:00"),
        ("12 Agt 2022", None, "2022-08-12"),
        ("2018-01-05", None, "2018-01-05"),
    ],
)
def test_parse_pub_date_shapes(value, time, expected):
    assert iso(parse_pub_date(value, time)) == expected


@pytest.mark.parametrize("value", ["", "kemarin sore", "31 Februari 2024", "99/99/2024", None])
def test_unparseable_dates_give_none(value):
    assert parse_pub_date(value) is None


def test_url_date_fixes_day_month_swap():
    parsed = parse_pub_date("2019-10-09", "21:48 WIB")
    url = "https://regional.example.com/read/2019/09/10/21485171/judul-berita"
    assert date_from_url(url) == dt.date(2019, 9, 10)
    assert reconcile_with_url(parsed, url) == dt.datetime(2019, 9, 10, 21, 48, tzinfo=WIB)


def test_url_date_does_not_override_a_different_day():
    parsed = parse_pub_date("2019-09-12")
    assert reconcile_with_url(parsed, "https://x.example/read/2019/09/10/1/a") == parsed
