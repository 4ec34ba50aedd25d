"""Users' own files in (#37): compressed input in bounded time, BOMs, NaN, column names,
CSV dialects, Excel, and the API's wrong types.  All on small files written here."""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
import time
import zlib
from pathlib import Path

import pytest

from nlp_news import readers
from nlp_news.readers import read_articles

SENTENCES = ["Polisi menangkap dua tersangka di Bandung pada Senin (3/6/2019).",
             "Warga Sleman menanam 1.200 pohon di lereng Merapi pada Minggu (2/6/2019).",
             "Pemerintah Kota Medan menyalurkan bantuan Rp 2,5 miliar kepada 300 keluarga.",
             "Banjir merendam 40 rumah di Kecamatan Dayeuhkolot, Kabupaten Bandung."]


def _jsonl(n: int, noise: bool = False) -> bytes:
    rnd = random.Random(n)
    return "".join(json.dumps({"id": f"r{i}", "text": SENTENCES[i % 4],
                               **({"nomor": [rnd.random() for _ in range(20)]} if noise else {})})
                   + "\n" for i in range(n)).encode()


# ------------------------------------------------------------------ gzip


def test_a_gzip_bomb_line_is_refused_quickly_without_being_held(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 4 << 20)
    bomb = b'{"id": "bom", "text": "' + b"a" * (64 << 20) + b'"}\n'
    path = tmp_path / "bom.jsonl.gz"
    path.write_bytes(gzip.compress(bomb + _jsonl(2), compresslevel=9))
    assert path.stat().st_size < 200_000
    start = time.perf_counter()
    records = list(read_articles(path))
    assert time.perf_counter() - start < 20
    assert [r.origin for r in records] == [f"{path}:{n}" for n in (1, 2, 3)]
    assert "longer than" in records[0].error and "not read" in records[0].error
    assert [r.data["id"] for r in records[1:]] == ["r0", "r1"]


def test_one_big_inflated_block_reads_in_linear_time(tmp_path):
    """A 9 MB line read whole (under the limit): the old reader copied the rest of its
    inflated block for every 8 KB read (minutes for 64 MB); this is a few seconds."""
    line = b'{"id": "panjang", "text": "' + b"Berita hari ini. " * 550_000 + b'"}\n'
    path = tmp_path / "panjang.jsonl.gz"
    path.write_bytes(gzip.compress(line, compresslevel=9))
    start = time.perf_counter()
    [record] = read_articles(path)
    assert time.perf_counter() - start < 30
    assert record.error is None and len(record.data["text"]) == 17 * 550_000


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_damage_keeps_every_record_that_ends_before_it(tmp_path, where):
    raw = _jsonl(400, noise=True)
    packed = bytearray(gzip.compress(raw))
    at = int(len(packed) * where)
    # the lines inflated whole from the bytes before the damage
    before = zlib.decompressobj(31).decompress(bytes(packed[:at])).count(b"\n")
    assert before > 10
    packed[at:at + 16] = bytes(b ^ 0xA5 for b in packed[at:at + 16])
    path = tmp_path / "rusak.jsonl.gz"
    path.write_bytes(bytes(packed))
    records = list(read_articles(path))
    assert [r.data.get("id") for r in records[:before]] == [f"r{i}" for i in range(before)]
    assert records[-1].error and "gzip" in records[-1].error
    assert [r.origin for r in records] == [f"{path}:{n}" for n in range(1, len(records) + 1)]
    assert "gzip" in records[-1].error


def test_gzip_stream_on_stdin_and_multi_member_still_read(tmp_path, monkeypatch):
    path = tmp_path / "dua.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl(2)) + gzip.compress(_jsonl(3)) + b"\x00" * 8)
    assert [r.data["id"] for r in read_articles(path)] == ["r0", "r1", "r0", "r1", "r2"]


def test_a_text_file_over_the_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "panjang.txt"
    path.write_text(("Baris berita.\n" * 200), encoding="utf-8")
    [record] = read_articles(path)
    assert record.error and "not read" in record.error and str(path) in record.error


def test_an_over_long_csv_line_is_one_error_row_and_the_rest_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "panjang.csv"
    path.write_text("id,text\n1,Pendek.\n2," + "x" * 5000 + "\n3,Juga pendek.\n",
                    encoding="utf-8")
    records = list(read_articles(path))
    assert [r.origin for r in records] == [f"{path}:{n}" for n in (2, 3, 4)]
    assert records[1].error and "not read" in records[1].error
    assert [r.data.get("id") for r in records] == ["1", None, "3"]


