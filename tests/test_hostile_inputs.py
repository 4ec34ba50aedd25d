"""Nothing lost, nothing run: hostile inputs, output folders, resume checks, exit codes.

The hostile corpus is generated here (no file of it is committed); every case must give
exactly one ``documents`` row per record (or per unreadable stretch), an error naming file and
line, and never a traceback.
"""

import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nlp_news import batch, cli, output_folder, readers
from nlp_news.config import Config
from nlp_news.readers import InputError, check_inputs, read_articles

TEXT = "Gubernur Jawa Tengah meresmikan jembatan baru di Kabupaten Klaten pada Senin."


def _line(i, **extra):
    return json.dumps({"id": f"a{i}", "text": f"{TEXT} Warga ke-{i} hadir.", **extra})


def _gzip_lines(n):
    rnd = random.Random(n)
    lines = [_line(i, note=" ".join(str(rnd.random()) for _ in range(150))) for i in range(n)]
    return lines, gzip.compress(("\n".join(lines) + "\n").encode())


def _origins(records):
    return [r.origin for r in records]


def _cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "nlp_news", *args], capture_output=True,
                          text=True, timeout=timeout)


# ------------------------------------------------------------------------ readers


def test_json_values_python_refuses_become_error_rows(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join([
        _line(0),
        '{"id": "big", "text": "a", "n": ' + "9" * 5000 + "}",  # > 4,300 digits
        "[" * 100_000,  # nested too deep for the parser
        '{"id": "deep", "text": "b", "x": ' + "[" * 50_000 + "]" * 50_000 + "}",
        _line(4),
    ]) + "\n", encoding="utf-8")
    records = list(read_articles(path))
    assert _origins(records) == [f"{path}:{n}" for n in range(1, 6)]
    assert [r.error is None for r in records] == [True, False, False, False, True]
    assert "4300 digits" in records[1].error and "nested too deeply" in records[2].error


def test_lone_surrogates_are_replaced_one_for_one(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "\\ud800x", "title": "Judul \\udfff", "text": "Halo \\ud800 Bandung",'
                    ' "meta": {"k\\ud801": ["\\udc00"]}}\n', encoding="utf-8")
    [record] = read_articles(path)
    assert record.error is None
    assert record.data["id"] == "\ufffdx" and record.data["text"] == "Halo \ufffd Bandung"
    assert json.dumps(record.data, ensure_ascii=False).encode("utf-8")  # encodable


def test_damaged_gzip_keeps_every_record_before_the_damage(tmp_path):
    lines, raw = _gzip_lines(200)
    damaged = bytearray(raw)
    middle = len(damaged) * 3 // 5
    damaged[middle:middle + 40] = bytes(b ^ 0x55 for b in damaged[middle:middle + 40])
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(bytes(damaged))
    records = list(read_articles(path))
    ok = [r for r in records if r.error is None]
    assert 100 <= len(ok) < 200
    assert [r.data["id"] for r in ok[:100]] == [f"a{i}" for i in range(100)]
    assert records[-1].error and "gzip" in records[-1].error
    assert records[-1].origin.startswith(f"{path}:")


def test_gzip_with_a_bad_crc_gives_every_record_and_says_so(tmp_path):
    lines, raw = _gzip_lines(50)
    bad = bytearray(raw)
    bad[-8] ^= 0xFF  # the CRC32 of the trailer
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(bytes(bad))
    records = list(read_articles(path))
    assert [r.data.get("id") for r in records[:-1]] == [f"a{i}" for i in range(50)]
    assert "CRC" in records[-1].error and records[-1].origin == f"{path}:51"


def test_truncated_and_multi_member_gzip(tmp_path):
    one, two = gzip.compress((_line(0) + "\n").encode()), gzip.compress(
        (_line(1) + "\n" + _line(2)).encode())
    path = tmp_path / "m.jsonl.gz"
    path.write_bytes(one + two)
    assert [r.data["id"] for r in read_articles(path)] == ["a0", "a1", "a2"]
    path.write_bytes((one + two)[:-12])
    records = list(read_articles(path))
    assert [r.data.get("id") for r in records[:2]] == ["a0", "a1"]
    assert records[-1].error and "truncated" in records[-1].error


