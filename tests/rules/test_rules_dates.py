"""Dates: explicit, year-less and relative, resolved against the publication day."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp_news.rules.dates import infer_year, resolve_weekday

from .conftest import facts_of, summaries

# The default publication day of the helpers is Wednesday 2024-02-21.


@pytest.mark.parametrize(
    ("text", "isos"),
    [
        ("Laporan terbit 21-02-2024 pagi.", ["2024-02-21"]),
        ("Dikutip pada Rabu, 21 Februari 2024, ia berkata.", ["2024-02-21"]),
        ("Rapat digelar Kamis 22 Februari 2024 di Jakarta.", ["2024-02-22"]),
        ("Pembicaraan dilakukan pada 29 Februari.", ["2024-02-29"]),
        ("Serangan 7 Oktober 2023 lalu memicu perang.", ["2023-10-07"]),
        ("Ia berkata, Selasa (10/9/2019).", ["2019-09-10"]),
        ("Ia berkata, Senin (27/3).", ["2023-03-27"]),
        ("Wawancara (19/2) berlangsung singkat.", ["2024-02-19"]),
        ("Surat itu bertanggal 5 Pebruari 2020.", ["2020-02-05"]),
        ("Ia lahir 10 Nopember 1945.", ["1945-11-10"]),
        ("Tiket berlaku hingga 17 Agt 2019.", ["2019-08-17"]),
        ("Acara pada 3 Okt 2019 dibatalkan.", ["2019-10-03"]),
        ("Kontrak habis 31 Des. 2025.", ["2025-12-31"]),
        ("Kebijakan itu berlaku Februari 2024.", ["2024-02"]),
        ("Ia menikah Juni 2020 di Bali.", ["2020-06"]),
        ("Kasus itu terjadi tahun 2017.", ["2017"]),
        ("Ia pindah pada 2017.", ["2017"]),
        ("Ia bermain sejak 2011.", ["2011"]),
        ("Album itu dirilis (1973) ulang.", ["1973"]),
        ("Tanggal ISO 2024-02-10 dipakai.", ["2024-02-10"]),
        ("Ia lahir di Sragen, 04 Agustus 1969.", ["1969-08-04"]),
        ("Konser pada 22-29 Agustus 2024 ramai.", ["2024-08-22", "2024-08-29"]),
        ("Pertemuan 25 dan 29 Mei 2023 gagal.", ["2023-05-25", "2023-05-29"]),
        ("Periode 2017-2022 berakhir.", ["2017", "2022"]),
        ("Laba kuartal I 2017 naik.", ["2017"]),
        ("Pada 1990-an ia tinggal di Bandung.", ["1990"]),
        ("Ia datang pada Mei lalu.", ["2023-05"]),
        ("Ia kembali pada Desember mendatang.", ["2024-12"]),
        ("Tenggatnya 12/10/2024 pukul.", ["2024-10-12"]),
        ("Ia mengatakan, Jumat (29/12/2017) dinihari.", ["2017-12-29"]),
    ],
)
def test_explicit_dates(text, isos):
    assert [s[1] for s in summaries(text)] == isos
    assert all(not f.relative for f in facts_of(text))


def test_weekday_with_date_is_one_fact():
    (fact,) = facts_of("Dikutip pada Rabu, 21 Februari 2024.")
    assert (fact.text, fact.iso, fact.relative) == ("Rabu, 21 Februari 2024", "2024-02-21", False)


@pytest.mark.parametrize(
    ("text", "isos"),
    [
        ("Data diperbarui Minggu waktu setempat.", ["2024-02-18"]),
        ("Ia mengatakan hal itu di Jakarta, Senin.", ["2024-02-19"]),
        ("Rapat berlangsung Rabu di Istana.", ["2024-02-21"]),
        ("Ia datang Kamis.", ["2024-02-15"]),
        ("Putin akan bertemu Xi pada Jumat.", ["2024-02-23"]),
        ("Rapat digelar Kamis depan.", ["2024-02-22"]),
        ("Rapat digelar Rabu mendatang.", ["2024-02-28"]),
        ("Ia tiba Senin lalu.", ["2024-02-19"]),
        ("Pertemuan digelar Kamis pekan lalu.", ["2024-02-15"]),
        ("Sidang berlanjut Senin pekan depan.", ["2024-02-26"]),
        ("Ia datang kemarin.", ["2024-02-20"]),
        ("Ia istirahat hari ini.", ["2024-02-21"]),
        ("Ia kembali besok.", ["2024-02-22"]),
        ("Sidang digelar lusa.", ["2024-02-23"]),
    ],
)
def test_relative_dates(text, isos):
    facts = facts_of(text)
    assert [f.iso for f in facts] == isos
    assert all(f.relative for f in facts)


@pytest.mark.parametrize(
    "text",
    [
        "Ia dirawat dua minggu di rumah sakit.",
        "Setiap Minggu ia ke gereja.",
        "Ia tinggal di Pasar Minggu.",
        "Minggu lalu harga naik.",
        "Ia menunggu beberapa minggu.",
    ],
)
def test_minggu_as_week_is_no_date(text):
    assert all(f.kind != "date" for f in facts_of(text))


def test_relative_word_beside_explicit_date_is_dropped():
    assert [f.iso for f in facts_of("Mereka bertemu Jumat (23/2) esok.")] == ["2024-02-23"]


def test_year_less_date_far_after_publication_is_last_year():
    (fact,) = facts_of("Sidang ditunda sejak 29 Desember.", pub="2024-01-10")
    assert fact.iso == "2023-12-29"


def test_year_less_date_in_january_from_december_article_is_next_year():
    (fact,) = facts_of("Aturan berlaku 5 Januari.", pub="2023-12-20")
    assert fact.iso == "2024-01-05"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Ia datang kemarin.", None),
        ("Ia datang Senin.", None),
        ("Sidang pada 29 Februari.", None),
        ("Ia lahir 4 Agustus 1969.", "1969-08-04"),
        ("Kebijakan itu berlaku Februari 2024.", "2024-02"),
    ],
)
def test_without_publication_day(text, iso):
    (fact,) = facts_of(text, pub=None)
    assert fact.iso == iso


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("past", "2024-02-18"),
        ("future", "2024-02-25"),
        ("next", "2024-02-25"),
        ("prev", "2024-02-18"),
        ("next_week", "2024-03-03"),
        ("prev_week", "2024-02-18"),
    ],
)
def test_resolve_weekday_sunday(mode, expected):
    assert resolve_weekday(6, dt.date(2024, 2, 21), mode).isoformat() == expected


def test_resolve_weekday_same_day():
    wed = dt.date(2024, 2, 21)
    assert resolve_weekday(2, wed, "past") == wed
    assert resolve_weekday(2, wed, "next") == dt.date(2024, 2, 28)
    assert resolve_weekday(2, wed, "prev") == dt.date(2024, 2, 14)


def test_infer_year():
    pub = dt.date(2024, 2, 21)
    assert infer_year(2, 29, pub) == 2024
    assert infer_year(12, 29, pub) == 2023
    assert infer_year(3, 1, pub, "past") == 2023
    assert infer_year(1, 5, pub, "future") == 2025
    assert infer_year(2, 29, None) is None


@pytest.mark.parametrize("text, year", [
    ("Tarif tidak naik hingga tahun 2020 seiring turunnya harga minyak.", "2020"),
    ("Warga mengeluh sejak 2015 karena jalan rusak.", "2015"),
])
def test_a_year_after_a_year_cue_is_no_count_of_the_next_word(text, year):
    assert [(f.kind, f.iso) for f in facts_of(text)] == [("date", year)]


@pytest.mark.parametrize("text, isos", [
    ("Konser digelar pada 26, 27 dan 29 Oktober di Seoul.",
     ["2023-10-26", "2023-10-27", "2023-10-29"]),
    ("Hujan turun pada 3, 5, dan 7 Mei 2019.", ["2019-05-03", "2019-05-05", "2019-05-07"]),
    ("Skornya 30, 2 Mei lalu ia kalah.", ["2023-05-02"]),
])
def test_every_day_of_a_list_before_a_month_is_a_date(text, isos):
    dates = [f.iso for f in facts_of(text, "2024-02-21") if f.kind == "date"]
    assert dates == isos  # "30, 2 Mei": no rising list, "30" is no day
