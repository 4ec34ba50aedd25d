"""Soak test: the whole CLICK-ID dump, killed at random points and resumed, equals one run.

Marked ``slow`` (a few minutes: the rule pipeline without NER, which decides nothing about
chunking, parts, merging or resuming, on 2 jobs).  The figures (kills, resumes, rows compared)
go to ``build/soak.json``.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from nlp_news import batch

from .conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = ["--no-ner", "--chunk-size", "200", "--jobs", "2", "--quiet", "--format", "parquet"]


def _annotate(dump, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "nlp_news", "annotate", str(dump), "--out",
                             str(out), *OPTIONS, *extra], stderr=subprocess.PIPE, text=True)


def _done(out):
    return len(list((out / batch.PARTS_DIR).glob("*.done")))


@pytest.mark.slow
def test_click_id_killed_and_resumed_equals_an_uninterrupted_run(tmp_path):
    dump = shared_path("data/news/click_id/articles.jsonl")
    n_chunks = -(-sum(1 for _ in dump.open(encoding="utf-8")) // 200)
    start = time.time()
    ref = _annotate(dump, tmp_path / "ref")
    assert ref.wait() == 1, ref.stderr.read()  # exit 1: the dump has empty articles
    whole_seconds = time.time() - start
    rnd = random.Random(20261202)
    out, kills, resumes = tmp_path / "killed", [], 0
    proc = _annotate(dump, out)
    for signum in (signal.SIGKILL, signal.SIGTERM, signal.SIGKILL):
        target = _done(out) + rnd.randint(3, n_chunks // 5)
        while proc.poll() is None and _done(out) < target:
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before the kill"
        os.kill(proc.pid, signum)
        code = proc.wait()
        assert code == (-9 if signum == signal.SIGKILL else 143), proc.stderr.read()
        kills.append({"signal": signal.Signals(signum).name, "chunks_done": _done(out)})
        resumes += 1
        proc = _annotate(dump, out, "--resume")
    assert proc.wait() == 1, proc.stderr.read()
    rows = {}
    for name in (*batch.TABLE_NAMES, "entity_summary"):
        a = pd.read_parquet(tmp_path / "ref" / f"{name}.parquet")
        b = pd.read_parquet(out / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b)
        rows[name] = len(a)
    report = {"articles": rows["documents"], "chunks": n_chunks, "kills": kills,
              "resumes": resumes, "rows_compared": rows,
              "uninterrupted_seconds": round(whole_seconds, 1)}
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "soak.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert rows["documents"] == 22122
