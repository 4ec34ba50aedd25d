"""Dump-level resolution: one canonical_id per real-world entity across articles (#34)."""

import random
import subprocess
import sys

import pandas as pd
import pytest

from nlp_news.entities import EntitySummary, Gazetteer, Place
from nlp_news.entities.resolve import AliasFileError, AliasTable, NameKnowledge
from nlp_news.models import model_paths

GAZETTEER = Gazetteer([
    Place("Jawa Barat", "province", "32", "Jawa Barat"),
    Place("Jabar", "province", "32", "Jawa Barat"),
    Place("Papua", "province", "94", "Papua"),
    Place("Bandung", "city", "32.73", "Kota Bandung"),
    Place("Kota Bandung", "city", "32.73", "Kota Bandung"),
    Place("Kabupaten Bandung", "regency", "32.04", "Kabupaten Bandung"),
    Place("Malaysia", "country", "MY", "Malaysia"),
])


def _summary(rows, knowledge=None, shuffle=None):
    """``rows``: (doc, mention text, label, article canonical)."""
    rows = list(rows)
    if shuffle is not None:
        random.Random(shuffle).shuffle(rows)
    summary = EntitySummary()
    ents = pd.DataFrame(rows, columns=["doc_id", "text", "label", "canonical"])
    summary.add(ents, pd.DataFrame({"doc_id": sorted(set(ents.doc_id)), "date": None}))
    resolution = summary.resolve(knowledge or NameKnowledge(GAZETTEER))
    return summary.frame(resolution=resolution), resolution


def _id(resolution, label, canonical):
    return resolution.id_of(label, canonical)


def test_an_acronym_spelled_out_once_is_that_body_in_every_article():
    df, res = _summary([
        ("a", "Badan Riset dan Inovasi Nasional (BRIN)", "ORG",
         "Badan Riset dan Inovasi Nasional"),
        ("a", "BRIN", "ORG", "Badan Riset dan Inovasi Nasional"),
        ("b", "BRIN", "ORG", "BRIN"), ("c", "BRIN", "ORG", "BRIN"),
        ("c", "BRIN", "ORG", "BRIN")])
    assert _id(res, "ORG", "BRIN") == _id(res, "ORG", "Badan Riset dan Inovasi Nasional") \
        == "ORG:badan-riset-dan-inovasi-nasional"
    row = df.iloc[0]
    assert (row.canonical, row.mentions, row.documents) == (
        "Badan Riset dan Inovasi Nasional", 5, 3)
    assert len(df) == 1


def test_an_acronym_defined_two_ways_is_not_merged():
    df, res = _summary([
        ("a", "Partai Kebangkitan Bangsa (PKB)", "ORG", "Partai Kebangkitan Bangsa"),
        ("a", "PKB", "ORG", "Partai Kebangkitan Bangsa"),
        ("b", "PKB", "ORG", "Partai Kebangkitan Bangsa"),
        ("b", "Partai Kebangkitan Bangsa", "ORG", "Partai Kebangkitan Bangsa"),
        ("c", "Pusat Kajian Bisnis (PKB)", "ORG", "Pusat Kajian Bisnis"),
        ("c", "PKB", "ORG", "Pusat Kajian Bisnis"),
        ("d", "PKB", "ORG", "Pusat Kajian Bisnis"),
        ("d", "Pusat Kajian Bisnis", "ORG", "Pusat Kajian Bisnis"),
        ("e", "PKB", "ORG", "PKB")])
    assert len({_id(res, "ORG", n) for n in ("PKB", "Partai Kebangkitan Bangsa",
                                             "Pusat Kajian Bisnis")}) == 3
    assert len(df) == 3


def test_a_surname_two_people_share_is_not_merged_but_one_persons_is():
    rows = [("a", "Joko Widodo", "PER", "Joko Widodo"), ("a", "Widodo", "PER", "Joko Widodo"),
            ("b", "Joko Widodo", "PER", "Joko Widodo"),
            ("c", "Budi Widodo", "PER", "Budi Widodo"), ("c", "Widodo", "PER", "Budi Widodo"),
            ("d", "Budi Widodo", "PER", "Budi Widodo"),
            ("e", "Widodo", "PER", "Widodo"),
            ("f", "Vladimir Putin", "PER", "Vladimir Putin"), ("g", "Putin", "PER", "Putin")]
    _, res = _summary(rows)
    assert _id(res, "PER", "Widodo") not in (_id(res, "PER", "Joko Widodo"),
                                             _id(res, "PER", "Budi Widodo"))
    assert _id(res, "PER", "Putin") == _id(res, "PER", "Vladimir Putin") == "PER:vladimir-putin"


