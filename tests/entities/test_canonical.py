"""Grouping an article's mentions by entity (canonical.py)."""


from nlp_news.entities.names import place_core, split_name

from ._docs import by_text, link, make_doc

TEXT = (
    "Presiden Rusia Vladimir Putin bertemu Menteri Luar Negeri Sergey Lavrov di Moskow pada "
    "Senin. Putin meminta Lavrov menyiapkan kunjungan ke Jalur Gaza. Presiden Putin juga "
    "membahas situasi di Gaza dengan Wakil Menteri Luar Negeri Mikhail Bogdanov. Menurut "
    "Bogdanov, bantuan akan dikirim pekan depan.\n\n"
    "Di Indonesia, Badan Nasional Penanggulangan Bencana (BNPB) mengirim tenda ke Kabupaten "
    "Bandung. Kepala BNPB menyebut warga Bandung aman. Komisi Pemberantasan Korupsi juga "
    "memantau, kata juru bicara KPK."
)
MENTIONS = [
    ("Vladimir Putin", "PER"), ("Sergey Lavrov", "PER"), ("Moskow", "LOC"), ("Putin", "PER"),
    ("Lavrov", "PER"), ("Jalur Gaza", "LOC"), ("Presiden Putin", "PER"), ("Gaza", "LOC"),
    ("Wakil Menteri Luar Negeri Mikhail Bogdanov", "PER"), ("Bogdanov", "PER"),
    ("Indonesia", "LOC"), ("Badan Nasional Penanggulangan Bencana", "ORG"), ("BNPB", "ORG"),
    ("Kabupaten Bandung", "LOC"), ("BNPB", "ORG"), ("Bandung", "LOC"),
    ("Komisi Pemberantasan Korupsi", "ORG"), ("KPK", "ORG"),
]


def _linked():
    doc = make_doc(TEXT, MENTIONS, doc_id="a7")
    link(doc)
    return doc, by_text(doc)


def test_person_mentions_join_the_fullest_name():
    doc, ents = _linked()
    putin = {e.entity_id for t in ("Vladimir Putin", "Putin", "Presiden Putin")
             for e in ents[t]}
    assert len(putin) == 1
    assert {e.canonical for e in ents["Presiden Putin"]} == {"Vladimir Putin"}
    assert ents["Lavrov"][0].canonical == "Sergey Lavrov"
    assert ents["Lavrov"][0].entity_id == ents["Sergey Lavrov"][0].entity_id
    assert ents["Lavrov"][0].entity_id != ents["Putin"][0].entity_id


def test_titles_are_not_part_of_the_name_but_text_stays():
    doc, ents = _linked()
    bog = ents["Wakil Menteri Luar Negeri Mikhail Bogdanov"][0]
    assert bog.canonical == "Mikhail Bogdanov"
    assert bog.title == "Wakil Menteri Luar Negeri"
    assert doc.text[bog.start_char:bog.end_char] == bog.text  # mention untouched
    assert ents["Bogdanov"][0].canonical == "Mikhail Bogdanov"
    assert ents["Presiden Putin"][0].title == "Presiden"
    # a title written before the mention is picked up too
    assert ents["Vladimir Putin"][0].title == "Presiden Rusia"
    assert ents["Sergey Lavrov"][0].title == "Menteri Luar Negeri"


def test_places_join_their_short_form():
    _doc, ents = _linked()
    gaza = ents["Gaza"][0]
    assert gaza.canonical == "Jalur Gaza"
    assert gaza.entity_id == ents["Jalur Gaza"][0].entity_id
    assert ents["Bandung"][0].canonical == "Kabupaten Bandung"


def test_acronyms_join_the_long_name():
    _doc, ents = _linked()
    bnpb = {e.entity_id for e in ents["BNPB"]}
    assert bnpb == {ents["Badan Nasional Penanggulangan Bencana"][0].entity_id}
    assert ents["BNPB"][0].canonical == "Badan Nasional Penanggulangan Bencana"
    # no brackets in the article: the initials match
    assert ents["KPK"][0].canonical == "Komisi Pemberantasan Korupsi"


