"""Reading Indonesian numbers: digits (Indonesian and English grouping) and words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nlp_news.rules import default_rules
from nlp_news.rules.numbers import parse_digits


@pytest.fixture(scope="module")
def numbers():
    """The number readers of the shipped lexicon."""
    return default_rules().numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("28.985", Decimal("28985")),
        ("1,5", Decimal("1.5")),
        ("1.250,75", Decimal("1250.75")),
        ("441,5", Decimal("441.5")),
        ("1.000.000", Decimal("1000000")),
        ("3.444,50", Decimal("3444.50")),
        ("2024", Decimal("2024")),
        ("0,27", Decimal("0.27")),
        ("2.7", Decimal("2.7")),  # English decimal point: never three digits after it
        ("79.99", Decimal("79.99")),
        ("0.144", Decimal("0.144")),
        ("1,000,000", Decimal("1000000")),
        ("6,734", Decimal("6.734")),  # one comma group stays a decimal comma
    ],
)
def test_parse_digits(text, value):
    assert parse_digits(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("satu", 1),
        ("sembilan", 9),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("tujuh belas", 17),
        ("dua puluh", 20),
        ("dua puluh lima", 25),
        ("seratus", 100),
        ("seratus dua", 102),
        ("tiga ratus empat puluh", 340),
        ("seribu", 1000),
        ("dua ribu", 2000),
        ("seratus ribu", 100000),
        ("dua ratus lima puluh ribu tiga", 250003),
        ("sejuta", 1000000),
        ("dua miliar tiga ratus juta", 2300000000),
        ("setengah", Decimal("0.5")),
        ("satu setengah", Decimal("1.5")),
        ("satu setengah juta", 1500000),
        ("setengah juta", 500000),
        ("selusin", 12),
        ("Dua Puluh", 20),
    ],
)
def test_parse_words(numbers, text, value):
    assert numbers.parse_words(text) == Decimal(value)


def test_parse_words_rejects_non_numbers(numbers):
    assert numbers.parse_words("dua orang") is None
    assert numbers.parse_words("") is None


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("puluhan", 10, True),
        ("ratusan", 100, True),
        ("ribuan", 1000, True),
        ("jutaan", 1000000, True),
        ("miliaran", 1000000000, True),
        ("28.985", 28985, False),
        ("lima", 5, False),
    ],
)
def test_parse_number(numbers, text, value, approx):
    assert numbers.parse_number(text) == (Decimal(value), approx)


@pytest.mark.parametrize(
    ("word", "factor"),
    [
        ("ribu", (1000, False)),
        ("rb", (1000, False)),
        ("juta", (10**6, False)),
        ("jt", (10**6, False)),
        ("miliar", (10**9, False)),
        ("milyar", (10**9, False)),
        ("M", (10**9, False)),
        ("triliun", (10**12, False)),
        ("T", (10**12, False)),
        ("jutaan", (10**6, True)),
        ("m", None),  # lower-case m is metres, not miliar
    ],
)
def test_multipliers(numbers, word, factor):
    assert numbers.multiplier_value(word) == factor
