"""Robustness: no input crashes the rules, and adversarial text stays fast."""

from __future__ import annotations

import datetime as dt
import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_news.doc import Article, Doc, Sentence
from nlp_news.rules import extract_facts, find_mentions

PIECES = [
    "Rp", "Rp.", "US$", "1", "28.985", "1,5", "1.250,75", "-", "–", "/", "(", ")", ",", ".",
    ":", "%", "persen", "juta", "miliar", "M", "T", "ribu", "dua", "puluh", "ratus", "belas",
    "setengah", "selusin", "sekitar", "lebih dari", "ratusan", "orang", "km", "Minggu",
    "Rabu", "Februari", "Pebruari", "2024", "29", "pukul", "10.00", "WIB", "jam", "kemarin",
    "hari ini", "ke", "nomor", "Pasal", "Covid", "skor", "hingga", "antara", "tahun", "pada",
    "lalu", "depan", "akan", " ", "  ", "\n", "é", "٣", "½", "+62", "0812",
]

_text = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.text(max_size=200)


def _doc_one_sentence(text: str, pub: dt.date | None) -> Doc:
    """A Doc whose whole text is one sentence (no tokenizer: the rules alone)."""
    article = Article(doc_id="p", text=text, date=pub)
    sentences = [Sentence(0, 0, len(text), [])] if text else []
    return Doc(article, sentences=sentences)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_text, pub=st.one_of(st.none(), st.dates()))
def test_never_crashes(text, pub):
    doc = _doc_one_sentence(text, pub)
    for fact in extract_facts(doc):
        assert text[fact.start_char:fact.end_char] == fact.text
        assert fact.value is None or math.isfinite(fact.value)
        if fact.kind == "date" and fact.iso:
            assert len(fact.iso) in (4, 7, 10)


ADVERSARIAL = {
    "dots": "1." * 500_000,
    "digits": "9" * 1_000_000,
    "digit groups": "1.000," * 170_000,
    "rupiah signs": "Rp" * 500_000,
    "rupiah amounts": "Rp 1 " * 200_000,
    "number words": "dua puluh " * 100_000,
    "scales": "juta miliar " * 90_000,
    "dashes": "1-" * 500_000,
    "slashes": "1/2/" * 250_000,
    "weekdays": "Minggu " * 140_000,
    "codes": "nomor 1/" * 125_000,
    "spaces then digit": " " * 1_000_000 + "5",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_megabyte_is_fast(name):
    text = ADVERSARIAL[name]
    assert len(text) >= 900_000
    started = time.perf_counter()
    find_mentions(text, dt.date(2024, 2, 21))
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"{name}: {elapsed:.2f} s"
