"""The worked example: an article of Wednesday 2024-02-21, in our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp_news.doc import Article, Doc
from nlp_news.rules import extract_facts

from .conftest import SHARED, facts_of, summary, tokenizer

ARTICLE = (
    "Moskow Undang Faksi-faksi Palestina\n"
    "\n"
    "Pada Rabu, 21 Februari 2024, seorang diplomat Rusia menyebut undangan sudah dikirim. "
    "Pertemuan akan diadakan pada 29 Februari.\n"
    "\n"
    "Rusia mengundang sekitar selusin kelompok Palestina untuk berunding.\n"
    "\n"
    "Perang pecah setelah serangan 7 Oktober 2023 lalu.\n"
    "\n"
    "Menurut data terbaru Minggu waktu setempat, korban jiwa kini menembus 28.985 orang.\n"
)


@pytest.fixture(scope="module")
def example_facts():
    return facts_of(ARTICLE, pub="2024-02-21")


def test_example_values(example_facts):
    found = {summary(f) for f in example_facts}
    assert ("quantity", 28985.0, "orang") in found
    assert ("quantity", 12.0, "kelompok") in found
    for iso in ("2024-02-21", "2024-02-29", "2023-10-07", "2024-02-18"):
        assert ("date", iso) in found


def test_example_flags(example_facts):
    by_iso = {f.iso: f for f in example_facts if f.kind == "date"}
    assert by_iso["2024-02-18"].relative
    assert by_iso["2024-02-18"].text == "Minggu"
    assert not by_iso["2024-02-21"].relative
    assert by_iso["2024-02-21"].text == "Rabu, 21 Februari 2024"
    dozen = next(f for f in example_facts if f.value == 12.0)
    assert dozen.approx
    victims = next(f for f in example_facts if f.value == 28985.0)
    assert victims.subject == "korban jiwa"
    assert victims.sentence.startswith("Menurut data terbaru")


def test_example_exact(example_facts):
    assert len(example_facts) == 6
    assert example_facts == sorted(example_facts, key=lambda f: f.start_char)


def test_shared_example_file():
    path = SHARED / "examples" / "linggaupos_putin_hamas_2024-02-21.txt"
    if not path.exists():
        pytest.skip("needs ../shared/examples (the shared data folder beside the repo)")
    article = Article(doc_id="linggaupos", text=path.read_text(encoding="utf-8"),
                      date=dt.date(2024, 2, 21))
    doc = Doc(article, sentences=tokenizer()(article))
    found = {summary(f) for f in extract_facts(doc)}
    assert ("quantity", 28985.0, "orang") in found
    assert any(s[0] == "quantity" and s[1] == 12.0 for s in found)
    for iso in ("2024-02-21", "2024-02-29", "2023-10-07", "2024-02-18"):
        assert ("date", iso) in found