def test_official_forms_and_the_gazetteer_join_one_place_or_body():
    df, res = _summary([
        ("a", "DPR RI", "ORG", "DPR RI"), ("b", "DPR", "ORG", "DPR"),
        ("c", "Dewan Perwakilan Rakyat (DPR)", "ORG", "Dewan Perwakilan Rakyat"),
        ("d", "Dewan Perwakilan Rakyat Republik Indonesia", "ORG",
         "Dewan Perwakilan Rakyat Republik Indonesia"),
        ("a", "Provinsi Jawa Barat", "LOC", "Provinsi Jawa Barat"),
        ("b", "Jabar", "LOC", "Jabar"), ("c", "Jawa Barat", "LOC", "Jawa Barat"),
        ("e", "Jawa Barat", "LOC", "Jawa Barat"),
        ("a", "Provinsi Papua", "LOC", "Provinsi Papua"),
        ("b", "Provinsi Papua", "LOC", "Provinsi Papua"), ("c", "Papua", "LOC", "Papua"),
        ("d", "Kota Bandung", "LOC", "Kota Bandung"), ("e", "Bandung", "LOC", "Bandung"),
        ("f", "Kabupaten Bandung", "LOC", "Kabupaten Bandung"),
        ("f", "Bandung", "LOC", "Kabupaten Bandung"),
        ("g", "Negara Malaysia", "LOC", "Negara Malaysia"), ("h", "Malaysia", "LOC", "Malaysia"),
    ])
    assert len({_id(res, "ORG", n) for n in (
        "DPR RI", "DPR", "Dewan Perwakilan Rakyat",
        "Dewan Perwakilan Rakyat Republik Indonesia")}) == 1
    assert _id(res, "ORG", "DPR") == "ORG:dewan-perwakilan-rakyat"
    assert _id(res, "LOC", "Jabar") == _id(res, "LOC", "Provinsi Jawa Barat") \
        == "LOC:jawa-barat"
    # the policy: a place is named without its administrative word where articles write so
    assert _id(res, "LOC", "Provinsi Papua") == _id(res, "LOC", "Papua") == "LOC:papua"
    assert _id(res, "LOC", "Kota Bandung") == _id(res, "LOC", "Bandung") == "LOC:bandung"
    assert _id(res, "LOC", "Kabupaten Bandung") == "LOC:kabupaten-bandung"
    assert _id(res, "LOC", "Negara Malaysia") == _id(res, "LOC", "Malaysia")
    assert set(df.canonical) >= {"Dewan Perwakilan Rakyat", "Jawa Barat", "Papua", "Bandung",
                                 "Kabupaten Bandung", "Malaysia"}


def test_one_label_per_entity_unless_the_names_are_two_entities():
    rows = [(d, "KPK", "ORG", "KPK") for d in "abcdefgh"] + [("i", "KPK", "PER", "KPK")]
    # a country and its national team (the gazetteer's place) stay two rows
    rows += [(d, "Malaysia", "LOC", "Malaysia") for d in "abcde"]
    rows += [(d, "Malaysia", "ORG", "Malaysia") for d in "fghi"]
    df, res = _summary(rows)
    assert _id(res, "PER", "KPK") == _id(res, "ORG", "KPK") == "ORG:kpk"
    assert df[df.canonical == "KPK"].label.tolist() == ["ORG"]
    assert sorted(df[df.canonical == "Malaysia"].label) == ["LOC", "ORG"]


