"""Benchmark `nlp-news report`: time to write the report of an output folder, its size, and
how fast its pages open and filter in headless Chromium.

    python benchmarks/bench_report.py OUT [--to DIR]

OUT is an output folder of `nlp-news annotate` (for the README figure: both real corpora,
`nlp-news annotate ../shared/data/news/indosum/articles.jsonl
../shared/data/news/click_id/articles.jsonl --out build/news25k --jobs 2`).  Prints one JSON
object.  Not a test: the figures depend on the machine (`benchmarks/machine.py` is recorded
beside them).  The browser part is skipped, saying why, without Chromium and selenium.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import machine

from nlp_news.report import build_report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests import browser  # noqa: E402  (the browser test's helper)

#: Milliseconds from navigation start to the page drawn (body[data-ready]).
OPENED = "return performance.now()"


def _page_ms(driver, site: Path, route: str) -> float:
    driver.get("about:blank")
    driver.get(site.resolve().as_uri() + "/index.html#" + route)
    browser.wait_ready(driver, route.split("?")[0], timeout=60)
    return round(driver.execute_script(OPENED), 1)


def _filter_ms(driver, element_id: str, text: str, rows: str) -> float:
    """Milliseconds for typing ``text`` into a filter box and the table redrawn."""
    return round(driver.execute_script(f"""
        const box = document.getElementById({json.dumps(element_id)});
        const t0 = performance.now();
        box.value = {json.dumps(text)};
        box.dispatchEvent(new Event('input'));
        document.querySelectorAll({json.dumps(rows)}).length;
        return performance.now() - t0;"""), 1)


def browse(site: Path, article: int) -> dict[str, object]:
    with browser.chromium() as driver:
        figures: dict[str, object] = {}
        figures["overview_ms"] = _page_ms(driver, site, "overview")
        top = driver.execute_script(
            "return document.querySelector('.top-PER ol a').getAttribute('href')")
        figures["entities_ms"] = _page_ms(driver, site, "entities")
        figures["entity_search_ms"] = _filter_ms(driver, "entity-search", "jakarta",
                                                 "#entity-results tbody tr")
        figures["entity_page_ms"] = _page_ms(driver, site, top[1:])
        figures["facts_date_ms"] = _page_ms(driver, site, "facts?kind=date")
        figures["facts_money_ms"] = _page_ms(driver, site, "facts?kind=money")
        figures["article_ms"] = _page_ms(driver, site, f"article/{article}")
        figures["console_errors"] = browser.console_errors(driver)
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="an output folder of nlp-news annotate")
    parser.add_argument("--to", type=Path, help="where to write the report")
    args = parser.parse_args(argv)
    if not args.out.is_dir():
        print(f"missing {args.out}: annotate a dump first (see the docstring)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    summary = build_report(args.out, args.to)
    seconds = time.perf_counter() - start
    files = [p for p in summary.path.rglob("*") if p.is_file()]
    report: dict[str, object] = {
        "command": "python benchmarks/bench_report.py " + " ".join(argv or sys.argv[1:]),
        "machine": machine.describe(1),
        "articles": summary.documents, "entity_pages": summary.entity_pages,
        "facts": summary.facts, "texts": summary.texts,
        "build_seconds": round(seconds, 1), "steps_seconds": summary.timings,
        "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2),
        "files": len(files), "megabytes": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "largest_file_mb": round(max(p.stat().st_size for p in files) / 1e6, 2),
    }
    why = browser.missing()
    report["browser"] = {"skipped": why} if why else browse(summary.path, summary.documents // 2)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
