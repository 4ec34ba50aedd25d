"""Screenshots of the report for the README: the bundled examples annotated, reported, and
photographed in headless Chromium (docs/figures/report-*.png).

    .venv/bin/python scripts/report_screenshots.py [--out build/report-examples]

Needs Chromium, ChromeDriver and selenium (see tests/browser.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # the clone's nlp_news, and tests/

from nlp_news.cli import main as nlp_news  # noqa: E402
from nlp_news.report import build_report  # noqa: E402
from tests import browser  # noqa: E402  (the browser test's helper)

PAGES = {"overview": "overview", "entity": "entity/{person}", "article": "article/0"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "report-examples")
    parser.add_argument("--images", type=Path, default=ROOT / "docs" / "figures")
    args = parser.parse_args(argv)
    why = browser.missing()
    if why:
        print(f"report_screenshots: {why}", file=sys.stderr)
        return 2
    shutil.rmtree(args.out, ignore_errors=True)
    if nlp_news(["annotate", str(ROOT / "examples"), "--out", str(args.out), "--quiet"]):
        return 1
    site = build_report(args.out, title="nlp-news examples").path
    args.images.mkdir(parents=True, exist_ok=True)
    with browser.chromium(width=1280, height=860) as driver:
        driver.get(site.resolve().as_uri() + "/index.html#overview")
        browser.wait_ready(driver, "overview")
        person = driver.execute_script(
            "return document.querySelector('.top-PER ol a').getAttribute('href').slice(8)")
        for name, route in PAGES.items():
            route = route.format(person=person)
            driver.get(site.resolve().as_uri() + "/index.html#" + route)
            browser.wait_ready(driver, route)
            path = args.images / f"report-{name}.png"
            driver.save_screenshot(str(path))
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
