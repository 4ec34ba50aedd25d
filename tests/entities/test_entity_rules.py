"""The entity rule components after NER, on own sentences with hand-made entities."""

from __future__ import annotations

from nlp_news import lexicon
from nlp_news.pipeline.label_consistency import LabelConsistency
from nlp_news.pipeline.not_entities import NotEntities
from nlp_news.pipeline.team_names import TeamNames
from nlp_news.pipeline.tokenize import Tokenizer

from ._docs import make_doc


def _not_entities():
    table = lexicon.table("apps")
    return NotEntities(frozenset(table["names"]), frozenset(table["before"]),
                       lexicon.table("works_events"),
                       frozenset(lexicon.table("not_names")["words"]))


def _teams():
    t = lexicon.table("team_cues")
    return TeamNames(frozenset(t["before"]), frozenset(t["after"]), frozenset(t["atas_after"]),
                     frozenset(t["place_before"]), frozenset(t["member_before"]))


def test_products_model_codes_and_apps_are_dropped():
    text = ("MSI merilis gamepad Force GC30 dan GC20. Ia mengunggah foto di Instagram. "
            "Instagram menghapus akun itu. Pemain timnas U - 23 berlatih bersama KPK.")
    doc = make_doc(text, [("MSI", "ORG"), ("Force GC30", "ORG"), ("GC20", "ORG"),
                          ("Instagram", "ORG"), ("Instagram", "ORG"), ("U - 23", "ORG"),
                          ("KPK", "ORG")])
    _not_entities()(doc)
    assert [e.text for e in doc.entities] == ["MSI", "Instagram", "KPK"]
    assert doc.entities[1].start_char == text.index("Instagram menghapus")


def test_common_nouns_alone_are_no_names():
    text = ("Rupiah melemah terhadap Dolar. Bumi makin panas, kata LSM Hijau Lestari. Pelaku "
            "UMKM dan Humas Polda Bali hadir; Massa membubarkan diri.")
    doc = make_doc(text, [("Rupiah", "ORG"), ("Dolar", "ORG"), ("Bumi", "LOC"),
                          ("LSM Hijau Lestari", "ORG"), ("UMKM", "ORG"),
                          ("Humas Polda Bali", "ORG"), ("Massa", "ORG")])
    _not_entities()(doc)
    assert [e.text for e in doc.entities] == ["LSM Hijau Lestari", "Humas Polda Bali"]


def test_works_events_and_languages_are_dropped_with_their_other_mentions():
    text = ("Sutradara itu menggarap film laga Pasukan Senja. Pasukan Senja tayang di Jakarta. "
            "Dinas Sosial meluncurkan program Kartu Sehat, dan Kartu Sehat gratis. Ganda putra "
            "Indonesia lolos di China Open. Topan Mawar melanda Filipina. Ia fasih berbahasa "
            "Jepang, lalu bermain di Liga Spanyol bersama Real Madrid. Itu film Rina Wati. "
            "Ia kini tinggal di Spanyol dan Jepang. Ia menonton film Disney tentang program "
            "DKI.")
    spans = [("Pasukan Senja", "ORG"), ("Pasukan Senja", "ORG"), ("Jakarta", "LOC"),
             ("Dinas Sosial", "ORG"), ("Kartu Sehat", "ORG"), ("Kartu Sehat", "ORG"),
             ("Indonesia", "LOC"), ("China", "LOC"), ("Topan Mawar", "PER"),
             ("Filipina", "LOC"), ("Jepang", "LOC"), ("Spanyol", "LOC"), ("Real Madrid", "ORG"),
             ("Rina Wati", "PER"), ("Spanyol", "LOC"), ("Jepang", "LOC"), ("Disney", "ORG"),
             ("DKI", "LOC")]
    doc = make_doc(text, spans)
    _not_entities()(doc)
    assert [e.text for e in doc.entities] == ["Jakarta", "Dinas Sosial", "Indonesia",
                                              "Filipina", "Real Madrid", "Rina Wati",
                                              "Spanyol", "Jepang", "Disney", "DKI"]


