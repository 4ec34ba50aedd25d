"""The training relabel (issue #35): public training sets moved to the guide's conventions.

Every sentence here is invented; spans are written inline as ``[words]LABEL``.
"""

import json

import pytest

from nlp_news.evaluate import bio_spans
from nlp_news.training import ner_data, ner_relabel
from nlp_news.training.ner_train import DEV_SETS, HARMONISED, TRAIN_SETS, prepare

COUNTRIES = ["Israel", "Iran", "Inggris", "Jepang", "Korea Selatan", "Chad"]
RELABELER = ner_relabel.Relabeler(COUNTRIES)


def _sentence(text):
    """``"di [Kota Bogor]LOC hujan"`` -> BIO pairs (one ``[...]`` span per mention)."""
    out, label_words = [], None
    for word in text.split():
        if word.startswith("["):
            label_words, word = [], word[1:]
        if label_words is None:
            out.append((word, "O"))
            continue
        closing = "]" in word
        token, _, label = word.partition("]")
        label_words.append(token)
        if closing:
            out.extend((w, ("B-" if i == 0 else "I-") + label)
                       for i, w in enumerate(label_words))
            label_words = None
    return out


def _text(sentence):
    """The inverse of :func:`_sentence`."""
    words, position = [], 0
    for start, end, label in sorted(bio_spans([tag for _, tag in sentence])):
        words += [token for token, _ in sentence[position:start]]
        mention = [token for token, _ in sentence[start:end]]
        words += [f"[{mention[0]}", *mention[1:-1], f"{mention[-1]}]{label}"] if len(mention) > 1 \
            else [f"[{mention[0]}]{label}"]
        position = end
    return " ".join(words + [token for token, _ in sentence[position:]])


#: what the training sets tag elsewhere: names for the title and country rules
OTHERS = [_sentence(s) for s in (
    "[Jawa Barat]LOC dan [Israel]LOC , [Iran]LOC , [Inggris]LOC , [Korea Selatan]LOC",
    "pemain [Chad]PER mencetak gol",
)]
NAMES = ner_relabel.SetNames.of(OTHERS)


def relabel(text):
    new, changes = RELABELER.relabel(_sentence(text), NAMES)
    return _text(new), {f"{rule}:{kind}": n for (rule, kind), n in changes.items()}


@pytest.mark.parametrize(("before", "after"), [
    ("kata [AKBP Rina Sari]PER kemarin", "kata AKBP [Rina Sari]PER kemarin"),
    ("[Praka Dedi Kurnia]PER gugur", "Praka [Dedi Kurnia]PER gugur"),  # new to the lexicon
    ("[Kanit Reskrim Ipda Joko Susilo]PER menjelaskan",
     "Kanit Reskrim Ipda [Joko Susilo]PER menjelaskan"),
    ("[Tan Sri Ahmad Zaki]PER tiba", "Tan Sri [Ahmad Zaki]PER tiba"),
    ("[Dato Seri Anwar Hakim]PER tiba", "Dato Seri [Anwar Hakim]PER tiba"),
    ("[Haji Umar Said]PER berangkat", "Haji [Umar Said]PER berangkat"),
    ("[Pangeran Arya Wiguna]PER wafat", "Pangeran [Arya Wiguna]PER wafat"),  # titles_not_names
    ("[Mr . Tomas Berg]PER datang", "Mr . [Tomas Berg]PER datang"),
])
def test_titles_ranks_and_honorifics_leave_person_spans(before, after):
    assert relabel(before) == (after, {"title:trimmed": 1})


@pytest.mark.parametrize("text", [
    "[Putri Ayu Lestari]PER bernyanyi",  # a title that is also a first name, alone
    "[MS Hidayat]PER hadir",  # initials, not "Ms"
    "[Gubernur Jawa Barat Ridwan Sutisna]PER hadir",  # the name starts after a place
    "[Menteri]ORG itu hadir",  # ORG spans are not touched by the title rules
    "[Raja]PER tertawa",  # a title that is also a name, alone
])
def test_names_a_title_rule_cannot_cut_reliably_stay(text):
    assert relabel(text) == (text, {})