def test_ids_unique_per_doc_and_numbered_in_order():
    doc, _ = _linked()
    ids = [e.entity_id for e in doc.entities]
    assert ids[0] == "a7#1"
    assert all(i.startswith("a7#") for i in ids)
    canon = {}
    for e in doc.entities:
        canon.setdefault(e.entity_id, set()).add(e.canonical)
    assert all(len(v) == 1 for v in canon.values())
    doc2 = make_doc(TEXT, MENTIONS, doc_id="a7")
    link(doc2, "chunk3/a7")
    assert doc2.entities[0].entity_id == "chunk3/a7#1"


def test_never_across_labels():
    text = "Moskow menolak usulan itu. Warga Moskow berunjuk rasa di Lapangan Merah."
    doc = make_doc(text, [("Moskow", "ORG"), ("Moskow", "LOC"), ("Lapangan Merah", "LOC")])
    link(doc)
    org, loc = doc.entities[0], doc.entities[1]
    assert org.entity_id != loc.entity_id
    assert org.canonical == loc.canonical == "Moskow"


def test_ambiguous_short_name_goes_to_the_nearest_full_name():
    text = ("Joko Widodo membuka pameran. Joko lalu berkeliling. Sutradara Joko Anwar datang "
            "kemudian. Joko Anwar menyapa Joko Widodo, lalu Joko berpamitan.")
    doc = make_doc(text, [("Joko Widodo", "PER"), ("Joko", "PER"), ("Joko Anwar", "PER"),
                          ("Joko Anwar", "PER"), ("Joko Widodo", "PER"), ("Joko", "PER")])
    link(doc)
    jokos = [e for e in doc.entities if e.text == "Joko"]
    assert jokos[0].canonical == "Joko Widodo"
    assert jokos[1].canonical == "Joko Widodo"  # nearest preceding full name


def test_provinces_and_regencies_do_not_merge():
    text = ("Hujan deras melanda Kota Bandung dan Kabupaten Bandung. Gubernur DKI Jakarta "
            "meninjau Jakarta Utara, lalu kembali ke Jakarta.")
    doc = make_doc(text, [("Kota Bandung", "LOC"), ("Kabupaten Bandung", "LOC"),
                          ("DKI Jakarta", "LOC"), ("Jakarta Utara", "LOC"), ("Jakarta", "LOC")])
    link(doc)
    ents = by_text(doc)
    assert ents["Kota Bandung"][0].entity_id != \
        ents["Kabupaten Bandung"][0].entity_id
    jakarta = [e for e in doc.entities if e.text == "Jakarta"][-1]
    assert jakarta.canonical == "DKI Jakarta"
    assert ents["Jakarta Utara"][0].canonical == "Jakarta Utara"


def test_name_helpers():
    assert split_name("Dr. H. Ahmad Yani, S.H.").name == "Ahmad Yani"
    assert split_name("Kapolda Metro Jaya Irjen Karyoto").name == "Karyoto"
    assert split_name("Bapak Budi Santoso").title == "Bapak"
    assert split_name("Presiden").name == "Presiden"  # a bare title stays
    rusia = split_name("Rusia Vladimir Putin", known=frozenset({("rusia",)}))
    assert (rusia.title, rusia.name) == (None, "Vladimir Putin")
    assert split_name("India Wijaya", known=frozenset({("india",)})).name == "India Wijaya"
    assert split_name("Badan Nasional Penanggulangan Bencana (BNPB)", "ORG").name == \
        "Badan Nasional Penanggulangan Bencana"
    assert place_core(("kab", "bandung")) == (("kabupaten",), ("bandung",))
    assert place_core(("jawa", "barat")) == ((), ("jawa", "barat"))


def test_empty_doc():
    doc = make_doc("Tidak ada nama di sini.", [])
    link(doc)
    assert doc.entities == []


