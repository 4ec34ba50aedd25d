"""Clock times with their time zones."""

from __future__ import annotations

import pytest

from .conftest import summaries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ia tiba pukul 10.00 WIB.", [("time", "10:00", "WIB")]),
        ("Laga dimulai 03.00 WIB.", [("time", "03:00", "WIB")]),
        ("Berita terbit 21:48 WIB.", [("time", "21:48", "WIB")]),
        ("Pesawat mendarat pukul 14.30 WITA.", [("time", "14:30", "WITA")]),
        ("Kapal tiba pukul 08.15 WIT di Jayapura.", [("time", "08:15", "WIT")]),
        ("Gempa terjadi pukul 17.30.", [("time", "17:30", None)]),
        ("Ia berangkat pkl 05.00 WIB.", [("time", "05:00", "WIB")]),
        ("Ledakan terdengar pukul 7 malam.", [("time", "19:00", None)]),
        ("Ia masak jam tiga sore.", [("time", "15:00", None)]),
        ("Ia tiba pukul 10 pagi.", [("time", "10:00", None)]),
        ("Ia pulang pukul 12 malam.", [("time", "00:00", None)]),
        ("Ledakan terjadi pukul 03.00 dini hari.", [("time", "03:00", None)]),
        (
            "Gempa terjadi pukul 20.00 waktu setempat.",
            [("time", "20:00", "waktu setempat")],
        ),
        (
            "Layanan buka pukul 09.00-12.00 WIB.",
            [("time", "09:00", "WIB"), ("time", "12:00", "WIB")],
        ),
        ("Terbit Rabu 21-02-2024,11:45 WIB.", [("date", "2024-02-21"), ("time", "11:45", "WIB")]),
        ("Mulai jam 09.00 WIB semuanya mendarat.", [("time", "09:00", "WIB")]),
        ("Tamu datang pukul setengah tujuh malam.", [("time", "18:30", None)]),
        ("Sekolah masuk jam setengah 8 pagi.", [("time", "07:30", None)]),
    ],
)
def test_times(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ia bekerja 24 jam.", [("quantity", 24.0, "jam")]),
        ("Ia berlari 1 jam 30 menit.", [("quantity", 1.0, "jam"), ("quantity", 30.0, "menit")]),
        ("Harganya £ 79.99 saja.", [("money", 79.99, "GBP")]),
        ("Ia menunggu setengah jam.", [("quantity", 0.5, "jam")]),
    ],
)
def test_not_times(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ia tiba sekira pukul 20.58 WIB.", [("time", "20:58", "WIB")]),
        ("Balapan digelar pukul 19.00WIB.", [("time", "19:00", "WIB")]),
        ("Api padam pukul 04.55 Wita.", [("time", "04:55", "WITA")]),
        ("Ia datang pkl. 10.00 WIB.", [("time", "10:00", "WIB")]),
    ],
)
def test_more_times(text, expected):
    assert summaries(text) == expected