def test_names_inside_a_work_name_and_its_acronym_are_dropped():
    text = ("Indeks Harga Saham Gabungan (IHSG) naik 12 poin, Surabaya Retail Index (SRI) "
            "turun. Bank Jatim menyalurkan Program Kartu Tani (PKT) di Kabupaten Ngawi. IHSG "
            "ditutup menguat. Bank Jatim (BJTM) menaikkan Indeks Pembangunan Manusia Jawa Timur. "
            "Ketua Panitia Pekan Raya Jakarta (PRJ) Budi Santoso datang.")
    spans = [("Saham Gabungan", "ORG"), ("IHSG", "ORG"), ("SRI", "ORG"), ("Bank Jatim", "ORG"),
             ("Kartu Tani", "ORG"), ("PKT", "ORG"), ("Kabupaten Ngawi", "LOC"),
             ("IHSG", "ORG"), ("Bank Jatim", "ORG"), ("BJTM", "ORG"), ("Jawa Timur", "LOC"),
             ("PRJ", "ORG"), ("Budi Santoso", "PER")]
    doc = make_doc(text, spans)
    _not_entities()(doc)
    assert [e.text for e in doc.entities] == ["Bank Jatim", "Kabupaten Ngawi", "Bank Jatim",
                                              "BJTM", "Jawa Timur", "PRJ", "Budi Santoso"]


def test_stock_indices_are_dropped_and_a_newspaper_of_the_same_name_stays():
    text = ("IHSG ditutup menguat, sedangkan Hang Seng turun 40,1 poin dan Nikkei ditutup naik "
            "0,4 persen. Harian Straits Times menulis 30 persen warga setuju. Straits Times "
            "melaporkan 12 korban.")
    doc = make_doc(text, [("IHSG", "ORG"), ("Hang Seng", "LOC"), ("Nikkei", "ORG"),
                          ("Straits Times", "ORG"), ("Straits Times", "ORG")])
    _not_entities()(doc)
    assert [e.text for e in doc.entities] == ["Straits Times", "Straits Times"]


def test_places_standing_for_teams_become_organisations():
    text = ("Timnas kalah 0-1 melawan Iran di Yogyakarta. Barcelona menjamu Valencia. "
            "Manajer Liverpool memuji pemain. Indonesia menang 1-0 atas Filipina. "
            "Warga Iran tinggal di Surabaya.")
    doc = make_doc(text, [("Iran", "LOC"), ("Yogyakarta", "LOC"), ("Barcelona", "LOC"),
                          ("Valencia", "LOC"), ("Liverpool", "LOC"), ("Indonesia", "LOC"),
                          ("Filipina", "LOC"), ("Iran", "LOC"), ("Surabaya", "LOC")])
    _teams()(doc)
    labels = [(e.text, e.label) for e in doc.entities]
    assert labels == [("Iran", "ORG"), ("Yogyakarta", "LOC"), ("Barcelona", "ORG"),
                      ("Valencia", "ORG"), ("Liverpool", "ORG"), ("Indonesia", "ORG"),
                      ("Filipina", "ORG"), ("Iran", "LOC"), ("Surabaya", "LOC")]


def test_a_team_seen_playing_is_the_team_in_the_whole_article_but_where_it_is_the_place():
    text = ("Brasil ditahan imbang Kolombia 1-1. Brasil bertahan hingga jeda, lalu Kolombia "
            "menyamakan skor. Pelatih Brasil kecewa. Laga digelar di Kolombia, dan warga Brasil "
            "menonton di Medellin, Kolombia. Mantan kapten timnas Peru hadir; pemain asal Peru "
            "itu memuji Brasil.")
    doc = make_doc(text, [("Brasil", "LOC"), ("Kolombia", "LOC"), ("Brasil", "LOC"),
                          ("Kolombia", "LOC"), ("Brasil", "LOC"), ("Kolombia", "LOC"),
                          ("Brasil", "LOC"), ("Medellin", "LOC"), ("Kolombia", "LOC"),
                          ("Peru", "LOC"), ("Peru", "LOC"), ("Brasil", "LOC")])
    _teams()(doc)
    labels = [(e.text, e.label) for e in doc.entities]
    assert labels == [
        ("Brasil", "ORG"), ("Kolombia", "ORG"),  # "ditahan imbang"
        ("Brasil", "ORG"), ("Kolombia", "ORG"),  # the other mentions of teams seen playing
        ("Brasil", "ORG"),  # "Pelatih Brasil"
        ("Kolombia", "LOC"), ("Brasil", "LOC"), ("Medellin", "LOC"), ("Kolombia", "LOC"),
        ("Peru", "ORG"),  # "kapten timnas Peru" is the team ...
        ("Peru", "LOC"),  # ... but not seen playing: "asal Peru" stays the country
        ("Brasil", "ORG")]