def test_handles_and_hashtags_never_absorb_names():
    text = "Warganet menandai #SOS @jokowi dalam unggahan itu. Jokowi belum menanggapi."
    doc = make_doc(text, [("#SOS @jokowi", "PER"), ("Jokowi", "PER")])
    link(doc)
    odd, jokowi = doc.entities
    assert odd.entity_id != jokowi.entity_id
    assert jokowi.canonical == "Jokowi"


def test_linking_many_articles_keeps_no_per_article_state():
    """Each article's known names pass through a cached helper: the cache must stay bounded,
    or a worker's memory grows with the size of the dump (it did: ~15 KB per article)."""
    from nlp_news.entities import names

    for i in range(120):
        doc = make_doc(TEXT.replace("Moskow", f"Kota{i}"), MENTIONS[:2] + [(f"Kota{i}", "LOC")],
                       doc_id=f"m{i}")
        link(doc)
    assert names._longest.cache_info().currsize <= 32


def test_an_organisations_first_word_alone_joins_it():
    text = ("Persib Bandung menang. Pelatih Persib senang. Densus 88 menangkap dua orang. "
            "Densus lalu menggeledah rumah. Bank Jakarta buka.")
    doc = make_doc(text, [("Persib Bandung", "ORG"), ("Persib", "ORG"), ("Densus 88", "ORG"),
                          ("Densus", "ORG"), ("Bank Jakarta", "ORG")])
    link(doc)
    ents = by_text(doc)
    assert ents["Persib"][0].canonical == "Persib Bandung"
    assert ents["Persib"][0].entity_id == ents["Persib Bandung"][0].entity_id
    assert ents["Densus"][0].canonical == "Densus 88"
    assert ents["Bank Jakarta"][0].entity_id != ents["Persib"][0].entity_id


def _groups(text: str, mentions: list[tuple[str, str]]):
    """``(mention text -> its entity ids, mention text -> entities)`` of a linked article."""
    doc = make_doc(text, mentions)
    link(doc)
    return {t: {e.entity_id for e in es} for t, es in by_text(doc).items()}, by_text(doc)


def test_short_forms_of_a_person_join_the_full_name():
    text = ("Bacharuddin Jusuf Habibie wafat. BJ Habibie dirawat sejak lama. Muhammad Rizal "
            "Fadli datang. Menurut Rizal Fadli, Habibie tokoh besar. Ku Hye Sun tiba. Hye Sun "
            "memberi salam. Susilo Bambang Yudhoyono hadir. SBY mengenang Habibie. Iriana Joko "
            "Widodo datang bersama Joko Widodo.")
    ids, ents = _groups(text, [
        ("Bacharuddin Jusuf Habibie", "PER"), ("BJ Habibie", "PER"),
        ("Muhammad Rizal Fadli", "PER"), ("Rizal Fadli", "PER"), ("Habibie", "PER"),
        ("Ku Hye Sun", "PER"), ("Hye Sun", "PER"), ("Susilo Bambang Yudhoyono", "PER"),
        ("SBY", "PER"), ("Habibie", "PER"), ("Iriana Joko Widodo", "PER"),
        ("Joko Widodo", "PER")])
    assert ids["BJ Habibie"] == ids["Bacharuddin Jusuf Habibie"] == ids["Habibie"]
    assert ents["BJ Habibie"][0].canonical == "Bacharuddin Jusuf Habibie"
    assert ids["Rizal Fadli"] == ids["Muhammad Rizal Fadli"]
    assert ids["Hye Sun"] == ids["Ku Hye Sun"]
    assert ids["SBY"] == ids["Susilo Bambang Yudhoyono"]
    # a name inside another's is not a short form of it
    assert ids["Joko Widodo"] != ids["Iriana Joko Widodo"]