def test_a_person_span_that_is_only_a_title_is_dropped():
    assert relabel("ucap [Presiden]PER di [Bogor]LOC") == (
        "ucap Presiden di [Bogor]LOC", {"title_only:dropped": 1})


def test_legal_forms_leave_organisations_and_alone_are_dropped():
    text, changes = relabel("[PT Sinar Abadi Tbk]ORG dan [PT Kapal Nusantara ( Persero )]ORG "
                            "serta [PT Dua]ORG , [Tbk]ORG naik")
    assert text == ("[PT Sinar Abadi]ORG Tbk dan [PT Kapal Nusantara]ORG ( Persero ) "
                    "serta [PT Dua]ORG , Tbk naik")
    assert changes == {"legal_form:trimmed": 2, "legal_form:dropped": 1}


def test_lower_case_place_words_leave_places_and_split_two():
    assert relabel("tinggal di [kota Medan]LOC") == (
        "tinggal di kota [Medan]LOC", {"place_word:trimmed": 1})
    assert relabel("di [kecamatan Sukamaju kabupaten Garut]LOC") == (
        "di kecamatan [Sukamaju]LOC kabupaten [Garut]LOC", {"place_word:split": 1})
    assert relabel("ke [kawasan Puncak]LOC") == ("ke kawasan [Puncak]LOC",
                                                 {"place_word:trimmed": 1})
    for kept in ("di [wilayah barat Sudan]LOC", "di [desa sukamaju]LOC",
                 "di [sungai Kapuas]LOC", "di [Kota Depok]LOC"):
        assert relabel(kept) == (kept, {})


def test_capitalised_administrative_words_join_the_place():
    assert relabel("warga Kota [Depok]LOC dan Kabupaten [Sleman]LOC") == (
        "warga [Kota Depok]LOC dan [Kabupaten Sleman]LOC", {"admin_word:extended": 2})
    for kept in ("kata Wali Kota [Solo]LOC", "di Kawasan [Seulawah]LOC",
                 "Pemerintah Provinsi [Bali]LOC"):
        assert relabel(kept) == (kept, {})


@pytest.mark.parametrize("before", [
    "main di Liga [Spanyol]LOC musim ini",
    "pandai berbahasa [Jepang]LOC",
    "dalam bahasa [Jawa]LOC berarti",
    "juara [Roma]LOC Masters tahun lalu",
    "main di [Liga Super Indonesia]ORG",
    "turun ke [Divisi Utama Liga Indonesia]ORG",
    "indeks [Dow Jones]ORG melemah",
    "tayang di [Festival Film Internasional]ORG Busan",
    "lewat akun [Twitter]ORG miliknya",
    "nilai [Rupiah]ORG melemah",
    "saham [IHSG]ORG naik",
])
def test_events_languages_apps_and_common_nouns_are_untagged(before):
    text, changes = relabel(before)
    assert "]" not in text and sum(changes.values()) == 1


@pytest.mark.parametrize("text", [
    "rapat [Liga Arab]ORG di Kairo",  # an organisation
    "pabrik seri [Nintendo]ORG DS",  # the maker of a series
    "kata Direktur Operasi [AirNav Indonesia]ORG kemarin",
    "[Twitter]ORG menangguhkan akun itu",  # the company acts
    "saham Bumi Resources ( [BUMI]ORG ) naik",  # a ticker, not the planet
    "film [Disney]ORG itu laris",
])
def test_names_that_only_look_like_works_or_apps_stay(text):
    assert relabel(text) == (text, {})