def test_canonical_ids_do_not_depend_on_the_input_order():
    rows = [("a", "Komisi Pemberantasan Korupsi", "ORG", "Komisi Pemberantasan Korupsi"),
            ("a", "KPK", "ORG", "Komisi Pemberantasan Korupsi"), ("b", "KPK", "ORG", "KPK"),
            ("c", "Jokowi", "PER", "Jokowi"), ("d", "Joko Widodo", "PER", "Joko Widodo"),
            ("d", "Jokowi", "PER", "Joko Widodo"), ("e", "Putin", "PER", "Putin"),
            ("e", "Putin", "ORG", "Putin")]
    first, res = _summary(rows)
    for seed in range(5):
        again, res2 = _summary(rows, shuffle=seed)
        assert res2.ids == res.ids
        pd.testing.assert_frame_equal(again, first)
    assert res.id_of("PER", "Jokowi") == "PER:joko-widodo"  # the lexicon's nickname


def test_the_summary_survives_its_json_round_trip():
    rows = [("a", "KPK", "ORG", "Komisi Pemberantasan Korupsi"), ("b", "KPK", "ORG", "KPK")]
    summary = EntitySummary()
    summary.add(pd.DataFrame(rows, columns=["doc_id", "text", "label", "canonical"]))
    again = EntitySummary.from_json(summary.to_json())
    pd.testing.assert_frame_equal(again.frame(), summary.frame())


# ---------------------------------------------------------------- the user's alias file


