"""Facts tied to entities and sources, the dump-wide entity summary, spaCy export."""

import pandas as pd
import spacy

from nlp_news import tables
from nlp_news.entities import EntitySummary, attach_entities_to_facts, find_quotes, to_spacy

from ._docs import enrich, link, make_doc

SUMMARY_SCHEMA = tables.ENTITY_SUMMARY

TEXT = (
    "Menteri Keuangan Sri Mulyani meninjau Pelabuhan Tanjung Priok di Jakarta pada Senin.\n\n"
    "\"Penerimaan bea cukai naik 12 persen tahun ini,\" kata Sri Mulyani.\n\n"
    "Menurut Badan Pusat Statistik, inflasi Januari tercatat 2,6 persen.\n\n"
    "Harga beras di Jakarta turun Rp 500 per kilogram."
)
MENTIONS = [("Sri Mulyani", "PER"), ("Pelabuhan Tanjung Priok", "LOC"), ("Jakarta", "LOC"),
            ("Sri Mulyani", "PER"), ("Badan Pusat Statistik", "ORG"), ("Jakarta", "LOC")]
FACTS = [("12 persen", "percent"), ("2,6 persen", "percent"), ("Rp 500", "money")]


def test_facts_get_entities_and_source():
    doc = make_doc(TEXT, MENTIONS, facts=FACTS)
    link(doc)
    attach_entities_to_facts(doc, find_quotes(doc))
    cukai, inflasi, beras = doc.facts
    assert (cukai.entities, cukai.source) == ("Sri Mulyani", "Sri Mulyani")
    assert (inflasi.entities, inflasi.source) == ("Badan Pusat Statistik",
                                                  "Badan Pusat Statistik")
    assert (beras.entities, beras.source) == ("Jakarta", None)


def test_entity_components_fill_columns_that_tables_keep():
    doc = make_doc(TEXT, MENTIONS, doc_id="x1", facts=FACTS)
    enrich(doc)
    built = tables.build_tables([doc])
    ents = built["entities"]
    assert ents["canonical"].tolist()[0] == "Sri Mulyani"
    assert ents["title"].tolist()[0] == "Menteri Keuangan"
    assert built["facts"]["source"].tolist()[:2] == ["Sri Mulyani", "Badan Pusat Statistik"]
    qdf = built["quotes"]
    assert {c: str(t) for c, t in qdf.dtypes.items()} == tables.QUOTES
    assert qdf["doc_id"].tolist() == ["x1", "x1"]
    empty = tables.build_tables([])["quotes"]
    assert list(empty.columns) == list(tables.QUOTES)


def _chunk(rows, docs):
    ents = pd.DataFrame(rows, columns=["doc_id", "text", "label", "canonical"])
    return ents, pd.DataFrame(docs, columns=["doc_id", "date"])


def test_entity_summary_merges_across_articles():
    summary = EntitySummary()
    summary.add(*_chunk(
        [("a", "Vladimir Putin", "PER", "Vladimir Putin"), ("a", "Putin", "PER", "Vladimir Putin"),
         ("a", "Jalur Gaza", "LOC", "Jalur Gaza"), ("a", "Gaza", "LOC", "Jalur Gaza"),
         ("a", "BNPB", "ORG", "Badan Nasional Penanggulangan Bencana")],
        [("a", "2024-02-21T11:45:00+07:00")]))
    summary.add(*_chunk(
        [("b", "Putin", "PER", "Putin"), ("b", "Gaza", "LOC", "Gaza"),
         ("b", "BNPB", "ORG", "BNPB"), ("b", "Putin", "ORG", "Putin")],
        [("b", "2024-03-02")]))
    summary.add(*_chunk([("c", "Presiden Putin", "PER", "Putin")], [("c", None)]))
    df = summary.frame()
    assert {c: str(t) for c, t in df.dtypes.items()} == SUMMARY_SCHEMA
    putin = df[(df.canonical == "Vladimir Putin")].iloc[0]
    assert (putin.mentions, putin.documents, putin.first_date, putin.last_date) == \
        (4, 3, "2024-02-21", "2024-03-02")
    assert putin.aliases == "Putin; Presiden Putin; Vladimir Putin"
    assert df[df.canonical == "Jalur Gaza"].iloc[0].mentions == 3
    assert df[df.label == "ORG"].canonical.tolist().count("Badan Nasional Penanggulangan "
                                                           "Bencana") == 1
    assert ((df.canonical == "Putin") & (df.label == "ORG")).sum() == 1  # never PER + ORG
    assert df.mentions.is_monotonic_decreasing
    assert len(EntitySummary().frame()) == 0


