"""Nothing written through a link, CSV that round-trips, cells a spreadsheet cannot run (#37).

Every case runs on the project's own small files, written here.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp_news import batch, cli, output_folder, safe_files, tables, writers
from nlp_news.annotate import Annotations
from nlp_news.config import Config
from nlp_news.report import build

TEXTS = ["Polisi menangkap dua tersangka di Bandung pada Senin (3/6/2019).",
         "Warga Sleman menanam 1.200 pohon di lereng Merapi pada Minggu (2/6/2019).",
         "Pemerintah Kota Medan menyalurkan bantuan Rp 2,5 miliar kepada 300 keluarga."]


def _dump(folder: Path, name: str = "berita.jsonl", n: int = 3, **extra) -> Path:
    path = folder / name
    lines = [json.dumps({"id": f"b{i}", "text": TEXTS[i % len(TEXTS)], **extra})
             for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _annotate(*args: str) -> int:
    return cli.main(["annotate", *args, "--no-ner", "-q"])


def _secret(tmp_path: Path) -> tuple[Path, str]:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("kata sandi: jangan disalin\n", encoding="utf-8")
    return secret, secret.read_text(encoding="utf-8")


# ------------------------------------------------------------------ links in the output folder


def test_a_lock_link_in_an_empty_out_is_refused_and_its_target_untouched(tmp_path, capsys):
    secret, before = _secret(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / output_folder.LOCK).symlink_to(secret)
    assert _annotate(str(_dump(tmp_path)), "--out", str(out)) == cli.EXIT_USAGE
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "symbolic link" in line
    assert secret.read_text(encoding="utf-8") == before
    assert not (out / "documents.csv").exists()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_links_planted_as_partial_files_are_replaced_never_written_through(tmp_path, fmt):
    dump = _dump(tmp_path)
    out = tmp_path / "out"
    assert _annotate(str(dump), "--out", str(out), "--format", fmt) == 0
    secret, before = _secret(tmp_path)
    for name in (f".documents.{fmt}.partial", f".entities.{fmt}.partial",
                 f".entity_summary.{fmt}.partial", output_folder.MARKER + ".partial"):
        (out / name).symlink_to(secret)
    assert _annotate(str(dump), "--out", str(out), "--format", fmt) == 0
    assert secret.read_text(encoding="utf-8") == before
    assert len(Annotations.load(out).documents) == 3
    assert not any(p.is_symlink() for p in out.iterdir())


def test_the_parts_folder_as_a_link_is_removed_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    keep = elsewhere / "keep.txt"
    keep.write_text("tetap\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    output_folder.write_marker(out, "complete")
    (out / batch.PARTS_DIR).symlink_to(elsewhere, target_is_directory=True)
    assert _annotate(str(_dump(tmp_path)), "--out", str(out)) == 0
    assert keep.read_text(encoding="utf-8") == "tetap\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]


def _interrupted(tmp_path: Path) -> tuple[Path, Path]:
    dump = _dump(tmp_path, n=20)
    out = tmp_path / "out"
    out.mkdir()
    config = batch.BatchConfig(out=out, chunk_size=10, pipeline=Config(ner=False), quiet=True)
    parts, _ = batch._prepare_parts(config, [str(dump)])
    batch.process_chunk(0, list(batch.read_articles([dump]))[:10], str(parts), config)
    return dump, parts


@pytest.mark.parametrize("planted", ["0000000.documents.csv", "0000000.entities.parquet",
                                     "0000000.done",
                                     "0000000.summary.json"])
def test_resume_refuses_a_part_file_that_is_a_link(tmp_path, capsys, planted):
    dump, parts = _interrupted(tmp_path)
    secret, before = _secret(tmp_path)
    (parts / planted).unlink()
    (parts / planted).symlink_to(secret)
    code = _annotate(str(dump), "--out", str(parts.parent), "--chunk-size", "10", "--resume")
    assert code == cli.EXIT_USAGE
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "symbolic link" in line and planted in line
    assert not (parts.parent / "documents.csv").exists()
    assert secret.read_text(encoding="utf-8") == before


def test_resume_refuses_a_part_file_that_is_a_fifo_or_a_hard_link(tmp_path, capsys):
    dump, parts = _interrupted(tmp_path)
    part = parts / "0000000.entities.parquet"
    part.unlink()
    os.mkfifo(part)
    code = _annotate(str(dump), "--out", str(parts.parent), "--chunk-size", "10", "--resume")
    assert code == cli.EXIT_USAGE and "not a regular file" in capsys.readouterr().err
    part.unlink()
    secret, _ = _secret(tmp_path)
    os.link(secret, part)
    code = _annotate(str(dump), "--out", str(parts.parent), "--chunk-size", "10", "--resume")
    assert code == cli.EXIT_USAGE and "hard link" in capsys.readouterr().err


def test_the_lock_file_is_gone_before_the_lock_is_released(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    lock = out / output_folder.LOCK
    seen = []
    real_close = os.close

    def close(fd):
        seen.append(lock.exists())
        real_close(fd)

    with output_folder.locked(out):
        assert lock.read_text(encoding="utf-8") == str(os.getpid())
        monkeypatch.setattr(os, "close", close)
    monkeypatch.undo()
    assert seen == [False] and not lock.exists()


def test_a_lock_taken_on_a_removed_file_is_taken_again(tmp_path, monkeypatch):
    """The race the order above closes from the other side: a run that opened the lock file
    just before the previous run removed it locks the new file, not the removed one."""
    out = tmp_path / "out"
    out.mkdir()
    lock = out / output_folder.LOCK
    real_open = safe_files.open_lock
    calls = []

    def stale_then_real(path):
        calls.append(path)
        fd = real_open(path)
        if len(calls) == 1:
            os.unlink(path)  # the previous run removes the file we just opened
        return fd

    monkeypatch.setattr(safe_files, "open_lock", stale_then_real)
    with output_folder.locked(out):
        assert len(calls) == 2 and lock.exists()
    assert not lock.exists()


# ------------------------------------------------------------------ links in a report folder


def test_report_writes_through_no_link(tmp_path):
    out = tmp_path / "out"
    assert _annotate(str(_dump(tmp_path)), "--out", str(out)) == 0
    report = out / "report"
    report.mkdir()
    secret, before = _secret(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (report / "index.html").symlink_to(secret)
    (report / build.REPORT_MARKER).symlink_to(secret)
    with pytest.raises(ValueError, match="not a report of nlp-news"):
        build.build_report(out)  # a marker that is a link does not make a folder a report
    (report / build.REPORT_MARKER).unlink()
    (report / build.REPORT_MARKER).write_text("x\n", encoding="utf-8")
    (report / "data").symlink_to(elsewhere, target_is_directory=True)
    build.build_report(out)
    assert secret.read_text(encoding="utf-8") == before
    assert list(elsewhere.iterdir()) == []
    assert not (report / "data").is_symlink() and (report / "data" / "overview.js").is_file()
    assert not (report / "index.html").is_symlink()
    shutil.rmtree(report)
    report.symlink_to(elsewhere, target_is_directory=True)  # planted as the default --to
    with pytest.raises(ValueError, match="symbolic link"):
        build.build_report(out)
    assert list(elsewhere.iterdir()) == []


def test_an_out_or_to_the_user_gives_as_a_link_is_used(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert _annotate(str(_dump(tmp_path)), "--out", str(link)) == 0
    assert len(Annotations.load(real).documents) == 3
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "report-link").symlink_to(reports, target_is_directory=True)
    build.build_report(link, tmp_path / "report-link")
    assert (reports / "data" / "overview.js").is_file()


# ------------------------------------------------------------------ CSV that round-trips

_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    min_size=1, max_size=30)


def _documents(values: list[str]) -> pd.DataFrame:
    rows = [{"doc_id": f"d{i}", "title": v, "source": v[::-1], "metadata": v, "status": "ok",
             "n_chars": i} for i, v in enumerate(values)]
    return tables.frame(rows, tables.DOCUMENTS)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(_ANY_TEXT, min_size=1, max_size=6))
def test_any_string_round_trips_through_csv(tmp_path_factory, values):
    out = tmp_path_factory.mktemp("rt")
    empty = {name: tables.frame([], schema) for name, schema in tables.ALL_SCHEMAS.items()}
    Annotations(**{**empty, "documents": _documents(values)}).to_csv(out)
    raw = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert len(raw) == len(values) and list(raw["doc_id"]) == [f"d{i}" for i in
                                                                range(len(values))]
    back = Annotations.load(out).documents
    assert list(back["title"]) == values
    assert list(back["source"]) == [v[::-1] for v in values]
    assert list(back["n_chars"]) == list(range(len(values)))


def test_a_bare_carriage_return_stays_in_its_field_end_to_end(tmp_path):
    dump = tmp_path / "cr.jsonl"
    dump.write_text("\n".join(json.dumps({"id": f"c{i}", "title": f"Judul\rbaris {i}",
                                          "source": "Koran\rSore", "text": TEXTS[i]})
                              for i in range(3)) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _annotate(str(dump), "--out", str(out)) == 0
    raw = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert list(raw["doc_id"]) == ["c0", "c1", "c2"]
    docs = Annotations.load(out).documents
    assert list(docs["title"]) == [f"Judul\rbaris {i}" for i in range(3)]
    assert set(docs["source"]) == {"Koran\rSore"}
    assert build.build_report(out).documents == 3


# ------------------------------------------------------------------ cells that run formulas

FORMULAS = ["=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "+62 812 555", "-2+3",
            "@SUM(A1:A2)", "\tTab", "'=sudah", "'biasa"]


def test_formula_cells_are_neutralised_in_csv_and_kept_raw_elsewhere(tmp_path):
    dump = tmp_path / "rumus.jsonl"
    dump.write_text("\n".join(json.dumps({"id": value, "title": value, "source": value,
                                          "text": TEXTS[0]})
                              for value in FORMULAS) + "\n", encoding="utf-8")
    for fmt in ("csv", "jsonl", "parquet"):
        assert _annotate(str(dump), "--out", str(tmp_path / fmt), "--format", fmt) == 0
        docs = Annotations.load(tmp_path / fmt).documents
        assert list(docs["doc_id"]) == FORMULAS and list(docs["title"]) == FORMULAS
    raw = pd.read_csv(tmp_path / "csv" / "documents.csv", dtype=str, keep_default_na=False)
    expected = ["'" + v if v[0] in "=+-@\t" or v.startswith("'=") else v for v in FORMULAS]
    for column in ("doc_id", "title", "source"):
        assert list(raw[column]) == expected
    for column in ("doc_id", "title", "source"):
        assert not raw[column].str.match(r"[=+\-@\t\r]").any()
    lines = (tmp_path / "jsonl" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == FORMULAS


def test_negative_numbers_stay_numbers():
    df = pd.DataFrame({"value": [-5.0, 2.0], "text": ["-5 persen", "dua"]})
    safe = writers.neutralise_formulas(df)
    assert list(safe["value"]) == [-5.0, 2.0] and list(safe["text"]) == ["'-5 persen", "dua"]
    assert writers.restore_formulas(safe).equals(df) and list(df["text"])[0] == "-5 persen"


# ------------------------------------------------------------------ the report's inputs


def _finished(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "masukan"
    data.mkdir()
    dump = _dump(data)
    out = tmp_path / "out"
    assert _annotate(str(dump), "--out", str(out)) == 0
    return dump, out


def _set_inputs(out: Path, inputs) -> None:
    marker = json.loads((out / output_folder.MARKER).read_text(encoding="utf-8"))
    marker["run"]["inputs"] = inputs
    (out / output_folder.MARKER).write_text(json.dumps(marker), encoding="utf-8")


def test_a_marker_naming_a_device_is_refused_unread(tmp_path):
    _, out = _finished(tmp_path)
    _set_inputs(out, [{"input": "/dev/zero", "files": [{"path": "zero", "bytes": 1,
                                                          "sha256": "0"}]}])
    summary = build.build_report(out)
    assert "not a regular file" in summary.texts and summary.documents == 3


@pytest.mark.parametrize("inputs", [[{"input": 5}], ["teks"], [{"input": "a", "files": 3}],
                                    [None]])
def test_a_malformed_marker_entry_is_no_internal_error(tmp_path, capsys, inputs):
    _, out = _finished(tmp_path)
    _set_inputs(out, inputs)
    assert cli.main(["report", str(out), "-q"]) == cli.EXIT_OK
    assert "malformed" in build.build_report(out).texts


def test_report_data_names_inputs_by_base_name_only(tmp_path):
    dump, out = _finished(tmp_path)
    bad = dump.parent / "rusak.jsonl"
    bad.write_text("{bukan json\n", encoding="utf-8")
    out2 = tmp_path / "out2"
    assert _annotate(str(dump), str(bad), "--out", str(out2)) == cli.EXIT_FAILED_ARTICLES
    build.build_report(out2)
    dump.write_text(dump.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed
    build.build_report(out2)
    folder = str(dump.parent)
    for path in (out2 / "report" / "data").rglob("*.js"):
        assert folder not in path.read_text(encoding="utf-8"), path


# ------------------------------------------------------------------ a finished run's folder


def test_a_finished_run_is_replaced_by_other_inputs_only_with_overwrite(tmp_path, capsys):
    dump, out = _finished(tmp_path)
    other = _dump(tmp_path, "lain.jsonl", n=2)
    capsys.readouterr()
    assert _annotate(str(other), "--out", str(out)) == cli.EXIT_USAGE
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "finished run of other inputs (berita.jsonl)" in line and "--overwrite" in line
    assert len(Annotations.load(out).documents) == 3
    assert _annotate(str(dump), "--out", str(out)) == 0  # the same inputs again
    assert _annotate(str(other), "--out", str(out), "--overwrite") == 0
    assert len(Annotations.load(out).documents) == 2
