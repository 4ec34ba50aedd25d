"""Money, percentages and quantities: values, units, currencies, ranges and vagueness."""

from __future__ import annotations

import pytest

from .conftest import facts_of, summaries

IDR, USD = "IDR", "USD"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kerugian ditaksir Rp441,5 miliar.", [("money", 441.5e9, IDR)]),
        ("Dana Rp 3 M disiapkan.", [("money", 3e9, IDR)]),
        ("Proyek itu bernilai Rp 10 T.", [("money", 10e12, IDR)]),
        ("Harganya Rp 30.000 per buah.", [("money", 30000.0, IDR)]),
        ("Tarif Rp.500.000 berlaku.", [("money", 500000.0, IDR)]),
        ("Ia membayar IDR 2,5 juta.", [("money", 2.5e6, IDR)]),
        ("Sumbangan 50 ribu rupiah diterima.", [("money", 50000.0, IDR)]),
        ("Kas desa tinggal 750 rb.", [("quantity", 750000.0, None)]),
        ("Gajinya Rp 8 jt sebulan.", [("money", 8e6, IDR)]),
        ("Biayanya US$ 30 juta.", [("money", 30e6, USD)]),
        ("Nilainya USD 5 ribu.", [("money", 5000.0, USD)]),
        ("Harga minyak 80 dolar AS per barel.", [("money", 80.0, USD)]),
        ("Investasi 300 juta dolar Amerika Serikat masuk.", [("money", 300e6, USD)]),
        ("Kontrak 10 juta euro diteken.", [("money", 10e6, "EUR")]),
        ("Harganya 15.000 yen saja.", [("money", 15000.0, "JPY")]),
        ("Valuasi 100 juta yuan tercapai.", [("money", 100e6, "CNY")]),
        ("Denda 30 ribu ringgit dijatuhkan.", [("money", 30000.0, "MYR")]),
        ("Biaya sewa 2.500 dolar Singapura.", [("money", 2500.0, "SGD")]),
        ("Transfer 89 juta pounds dicatat.", [("money", 89e6, "GBP")]),
        ("Tiketnya € 180 juta.", [("money", 180e6, "EUR")]),
        ("Harga Rp 2.7 jutaan saja.", [("money", 2.7e6, IDR)]),
        ("Sebesar Rp5.000 (lima ribu rupiah) dipungut.", [("money", 5000.0, IDR)]),
        ("Uang Rp satu juta dibagikan.", [("money", 1e6, IDR)]),
        ("Ada ratusan juta rupiah hilang.", [("money", 1e8, IDR)]),
    ],
)
def test_money(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ekspor naik 12,5 persen.", [("percent", 12.5)]),
        ("Sebanyak 63% warga setuju.", [("percent", 63.0)]),
        ("Suku bunga naik 0,25 poin persentase.", [("percent", 0.25)]),
        ("Inflasi 3 persen, naik 0,5 poin.", [("percent", 3.0), ("percent", 0.5)]),
        ("Porsinya setengah persen saja.", [("percent", 0.5)]),
        ("Pertumbuhan 5-10 persen diharapkan.", [("percent", 5.0), ("percent", 10.0)]),
        ("Sahamnya 51 prosen.", [("percent", 51.0)]),
        ("Sekitar 40 % lahan rusak.", [("percent", 40.0)]),
    ],
)
def test_percent(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Korban mencapai 28.985 orang.", [("quantity", 28985.0, "orang")]),
        ("Ia membeli dua buah pipet.", [("quantity", 2.0, "pipet")]),
        ("Ada 3 (tiga) unit mobil.", [("quantity", 3.0, "mobil")]),
        ("Jaraknya 22 km dari kota.", [("quantity", 22.0, "km")]),
        ("Beras 3.750 ton didatangkan.", [("quantity", 3750.0, "ton")]),
        ("Lahan seluas 60 hektare terbakar.", [("quantity", 60.0, "hektare")]),
        ("Lahan 12 ha disegel.", [("quantity", 12.0, "ha")]),
        ("Ia dipenjara 7 tahun.", [("quantity", 7.0, "tahun")]),
        ("Sidang berlangsung 3 hari.", [("quantity", 3.0, "hari")]),
        ("Video berdurasi 97 detik itu viral.", [("quantity", 97.0, "detik")]),
        ("Memori 64GB tersedia.", [("quantity", 64.0, "gb")]),
        ("Baterai 4100 mAh dipasang.", [("quantity", 4100.0, "mah")]),
        ("Kecepatannya 100 km/jam.", [("quantity", 100.0, "km/jam")]),
        ("Mobil itu mencapai 180 kpj.", [("quantity", 180.0, "km/jam")]),
        ("Mesinnya bertenaga 120 tenaga kuda.", [("quantity", 120.0, "tenaga kuda")]),
        ("Ruang pamer 7.200 kaki persegi dibuka.", [("quantity", 7200.0, "kaki persegi")]),
        ("Hujan turun 1,5 jam.", [("quantity", 1.5, "jam")]),
        ("Penduduknya 270 juta jiwa.", [("quantity", 270e6, "jiwa")]),
        ("Ia mencetak 121 gol.", [("quantity", 121.0, "gol")]),
        ("Ada sekitar selusin kelompok.", [("quantity", 12.0, "kelompok")]),
        ("Dua puluh lima siswa lulus.", [("quantity", 25.0, "siswa")]),
        ("Seratus orang hadir.", [("quantity", 100.0, "orang")]),
        ("Seribu rumah terendam.", [("quantity", 1000.0, "rumah")]),
        ("Sejuta pohon ditanam.", [("quantity", 1e6, "pohon")]),
        ("Satu setengah jam berlalu.", [("quantity", 1.5, "jam")]),
        ("Empat ekor sapi mati.", [("quantity", 4.0, "sapi")]),
        ("Ribuan orang berkumpul.", [("quantity", 1000.0, "orang")]),
        ("Puluhan ribu warga mengungsi.", [("quantity", 10000.0, "warga")]),
        ("Belasan rumah rusak.", [("quantity", 10.0, "rumah")]),
        ("Sebanyak 1,5 juta dosis tiba.", [("quantity", 1.5e6, "dosis")]),
        ("Ia tampil 15 kali.", [("quantity", 15.0, "kali")]),
        ("Indeks ditutup di 976.", [("quantity", 976.0, None)]),
        ("Dua anaknya selamat.", [("quantity", 2.0, "anak")]),
        ("Pria 26 tahun itu ditangkap.", [("quantity", 26.0, "tahun")]),
    ],
)
def test_quantity(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harganya 5-10 juta.", [("quantity", 5e6, None), ("quantity", 10e6, None)]),
        ("Tiket Rp5-10 juta.", [("money", 5e6, IDR), ("money", 10e6, IDR)]),
        (
            "Antara 10 hingga 20 orang datang.",
            [("quantity", 10.0, "orang"), ("quantity", 20.0, "orang")],
        ),
        ("Butuh 2-3 minggu.", [("quantity", 2.0, "minggu"), ("quantity", 3.0, "minggu")]),
        (
            "Harganya Rp 421 juta sampai Rp 587 juta.",
            [("money", 421e6, IDR), ("money", 587e6, IDR)],
        ),
        (
            "Kira-kira USD 5 ribu hingga USD 15 ribu.",
            [("money", 5000.0, USD), ("money", 15000.0, USD)],
        ),
        (
            "Unduhan di rentang 100-500 unduhan.",
            [("quantity", 100.0, "unduhan"), ("quantity", 500.0, "unduhan")],
        ),
        ("Kerja 20 s.d 24 jam.", [("quantity", 20.0, "jam"), ("quantity", 24.0, "jam")]),
    ],
)
def test_ranges(text, expected):
    assert summaries(text) == expected