def test_short_forms_of_an_organisation_join_the_full_name():
    text = ("Partai Demokrat mendukung rencana itu. Demokrat juga meminta Kementerian Energi dan "
            "Sumber Daya Mineral bertindak. Kementerian ESDM setuju. CNN Indonesia melaporkan "
            "hal itu, seperti dikutip CNNIndonesia.com. Kementerian Pertanian menolak, dan "
            "Kementan menyebut data Kementerian Perdagangan keliru. Timnas Indonesia menang; "
            "Indonesia kini memimpin grup.")
    ids, ents = _groups(text, [
        ("Partai Demokrat", "ORG"), ("Demokrat", "ORG"),
        ("Kementerian Energi dan Sumber Daya Mineral", "ORG"), ("Kementerian ESDM", "ORG"),
        ("CNN Indonesia", "ORG"), ("CNNIndonesia.com", "ORG"), ("Kementerian Pertanian", "ORG"),
        ("Kementan", "ORG"), ("Kementerian Perdagangan", "ORG"), ("Timnas Indonesia", "ORG"),
        ("Indonesia", "ORG")])
    assert ids["Demokrat"] == ids["Partai Demokrat"]
    assert ids["Kementerian ESDM"] == ids["Kementerian Energi dan Sumber Daya Mineral"]
    assert ids["CNNIndonesia.com"] == ids["CNN Indonesia"]
    assert ids["Kementan"] == ids["Kementerian Pertanian"] != ids["Kementerian Perdagangan"]
    assert ents["Kementan"][0].canonical == "Kementerian Pertanian"
    assert ids["Indonesia"] == ids["Timnas Indonesia"]


def test_nicknames_join_only_the_name_they_stand_for():
    text = ("Persib Bandung menjamu Persija. Maung Bandung unggul cepat, tetapi Macan Kemayoran "
            "menyamakan skor. Inter Milan kalah; La Beneamata kini tertinggal. Blaugrana tidak "
            "bermain pekan ini.")
    ids, ents = _groups(text, [
        ("Persib Bandung", "ORG"), ("Persija", "ORG"), ("Maung Bandung", "ORG"),
        ("Macan Kemayoran", "ORG"), ("Inter Milan", "ORG"), ("La Beneamata", "ORG"),
        ("Blaugrana", "ORG")])
    assert ids["Maung Bandung"] == ids["Persib Bandung"]
    assert ids["Macan Kemayoran"] == ids["Persija"] != ids["Persib Bandung"]
    assert ids["La Beneamata"] == ids["Inter Milan"]
    assert ents["La Beneamata"][0].canonical == "Inter Milan"  # the name, not the nickname
    # no Barcelona in the article: the nickname stands alone, as its own name
    assert ents["Blaugrana"][0].canonical == "Blaugrana"


def test_clubs_and_national_teams_by_their_short_forms_and_nicknames():
    text = ("Real Madrid menjamu AC Milan. Madrid unggul cepat, tetapi Milan menyamakan skor. "
            "Inter Milan menonton. Timnas Argentina bertemu Brasil; tim Tango tampil buruk dan "
            "Argentina kalah. Tim Samba menang.")
    ids, ents = _groups(text, [
        ("Real Madrid", "ORG"), ("AC Milan", "ORG"), ("Madrid", "ORG"), ("Milan", "ORG"),
        ("Inter Milan", "ORG"), ("Timnas Argentina", "ORG"), ("Brasil", "ORG"),
        ("Tango", "ORG"), ("Argentina", "ORG"), ("Tim Samba", "ORG")])
    assert ids["Madrid"] == ids["Real Madrid"]
    assert ids["Milan"] == ids["AC Milan"] != ids["Inter Milan"]
    assert ids["Tango"] == ids["Argentina"] == ids["Timnas Argentina"]
    assert ents["Tango"][0].canonical == "Timnas Argentina"
    assert ids["Tim Samba"] == ids["Brasil"]


