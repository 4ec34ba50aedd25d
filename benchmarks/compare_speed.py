"""The previous release and the working tree side by side, on the same articles, in one run:
the speed ratios of issue #21.

    python benchmarks/compare_speed.py [--base REV] [--repeats 2]

REV (default :data:`BASE`, the main before the speed work) is checked out with ``git worktree``
under ``build/``; each measurement runs ``benchmarks/speed_probe.py`` in a fresh process with
``PYTHONPATH`` set to one tree (the same interpreter, packages and probe for both), in the
order base, tree, tree, base, ... so that a machine that changes speed during the run favours
neither.  Reported per measurement: the median of each side and the ratio.

- tokenisation + NER, one thread, 500 IndoSum articles (tokens/s);
- ``nlp-news annotate --jobs 2`` on 1,000 articles (articles/s; the largest worker's RSS);
- the share of a 400-article ``--jobs 2`` run's wall time spent outside annotation: 1 - (the
  workers' annotation seconds / 2) / the process's wall time (start-up, waiting, merging);
- cold start: one article, ``--jobs 1``, the process's wall time.

Prints one JSON object, with ``benchmarks/machine.py``'s record.  Not a test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import machine

from nlp_news import config

ROOT = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("speed_probe.py")
#: The main before the speed work of #21 (the report of #22 had landed).
BASE = "9e437f2"
#: Stage timings that are not annotation (the rest are pipeline components).
NOT_ANNOTATION = {"read", "merge_write", "write_parts", "tables"}


def worktree(rev: str) -> Path:
    """A checkout of ``rev`` under build/ (made once, reused)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], check=True,
                         capture_output=True, text=True).stdout.strip()
    path = ROOT / "build" / f"speed-base-{sha}"
    if not path.is_dir():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), sha],
                       check=True, capture_output=True)
    return path


def sample(src: Path, n: int, dest: Path) -> Path:
    with src.open(encoding="utf-8") as inp:
        lines = list(itertools.islice(inp, n))
    dest.write_text("".join(itertools.islice(itertools.cycle(lines), n)), encoding="utf-8")
    return dest


def probe(tree: Path, *args: str) -> dict[str, object]:
    src = tree / "src" if (tree / "src" / "nlp_news").is_dir() else tree  # a src/ layout?
    env = {**os.environ, "PYTHONPATH": str(src), "OMP_NUM_THREADS": "1"}
    env.pop("NLP_NEWS_MODELS", None)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(PROBE), *args], env=env, cwd=str(tree),
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"probe failed in {tree}: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = round(wall, 2)
    return result


def outside_share(result: dict[str, object], jobs: int) -> float:
    timings = result["timings"]
    annotation = sum(v for k, v in timings.items() if k not in NOT_ANNOTATION)
    return round(1 - annotation / jobs / result["wall_seconds"], 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--data", type=Path, default=config.corpus_path("indosum"))
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"missing {args.data}: needs the shared data folder", file=sys.stderr)
        return 2
    trees = {"base": worktree(args.base), "tree": ROOT}
    measures = {
        "tok_ner_tokens_per_second": ("pipeline", "tokens_per_second_tokenize_plus_ner", True),
        "ner_tokens_per_second": ("pipeline", "tokens_per_second_ner", True),
        "tokenize_tokens_per_second": ("pipeline", "tokens_per_second_tokenize", True),
        "jobs2_articles_per_second": ("run1000", "articles_per_second", True),
        "jobs2_peak_worker_rss_mb": ("run1000", "peak_rss_mb", False),
        "jobs2_400_outside_share": ("run400", "outside", False),
        "jobs2_400_wall_seconds": ("run400", "wall_seconds", False),
        "cold_start_seconds": ("cold", "wall_seconds", False),
    }
    raw: dict[str, dict[str, list[dict[str, object]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = {"pipeline": sample(args.data, 500, Path(tmp) / "s500.jsonl"),
                 "run1000": sample(args.data, 1000, Path(tmp) / "s1000.jsonl"),
                 "run400": sample(args.data, 400, Path(tmp) / "s400.jsonl"),
                 "cold": sample(args.data, 1, Path(tmp) / "s1.jsonl")}
        commands = {"pipeline": ["pipeline", str(files["pipeline"]), "--limit", "500"],
                    "run1000": ["run", str(files["run1000"]), "--jobs", "2"],
                    "run400": ["run", str(files["run400"]), "--jobs", "2"],
                    "cold": ["run", str(files["cold"]), "--jobs", "1"]}
        for repeat in range(args.repeats):
            order = ["base", "tree"] if repeat % 2 == 0 else ["tree", "base"]
            for what, command in commands.items():
                for side in order:
                    result = probe(trees[side], *command)
                    if what == "run400":
                        result["outside"] = outside_share(result, 2)
                    raw.setdefault(what, {}).setdefault(side, []).append(result)
                    print(f"{what} {side}: {result.get('wall_seconds')} s", file=sys.stderr)
    report: dict[str, object] = {
        "command": "python benchmarks/compare_speed.py " + " ".join(argv or sys.argv[1:]),
        "machine": machine.describe(1), "base": args.base, "repeats": args.repeats,
    }
    figures = {}
    for name, (what, key, higher_is_better) in measures.items():
        base = statistics.median(float(r[key]) for r in raw[what]["base"])
        tree = statistics.median(float(r[key]) for r in raw[what]["tree"])
        figures[name] = {"base": round(base, 3), "tree": round(tree, 3),
                         "ratio": round(tree / base, 3) if base else None,
                         "higher_is_better": higher_is_better}
    report["figures"] = figures
    report["same_results"] = {
        what: [(r["entities"], r.get("facts")) for r in raw[what]["base"]][:1]
        == [(r["entities"], r.get("facts")) for r in raw[what]["tree"]][:1]
        for what in ("pipeline", "run1000")}
    report["stage_seconds_pipeline"] = {side: raw["pipeline"][side][0]["stage_seconds"]
                                        for side in trees}
    report["timings_run1000"] = {side: raw["run1000"][side][0]["timings"] for side in trees}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