# ------------------------------------------------------------------ BOM and NaN


def test_a_bom_does_not_cost_the_first_record(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _jsonl(3))
    assert [(r.error, r.data["id"]) for r in read_articles(path)] == [
        (None, "r0"), (None, "r1"), (None, "r2")]
    text = tmp_path / "bom.txt"
    text.write_bytes(b"\xef\xbb\xbf" + SENTENCES[0].encode())
    [record] = read_articles(text)
    assert record.data["text"] == SENTENCES[0]


def test_a_bom_on_stdin_still_detects_json_lines(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" +
                                                                   _jsonl(3))))
    records = list(read_articles("-"))
    assert [r.data.get("id") for r in records] == ["r0", "r1", "r2"]


def test_nan_and_infinity_are_read_as_null(tmp_path):
    from nlp_news.article import article_from_record
    from nlp_news.doc import Doc
    from nlp_news.tables import document_rows

    path = tmp_path / "nan.jsonl"
    path.write_text('{"id": "n", "text": "' + SENTENCES[1] + '", "skor": NaN, '
                    '"x": [Infinity, -Infinity]}\n', encoding="utf-8")
    [record] = read_articles(path)
    assert record.data["skor"] is None and record.data["x"] == [None, None]
    [row] = document_rows([Doc(article_from_record(record))])
    assert json.loads(row["metadata"]) == {"skor": None, "x": [None, None]}


# ------------------------------------------------------------------ column names and dialects


def _csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ",") -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep)
        writer.writerow(header)
        writer.writerows(rows)
    return path


INDONESIAN = (["judul", "isi", "tanggal", "link"],
              [["Penangkapan di Bandung", SENTENCES[0], "03/06/2019",
                "https://contoh.invalid/2019/06/03/a"],
               ["Menanam pohon", SENTENCES[1], "2019-06-02 10:15",
                "https://contoh.invalid/2019/06/02/b"]])


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_indonesian_column_names_and_any_delimiter(tmp_path, sep):
    from nlp_news.article import article_from_record

    path = _csv(tmp_path / "berita.csv", *INDONESIAN, sep=sep)
    records = list(read_articles(path))
    assert [r.error for r in records] == [None, None]
    first, second = (article_from_record(r) for r in records)
    assert first.text == SENTENCES[0] and first.title == "Penangkapan di Bandung"
    assert first.url.endswith("/a") and first.date.isoformat().startswith("2019-06-03")
    assert second.date.isoformat().startswith("2019-06-02T10:15")
    assert "tanggal" not in first.metadata and "date_unparsed" not in first.metadata


def test_columns_named_explicitly(tmp_path):
    from nlp_news.article import article_from_record

    path = _csv(tmp_path / "x.csv", ["kode", "naskah_lengkap", "kepala", "terbit", "alamat_web"],
                [["k-1", SENTENCES[2], "Bantuan Medan", "2019-06-04", "https://c.invalid/m"]])
    [record] = read_articles(path, text_column="naskah_lengkap",
                             columns={"id": "kode", "title": "kepala", "date": "terbit",
                                      "url": "alamat_web"})
    article = article_from_record(record)
    assert (article.doc_id, article.title, article.url) == ("k-1", "Bantuan Medan",
                                                            "https://c.invalid/m")
    assert article.date.isoformat().startswith("2019-06-04") and article.metadata == {}


def test_no_text_column_gives_one_error_row_per_record_naming_the_columns(tmp_path):
    path = _csv(tmp_path / "salah.csv", ["judul", "ringkasan"],
                [["A", "satu"], ["B", "dua"], ["C", "tiga"]])
    records = list(read_articles(path))
    assert [r.origin for r in records] == [f"{path}:{n}" for n in (2, 3, 4)]
    for record in records:
        assert "'judul', 'ringkasan'" in record.error and "--text-column" in record.error
    wrong = list(read_articles(path, columns={"date": "tgl"}, text_column="ringkasan"))
    assert len(wrong) == 3 and all("'tgl' (--date-column)" in r.error for r in wrong)


def test_json_lines_record_without_text_names_its_fields(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "a", "isi": "' + SENTENCES[0] + '"}\n{"id": "b", "body2": "x"}\n',
                    encoding="utf-8")
    first, second = read_articles(path)
    assert first.error is None
    assert "'id', 'body2'" in second.error and "--text-column" in second.error