def _aliases(tmp_path, text, name="aliases.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_alias_file_joins_names_and_names_the_entity(tmp_path):
    path = _aliases(tmp_path, "alias,canonical,label\n"
                              "Pak Beye,Susilo Bambang Yudhoyono,PER\n"
                              "SBY,Susilo Bambang Yudhoyono,per\n"
                              "Komisi Antirasuah,Komisi Pemberantasan Korupsi,ORG\n"
                              "Demokrat,Partai Demokrat,ORG,apart\n")
    table = AliasTable.read(path)
    _, res = _summary([("a", "SBY", "PER", "SBY"), ("b", "Pak Beye", "PER", "Pak Beye"),
                       ("c", "Komisi Antirasuah", "ORG", "Komisi Antirasuah"),
                       ("d", "Partai Demokrat", "ORG", "Partai Demokrat"),
                       ("d", "Demokrat", "ORG", "Partai Demokrat"),
                       ("e", "Demokrat", "ORG", "Demokrat")],
                      knowledge=NameKnowledge(GAZETTEER, table))
    assert _id(res, "PER", "SBY") == _id(res, "PER", "Pak Beye") \
        == "PER:susilo-bambang-yudhoyono"
    assert res.entities["PER:susilo-bambang-yudhoyono"] == ("Susilo Bambang Yudhoyono", "PER")
    assert _id(res, "ORG", "Komisi Antirasuah") == "ORG:komisi-pemberantasan-korupsi"
    assert _id(res, "ORG", "Demokrat") != _id(res, "ORG", "Partai Demokrat")


@pytest.mark.parametrize(("text", "message"), [
    ("alias,canonical,label\nSBY,Susilo Bambang Yudhoyono\n", r"aliases\.csv:2: a row needs"),
    ("alias,canonical,label\nSBY,Susilo Bambang Yudhoyono,TOKOH\n",
     r"aliases\.csv:2: unknown label 'TOKOH'"),
    ("alias,canonical,label\nSBY,Susilo Bambang Yudhoyono,PER\n\nSBY,Soesilo Bambang,PER\n",
     r"aliases\.csv:4: 'SBY' \(PER\) is mapped to two canonical names .*aliases\.csv:2"),
    ("nama,kanonik,label\n", r"aliases\.csv:1: the header must be"),
    ("alias,canonical,label\nSBY,Susilo,PER,kadang\n", r"aliases\.csv:2: unknown relation"),
])
def test_a_bad_alias_file_names_its_file_and_line(tmp_path, text, message):
    with pytest.raises(AliasFileError, match=message):
        AliasTable.read(_aliases(tmp_path, text))


def test_an_empty_alias_file_is_allowed(tmp_path):
    assert AliasTable.read(_aliases(tmp_path, "")).rules == []
    assert AliasTable.read(_aliases(tmp_path, "alias,canonical,label\n")).rules == []


def test_the_cli_stops_on_a_bad_alias_file_before_any_work(tmp_path):
    dump = tmp_path / "in.jsonl"
    dump.write_text('{"id": "a", "text": "KPK memeriksa saksi di Jakarta."}\n', encoding="utf-8")
    bad = _aliases(tmp_path, "alias,canonical,label\nKPK,Komisi Pemberantasan Korupsi\n")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "nlp_news", "annotate", str(dump), "--out",
                             str(out), "--no-ner", "--aliases", str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert f"{bad}:2: a row needs the columns" in result.stderr
    assert not out.exists()


# ---------------------------------------------------------------- with the NER model

needs_model = pytest.mark.skipif(not model_paths().has_ner(),
                                 reason="NER model not in models/ (or $NLP_NEWS_MODELS)")

ARTICLES = [
    {"id": "satu", "text": "Komisi Pemberantasan Korupsi (KPK) menahan seorang pejabat Dinas "
                           "Pekerjaan Umum di Surabaya pada Senin. Juru bicara KPK mengatakan "
                           "penahanan berlangsung selama 20 hari."},
    {"id": "dua", "text": "KPK kembali memeriksa lima saksi di Jakarta, Selasa. Penyidik KPK "
                          "mendalami aliran dana proyek jalan."},
    {"id": "tiga", "text": "Gedung KPK di Jakarta Selatan didatangi ratusan mahasiswa yang "
                           "menolak revisi undang-undang."},
]


@needs_model
def test_an_acronym_gets_one_canonical_id_in_every_article(tmp_path):
    from nlp_news import annotate

    ann = annotate(ARTICLES)
    kpk = ann.entities[ann.entities.text.isin(["KPK", "Komisi Pemberantasan Korupsi (KPK)",
                                               "Komisi Pemberantasan Korupsi"])]
    assert set(kpk.doc_id) == {"satu", "dua", "tiga"}
    assert set(kpk.canonical_id) == {"ORG:komisi-pemberantasan-korupsi"}
    row = ann.entity_summary.set_index("canonical_id").loc["ORG:komisi-pemberantasan-korupsi"]
    assert (row.canonical, row.documents) == ("Komisi Pemberantasan Korupsi", 3)
    assert [e.canonical_id for d in ann.docs for e in d.entities] == \
        ann.entities.canonical_id.tolist()


@needs_model
def test_the_alias_file_works_inside_articles_and_across_them(tmp_path):
    from nlp_news import annotate

    aliases = _aliases(tmp_path, "alias,canonical,label\n"
                                 "Lembaga Antirasuah,Komisi Pemberantasan Korupsi,ORG\n")
    texts = [{"id": "x", "text": "Lembaga Antirasuah menahan Bupati Sleman. Menurut Lembaga "
                                 "Antirasuah, penahanan berlangsung 20 hari."},
             {"id": "y", "text": "KPK memeriksa Bupati Sleman di Jakarta."}]
    ann = annotate(texts, aliases=aliases)
    ids = ann.entities[ann.entities.label == "ORG"].groupby("doc_id").canonical_id.apply(set)
    assert ids.to_dict() == {"x": {"ORG:komisi-pemberantasan-korupsi"},
                             "y": {"ORG:komisi-pemberantasan-korupsi"}}


def test_a_step_left_out_changes_only_what_it_joins():
    rows = [("a", "Komisi Pemberantasan Korupsi", "ORG", "Komisi Pemberantasan Korupsi"),
            ("a", "KPK", "ORG", "Komisi Pemberantasan Korupsi"), ("b", "KPK", "ORG", "KPK"),
            ("c", "Jokowi", "PER", "Jokowi"), ("d", "Joko Widodo", "PER", "Joko Widodo")]
    summary = EntitySummary()
    summary.add(pd.DataFrame(rows, columns=["doc_id", "text", "label", "canonical"]))
    full = summary.resolve(NameKnowledge(GAZETTEER))
    no_groups = summary.resolve(NameKnowledge(GAZETTEER), skip=("article_groups",))
    no_lexicon = summary.resolve(NameKnowledge(GAZETTEER), skip=("known_names",))
    # KPK is also the lexicon's short form, so only both steps left out keep it apart
    assert no_groups.id_of("ORG", "KPK") == full.id_of("ORG", "KPK")
    assert no_lexicon.id_of("PER", "Jokowi") != no_lexicon.id_of("PER", "Joko Widodo")
    assert full.id_of("PER", "Jokowi") == full.id_of("PER", "Joko Widodo")
    with pytest.raises(ValueError, match="no resolution step"):
        summary.resolve(skip=("guessing",))
