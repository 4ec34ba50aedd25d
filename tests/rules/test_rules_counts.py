"""Counts in words that are no numerals, and relative years and months (own sentences)."""

from __future__ import annotations

import pytest

from .conftest import facts_of


def _q(text):
    return [(f.text, f.value, f.unit) for f in facts_of(text) if f.kind == "quantity"]


@pytest.mark.parametrize("text, expected", [
    ("Rina datang bersama kedua anaknya.", [("kedua anak", 2, "anak")]),
    ("Keduanya tiba di Bandara Juanda.", [("Kedua", 2, None)]),
    ("Pada 1 April, keduanya bertolak ke Medan.", [("kedua", 2, None)]),
    ("Di lapangan, kedua pemain itu bertarung ketat.", [("kedua pemain", 2, "pemain")]),
    ("Polisi memeriksa ketiga tersangka.", [("ketiga tersangka", 3, "tersangka")]),
    ("Ia menjadi juara kedua di lomba itu.", []),
    ("Untuk kedua kalinya tim itu menang.", []),
    ("Anak kedua Presiden hadir.", []),
    ("Sehari sebelumnya mereka berlatih.", [("Sehari", 1, "hari")]),
    ("Setahun terakhir harga naik.", [("Setahun", 1, "tahun")]),
    ("Obat itu diminum tiga kali sehari.", [("tiga kali", 3, "kali")]),
    ("Gajinya Rp 8 jt sebulan.", []),
    ("Kebutuhan sehari-hari makin mahal.", []),
])
def test_word_counts(text, expected):
    assert _q(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kalau tahun lalu undiannya berat, tahun ini pun sulit.",
     [("tahun lalu", "2023", "year"), ("tahun ini", "2024", "year")]),
    ("Pabrik itu dibangun dua tahun lalu.", [("dua tahun lalu", "2022", "year")]),
    ("Harga naik bulan ini setelah turun bulan lalu.",
     [("bulan ini", "2024-02", "month"), ("bulan lalu", "2024-01", "month")]),
    ("Proyek dimulai bulan depan.", [("bulan depan", "2024-03", "month")]),
    ("Malam ini dia bertanding, sore nanti berlatih.",
     [("Malam ini", "2024-02-21", "day"), ("sore nanti", "2024-02-21", "day")]),
])
def test_relative_years_months_and_day_parts(text, expected):
    dates = [(f.text, f.iso, f.precision) for f in facts_of(text) if f.kind == "date"]
    assert dates == expected
    assert all(f.relative for f in facts_of(text) if f.kind == "date")


def test_a_duration_stays_a_quantity():
    facts = facts_of("Ia bekerja 2 tahun di sana.")
    assert [(f.kind, f.value, f.unit) for f in facts] == [("quantity", 2, "tahun")]


@pytest.mark.parametrize("text, expected", [
    ("Penjualan Maret-Mei 2020 naik.", [("2020-03", "low"), ("2020-05", "high")]),
    ("Pada Januari hingga Maret 2019 harga turun.", [("2019-01", "low"), ("2019-03", "high")]),
    ("Musim hujan Desember - Februari 2020 panjang.", [("2019-12", "low"), ("2020-02", "high")]),
])
def test_a_month_range_takes_its_year_at_both_ends(text, expected):
    facts = facts_of(text)
    assert [(f.iso, f.range_part) for f in facts] == expected
    assert facts[0].range_id == facts[1].range_id == 1


def test_every_range_of_a_long_article_keeps_its_own_id():
    """Range keys came from id(mention), which Python reuses once a sentence's mentions are
    freed: two ranges could share a key and both be dropped, depending on memory layout."""
    sentences = [f"Sebanyak {n}-{n + 2} warga mengungsi ke balai desa nomor {n}."
                 for n in range(3, 60)]
    facts = [f for f in facts_of("\n\n".join(sentences)) if f.range_part is not None]
    assert len(facts) == 2 * len(sentences)
    assert [f.range_id for f in facts] == [i // 2 + 1 for i in range(len(facts))]