def test_untagged_countries_the_sets_tag_elsewhere_become_places():
    assert relabel("serangan udara Israel menewaskan warga Korea Selatan .") == (
        "serangan udara [Israel]LOC menewaskan warga [Korea Selatan]LOC .", {"country:added": 2})
    assert relabel("Iran membantah .") == ("[Iran]LOC membantah .", {"country:added": 1})
    for kept in ("Timnas melawan Iran kemarin",  # a team (D30)
                 "kursus bahasa Inggris gratis",  # a language
                 "Presiden Israel Budi hadir",  # capitalised words around it
                 "pasukan Chad menyerang"):  # tagged PER elsewhere: a name too
        assert relabel(kept) == (kept, {})


def test_a_country_never_tagged_elsewhere_stays_untagged():
    assert "Jepang" not in NAMES.labels
    assert relabel("warga Jepang datang") == ("warga Jepang datang", {})


def test_set_counts_add_up_per_rule_and_sentence():
    sentences = [_sentence(s) for s in ("[AKBP Rina Sari]PER di [kota Medan]LOC",
                                        "tidak ada yang berubah di [Bogor]LOC",
                                        "lewat akun [Twitter]ORG")]
    out, counts = RELABELER.relabel_set(sentences, NAMES)
    assert out[1] == sentences[1]
    assert counts == {("sentences", "changed"): 2, ("title", "trimmed"): 1,
                      ("place_word", "trimmed"): 1, ("app", "dropped"): 1}
    table = ner_relabel.counts_table({"a_train": counts})
    assert "| title | trimmed | 1 |" in table and table.splitlines()[2].startswith("| sentences")
    assert ner_relabel.counts_json({"a_train": counts})["a_train"]["app:dropped"] == 1


def test_prepare_relabels_training_sets_and_never_dev_sets(tmp_path):
    folder = tmp_path / "data" / HARMONISED
    folder.mkdir(parents=True)
    sentences = [_sentence("[AKBP Rina Sari]PER tiba di [kota Medan]LOC ."),
                 _sentence("[Iran]LOC dan Israel berunding di [Israel]LOC .")]
    for name in TRAIN_SETS + DEV_SETS:
        ner_data.write_bio(sentences, folder / f"{name}.bio")
    train_json, dev_json = prepare(tmp_path / "data", tmp_path / "work", relabeler=RELABELER)

    def tags(path):
        return [[w["ner"] for w in s] for s in json.loads(path.read_text(encoding="utf-8"))]

    original = [[tag for _, tag in s] for s in sentences]
    assert tags(dev_json) == original * len(DEV_SETS)
    assert tags(train_json) == [["O", "B-PER", "I-PER", "O", "O", "O", "B-LOC", "O"],
                                ["B-LOC", "O", "B-LOC", "O", "O", "B-LOC", "O"]]
    counts = json.loads((tmp_path / "work" / "ner.relabel.json").read_text(encoding="utf-8"))
    assert set(counts) == set(TRAIN_SETS)
    assert counts[TRAIN_SETS[0]] == {"country:added": 1, "place_word:trimmed": 1,
                                     "sentences:changed": 2, "title:trimmed": 1}
    plain, _ = prepare(tmp_path / "data", tmp_path / "plain")
    assert tags(plain) == original and not (tmp_path / "plain" / "ner.relabel.json").exists()


def test_train_command_has_the_relabel_switch_off_by_default():
    from nlp_news.training.__main__ import build_parser

    parser = build_parser()
    assert parser.parse_args(["average"]).relabel is False
    assert parser.parse_args(["average", "--relabel"]).relabel is True
    assert parser.parse_args(["average", "--relabel", "--no-relabel"]).relabel is False


def test_the_lexicon_lists_are_new_and_not_repeated():
    from nlp_news import lexicon
    from nlp_news.entities.names import phrases, title_phrases

    words = lexicon.table("ranks_honorifics")["words"]
    assert len(words) == len(set(words))
    titles = phrases(lexicon.table("titles")["words"])
    assert not phrases(words) & titles  # each title in one list only
    assert phrases(words) | titles == title_phrases()  # both read as titles
    also = set(lexicon.table("titles")["also_names"])
    assert set(lexicon.table("ranks_honorifics")["titles_not_names"]) <= also
