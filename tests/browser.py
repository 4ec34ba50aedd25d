"""Headless Chromium for the report's browser test (``tests/test_report_browser.py``), the
README's screenshots (``scripts/report_screenshots.py``) and ``benchmarks/bench_report.py``; a
development tool, not part of the package (a report needs no browser to be made).

Uses Selenium with Debian's ``chromium`` and ``chromium-driver`` (``apt-get install chromium
chromium-driver``; ``pip install selenium``).  :func:`missing` says what is absent, so callers
can skip with a clear reason.  Chromium starts with no network of its own (no background
requests, no sync), a fresh profile, and file-URL access for the report's data scripts.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync")


def _binary() -> str | None:
    explicit = os.environ.get("NLP_NEWS_CHROMIUM")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def _driver_binary() -> str | None:
    return os.environ.get("NLP_NEWS_CHROMEDRIVER") or shutil.which("chromedriver")


def missing() -> str | None:
    """Why no browser can be driven here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "needs selenium (pip install selenium, or .[dev])"
    if _binary() is None:
        return "needs Chromium (apt-get install chromium, or set NLP_NEWS_CHROMIUM)"
    if _driver_binary() is None:
        return "needs ChromeDriver (apt-get install chromium-driver)"
    return None


@contextlib.contextmanager
def chromium(width: int = 1400, height: int = 1000) -> Iterator[Any]:
    """A Selenium WebDriver of headless Chromium; it quits afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _binary() or ""
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    profile = tempfile.mkdtemp(prefix="nlp-news-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(_driver_binary()), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_ready(driver: Any, hash_prefix: str, timeout: float = 15.0) -> None:
    """Wait until the report has rendered a page whose route starts with ``hash_prefix``
    (``body[data-ready]``, set after every page is drawn)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        lambda d: (d.execute_script("return document.body.dataset.ready || ''")
                   or "").startswith(hash_prefix))


def console_errors(driver: Any) -> list[str]:
    """The browser console's errors and warnings so far."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry.get("level") in ("SEVERE", "WARNING")]
