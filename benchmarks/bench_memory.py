"""Peak memory of a batch run, per process: is it flat in the size of the dump?

    python benchmarks/bench_memory.py --limit 1000 20000 --jobs 2

Runs ``python -m nlp_news annotate`` on the first N articles of a real dump (CLICK-ID by default)
for each N, samples the resident memory (RSS) of the driver and of every worker process twice a
second, and prints one JSON object: per N, the driver's peak, the largest worker's peak and the
workers' RSS at each quarter of the run (growth shows up there).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from bench_batch import _sample  # the same first-N-articles sample (a sibling script)

from nlp_news import config

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = config.corpus_path("click_id")


def _rss_mb(proc: psutil.Process) -> float:
    """The process's peak resident memory so far (Linux's VmHWM, so a short-lived worker
    sampled once still shows its peak), else its resident memory now."""
    try:
        with open(f"/proc/{proc.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    try:
        return proc.memory_info().rss / 2**20
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0


def measure(dump: Path, articles: int, jobs: int, interval: float = 0.1) -> dict[str, object]:
    """Run one annotation of ``dump`` and sample the RSS of the driver and its workers."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "nlp_news", "annotate", str(dump), "--out", out,
               "--jobs", str(jobs), "--quiet"]
        start = time.perf_counter()
        driver = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples: list[tuple[float, float, float]] = []  # time, driver MB, largest worker MB
        while driver.poll() is None:
            try:
                children = driver.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            workers = [_rss_mb(c) for c in children if _is_worker(c)]
            samples.append((time.perf_counter() - start, _rss_mb(driver), max(workers, default=0)))
            time.sleep(interval)
        seconds = time.perf_counter() - start
    quarters = {}
    for q in (0.25, 0.5, 0.75, 1.0):
        upto = [s for s in samples if s[0] <= q * seconds]
        quarters[f"{int(q * 100)}%"] = round(max((s[2] for s in upto), default=0))
    return {
        "articles": articles,
        "jobs": jobs,
        "seconds": round(seconds, 1),
        "exit_code": driver.returncode,
        "driver_peak_rss_mb": round(max((s[1] for s in samples), default=0)),
        "worker_peak_rss_mb": round(max((s[2] for s in samples), default=0)),
        "worker_peak_rss_mb_by_quarter": quarters,
    }


def _is_worker(proc: psutil.Process) -> bool:
    """The driver's worker processes: forked (Linux) or spawned ones, not multiprocessing's
    resource tracker."""
    try:
        return not any("resource_tracker" in part for part in proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, nargs="+", default=[1000, 20000],
                        help="dump sizes (first N articles)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: not found (the shared data folder is needed)", file=sys.stderr)
        return 2
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for limit in args.limit:
            dump = _sample(args.data, limit, Path(tmp) / f"first{limit}.jsonl")
            runs.append(measure(dump, limit, args.jobs))
            print(json.dumps(runs[-1]), file=sys.stderr)
    print(json.dumps({"machine": {"cpus": psutil.cpu_count(), "python": platform.python_version(),
                                  "memory_gb": round(psutil.virtual_memory().total / 2**30)},
                      "data": str(args.data), "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