def test_range_gives_two_facts_with_their_own_text():
    first, second = facts_of("Tiket Rp5-10 juta.")
    assert (first.text, second.text) == ("Rp5", "10 juta")


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("Sekitar 500 orang hadir.", True),
        ("Hampir 500 orang hadir.", True),
        ("Kurang lebih 500 orang hadir.", True),
        ("Lebih dari 500 orang hadir.", True),
        ("Jumlahnya berkisar 500 orang.", True),
        ("Selisihnya ± 5 persen.", True),
        ("Nilainya Rp 305 juta lebih.", True),
        ("Ratusan orang hadir.", True),
        ("Harga Rp 1,4 jutaan.", True),
        ("Tepat 500 orang hadir.", False),
    ],
)
def test_approx(text, approx):
    (fact,) = facts_of(text)
    assert fact.approx is approx


def test_money_span_suppresses_bare_number():
    facts = facts_of("Denda sebesar Rp 50 juta dibayar.")
    assert [(f.kind, f.text) for f in facts] == [("money", "Rp 50 juta")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Juara mendapat uang Rp. 7.000.000,- dan helm.", [("money", 7e6, IDR)]),
        ("Tiket dijual mulai dari Rp 200 hingga Rp 900 ribu.",
         [("money", 200000.0, IDR), ("money", 900000.0, IDR)]),
        ("Tekanan turun dari 82 mmHg ke 75 mmHg.",
         [("quantity", 82.0, "mmhg"), ("quantity", 75.0, "mmhg")]),
        ("Sepertiga darinya milik Telkom.", [("quantity", 0.333333, None)]),
        ("Lima wakil Indonesia lolos.", [("quantity", 5.0, "wakil")]),
    ],
)
def test_more_amounts(text, expected):
    assert summaries(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an index level after a position word is a level, not a position (D31)
        ("Indeks Straits Times turun 9,15 poin (0,27 persen) ke posisi 3.401,20.",
         [("quantity", 9.15, "poin"), ("percent", 0.27), ("quantity", 3401.2, None)]),
        ("Ia naik ke posisi 3 klasemen.", []),
        # points beside their own percentage are an index's, not percentage points
        ("Pasar menguat 4,21 poin atau setara dengan 0,08% hari itu.",
         [("quantity", 4.21, "poin"), ("percent", 0.08)]),
        ("Elektabilitasnya 41 persen, naik 3 poin dari survei lalu.",
         [("percent", 41.0), ("percent", 3.0)]),
        # a range of levels with decimals is no score; "2-1" is
        ("Indeks bergerak di level 5.112,40 – 5.180,2 sepanjang hari.",
         [("quantity", 5112.4, None), ("quantity", 5180.2, None)]),
        ("Persija menang 2-1 di kandang.", []),
        # day words, prepositions and moves after a number are no unit
        ("Indeks dibuka di 5.150,3 pagi tadi.", [("quantity", 5150.3, None),
                                                 ("date", "2024-02-21")]),
        ("Sebanyak 140 saham naik, 101 turun dan 98 stagnan.",
         [("quantity", 140.0, "saham"), ("quantity", 101.0, None), ("quantity", 98.0, None)]),
        ("Mereka menginap dua malam di Bogor.", [("quantity", 2.0, "malam")]),
        ("Bunga naik 25 basis poin, atau 25 bps.",
         [("quantity", 25.0, "basis poin"), ("quantity", 25.0, "basis poin")]),
        ("Laga itu dimainkan di lapangan 2 dan lantai 3.", []),
    ],
)
def test_market_figures(text, expected):
    assert summaries(text) == expected