def test_a_cue_outweighs_the_models_votes():
    """team_names runs after label_consistency: three LOC votes do not undo "melawan"."""
    from nlp_news.pipeline.core import DEFAULT_PIPELINE
    assert DEFAULT_PIPELINE.index("team_names") > DEFAULT_PIPELINE.index("label_consistency")
    text = "Iran bersiap. Iran berlatih. Iran tiba. Timnas kalah melawan Iran."
    doc = make_doc(text, [("Iran", "LOC")] * 4)
    _teams()(LabelConsistency()(doc))
    assert [e.label for e in doc.entities] == ["ORG"] * 4


def test_one_reading_of_a_name_per_article():
    text = "Persib menang. Pelatih Persib senang. Suporter Persib bernyanyi. Bandung cerah."
    doc = make_doc(text, [("Persib", "ORG"), ("Persib", "LOC"), ("Persib", "ORG"),
                          ("Bandung", "LOC")])
    LabelConsistency()(doc)
    assert [e.label for e in doc.entities] == ["ORG", "ORG", "ORG", "LOC"]
    tie = make_doc("Solo ramai. Solo menang.", [("Solo", "LOC"), ("Solo", "ORG")])
    LabelConsistency()(tie)
    assert [e.label for e in tie.entities] == ["LOC", "ORG"]  # a tie stays as tagged


def test_tokens_glued_across_punctuation_are_split():
    words = Tokenizer().words
    assert words("Kata Dewi Lestari,2 orang hadir.") == [
        ["Kata", "Dewi", "Lestari", ",", "2", "orang", "hadir", "."]]
    assert words("Peserta IDBYTES,2019 datang.")[0][:4] == ["Peserta", "IDBYTES", ",", "2019"]
    assert words("Lembaga (ABC).Kata dia") == [["Lembaga", "(", "ABC", ")", "."],
                                               ["Kata", "dia"]]
    assert words("Harga naik 2,5 persen.") == [["Harga", "naik", "2,5", "persen", "."]]
    assert words("Tiba di Jeddah;,b. Madinah;,c. Mina.") == [
        ["Tiba", "di", "Jeddah", ";,", "b.", "Madinah", ";,", "c.", "Mina", "."]]
    # invisible format characters are split off and left out, like spaces
    assert words("Pemprov \u200eDKI Jakarta\u200b dan jalan\u200eTendean.") == [
        ["Pemprov", "DKI", "Jakarta", "dan", "jalan", "Tendean", "."]]


def test_units_before_an_organisation_join_its_span():
    from nlp_news.pipeline.org_units import OrgUnits

    text = ("Ketua Komisi II DPR Zainudin Amali bicara. Komisi Disiplin PSSI menghukum Persib. "
            "Ketua DPR hadir.")
    doc = make_doc(text, [("DPR", "ORG"), ("Zainudin Amali", "PER"), ("PSSI", "ORG"),
                          ("Persib", "ORG"), ("DPR", "ORG")])
    OrgUnits(frozenset(lexicon.table("org_units")["words"]))(doc)
    assert [e.text for e in doc.entities] == ["Komisi II DPR", "Zainudin Amali",
                                              "Komisi Disiplin PSSI", "Persib", "DPR"]
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.entities)


