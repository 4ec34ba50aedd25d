"""The entity layers on the real NER model's output (skipped without the model)."""

import pytest

from nlp_news.entities import Gazetteer, find_quotes, to_spacy
from nlp_news.models import DEFAULT_DIR, model_paths

from ._docs import SHARED

pytestmark = pytest.mark.skipif(not model_paths().has_ner(),
                                reason="NER model not in models/ (or $NLP_NEWS_MODELS)")

OWN_TEXT = (
    "Presiden Rusia Vladimir Putin menerima Menteri Luar Negeri Indonesia Retno Marsudi di "
    "Moskow pada Selasa.\n\n"
    "\"Kami ingin kerja sama perdagangan kedua negara terus tumbuh,\" kata Putin kepada "
    "wartawan.\n\n"
    "Menurut Retno, nilai perdagangan kedua negara naik 20 persen tahun lalu.\n\n"
    "Sementara itu, Gubernur Jawa Timur Khofifah Indar Parawansa meninjau banjir di Surabaya "
    "bersama Badan Nasional Penanggulangan Bencana (BNPB). Khofifah mengatakan bahwa BNPB "
    "sudah mengirim 300 tenda ke Surabaya."
)


@pytest.fixture(scope="module")
def ner_pipeline():
    from nlp_news.annotate import Pipeline

    return Pipeline(facts=False)


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load(DEFAULT_DIR / "gazetteer.tsv")


def _annotate(pipe, text, doc_id="m1"):
    from nlp_news.doc import Article

    (doc,) = pipe([Article(doc_id=doc_id, text=text)])
    return doc


def test_own_text_end_to_end(ner_pipeline, gazetteer):
    doc = _annotate(ner_pipeline, OWN_TEXT)
    quotes = doc.quotes
    canon = {e.text: e.canonical for e in doc.entities}
    assert canon.get("Putin") == "Vladimir Putin"
    assert canon.get("Retno") == "Retno Marsudi"
    assert {e.title for e in doc.entities if "Vladimir" in e.text} == {"Presiden Rusia"}
    surabaya = [e for e in doc.entities if e.text == "Surabaya"]
    assert surabaya and all(e.place_type == "city" for e in surabaya)
    speakers = {q.text.split()[0]: q.speaker for q in quotes}
    assert speakers.get("Kami") == "Vladimir Putin"
    assert speakers.get("nilai") == "Retno Marsudi"
    assert speakers.get("BNPB") == canon.get("Khofifah")
    assert to_spacy(doc).ents


def test_shared_example_article(ner_pipeline, gazetteer):
    path = SHARED / "examples" / "linggaupos_putin_hamas_2024-02-21.txt"
    if not path.exists():
        pytest.skip("needs ../shared")
    from nlp_news.annotate import to_articles

    (doc,) = ner_pipeline(list(to_articles([path.read_text(encoding="utf-8")])))
    by_canon = {}
    for ent in doc.entities:
        by_canon.setdefault(ent.canonical, set()).add(ent.text)
    assert {"Putin", "Vladimir Putin"} <= by_canon.get("Vladimir Putin", set())
    assert "Gaza" in by_canon.get("Jalur Gaza", set())
    quotes = find_quotes(doc)
    kami = [q for q in quotes if q.text.startswith("Kami mengundang")]
    assert len(kami) == 1
    assert kami[0].speaker == "Mikhail Bogdanov" and kami[0].cue == "ucap"
