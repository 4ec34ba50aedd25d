import datetime as dt

from nlp_news.article import article_from_record
from nlp_news.readers import Record, read_articles


def _excluded_texts(article):
    return [article.text[s:e] for s, e in article.excluded]


def test_raw_header_becomes_metadata(example_txt):
    (rec,) = read_articles(example_txt)
    art = article_from_record(rec)
    assert art.doc_id == "moskow_undang_faksi_palestina"
    assert art.title == ("Rusia Kembali Undang Faksi-faksi Palestina ke Moskow untuk Bahas "
                         "Masa Depan Gaza")
    assert art.date == dt.datetime(2024, 3, 14, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert art.reporter == "Dewi Lestari Handayani"
    assert art.editor == "Bayu Pratama"


def test_boilerplate_and_dateline_are_excluded_but_text_is_kept(example_txt):
    (rec,) = read_articles(example_txt)
    art = article_from_record(rec)
    assert art.text == example_txt.read_text(encoding="utf-8")
    excluded = _excluded_texts(art)
    assert any(t.startswith("BACA JUGA: Harga Cabai") for t in excluded)
    assert "KABARCONTOH.ID – " in excluded
    assert any(t.startswith("Kategori :") for t in excluded)
    assert excluded[0].startswith("Rusia Kembali Undang")  # the header block


def test_datelines_of_common_shapes():
    for text, dateline in [
        ("JAKARTA, KABARCONTOH.com - Harga beras naik.", "JAKARTA, KABARCONTOH.com - "),
        ("Surabaya (ANTARA) - Hujan turun sejak pagi.", "Surabaya (ANTARA) - "),
        ("Medan - Polisi menangkap dua orang.", "Medan - "),
    ]:
        art = article_from_record(Record(data={"text": text}, origin="t:1", default_id="t"))
        assert _excluded_texts(art) == [dateline], text


def test_plain_sentence_is_not_a_dateline():
    text = "Warga Bogor - yang sudah lama menunggu - akhirnya menerima bantuan."
    art = article_from_record(Record(data={"text": text}, origin="t:1", default_id="t"))
    assert art.excluded == []


def test_paragraphs_and_metadata_fields():
    rec = Record(data={"paragraphs": ["Satu.", "Dua."], "title": "Judul", "kategori": "Politik",
                       "date": "2019-10-09", "time": "21:48 WIB",
                       "url": "https://x.example/read/2019/09/10/1/a"},
                 origin="d.jsonl:7", default_id="d:7")
    art = article_from_record(rec)
    assert art.text == "Satu.\n\nDua."
    assert art.doc_id == "d:7"
    assert art.metadata == {"kategori": "Politik"}
    assert art.pub_date == dt.date(2019, 9, 10)  # swapped day/month repaired from the URL


def test_unparseable_date_is_recorded_not_fatal():
    rec = Record(data={"text": "Isi berita.", "date": "suatu hari"}, origin="d:1", default_id="d")
    art = article_from_record(rec)
    assert art.error is None and art.date is None
    assert art.metadata["date_unparsed"] == "suatu hari"


def test_records_without_text_are_errors():
    for data, message in [({"title": "x"}, "no text column"), ({"text": "  \n"}, "empty article"),
                          ({"text": 42}, "is int, not text"),
                          ({"": None, "paragraphs": 0}, "no text in 'paragraphs'"),
                          ({"isi": None}, "no text in 'isi'")]:
        art = article_from_record(Record(data=data, origin="f.jsonl:3", default_id="f:3"))
        assert art.status == "error"
        assert art.error.startswith("f.jsonl:3: ") and message in art.error


def test_detokenised_double_dash_dateline():
    text = "Jakarta, KABARCONTOH Indonesia - - Harga cabai naik lagi."
    art = article_from_record(Record(data={"text": text}, origin="t:1", default_id="t"))
    assert _excluded_texts(art) == ["Jakarta, KABARCONTOH Indonesia - - "]


def _dateline(text):
    art = article_from_record(Record(data={"text": text}, origin="t:1", default_id="t"))
    return [(art.text[s:e], label) for s, e, label in art.dateline]


def test_dateline_place_and_outlet():
    assert _dateline("Jakarta, KABARCONTOH Indonesia - - Harga cabai naik lagi.") == [
        ("Jakarta", "LOC"), ("KABARCONTOH Indonesia", "ORG")]
    assert _dateline("Surabaya (ANTARA) - Hujan turun sejak pagi.") == [
        ("Surabaya", "LOC"), ("ANTARA", "ORG")]
    assert _dateline("KABARCONTOH.CO.ID, Bandung – Pasar ramai.") == [
        ("KABARCONTOH.CO.ID", "ORG"), ("Bandung", "LOC")]
    assert _dateline("Beritakita.com - Pasar ramai.") == [("Beritakita.com", "ORG")]
    assert _dateline("MEDAN - Polisi menangkap dua orang.") == [("MEDAN", "LOC")]
    assert _dateline("Warga Bogor - yang sudah lama menunggu - akhirnya datang.") == []


def test_a_short_date_paragraph_in_the_body_is_body_text():
    paragraphs = [
        "Banjir merendam ratusan rumah di Kecamatan Cibeunying sejak pagi. Warga mengungsi ke "
        "masjid dan balai desa, sementara petugas membuka dapur umum di halaman kantor camat.",
        "Camat Cibeunying, Rina Sari, mengatakan bantuan mulai datang dari dinas sosial dan "
        "relawan. \"Kami masih mendata warga yang kehilangan tempat tinggal,\" katanya,",
        "Selasa (10/9/2019).",
        "Air mulai surut pada sore hari.",
    ]
    art = article_from_record(Record(data={"paragraphs": paragraphs}, origin="t:1",
                                     default_id="t"))
    assert art.excluded == []
    # a real header at the top is still one
    text = "Judul Berita Banjir\nSelasa, 10 September 2019 09:30 WIB\n\nBanjir merendam rumah."
    art = article_from_record(Record(data={"text": text}, origin="t:2", default_id="t"))
    assert _excluded_texts(art) == ["Judul Berita Banjir\nSelasa, 10 September 2019 09:30 WIB"]


def test_a_sentence_opening_with_a_month_is_no_dateline():
    assert _dateline("Desember - Februari 2020 curah hujan tinggi.") == []
    art = article_from_record(Record(data={"text": "Senin - Polisi datang."}, origin="t:1",
                                     default_id="t"))
    assert art.excluded == []
