"""The benchmark scripts still run (on the project's own example dump, a few seconds each).

Their figures come from real articles and stand in the README; here only that they work and
report what they promise."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DUMP = ROOT / "examples" / "articles.jsonl"


def _run(script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--data", str(DUMP),
                          *args], capture_output=True, text=True, check=True, timeout=300)
    return json.loads(out.stdout)


def test_bench_memory_reports_driver_and_worker_peaks():
    report = _run("bench_memory.py", "--limit", "2", "--jobs", "2")
    (run,) = report["runs"]
    assert run["articles"] == 2 and run["exit_code"] == 0
    # forked workers share the driver's loaded pipeline, so either may be the larger
    assert 50 < run["driver_peak_rss_mb"] < 3000 and 50 < run["worker_peak_rss_mb"] < 3000


def test_bench_batch_reports_speed_and_stage_shares():
    report = _run("bench_batch.py", "--limit", "4", "--jobs", "1", "--no-ner")
    (run,) = report["runs"]
    assert run["articles"] == 4 and run["articles_per_second"] > 0
    assert "ner" not in run["stage_share"] or run["stage_share"]["ner"] == 0
    assert abs(sum(run["stage_share"].values()) - 1) < 0.01
    reference = report["machine"]["reference"]  # to compare figures across machines
    assert reference["python_mops"] > 0 and reference["lstm_tokens_per_second"] > 0
