"""Who said what (quotes.py)."""

from nlp_news.entities import find_quotes

from ._docs import link, make_doc

TEXT = (
    "Wakil Menteri Luar Negeri Rusia Mikhail Bogdanov tiba di Jakarta pada Selasa pagi.\n\n"
    "\"Kami mengajak semua pihak untuk duduk bersama di Moskow,\" ucap Bogdanov, yang juga "
    "menjadi utusan khusus Presiden Vladimir Putin.\n\n"
    "\"Pertemuan itu dijadwalkan berlangsung selama dua hari,\" jelasnya.\n\n"
    "Menurut Bogdanov, delegasi dari dua belas negara sudah menyatakan hadir.\n\n"
    "Retno Marsudi mengatakan bahwa Indonesia mendukung penuh pertemuan tersebut.\n\n"
    "Retno mengatakan, \"Kami siap membantu kapan saja diperlukan.\"\n\n"
    "Harga minyak dunia naik lima persen pekan ini, menurut Kementerian Energi.\n\n"
    "Film \"Laskar Pelangi\" diputar ulang di bioskop.\n\n"
    "\"Kami tidak akan tinggal diam,\" kata dia kepada wartawan.\n\n"
    "Putin mengatakan hal tersebut dalam pidato tahunan."
)
MENTIONS = [
    ("Wakil Menteri Luar Negeri Rusia Mikhail Bogdanov", "PER"), ("Jakarta", "LOC"),
    ("Moskow", "LOC"), ("Bogdanov", "PER"), ("Vladimir Putin", "PER"), ("Bogdanov", "PER"),
    ("Retno Marsudi", "PER"), ("Indonesia", "LOC"), ("Retno", "PER"),
    ("Kementerian Energi", "ORG"), ("Putin", "PER"),
]


def _quotes():
    doc = make_doc(TEXT, MENTIONS)
    link(doc)
    return doc, find_quotes(doc)


def _quote(quotes, start_words):
    return next(q for q in quotes if q.text.startswith(start_words))


def test_speaker_follows_the_cue_not_the_last_name_in_the_sentence():
    doc, quotes = _quotes()
    q = _quote(quotes, "Kami mengajak")
    assert q.kind == "direct" and q.cue == "ucap"
    assert q.speaker == "Mikhail Bogdanov"  # canonical, not "Vladimir Putin"
    bog = next(e for e in doc.entities if e.text == "Bogdanov")
    assert q.speaker_entity_id == bog.entity_id
    assert q.text == "Kami mengajak semua pihak untuk duduk bersama di Moskow"
    assert doc.text[q.start_char:q.end_char] == q.text


def test_nya_cue_takes_the_last_person_before_the_quote():
    _doc, quotes = _quotes()
    q = _quote(quotes, "Pertemuan itu")
    assert q.cue == "jelasnya"
    # the last person named is Vladimir Putin ("ucap Bogdanov, ... Presiden Vladimir Putin"),
    # but nobody was named after that sentence: the speaker goes on
    assert q.speaker == "Mikhail Bogdanov"
    doc = make_doc("Presiden Joko Widodo meresmikan jembatan baru. \"Jembatan ini memperpendek "
                   "jarak tempuh warga,\" katanya.", [("Joko Widodo", "PER")])
    (q,) = find_quotes(doc)
    assert (q.speaker, q.cue) == ("Joko Widodo", "katanya")


def test_reported_speech():
    _doc, quotes = _quotes()
    q = _quote(quotes, "delegasi dari")
    assert (q.kind, q.cue, q.speaker) == ("indirect", "menurut", "Mikhail Bogdanov")
    assert q.text == "delegasi dari dua belas negara sudah menyatakan hadir"
    q = _quote(quotes, "Indonesia mendukung")
    assert (q.kind, q.cue, q.speaker) == ("indirect", "mengatakan", "Retno Marsudi")
    q = _quote(quotes, "Harga minyak")
    assert (q.kind, q.speaker) == ("indirect", "Kementerian Energi")
    assert q.speaker_entity_id is not None


def test_cue_before_the_quote():
    _doc, quotes = _quotes()
    q = _quote(quotes, "Kami siap")
    assert (q.kind, q.cue, q.speaker) == ("direct", "mengatakan", "Retno Marsudi")
    assert q.text == "Kami siap membantu kapan saja diperlukan."


def test_pronoun_after_the_cue_and_no_false_quotes():
    _doc, quotes = _quotes()
    q = _quote(quotes, "Kami tidak")
    assert (q.cue, q.speaker) == ("kata", "Retno Marsudi")
    texts = [q.text for q in quotes]
    assert "Laskar Pelangi" not in texts  # a title in quote marks is not a quote
    assert not any(t.startswith("hal tersebut") for t in texts)  # no content reported
    assert len(quotes) == 7


def test_speaker_without_entity_is_the_name_as_written():
    text = "\"Stok beras aman sampai Lebaran,\" kata Budi Hartono, kepala gudang di Semarang."
    doc = make_doc(text, [("Semarang", "LOC")])
    (q,) = find_quotes(doc)
    assert q.speaker == "Budi Hartono" and q.speaker_entity_id is None
    doc = make_doc("\"Kami belum menerima laporan apa pun,\" ujarnya singkat.", [])
    (q,) = find_quotes(doc)
    assert (q.speaker, q.speaker_entity_id, q.cue) == ("nya", None, "ujarnya")


def test_curly_quotes_and_continued_paragraph():
    text = (
        "Gubernur Ahmad Sahroni meninjau lokasi banjir.\n\n"
        "“Air mulai surut sejak tadi malam,” kata Ahmad.\n\n"
        "“Warga sudah bisa kembali ke rumah masing-masing besok pagi.”\n"
    )
    doc = make_doc(text, [("Ahmad Sahroni", "PER"), ("Ahmad", "PER")])
    link(doc)
    quotes = find_quotes(doc)
    assert [q.speaker for q in quotes] == ["Ahmad Sahroni", "Ahmad Sahroni"]
    assert quotes[1].cue is None and quotes[1].kind == "direct"
