"""Numbers that are no facts: ordinals, identifiers, codes, names, scores, URLs, idioms."""

from __future__ import annotations

import pytest

from .conftest import facts_of, summaries


@pytest.mark.parametrize(
    "text",
    [
        "Ia tampil di menit ke-3.",
        "Presiden ke - 44 itu datang.",
        "Ia finis di urutan ke3.",
        "Ia juara pertama dan kedua kalinya menang.",
        "Gol tercipta di menit 74.",
        "Ia berada di peringkat 169 dunia.",
        "Kantornya di lantai 3.",
        "Ia mendapat nomor urut 2.",
        "Ia dijerat Pasal 12 huruf a.",
        "Aturannya Pasal 55 Ayat (1) KUHP.",
        "Aturan itu PP 60/2008 dan UU 30/2002.",
        "Ia menginap di kamar 106 Tanjungpinang.",
        "Macet terlihat di KM 51 tol.",
        "Hubungi telepon 0812-3456-7890 segera.",
        "Nomornya 081234567890 aktif.",
        "Mobil bernomor polisi F 1196 DH itu oleng.",
        "Pasien Covid-19 bertambah.",
        "Pasien Covid - 19 bertambah.",
        "KTT G20 digelar di Bali.",
        "Era Industri 4.0 dimulai.",
        "Ia bermain di Liga 1 musim ini.",
        "Chipset Snapdragon 625 dipakai.",
        "Ponsel Galaxy S8 dirilis.",
        "Ponselnya iPhone 11 dan tabletnya iPad 9.",
        "Timnas U-22 berlatih.",
        "Jaringan 5G segera hadir.",
        "Arsenal kalah 2-1 dari Chelsea.",
        "Federer menang dengan skor 6-2, 6-7(5), 6-3.",
        "Laga berakhir 0-3 untuk tim tamu.",
        "Formasi 4-2-3-1 dipakai pelatih.",
        "Baca di https://www.kompas.com/read/2019/09/10/21485171/berita-ini.",
        "Sumber: kompas.com/read/2019/09/10 menulis.",
        "Salah satu korban selamat.",
        "Ia satu-satunya saksi.",
        "Mereka saling membantu satu sama lain.",
        "Kendaraan roda empat dilarang lewat.",
        "Pertemuan empat mata itu tertutup.",
        "Musim 2016/2017 berakhir.",
        "Kode 3/32GB tersedia.",
        "Ganda putri bertanding di lapangan dua melawan Jepang.",
        "Mereka menginap di hotel bintang empat dekat pantai.",
        "Restoran bintang 5 itu ramai.",
        "Tim itu berjuang masuk empat besar klasemen.",
        "Persija lolos ke babak 16 besar.",
        "Tidak ada satu pun warga yang terluka.",
        "Pemerintah tidak setengah-setengah membantu petani.",
    ],
)
def test_no_fact(text):
    assert summaries(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harga naik ke 3 persen.", [("percent", 3.0)]),
        ("Jaraknya 5 km 200 meter.", [("quantity", 5.0, "km"), ("quantity", 200.0, "meter")]),
        ("Korban menjadi 2 orang, bukan ke-2.", [("quantity", 2.0, "orang")]),
        ("RAM 3 GB dipasang.", [("quantity", 3.0, "gb")]),
        ("1. Satu kali penerbangan ke Pontianak.", [("quantity", 1.0, "kali")]),
        ("Ia juara tiga kali di turnamen itu.", [("quantity", 3.0, "kali")]),
        ("Stadion itu punya lapangan seluas dua hektare.", [("quantity", 2.0, "hektare")]),
    ],
)
def test_amount_next_to_exclusion_cues(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pesawat Boeing 737 MAX dilarang terbang.",
        "Ia tinggal di Kelurahan Mangga Dua Selatan.",
        "Rumus itu 2016/2017 tidak berlaku.",
        "Ia finis di posisi 10 dunia.",
    ],
)
def test_more_names_and_codes(text):
    assert summaries(text) == []


def test_version_numbers_and_bracketed_dates():
    from .conftest import make_doc

    doc = make_doc("Sekolah menyongsong revolusi industri 4.0 sejak peluncuran (18/9/2019) lalu.",
                   pub="2019-09-19")
    from nlp_news.rules import extract_facts

    facts = extract_facts(doc)
    assert [(f.kind, f.text, f.iso) for f in facts] == [("date", "18/9/2019", "2019-09-18")]


@pytest.mark.parametrize("text, years", [
    ("Atlet Asian Games 2018 itu pulang.", ["2018"]),
    ("JICOMFEST 2019 digelar meriah.", ["2019"]),
    ("Pekan keempat Liga Spanyol 2019-2020 berlanjut.", ["2019", "2020"]),
])
def test_a_year_in_an_event_name_is_a_date(text, years):
    """The event is no entity, but its year says when (annotation decision D24)."""
    facts = facts_of(text)
    assert [(f.kind, f.iso, f.precision) for f in facts] == [("date", y, "year") for y in years]


@pytest.mark.parametrize("text, year", [
    ("Ia melanggar UU Nomor 40 Tahun 1999 tentang Pers.", "1999"),
    ("Peraturan Permendag 29 tahun 2019 dicabut.", "2019"),
    ("Berkas itu bernomor 58/PL.01.1/2018.", "2018"),
    ("Keputusan Menteri ESDM Nomor 1410 K/30/MEM/2018 berlaku.", "2018"),
    ("Putusan MK Nomor 85/PUU-XII/2013 membatalkan undang-undang itu.", "2013"),
])
def test_the_year_of_a_document_number_is_a_date(text, year):
    """The rest of the number is an identifier; its year is the citation year (D15)."""
    facts = facts_of(text)
    assert [(f.kind, f.iso, f.text) for f in facts] == [("date", year, facts[0].text)]
    assert facts[0].text.endswith(year)


@pytest.mark.parametrize("text", [
    "Aturan itu PP 60/2008 dan UU 30/2002 berlaku.",
    "Kodenya 123/456/2019 dan tautannya kompas.com/read/AB/2019/09 saja.",
])
def test_numbers_with_a_year_but_no_letters_stay_identifiers(text):
    assert summaries(text) == []