def test_a_misspelt_name_joins_the_name_it_misspells():
    text = ("Kepala dinas, Purwanti, membuka acara. Menurut Purwati, anggaran cukup. Wahyudi "
            "datang. Wahyuni pulang. Sinar Entertainment merilis album. Sinar Entertainmnet "
            "juga menggelar konser. Kementan menolak. Kemenhan setuju. Susanto hadir. Susanti "
            "absen. Agus Gumiwang tiba. Kata Agus Gumiwamg, rapat ditunda.")
    ids, _ = _groups(text, [
        ("Purwanti", "PER"), ("Purwati", "PER"), ("Wahyudi", "PER"), ("Wahyuni", "PER"),
        ("Sinar Entertainment", "ORG"), ("Sinar Entertainmnet", "ORG"), ("Kementan", "ORG"),
        ("Kemenhan", "ORG"), ("Susanto", "PER"), ("Susanti", "PER"), ("Agus Gumiwang", "PER"),
        ("Agus Gumiwamg", "PER")])
    assert ids["Purwati"] == ids["Purwanti"]  # a letter left out
    assert ids["Sinar Entertainmnet"] == ids["Sinar Entertainment"]  # two letters swapped
    assert ids["Agus Gumiwamg"] == ids["Agus Gumiwang"]  # a letter replaced in a full name
    # another name, not a misspelling: one-word names, organisations, last letters
    assert ids["Wahyudi"] != ids["Wahyuni"]
    assert ids["Kementan"] != ids["Kemenhan"]
    assert ids["Susanto"] != ids["Susanti"]


def test_two_spellings_in_one_sentence_are_two_people():
    ids, _ = _groups("Purwanti dan Purwati hadir.", [("Purwanti", "PER"), ("Purwati", "PER")])
    assert ids["Purwanti"] != ids["Purwati"]


def test_short_forms_of_a_country_join_it():
    text = ("Presiden Amerika Serikat tiba di Jakarta. Hubungan RI dan AS membaik, kata pejabat "
            "Indonesia. Amerika juga menjalin kerja sama dengan Provinsi Bengkulu; Kota Bengkulu "
            "menyambut.")
    ids, ents = _groups(text, [
        ("Amerika Serikat", "LOC"), ("Jakarta", "LOC"), ("RI", "LOC"), ("AS", "LOC"),
        ("Indonesia", "LOC"), ("Amerika", "LOC"), ("Provinsi Bengkulu", "LOC"),
        ("Kota Bengkulu", "LOC")])
    assert ids["AS"] == ids["Amerika Serikat"] == ids["Amerika"]
    assert ents["AS"][0].canonical == "Amerika Serikat"
    assert ids["RI"] == ids["Indonesia"] != ids["AS"]
    assert ids["Provinsi Bengkulu"] != ids["Kota Bengkulu"]


def test_a_ticker_in_brackets_after_a_legal_form_joins_the_company():
    text = "Saham PT Sinar Abadi Tbk (SNAB) naik 5 persen. SNAB juga membagi dividen."
    ids, ents = _groups(text, [("PT Sinar Abadi", "ORG"), ("SNAB", "ORG"), ("SNAB", "ORG")])
    assert ids["SNAB"] == ids["PT Sinar Abadi"]
    assert ents["SNAB"][0].canonical == "PT Sinar Abadi"


def test_names_joined_by_an_alias_cue_are_one_person():
    text = ("Polisi menangkap Sutrisno alias Gembong di Klaten. Gembong mengaku menjual motor "
            "curian. Penyanyi Han Ji Woo (nama asli Woozi) merilis lagu; Woozi menulisnya "
            "sendiri. Rahmat Hidayat atau akrab disapa Ucok ikut bernyanyi. Hakim Budi Santoso "
            "dan Ucok berfoto.")
    ids, ents = _groups(text, [
        ("Sutrisno", "PER"), ("Gembong", "PER"), ("Klaten", "LOC"), ("Gembong", "PER"),
        ("Han Ji Woo", "PER"), ("Woozi", "PER"), ("Woozi", "PER"), ("Rahmat Hidayat", "PER"),
        ("Ucok", "PER"), ("Budi Santoso", "PER"), ("Ucok", "PER")])
    assert ids["Gembong"] == ids["Sutrisno"] and len(ids["Gembong"]) == 1
    assert ids["Woozi"] == ids["Han Ji Woo"]
    assert ids["Ucok"] == ids["Rahmat Hidayat"]
    assert ents["Ucok"][0].canonical == "Rahmat Hidayat"
    # "dan" is no alias cue: two people
    assert ids["Budi Santoso"] != ids["Ucok"]
