"""Batch runs: chunked, parallel, resumable after SIGKILL, and on a Dask LocalCluster."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from nlp_news import batch
from nlp_news.config import Config

SENTENCES = [
    "Sebanyak {n} warga Kabupaten Garut mengungsi setelah banjir pada {d} Januari 2024.",
    "Pemerintah menyalurkan bantuan senilai Rp{n} juta kepada korban di Tasikmalaya.",
    "Harga beras di Pasar Kramat Jati naik {n} persen dalam sepekan, kata pedagang.",
    "Menteri Pertanian meninjau {n} hektare sawah di Indramayu pada Senin pukul 10.00 WIB.",
]


def _dump(path, n):
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            text = " ".join(s.format(n=i + 3, d=(i % 27) + 1) for s in SENTENCES[: 1 + i % 4])
            handle.write(json.dumps({"id": f"a{i}", "text": text, "date": "2024-01-31"}) + "\n")
    return path


def _tables(out, fmt="csv"):
    return {name: pd.read_csv(out / f"{name}.{fmt}") for name in batch.TABLE_NAMES}


def _run_cli(*args):
    return subprocess.run([sys.executable, "-m", "nlp_news", "annotate", *args, "--quiet"],
                          capture_output=True, text=True)


def _assert_same(a, b):
    for name in batch.TABLE_NAMES:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_parallel_jobs_give_identical_tables_in_input_order(tmp_path):
    dump = _dump(tmp_path / "d.jsonl", 120)
    one, two = tmp_path / "one", tmp_path / "two"
    assert _run_cli(str(dump), "--out", str(one), "--no-ner", "--chunk-size", "25").returncode == 0
    result = _run_cli(str(dump), "--out", str(two), "--no-ner", "--chunk-size", "25",
                      "--jobs", "2")
    assert result.returncode == 0, result.stderr
    a, b = _tables(one), _tables(two)
    _assert_same(a, b)
    assert list(a["documents"]["doc_id"]) == [f"a{i}" for i in range(120)]
    assert len(a["facts"]) > 120
    assert not (two / batch.PARTS_DIR).exists()


def test_resume_after_sigkill_gives_the_same_tables(tmp_path):
    dump = _dump(tmp_path / "d.jsonl", 1000)
    ref = tmp_path / "ref"
    assert _run_cli(str(dump), "--out", str(ref), "--no-ner", "--chunk-size", "10").returncode == 0
    out = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "nlp_news", "annotate", str(dump), "--out",
                             str(out), "--no-ner", "--chunk-size", "10", "--quiet"],
                            stderr=subprocess.DEVNULL)
    parts = out / batch.PARTS_DIR
    deadline = time.time() + 600
    while time.time() < deadline and len(list(parts.glob("*.done"))) < 5:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = len(list(parts.glob("*.done")))
    assert 5 <= finished < 100, "the run should be killed part-way"
    assert not (out / "documents.csv").exists()
    result = _run_cli(str(dump), "--out", str(out), "--no-ner", "--chunk-size", "10", "--resume")
    assert result.returncode == 0, result.stderr
    _assert_same(_tables(ref), _tables(out))
    assert "1000 articles ok" in result.stderr


def test_resume_refuses_other_inputs(tmp_path):
    dump = _dump(tmp_path / "d.jsonl", 30)
    other = _dump(tmp_path / "e.jsonl", 30)
    out = tmp_path / "o"
    (out / batch.PARTS_DIR).mkdir(parents=True)
    config = batch.BatchConfig(out=out, chunk_size=10, pipeline=Config(ner=False))
    (out / batch.PARTS_DIR / "manifest.json").write_text(
        json.dumps(batch._manifest(config, [str(dump)])))
    result = _run_cli(str(other), "--out", str(out), "--no-ner", "--chunk-size", "10", "--resume")
    assert result.returncode == 2
    assert "differs from the interrupted" in result.stderr and "inputs" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_forked_and_spawned_workers_give_identical_tables(tmp_path, monkeypatch):
    """With NER: workers forked from a driver that loaded the pipeline, and spawned workers
    (the path of a process that runs other threads, as a notebook does), give the same
    tables."""
    import threading

    preloaded = []
    preload = batch._preload_pipeline
    monkeypatch.setattr(batch, "_preload_pipeline", lambda *a: preloaded.append(a) or preload(*a))
    dump = _dump(tmp_path / "d.jsonl", 8)
    forked, spawned = tmp_path / "forked", tmp_path / "spawned"
    batch.run([str(dump)], batch.BatchConfig(out=forked, chunk_size=2, jobs=2, quiet=True))
    assert preloaded == [(Config(), 1)]  # the pipeline's config, threads
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        batch.run([str(dump)], batch.BatchConfig(out=spawned, chunk_size=2, jobs=2, quiet=True))
    finally:
        stop.set()
        other.join()
    assert len(preloaded) == 1, "a process with other threads must not fork"
    a, b = _tables(forked), _tables(spawned)
    _assert_same(a, b)
    assert len(a["entities"]) >= 8 and "LOC" in set(a["entities"]["label"])


def test_dask_local_cluster_matches_local_engine(tmp_path):
    pytest.importorskip("dask.distributed", reason="dask[distributed] not installed")
    dump = _dump(tmp_path / "d.jsonl", 60)
    local, dask_out = tmp_path / "local", tmp_path / "dask"
    config = batch.BatchConfig(out=local, chunk_size=15, pipeline=Config(ner=False), quiet=True)
    batch.run([str(dump)], config)
    config = batch.BatchConfig(out=dask_out, chunk_size=15, pipeline=Config(ner=False), quiet=True,
                               engine="dask", jobs=2)
    summary = batch.run([str(dump)], config)
    assert summary.ok == 60 and summary.chunks == 4
    _assert_same(_tables(local), _tables(dask_out))


def test_nothing_in_the_parts_folder_can_run_code(tmp_path):
    """Summary partials are JSON: a planted pickle is never read, hostile JSON is an error."""
    import pickle

    from nlp_news.entities import EntitySummary
    from nlp_news.readers import read_articles

    dump = _dump(tmp_path / "d.jsonl", 20)
    parts = tmp_path / "parts"
    parts.mkdir()
    records = list(read_articles(dump))
    for index, chunk in batch.chunk_records(records, 10):
        batch.process_chunk(index, chunk, str(parts),
                            batch.BatchConfig(out=tmp_path, pipeline=Config(ner=False)))
    assert not list(parts.glob("*.pickle"))
    assert len(list(parts.glob("*.summary.json"))) == 2
    flag = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (open, (str(flag), "w"))

    (parts / "0000000.summary.pickle").write_bytes(pickle.dumps(Evil()))
    merger = batch._Merger(parts, tmp_path / "out", "csv")
    merger.advance()
    assert merger.next == 2 and not flag.exists()
    assert len(merger.summary.frame()) > 0
    (parts / "0000001.summary.json").write_text('{"__reduce__": "os.system"}')
    merger = batch._Merger(parts, tmp_path / "out2", "csv")
    with pytest.raises(ValueError, match="not an entity-summary partial"):
        merger.advance()
    (parts / "0000001.summary.json").unlink()
    with pytest.raises(ValueError, match="without --resume"):
        batch._Merger(parts, tmp_path / "out3", "csv").advance()
    summary = EntitySummary()
    summary.add(pd.DataFrame({"doc_id": ["a"], "text": ["Budi"], "label": ["PER"],
                              "canonical": ["Budi"]}))
    assert EntitySummary.from_json(summary.to_json()).frame().equals(summary.frame())


def test_jobs_auto_follows_the_input_size(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    small = _dump(tmp_path / "small.jsonl", 3)
    big = tmp_path / "big.jsonl"
    with open(big, "wb") as handle:
        handle.truncate(batch.AUTO_JOBS_MIN_BYTES)
    packed = tmp_path / "packed.jsonl.gz"
    with open(packed, "wb") as handle:
        handle.truncate(batch.AUTO_JOBS_MIN_BYTES // batch.GZIP_RATIO)
    assert batch.resolve_jobs("auto", [str(small)]) == 1
    assert batch.resolve_jobs("auto", ["-"]) == 1
    assert batch.resolve_jobs("auto", [str(big)]) == batch.MAX_AUTO_JOBS
    assert batch.resolve_jobs("auto", [str(tmp_path)]) == batch.MAX_AUTO_JOBS  # a folder
    assert batch.resolve_jobs("auto", [str(packed)]) == batch.MAX_AUTO_JOBS
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert batch.resolve_jobs("auto", [str(big)]) == 2
    assert batch.resolve_jobs(3, [str(small)]) == 3
    with pytest.raises(ValueError, match="1 or more"):
        batch.resolve_jobs(0, [str(small)])
    result = _run_cli(str(small), "--out", str(tmp_path / "o"), "--jobs", "many")
    assert result.returncode == 2
    assert "--jobs/-j: 'many' is not a whole number or 'auto'" in result.stderr


def test_chunks_run_on_the_threads_asked_for(tmp_path, monkeypatch):
    import torch

    seen = []
    process_chunk = batch.process_chunk

    def spy(*args):
        seen.append(torch.get_num_threads())
        return process_chunk(*args)

    monkeypatch.setattr(batch, "process_chunk", spy)
    dump = _dump(tmp_path / "d.jsonl", 4)
    torch.set_num_threads(2)
    batch.run([str(dump)], batch.BatchConfig(out=tmp_path / "one", chunk_size=2, quiet=True))
    batch.run([str(dump)], batch.BatchConfig(out=tmp_path / "two", chunk_size=2, quiet=True,
                                             threads=2))
    assert seen == [1, 1, 2, 2]
    assert torch.get_num_threads() == 2  # the caller's count is put back


class _Terminal:
    """A stderr that says it is a terminal, keeping what is written."""

    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass

    def isatty(self):
        return True


def test_progress_runs_over_the_input_bytes_with_articles_done(tmp_path, monkeypatch):
    import gzip

    dump = _dump(tmp_path / "d.jsonl", 9)
    packed = tmp_path / "e.jsonl.gz"
    packed.write_bytes(gzip.compress(_dump(tmp_path / "e.jsonl", 5).read_bytes()))
    total = dump.stat().st_size + packed.stat().st_size
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    batch.run([str(dump), str(packed)],
              batch.BatchConfig(out=tmp_path / "o", chunk_size=4, pipeline=Config(ner=False),
                                jobs=1))
    last = terminal.text.replace("\r", "\n").strip().splitlines()[-1]
    assert last.startswith("100%") and "14 articles" in last, last
    assert f"{total / 1024:.2f}k/{total / 1024:.2f}k" in last and "B/s" in last, last

    terminal.text = ""
    with batch._Progress(batch.BatchConfig(out=tmp_path), None) as bar:  # stdin: a count
        bar.update(3, 0)
    assert "3 articles" in terminal.text