def test_an_earlier_output_folder_inside_an_input_folder_is_not_read(tmp_path):
    from nlp_news import cli

    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_bytes(_jsonl(3))
    assert cli.main(["annotate", str(data), "--out", str(data / "hasil"), "--no-ner", "-q",
                     "--format", "jsonl"]) == 0
    assert cli.main(["annotate", str(data), "--out", str(tmp_path / "lagi"), "--no-ner",
                     "-q", "--format", "jsonl"]) == 0
    from nlp_news.annotate import Annotations

    assert len(Annotations.load(tmp_path / "lagi").documents) == 3


# ------------------------------------------------------------------ Excel


def _workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_excel_input_every_sheet_or_one(tmp_path):
    import datetime as dt

    from nlp_news.article import article_from_record

    path = _workbook(tmp_path / "berita.xlsx", {
        "Juni": [["Judul", "Isi", "Tanggal"],
                 ["Penangkapan", SENTENCES[0], dt.datetime(2019, 6, 3, 9, 30)],
                 [None, None, None],
                 ["Pohon", SENTENCES[1], "2019-06-02"]],
        "Juli": [["isi", "sumber"], [SENTENCES[2], "Koran Sore"]]})
    records = list(read_articles(path))
    assert [r.origin for r in records] == [f"{path}[Juni]:2", f"{path}[Juni]:4",
                                           f"{path}[Juli]:2"]
    first = article_from_record(records[0])
    assert first.title == "Penangkapan" and first.date.isoformat().startswith("2019-06-03T09:30")
    assert article_from_record(records[2]).source == "Koran Sore"
    assert [r.origin for r in read_articles(path, sheet="Juli")] == [f"{path}[Juli]:2"]
    [missing] = read_articles(path, sheet="Agustus")
    assert "'Juni', 'Juli'" in missing.error


def test_a_damaged_workbook_is_one_error_row(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 bukan workbook")
    [record] = read_articles(path)
    assert record.error and "Excel" in record.error and str(path) in record.error


def test_xlsx_output_one_sheet_per_table_long_cells_and_formulas(tmp_path):
    from openpyxl import load_workbook

    from nlp_news import cli, writers
    from nlp_news.annotate import Annotations

    long_text = (SENTENCES[3] + " ") * 700  # about 50,000 characters
    dump = tmp_path / "x.jsonl"
    dump.write_text(json.dumps({"id": "=1+1", "title": long_text, "text": SENTENCES[0]})
                    + "\n" + json.dumps({"id": "b", "text": SENTENCES[2]}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["annotate", str(dump), "--out", str(out), "--no-ner", "-q",
                     "--format", "xlsx"]) == 0
    book = load_workbook(out / writers.WORKBOOK, read_only=True)
    assert book.sheetnames == ["documents", "entities", "facts", "quotes", "entity_summary"]
    rows = list(book["documents"].iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=False))  # trailing empty cells are left out
    assert first["doc_id"] == "'=1+1"
    assert len(first["title"]) == writers.EXCEL_CELL_CHARS and first["title"].endswith("…")
    assert len(rows) == 3
    docs = Annotations.load(out).documents  # the JSON Lines tables keep every value whole
    assert list(docs["doc_id"]) == ["=1+1", "b"] and docs["title"][0] == long_text
    facts = list(book["facts"].iter_rows(values_only=True))
    assert len(facts) - 1 == len(Annotations.load(out).facts) > 0


# ------------------------------------------------------------------ the API's wrong types


def test_the_api_refuses_one_dict_bytes_and_non_iterables(tmp_path):
    import nlp_news
    from nlp_news.annotate import Annotations

    with pytest.raises(TypeError, match=r"pass \[article\]"):
        nlp_news.annotate({"id": "a", "text": SENTENCES[0]}, ner=False)
    with pytest.raises(TypeError, match="decode"):
        nlp_news.annotate(SENTENCES[0].encode(), ner=False)
    with pytest.raises(TypeError, match="int"):
        nlp_news.annotate(5, ner=False)
    import pandas as pd

    with pytest.raises(TypeError, match="to_dict"):
        nlp_news.annotate(pd.DataFrame({"isi": [SENTENCES[0]]}), ner=False)
    ann = nlp_news.annotate([{"id": "a", "isi": SENTENCES[0], "judul": "J"}], ner=False)
    assert list(ann.documents["status"]) == ["ok"] and list(ann.documents["title"]) == ["J"]
    with pytest.raises(FileNotFoundError, match="no such output folder"):
        Annotations.load(tmp_path / "tidak-ada")
    with pytest.raises(FileNotFoundError, match="no documents table"):
        Annotations.load(tmp_path)


# ------------------------------------------------------------------ options checked


@pytest.mark.parametrize(("options", "message"), [
    (["--chunk-size", "0"], "not 1 or more"),
    (["--jobs", "-3"], "not 1 or more"),
    (["--jobs", "dua"], "not a whole number"),
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"],
     "--jobs does nothing with --scheduler"),
    (["--resume", "--overwrite"], "--overwrite does nothing with --resume"),
    (["--input-format", "csv", "--tsv-quotes"], "--tsv-quotes does nothing"),
    (["--sheet", "Juni"], "--sheet is for Excel"),
    (["--input-format", "txt", "--title-column", "judul"], "plain text inputs have no"),
])
def test_options_that_do_nothing_or_cannot_work_are_usage_errors(tmp_path, capsys, options,
                                                                  message):
    from nlp_news import cli

    dump = tmp_path / "a.jsonl"
    dump.write_bytes(_jsonl(1))
    with pytest.raises(SystemExit) as stopped:
        code = cli.main(["annotate", str(dump), "--out", str(tmp_path / "o"), *options])
        raise SystemExit(code)
    assert stopped.value.code == cli.EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


