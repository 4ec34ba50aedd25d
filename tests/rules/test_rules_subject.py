"""What each amount is about: the subject noun phrase."""

from __future__ import annotations

import pytest

from .conftest import facts_of


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Saat ini, korban jiwa menembus 28.985 orang.", "korban jiwa"),
        ("Korban tewas mencapai 28.985 orang warga Palestina.", "warga Palestina"),
        ("Tercatat 28.985 orang warga Palestina tewas.", "warga Palestina"),
        ("Jumlah korban tewas di Gaza mencapai 28.985 orang.", "korban"),
        ("Pemerintah menyiapkan dana sebesar Rp 30 miliar.", "dana"),
        ("Tahun ini, nilai ekspor naik 12,5 persen.", "nilai ekspor"),
        ("Kerugian negara ditaksir mencapai Rp441,5 miliar.", "Kerugian negara"),
        ("Total kerugian mencapai Rp 5 juta.", "kerugian"),
        ("Harga tiket kereta Rp 50.000.", "Harga tiket kereta"),
        ("Lahan seluas 60 hektare terbakar.", "Lahan"),
    ],
)
def test_subject(text, subject):
    fact = next(f for f in facts_of(text) if f.kind != "date")
    assert fact.subject == subject


@pytest.mark.parametrize(
    "text",
    [
        "Sebanyak 120 kios habis terbakar.",
        "Rapat digelar 21 Februari 2024.",
        "Ia tiba pukul 10.00 WIB.",
    ],
)
def test_no_subject_when_unsure(text):
    assert all(f.subject is None for f in facts_of(text))
