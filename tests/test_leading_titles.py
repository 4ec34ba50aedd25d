"""Titles, ranks and roles at the start of a mention are left out of its span (guide)."""

from nlp_news import lexicon
from nlp_news.doc import Entity
from nlp_news.pipeline.leading_titles import TitleRule

RULE = TitleRule(lexicon.table("titles")["also_names"])


def _tag(text, *spans):
    out, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        pos = start + len(surface)
        out.append(Entity(0, start, pos, surface, label))
    return out


def _texts(text, *spans):
    out = RULE(text, _tag(text, *spans))
    assert all(text[e.start_char:e.end_char] == e.text for e in out)
    return [e.text for e in out]


def test_titles_and_ranks_are_cut_off_people():
    text = ("Kasat Reskrim AKP Rudi Hartono menyebut Sdr. Dodi Saputra dan Hajah Siti Aminah "
            "sudah diperiksa, kata Kapolda Metro Jaya Irjen Karyoto.")
    assert _texts(text, ("AKP Rudi Hartono", "PER"), ("Sdr. Dodi Saputra", "PER"),
                  ("Hajah Siti Aminah", "PER"), ("Kapolda Metro Jaya Irjen Karyoto", "PER")) \
        == ["Rudi Hartono", "Dodi Saputra", "Siti Aminah", "Karyoto"]


def test_roles_are_cut_off_organisations_and_lower_case_place_words_off_places():
    text = "Dokter Timnas memeriksa pemain di kota Batusangkar, provinsi Sumatera Barat."
    assert _texts(text, ("Dokter Timnas", "ORG"), ("kota Batusangkar", "LOC"),
                  ("provinsi Sumatera Barat", "LOC")) == ["Timnas", "Batusangkar",
                                                          "Sumatera Barat"]


def test_names_that_start_like_a_title_stay():
    text = ("Putri Ayu Lestari dan Imam Santoso datang ke Kota Bandung dan Raja Ampat. "
            "Direktur dan Bapak hadir, juga Sultan.")
    spans = [("Putri Ayu Lestari", "PER"), ("Imam Santoso", "PER"), ("Kota Bandung", "LOC"),
             ("Raja Ampat", "LOC"), ("Direktur dan Bapak", "PER"), ("Sultan", "PER")]
    assert _texts(text, *spans) == [s for s, _ in spans]


def test_a_mention_that_is_only_a_title_is_dropped():
    text = "Hal itu disampaikan Menpora kepada Menristek dan Presiden Jokowi di Jakarta."
    assert _texts(text, ("Menpora", "PER"), ("Menristek", "ORG"), ("Presiden Jokowi", "PER"),
                  ("Jakarta", "LOC")) == ["Jokowi", "Jakarta"]


def test_relations_and_roles_before_a_name_are_cut_off():
    text = ("Ibunda Rini Wulandari datang bersama Putra Kedua Hasan Basri, lalu bertemu "
            "Pendiri Kopiku.id dan Commissioner Singapore Police Force.")
    assert _texts(text, ("Ibunda Rini Wulandari", "PER"), ("Putra Kedua Hasan Basri", "PER"),
                  ("Pendiri Kopiku.id", "ORG"), ("Commissioner Singapore Police Force", "ORG")) \
        == ["Rini Wulandari", "Hasan Basri", "Kopiku.id", "Singapore Police Force"]


def test_a_title_that_is_also_a_first_name_stays_alone_but_not_completed():
    text = "Putri Ayu Lestari menemani Putri Sulung Dewi Sartika dan Putra Ramadhan."
    assert _texts(text, ("Putri Ayu Lestari", "PER"), ("Putri Sulung Dewi Sartika", "PER"),
                  ("Putra Ramadhan", "PER")) == ["Putri Ayu Lestari", "Dewi Sartika",
                                                 "Putra Ramadhan"]