# ------------------------------------------------------------------ a remote scheduler


@pytest.mark.parametrize("answer", [None, b"HTTP/1.1 400 Bad Request\r\n\r\n" * 40])
def test_a_scheduler_that_never_answers_or_answers_http_is_exit_3(tmp_path, capsys,
                                                                   monkeypatch, answer):
    import socket
    import threading

    pytest.importorskip("distributed")
    from nlp_news import batch, cli

    monkeypatch.setattr(batch, "SCHEDULER_TIMEOUT", 2.0)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    held = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            if answer is not None:
                conn.recv(100)
                conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    dump = tmp_path / "a.jsonl"
    dump.write_bytes(_jsonl(1))
    start = time.perf_counter()
    code = cli.main(["annotate", str(dump), "--out", str(tmp_path / "o"), "--no-ner", "-q",
                     "--engine", "dask", "--scheduler",
                     f"tcp://127.0.0.1:{server.getsockname()[1]}"])
    server.close()
    assert time.perf_counter() - start < 30
    assert code == cli.EXIT_IO
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "dask scheduler" in line and "internal error" not in line


def test_repeated_empty_and_extra_columns_lose_no_cell(tmp_path):
    from nlp_news.article import article_from_record

    path = _workbook(tmp_path / "dobel.xlsx", {"S": [["isi", None, "isi", "judul"],
                                                     [SENTENCES[0], "x", "kedua", "J", "lebih"]]})
    [record] = read_articles(path)
    article = article_from_record(record)
    assert article.text == SENTENCES[0] and article.title == "J"
    assert article.metadata == {"column_2": "x", "isi_2": "kedua", "column_5": "lebih"}
    csv_path = _csv(tmp_path / "dobel.csv", ["isi", "", "isi"], [[SENTENCES[1], "y", "dua"]])
    [record] = read_articles(csv_path)
    assert article_from_record(record).metadata == {"column_2": "y", "isi_2": "dua"}


def test_a_csv_with_old_mac_line_ends_gives_its_rows(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(("id;isi\r1;" + SENTENCES[0] + "\r2;" + SENTENCES[1] + "\r").encode())
    records = list(read_articles(path))
    assert [(r.error, r.data["id"], r.origin) for r in records] == [
        (None, "1", f"{path}:2"), (None, "2", f"{path}:3")]


def test_real_articles_as_an_indonesian_spreadsheet_csv_and_workbook(tmp_path):
    """200 real articles written as a spreadsheet in an Indonesian locale would write them
    (';', Indonesian column names, a BOM) and as a workbook: every one is read with its text,
    title, date and URL."""
    import csv

    from nlp_news.article import article_from_record

    from .conftest import shared_path

    source = shared_path("data/news/indosum/articles.jsonl")
    with source.open(encoding="utf-8") as handle:
        real = [json.loads(line) for _, line in zip(range(200), handle, strict=False)]
    header = ["id_berita", "judul", "isi", "tanggal", "link", "sumber"]
    rows = [[r["id"], r.get("title_slug"), r["text"], r["timestamp_from_id"], r["source_url"],
             r["source"]] for r in real]
    path = tmp_path / "berita.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    book = _workbook(tmp_path / "berita.xlsx", {"Berita": [header, *rows]})
    for file in (path, book):
        articles = [article_from_record(r) for r in read_articles(file)]
        assert [a.doc_id for a in articles] == [r["id"] for r in real]
        assert [a.text for a in articles] == [r["text"] for r in real]
        assert all(a.date is not None and a.url and a.source for a in articles)
        assert all("tanggal" not in a.metadata for a in articles)