def test_csv_unclosed_quote_swallows_nothing(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('id,text\n1,"Banjir di Garut\n2,Gempa di Palu\n3,Hujan di Bogor\n'
                    '4,"Kata dia, ""aman"""\n', encoding="utf-8")
    records = list(read_articles(path))
    assert _origins(records) == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert "not closed" in records[0].error
    assert [r.data.get("text") for r in records[1:]] == [
        "Gempa di Palu", "Hujan di Bogor", 'Kata dia, "aman"']


def test_csv_quoted_multi_line_field_stays_one_row(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('id,text\n1,"Paragraf satu.\n\nParagraf dua."\n2,Lain\n', encoding="utf-8")
    records = list(read_articles(path))
    assert [r.data["text"] for r in records] == ["Paragraf satu.\n\nParagraf dua.", "Lain"]


def test_tsv_quotes_are_plain_text_unless_asked(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text('id\ttext\n1\t"Kata dia, bagus\n2\tGempa di Palu\n', encoding="utf-8")
    assert [r.data["text"] for r in read_articles(path)] == ['"Kata dia, bagus', "Gempa di Palu"]
    quoted = list(read_articles(path, tsv_quotes=True))
    assert quoted[0].error and [r.data.get("text") for r in quoted[1:]] == ["Gempa di Palu"]


def test_inputs_are_checked_before_any_is_read(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(_line(0) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no such file"):
        check_inputs([good, tmp_path / "missing.jsonl"])
    with pytest.raises(InputError, match="unknown input format"):
        check_inputs([good, tmp_path / "a.jsonl"][:1] + [_touch(tmp_path / "b.docx")])
    fifo = tmp_path / "f.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        check_inputs([fifo])
    with pytest.raises(InputError, match="not a regular file"):
        check_inputs(["/dev/zero"])
    with pytest.raises(InputError, match="inside the output folder"):
        check_inputs([good], exclude=tmp_path)


def _touch(path):
    path.write_text("x", encoding="utf-8")
    return path


def test_a_folder_input_never_reads_the_output_folder_inside_it(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_text(_line(0) + "\n" + _line(1) + "\n", encoding="utf-8")
    out = data / "out"
    out.mkdir()
    (out / "documents.jsonl").write_text(_line(9) + "\n", encoding="utf-8")
    assert len(list(read_articles([data], exclude=out))) == 2
    assert len(list(read_articles([data]))) == 3


# --------------------------------------------------------------- the CLI, end to end


def _hostile_corpus(folder: Path) -> int:
    """Write hostile inputs into ``folder``; return how many documents rows they must give."""
    folder.mkdir()
    rows = 0
    lines = [_line(0), "{not json", '{"id": 1, "n": ' + "7" * 4400 + "}", "[" * 20_000,
             '{"id": "sur\\ud800", "title": "\\udc80", "text": "Di Solo \\ud800 hujan."}',
             '"just a string"', '{"id": "ctl", "text": "Ada\\u0000 NUL \\u001b[31m di sini"}',
             '{"id": "empty", "text": ""}', '{"text": null}']
    (folder / "a.jsonl").write_bytes("\n".join(lines).encode() + b"\n\xff\xfe bad utf8\n")
    rows += len(lines) + 1
    (folder / "b.csv").write_text('id,text\n1,"runaway\n2,Dua\n3,Tiga\n4,Empat\n',
                                  encoding="utf-8")
    rows += 4
    (folder / "c.tsv").write_text('id\ttext\n1\t"Kutip\n2\tBiasa\n', encoding="utf-8")
    rows += 2
    _, raw = _gzip_lines(30)
    bad = bytearray(raw)
    bad[-8] ^= 0xFF
    (folder / "d.jsonl.gz").write_bytes(bytes(bad))
    rows += 31
    (folder / "e.txt").write_bytes(b"\x00\x01\x02" * 400)  # binary
    rows += 1
    return rows


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_hostile_corpus_one_row_each_no_traceback(tmp_path, fmt):
    rows = _hostile_corpus(tmp_path / "in")
    out = tmp_path / "out"
    result = _cli("annotate", str(tmp_path / "in"), "--out", str(out), "--no-ner",
                  "--format", fmt, "--quiet")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "article(s) failed" in result.stderr.strip().splitlines()[-1]
    docs = _read_table(out, "documents", fmt)
    assert len(docs) == rows
    errors = docs[docs.status == "error"]
    assert errors.error.str.match(r".*(a\.jsonl|b\.csv|c\.tsv|d\.jsonl\.gz|e\.txt)").all()
    assert "sur\ufffd" in set(docs.doc_id)


def _read_table(out, name, fmt):
    path = out / f"{name}.{fmt}"
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"doc_id": str})
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype={"doc_id": str})
    return pd.read_parquet(path)


def test_a_bad_input_after_the_first_stops_before_any_work(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(_line(0) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _cli("annotate", str(good), str(tmp_path / "nope.jsonl"), "--out", str(out),
                  "--no-ner", "--quiet")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"nlp-news: error: {tmp_path / 'nope.jsonl'}: no such file or folder"]
    assert not out.exists()


def test_fifo_input_is_refused_at_once(tmp_path):
    fifo = tmp_path / "f.jsonl"
    os.mkfifo(fifo)
    result = _cli("annotate", str(fifo), "--out", str(tmp_path / "o"), "--no-ner", timeout=60)
    assert result.returncode == 2 and "FIFO" in result.stderr


def test_an_article_over_a_million_characters_is_annotated_with_its_offsets(tmp_path):
    from nlp_news import Pipeline
    from nlp_news.annotate import to_articles

    paragraph = ("Banjir merendam 120 rumah di Kabupaten Garut pada 3 Januari 2024. "
                 "Bupati Garut meminta warga waspada.\n\n")
    text = paragraph * (1_050_000 // len(paragraph) + 1)
    [doc] = Pipeline(ner=False)(list(to_articles([{"id": "long", "text": text}])))
    assert doc.article.error is None and len(text) > 1_000_000
    assert doc.sentences[-1].end_char > 1_000_000
    assert len(doc.sentences) == 2 * text.count("\n\n")
    assert all(e.text == text[e.start_char:e.end_char] for e in doc.entities)
    assert sum(f.kind == "date" for f in doc.facts) == text.count("3 Januari 2024")


def test_an_article_over_the_limit_gets_an_error_row():
    from nlp_news.article import MAX_ARTICLE_CHARS, article_from_record
    from nlp_news.readers import Record

    article = article_from_record(Record(data={"text": "a " * (MAX_ARTICLE_CHARS // 2 + 1)},
                                         origin="x.jsonl:7"))
    assert article.error and "x.jsonl:7" in article.error and "limit" in article.error


# --------------------------------------------------------------- output folders


def test_output_folder_of_someone_else_is_refused_unless_overwrite(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(_line(0) + "\n", encoding="utf-8")
    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "documents.csv").write_text("my own data\n", encoding="utf-8")
    result = _cli("annotate", str(good), "--out", str(mine), "--no-ner", "--quiet")
    assert result.returncode == 2 and "not made by nlp-news" in result.stderr
    assert (mine / "documents.csv").read_text(encoding="utf-8") == "my own data\n"
    result = _cli("annotate", str(good), "--out", str(mine), "--no-ner", "--quiet",
                  "--overwrite")
    assert result.returncode == 0, result.stderr
    # a folder nlp-news made may be written again without --overwrite
    result = _cli("annotate", str(good), "--out", str(mine), "--no-ner", "--quiet")
    assert result.returncode == 0, result.stderr


def test_output_that_is_a_file_or_cannot_be_made(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(_line(0) + "\n", encoding="utf-8")
    other = _touch(tmp_path / "notes.txt")
    for out, message in ((other, "is a file"), (other / "sub", "cannot create")):
        result = _cli("annotate", str(good), "--out", str(out), "--no-ner", "--quiet")
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_a_second_run_into_a_locked_folder_stops_at_once(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(_line(0) + "\n", encoding="utf-8")
    out = tmp_path / "o"
    out.mkdir()
    with output_folder.locked(out):
        start = time.time()
        result = _cli("annotate", str(good), "--out", str(out), "--no-ner", "--quiet")
        assert time.time() - start < 60
    assert result.returncode == 2 and f"process {os.getpid()}" in result.stderr
    assert not (out / "documents.csv").exists()


def test_disk_errors_end_with_one_line_and_exit_3(tmp_path, monkeypatch, capsys):
    from nlp_news import writers

    good = tmp_path / "a.jsonl"
    good.write_text(_line(0) + "\n", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers, "write_fragment", full)
    code = cli.main(["annotate", str(good), "--out", str(tmp_path / "o"), "--no-ner", "-q"])
    assert code == cli.EXIT_IO
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["nlp-news: error: No space left on device"]


def test_an_internal_error_is_one_line_and_exit_4(tmp_path, monkeypatch, capsys):
    good = tmp_path / "a.jsonl"
    good.write_text(_line(0) + "\n", encoding="utf-8")
    monkeypatch.setattr(batch, "_collect", lambda *a: 1 / 0)
    code = cli.main(["annotate", str(good), "--out", str(tmp_path / "o"), "--no-ner", "-q"])
    assert code == cli.EXIT_INTERNAL
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("nlp-news: internal error: ZeroDivisionError")


# --------------------------------------------------------------------------- resume


def _interrupted_run(dump: Path, out: Path, *extra) -> None:
    """Leave ``out`` as an interrupted run's folder: parts and a manifest, not finished."""
    config = batch.BatchConfig(out=out, chunk_size=10, pipeline=Config(ner=False), quiet=True)
    out.mkdir(parents=True, exist_ok=True)
    batch._prepare_parts(config, [str(dump)])


def test_resume_refuses_changed_content_models_and_foreign_folders(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text("\n".join(_line(i) for i in range(30)) + "\n", encoding="utf-8")
    out = tmp_path / "o"
    _interrupted_run(dump, out)
    args = ["annotate", str(dump), "--out", str(out), "--no-ner", "--chunk-size", "10", "-q",
            "--resume"]
    dump.write_text("\n".join(_line(i) for i in range(31)) + "\n", encoding="utf-8")
    result = _cli(*args)
    assert result.returncode == 2 and f"the content of {dump} changed" in result.stderr
    dump.write_text("\n".join(_line(i) for i in range(30)) + "\n", encoding="utf-8")
    models = tmp_path / "models"
    shutil.copytree(Path(__file__).resolve().parents[1] / "models", models)
    with (models / "gazetteer.tsv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    result = _cli(*args, "--models", str(models))
    assert result.returncode == 2 and "model file gazetteer.tsv differs" in result.stderr
    result = _cli(*args, "--chunk-size", "20")
    assert result.returncode == 2 and "option chunk_size: 10 -> 20" in result.stderr
    result = _cli(*args)  # unchanged: resumes and finishes
    assert result.returncode == 0, result.stderr
    result = _cli(*args)
    assert result.returncode == 2 and "finished run" in result.stderr
    never = tmp_path / "never"
    never.mkdir()
    result = _cli("annotate", str(dump), "--out", str(never), "--no-ner", "-q", "--resume")
    assert result.returncode == 2 and "no interrupted nlp-news run" in result.stderr
    result = _cli("annotate", "-", "--out", str(out), "--no-ner", "-q", "--resume")
    assert result.returncode == 2 and "standard input" in result.stderr


def test_planted_files_in_the_parts_folder_never_run(tmp_path):
    """A pickle, a .py file or a hostile manifest planted in the parts folder of an
    interrupted run: the resume reads none of them as code."""
    dump = tmp_path / "d.jsonl"
    dump.write_text("\n".join(_line(i) for i in range(20)) + "\n", encoding="utf-8")
    out = tmp_path / "o"
    _interrupted_run(dump, out)
    parts = out / batch.PARTS_DIR
    flag = tmp_path / "pwned"
    payload = f"import pathlib; pathlib.Path({str(flag)!r}).write_text('x')"
    import pickle

    class Evil:
        def __reduce__(self):
            return (exec, (payload,))

    for name in ("0000000.summary.pickle", "0000000.done.pickle", "manifest.pickle"):
        (parts / name).write_bytes(pickle.dumps(Evil()))
    (parts / "sitecustomize.py").write_text(payload, encoding="utf-8")
    (parts / "0000000.entities.parquet").write_bytes(pickle.dumps(Evil()))
    result = _cli("annotate", str(dump), "--out", str(out), "--no-ner", "--chunk-size", "10",
                  "-q", "--resume")
    assert result.returncode == 0, result.stderr
    assert not flag.exists()


# ------------------------------------------------------------------ process control


def _start(dump, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "nlp_news", "annotate", str(dump), "--out",
                             str(out), "--no-ner", "--chunk-size", "10", "--quiet", *extra],
                            stderr=subprocess.PIPE, text=True)


def _wait_for_chunks(out, n, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline and len(list((out / batch.PARTS_DIR).glob("*.done"))) < n:
        time.sleep(0.05)


def _children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_driver_is_killed(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text("\n".join(_line(i) for i in range(3000)) + "\n", encoding="utf-8")
    out = tmp_path / "o"
    proc = _start(dump, out, "--jobs", "2")
    _wait_for_chunks(out, 2)
    workers = [p for p in _children(proc.pid) if "python" in Path(f"/proc/{p}/cmdline")
               .read_bytes().decode(errors="replace")]
    assert workers, "the run should have worker processes"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 20
    while time.time() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)
    done = len(list((out / batch.PARTS_DIR).glob("*.done")))
    time.sleep(2)
    assert len(list((out / batch.PARTS_DIR).glob("*.done"))) == done  # nobody writes on


@pytest.mark.parametrize(("signum", "jobs"), [(signal.SIGINT, "1"), (signal.SIGTERM, "2")])
def test_sigint_and_sigterm_stop_in_the_chunk_and_resume_equals_a_whole_run(
        tmp_path, signum, jobs):
    dump = tmp_path / "d.jsonl"
    dump.write_text("\n".join(_line(i) for i in range(1500)) + "\n", encoding="utf-8")
    ref = tmp_path / "ref"
    assert _cli("annotate", str(dump), "--out", str(ref), "--no-ner", "--chunk-size", "10",
                "-q").returncode == 0
    out = tmp_path / "o"
    proc = _start(dump, out, "--jobs", jobs)
    _wait_for_chunks(out, 3)
    os.kill(proc.pid, signum)
    start = time.time()
    _, err = proc.communicate(timeout=60)
    assert time.time() - start < 15
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(
        f"nlp-news: interrupted by {signal.Signals(signum).name}")
    assert len(list((out / batch.PARTS_DIR).glob("*.done"))) < 150
    result = _cli("annotate", str(dump), "--out", str(out), "--no-ner", "--chunk-size", "10",
                  "-q", "--resume")
    assert result.returncode == 0, result.stderr
    for name in batch.TABLE_NAMES:
        pd.testing.assert_frame_equal(_read_table(ref, name, "csv"), _read_table(out, name, "csv"))


# --------------------------------------------------------------------- properties

_settings = settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])

hostile_line = st.one_of(
    st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.text(max_size=40).map(lambda t: json.dumps({"id": t, "text": t, "title": t})
                             .encode("utf-8", "surrogatepass")),
    st.sampled_from([b"[" * 5000, b'{"n": ' + b"1" * 5000 + b"}", b'{"text": "\\ud800"}',
                     b'{"text": 1e999}', b'{"text": "' + b"a" * 3000 + b'"}', b"{}", b"null"]),
)


@_settings
@given(lines=st.lists(hostile_line, min_size=1, max_size=10))
@example(lines=[b"\x1f\x8b", b"\x01"])  # gzip's magic number, then no gzip stream
def test_cli_gives_one_documents_row_per_line(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "x.jsonl"
    content = b"\n".join(lines) + b"\n"
    path.write_bytes(content)
    expected = sum(1 for line in lines if line.strip())
    if readers._looks_binary(content[:8192]):  # mostly control bytes: one row for the file
        expected = 1
    if content.startswith(b"\x1f\x8b"):  # gzip's magic number: read as gzip, which it is not
        expected = 1
    code = cli.main(["annotate", str(path), "--out", str(folder / "o"), "--no-ner", "-q",
                     "--format", "jsonl"])
    if expected == 0:
        assert code == 0
        return
    assert code in (0, 1)
    docs = pd.read_json(folder / "o" / "documents.jsonl", lines=True)
    assert len(docs) == expected


@_settings
@given(rows=st.lists(st.lists(st.text(alphabet='ab ,"\n\t', max_size=8), min_size=1,
                              max_size=3), min_size=1, max_size=8))
def test_csv_reader_accounts_for_every_line(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    body = "\n".join(",".join(row) for row in rows)
    path.write_text("id,text\n" + body + "\n", encoding="utf-8")
    records = list(read_articles(path))
    lines = [int(r.origin.rsplit(":", 1)[1]) for r in records]
    assert lines == sorted(set(lines))  # one record per row start, in order
    n_lines = body.count("\n") + 2
    assert all(2 <= n <= n_lines for n in lines)
