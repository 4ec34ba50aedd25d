"""The place gazetteer: building, loading, place columns and recovery (gazetteer*.py)."""

import pytest

from nlp_news.entities import Gazetteer, recover_places, set_place_types
from nlp_news.entities.gazetteer_build import build_gazetteer
from nlp_news.models import DEFAULT_DIR

from ._docs import SHARED, by_text, link, make_doc

SHIPPED = DEFAULT_DIR / "gazetteer.tsv"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(SHIPPED)


def test_shipped_gazetteer_is_small_and_has_the_usual_names(gazetteer):
    assert SHIPPED.stat().st_size < 1_000_000
    assert gazetteer.lookup("Jawa Barat").region_code == "32"
    assert gazetteer.lookup("Kabupaten Bandung").place_type == "regency"
    assert gazetteer.lookup("Bandung").place_type == "city"  # bare name: the city
    assert gazetteer.lookup("Kab. Bandung").region_code == "32.04"
    assert gazetteer.lookup("DKI Jakarta").region_code == gazetteer.lookup("Jakarta").region_code
    assert gazetteer.lookup("Jakarta Selatan").place_type == "city"
    assert gazetteer.lookup("JAWA TIMUR").place_type == "province"
    assert (gazetteer.lookup("Rusia").place_type, gazetteer.lookup("Rusia").region_code) == \
        ("country", "RU")
    assert gazetteer.lookup("Palestina").region_code == "PS"
    assert gazetteer.lookup("Jambi").place_type == "province"  # not the city
    assert "Gaza" not in gazetteer and "Atlantis" not in gazetteer


def test_build_matches_the_shipped_file(tmp_path):
    src = SHARED / "data" / "gazetteer"
    if not src.exists():
        pytest.skip("needs ../shared")
    out = tmp_path / "gazetteer.tsv"
    summary = build_gazetteer(src, out)
    assert summary["rows"] > 1500 and summary["by_type"]["province"] >= 38
    assert out.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8"), \
        "models/gazetteer.tsv is stale: run `python -m nlp_news.training gazetteer`"


def test_place_columns_for_loc_entities(gazetteer):
    text = ("Gubernur Jawa Barat meninjau banjir di Kabupaten Bandung. Bantuan dari Rusia tiba "
            "di Jalur Gaza.")
    doc = make_doc(text, [("Jawa Barat", "LOC"), ("Kabupaten Bandung", "LOC"),
                          ("Rusia", "LOC"), ("Jalur Gaza", "LOC")])
    link(doc)
    set_place_types(doc, gazetteer)
    got = {e.text: (e.place_type, e.region_code, e.origin)
           for e in doc.entities}
    assert got == {"Jawa Barat": ("province", "32", "model"),
                   "Kabupaten Bandung": ("regency", "32.04", "model"),
                   "Rusia": ("country", "RU", "model"), "Jalur Gaza": (None, None, "model")}


def test_recovers_missed_places_conservatively(gazetteer):
    text = (
        "Banjir melanda Kota Bekasi dan Sleman sejak Senin. Warga Sleman mengungsi ke Bantul. "
        "Nasabah Bank Jakarta diminta tenang. Persib Bandung menunda latihan. "
        "Batu besar menutup jalan. Pelatih Rina Klaten memuji pemain. Bencana juga terjadi "
        "di Rusia."
    )
    doc = make_doc(text, [("Kota Bekasi", "LOC"), ("Bank Jakarta", "ORG"),
                          ("Persib Bandung", "ORG"), ("Rina Klaten", "PER")])
    new = recover_places(doc, gazetteer)
    link(doc, "k")
    set_place_types(doc, gazetteer)
    assert [e.text for e in new] == ["Sleman", "Sleman", "Bantul", "Rusia"]
    assert all(e.label == "LOC" and e.origin == "gazetteer" for e in new)
    assert all(e.entity_id.startswith("k#") for e in doc.entities)
    ents = by_text(doc)
    assert ents["Sleman"][0].entity_id == ents["Sleman"][1].entity_id
    assert ents["Sleman"][0].place_type == "regency"
    assert ents["Kota Bekasi"][0].origin == "model"
    assert "Jakarta" not in ents and "Bandung" not in ents and "Batu" not in ents
    assert "Klaten" not in ents  # a word of a person's name in the article
    assert ents["Rusia"][0].place_type == "country"  # countries are recovered too
    for ent in doc.entities:
        assert doc.text[ent.start_char:ent.end_char] == ent.text
    doc2 = make_doc("Bencana juga terjadi di Rusia dan Sleman.", [])
    assert [e.text for e in recover_places(doc2, gazetteer, ("regency",))] == \
        ["Sleman"]
