import gzip
import json
import subprocess
import sys

import pytest

from nlp_news.readers import InputError, read_articles


def _records(path, **kw):
    return list(read_articles(path, **kw))


def test_jsonl_records_keep_line_origins(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "a", "text": "Satu."}\n\n{"text": "Dua."}\n', encoding="utf-8")
    recs = _records(path)
    assert [r.data.get("id") for r in recs] == ["a", None]
    assert recs[1].origin == f"{path}:3"
    assert recs[1].default_id == "dump:3"


def test_gzip_jsonl(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Berita di Medan."}) + "\n")
    assert _records(path)[0].data["text"] == "Berita di Medan."


def test_csv_and_tsv_with_other_text_column(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text('id,isi\nx1,"Baris satu,\ndengan koma"\nx2,Kedua\n', encoding="utf-8")
    recs = _records(csv_path, text_column="isi")
    assert [r.data["isi"] for r in recs] == ["Baris satu,\ndengan koma", "Kedua"]
    assert recs[1].origin.endswith(":4")
    tsv_path = tmp_path / "b.tsv"
    tsv_path.write_text("id\ttext\nt1\tTeks pertama\n", encoding="utf-8")
    assert _records(tsv_path)[0].data == {"id": "t1", "text": "Teks pertama"}


def test_folder_of_txt_files_ids_are_stems(tmp_path):
    (tmp_path / "b.txt").write_text("Berita kedua.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Berita pertama.", encoding="utf-8")
    with gzip.open(tmp_path / "c.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("Berita ketiga.")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    recs = _records(tmp_path)
    assert [r.default_id for r in recs] == ["a", "b", "c"]
    assert recs[2].data["text"] == "Berita ketiga."


def test_bad_lines_become_error_records(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "baik"}\n{"text": \n[1, 2]\n{"text": "\xff\xfe"}\n')
    recs = _records(path)
    assert len(recs) == 4
    assert recs[0].error is None
    assert "bad.jsonl:2: invalid JSON" in recs[1].error
    assert "bad.jsonl:3: expected a JSON object" in recs[2].error
    assert "bad.jsonl:4: invalid UTF-8" in recs[3].error


def test_binary_file_is_one_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (rec,) = _records(path)
    assert "binary file" in rec.error and "image.txt" in rec.error


def test_corrupt_gzip_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "broken.jsonl.gz"
    data = gzip.compress(b'{"text": "a"}\n' * 1000)
    path.write_bytes(data[: len(data) // 2])
    recs = _records(path)
    assert recs[-1].error and "broken.jsonl.gz" in recs[-1].error


def test_csv_without_text_column_is_an_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("judul,ringkasan\na,b\n", encoding="utf-8")
    (rec,) = _records(path)
    assert "no text column" in rec.error and "--text-column" in rec.error


def test_unknown_suffix_and_missing_path_raise(tmp_path):
    (tmp_path / "a.docx").write_text("x")
    with pytest.raises(InputError, match="unknown input format"):
        _records(tmp_path / "a.docx")
    with pytest.raises(InputError, match="no such file"):
        _records(tmp_path / "missing.jsonl")


def test_stdin_jsonl_and_text():
    code = ("import sys, nlp_news; "
            "print([r.data.get('text') for r in nlp_news.read_articles('-')])")
    out = subprocess.run([sys.executable, "-c", code], input=b'{"text": "dari stdin"}\n',
                         capture_output=True, check=True).stdout
    assert "dari stdin" in out.decode()
    out = subprocess.run([sys.executable, "-c", code], input=b"Teks biasa.\n",
                         capture_output=True, check=True).stdout
    assert "Teks biasa." in out.decode()


def test_reading_is_streamed(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(5000):
            handle.write(json.dumps({"id": str(i), "text": "x"}) + "\n")
    stream = read_articles(path)
    assert next(stream).data["id"] == "0"  # a generator: nothing read ahead of need