def test_ambiguous_surname_does_not_merge():
    summary = EntitySummary()
    summary.add(*_chunk([("a", "Joko Widodo", "PER", "Joko Widodo"),
                         ("b", "Budi Widodo", "PER", "Budi Widodo"),
                         ("c", "Widodo", "PER", "Widodo")], [("a", "2024-01-01")]))
    assert set(summary.frame().canonical) == {"Joko Widodo", "Budi Widodo", "Widodo"}


def test_to_spacy_and_displacy():
    doc = make_doc(TEXT, MENTIONS, doc_id="x9")
    link(doc)
    sdoc = to_spacy(doc)
    assert [t.text for t in sdoc] == [t.text for s in doc.sentences for t in s.tokens]
    assert [(e.text, e.label_) for e in sdoc.ents][:3] == [
        ("Sri Mulyani", "PER"), ("Pelabuhan Tanjung Priok", "LOC"), ("Jakarta", "LOC")]
    assert sdoc.ents[0].kb_id_ == doc.entities[0].entity_id
    assert sdoc.user_data["doc_id"] == "x9"
    assert len(list(sdoc.sents)) == len(doc.sentences)
    html = spacy.displacy.render(sdoc, style="ent", jupyter=False)
    assert "Sri Mulyani" in html and "PER" in html
    shared_vocab = spacy.blank("id").vocab
    assert to_spacy(doc, vocab=shared_vocab).vocab is shared_vocab


def test_spellings_merge_and_handles_absorb_nothing():
    summary = EntitySummary()
    summary.add(*_chunk([("a", "Jokowi", "PER", "Jokowi"), ("a", "Jokowi", "PER", "Jokowi"),
                         ("b", "@jokowi", "PER", "jokowi"),
                         ("c", "#SOS @jokowi @menteri", "PER", "#SOS @jokowi @menteri"),
                         ("d", "Jokowi", "PER", "Jokowi")], [("a", "2024-01-01")]))
    df = summary.frame()
    assert df.iloc[0].canonical == "Jokowi" and df.iloc[0].mentions == 4
    assert df.iloc[0].aliases == "Jokowi; @jokowi"
    assert len(df) == 2


def test_a_name_does_not_merge_into_a_span_with_a_lower_case_descriptor():
    summary = EntitySummary()
    summary.add(*_chunk([("a", "Indonesia", "LOC", "Indonesia"),
                         ("b", "Indonesia", "LOC", "Indonesia"),
                         ("c", "kota Indonesia", "LOC", "kota Indonesia"),
                         ("c", "Indonesia", "LOC", "kota Indonesia"),
                         ("d", "Gaza", "LOC", "Gaza"), ("e", "Jalur Gaza", "LOC", "Jalur Gaza"),
                         ("e", "Gaza", "LOC", "Jalur Gaza")],
                        [("a", "2024-01-01")]))
    df = summary.frame().set_index("canonical")
    assert df.loc["Indonesia", "mentions"] == 2
    assert df.loc["kota Indonesia", "mentions"] == 2
    assert df.loc["Jalur Gaza", "mentions"] == 3  # a capitalised fuller name still absorbs