def test_a_region_after_a_regional_organisation_joins_its_span():
    from nlp_news.pipeline.org_units import OrgUnits

    text = ("Kepala Dinas Pendidikan Jawa Barat Rina Wati datang ke Pemkab Garut. Berkasnya "
            "dikirim ke Kejari Bandung Barat, lalu Kapolres Bogor menemui Bupati Sumedang. "
            "Universitas Padjadjaran Bandung dan BPBD Kabupaten Garut, Jawa Barat, siaga.")
    doc = make_doc(text, [("Dinas Pendidikan", "ORG"), ("Jawa Barat", "LOC"),
                          ("Rina Wati", "PER"), ("Garut", "LOC"), ("Kejari", "ORG"),
                          ("Bandung Barat", "LOC"), ("Bogor", "LOC"), ("Sumedang", "LOC"),
                          ("Universitas Padjadjaran", "ORG"), ("Bandung", "LOC"),
                          ("BPBD", "ORG"), ("Kabupaten Garut", "LOC"), ("Jawa Barat", "LOC")])
    table = lexicon.table("org_units")
    OrgUnits(frozenset(table["words"]), frozenset(table["regional"]))(doc)
    assert [(e.text, e.label) for e in doc.entities] == [
        ("Dinas Pendidikan Jawa Barat", "ORG"), ("Rina Wati", "PER"), ("Pemkab Garut", "ORG"),
        ("Kejari Bandung Barat", "ORG"), ("Bogor", "LOC"), ("Sumedang", "LOC"),
        ("Universitas Padjadjaran", "ORG"), ("Bandung", "LOC"),
        ("BPBD Kabupaten Garut", "ORG"), ("Jawa Barat", "LOC")]
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.entities)


def test_names_written_as_domains_are_organisations():
    from nlp_news.pipeline.website_names import WebsiteNames

    text = "Kata Anthony kepada Badmintonindonesia.org di Jakarta. Sumber: Kabarku.co.id."
    doc = make_doc(text, [("Badmintonindonesia.org", "PER"), ("Jakarta", "LOC"),
                          ("Kabarku.co.id", "LOC")])
    WebsiteNames()(doc)
    assert [e.label for e in doc.entities] == ["ORG", "LOC", "ORG"]


def test_names_cited_as_news_sources_are_organisations():
    from nlp_news.pipeline.website_names import WebsiteNames

    text = ("Dilansir Warta Dunia, warga Surabaya panik. Seperti dikutip dari situs Berita Kita, "
            "Rudi Hartono pindah ke Bandung, kata Rudi Hartono mengutip Soekarno. Dilansir dari , "
            "Wiranto datang.")
    doc = make_doc(text, [("Warta Dunia", "PER"), ("Surabaya", "LOC"), ("Berita Kita", "LOC"),
                          ("Rudi Hartono", "PER"), ("Bandung", "LOC"), ("Rudi Hartono", "PER"),
                          ("Soekarno", "PER"), ("Wiranto", "PER")])
    WebsiteNames(lexicon.table("source_cues")["before"])(doc)
    # a cue the scraper left without its link (", Wiranto") cites nobody
    assert [e.label for e in doc.entities] == ["ORG", "LOC", "ORG", "PER", "LOC", "PER", "PER",
                                               "PER"]


def test_news_outlets_are_organisations_and_so_is_what_is_observed_by_one():
    from nlp_news.pipeline.website_names import WebsiteNames

    text = ("Pantauan Warta Kota, antrean mengular. Okezone merangkum faktanya. Tempo menulis "
            "hal serupa di Istana Merdeka.")
    doc = make_doc(text, [("Warta Kota", "LOC"), ("Okezone", "PER"), ("Tempo", "LOC"),
                          ("Istana Merdeka", "LOC")])
    WebsiteNames(lexicon.table("source_cues")["before"],
                 lexicon.table("article")["news_outlets"])(doc)
    assert [e.label for e in doc.entities] == ["ORG", "ORG", "ORG", "LOC"]


def test_bands_and_music_groups_are_organisations_in_the_whole_article():
    from nlp_news.pipeline.group_names import GroupNames

    text = ("Dewi bertemu personel Bintang Senja di Jakarta. Bintang Senja juga ramah. "
            "Vokalis Ariel tampil, dan penggemar Raisa menonton boyband Korea Selatan di Grup B.")
    doc = make_doc(text, [("Dewi", "PER"), ("Bintang Senja", "PER"), ("Jakarta", "LOC"),
                          ("Bintang Senja", "PER"), ("Ariel", "PER"), ("Raisa", "PER"),
                          ("Korea Selatan", "LOC"), ("B.", "PER")])
    GroupNames(lexicon.table("group_cues")["before"])(doc)
    assert [e.label for e in doc.entities] == ["PER", "ORG", "LOC", "ORG", "PER", "PER", "LOC",
                                               "PER"]
