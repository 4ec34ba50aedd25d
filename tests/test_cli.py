import subprocess
import sys

import pandas as pd

from nlp_news.cli import main


def _run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "nlp_news", *args], input=stdin,
                          capture_output=True, text=True)


def test_annotate_example_files(tmp_path, example_txt, example_jsonl, capsys):
    out = tmp_path / "out"
    code = main(["annotate", str(example_txt), str(example_jsonl), "--out", str(out),
                 "--no-ner", "--quiet"])
    assert code == 0
    docs = pd.read_csv(out / "documents.csv")
    assert list(docs["doc_id"]) == ["moskow_undang_faksi_palestina", "contoh-001", "contoh-002"]
    assert (docs["status"] == "ok").all()
    assert docs.loc[0, "reporter"] == "Dewi Lestari Handayani"
    assert docs.loc[2, "date"] == "2024-02-20T10:05:00+07:00"
    facts = pd.read_csv(out / "facts.csv")
    assert set(facts["doc_id"]) == set(docs["doc_id"])
    assert (out / "entities.csv").read_text().startswith("doc_id,sent_index,start_char")
    assert "3 articles ok, 0 failed" in capsys.readouterr().err


def test_bad_input_is_reported_and_nothing_is_lost(tmp_path):
    dump = tmp_path / "campur.jsonl"
    dump.write_bytes(b'{"id": "a", "text": "Sebanyak 3 orang tewas di Solo."}\n'
                     b'{"id": "b", "text": ""}\n'
                     b'not json at all\n'
                     b'{"id": "c", "text": "\xc3\x28 rusak"}\n'
                     b'{"id": "d", "paragraphs": ["Harga naik 5 persen."]}\n')
    binary = tmp_path / "gambar.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = _run("annotate", str(dump), str(binary), "--out", str(tmp_path / "o"),
                  "--no-ner", "--format", "jsonl")
    assert result.returncode == 1
    assert "4 article(s) failed" in result.stderr
    docs = pd.read_json(tmp_path / "o" / "documents.jsonl", lines=True)
    assert list(docs["status"]) == ["ok", "error", "error", "error", "ok", "error"]
    errors = list(docs["error"].dropna())
    assert errors[0] == f"{dump}:2: empty article"
    assert errors[1].startswith(f"{dump}:3: invalid JSON")
    assert errors[2].startswith(f"{dump}:4: invalid UTF-8")
    assert errors[3] == f"{binary}: binary file (NUL bytes), not text"
    assert list(docs["doc_id"])[:5] == ["a", "b", "campur:3", "campur:4", "d"]


def test_stdin_and_missing_file(tmp_path):
    result = _run("annotate", "-", "--out", str(tmp_path / "s"), "--no-ner",
                  stdin='{"id": "x", "text": "Gempa 5,6 SR mengguncang Cianjur."}\n')
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(tmp_path / "s" / "documents.csv")["doc_id"].tolist() == ["x"]
    result = _run("annotate", str(tmp_path / "tidak-ada.jsonl"), "--out", str(tmp_path / "m"))
    assert result.returncode == 2
    assert "tidak-ada.jsonl: no such file" in result.stderr


def test_help_lists_commands():
    result = _run("--help")
    assert result.returncode == 0
    for command in ("annotate", "evaluate", "train"):
        assert command in result.stdout


def test_info_names_the_model_and_its_folder(capsys):
    from nlp_news import __version__
    from nlp_news.models import DEFAULT_DIR

    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"nlp_news {__version__}\nmodel id_news version ")
    assert f"model folder {DEFAULT_DIR}" in out
    assert "id_news.ner.pt  sha256 " in out
