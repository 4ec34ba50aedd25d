"""The report in a real browser: headless Chromium opens the report of the bundled examples
from file://, with no console errors; clicks from the top-entity list to an entity page and
to one of its articles, whose highlighted spans must be the entities table's rows; a hostile
article shows its markup as text; the Articles page's search and near-duplicate switch, and
faded low-score mentions.  Screenshots go to build/report-screenshots/.

Skips, saying why, without selenium, Chromium or ChromeDriver; ``.ci/run`` installs them
(``apt-get install chromium chromium-driver``) and sets ``NLP_NEWS_REQUIRE_BROWSER=1``, which
turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nlp_news.annotate import Annotations
from nlp_news.cli import main
from nlp_news.report import build_report

from . import browser
from .test_report import annotate_news

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "report-screenshots"

if browser.missing() and os.environ.get("NLP_NEWS_REQUIRE_BROWSER"):
    raise RuntimeError(f"NLP_NEWS_REQUIRE_BROWSER is set but the browser test {browser.missing()}")
pytestmark = pytest.mark.skipif(browser.missing() is not None,
                                reason=f"browser test: {browser.missing()}")

MARKS = """return [...document.querySelectorAll('#article-text mark.ent')].map(m => [
  Number(m.dataset.start), Number(m.dataset.end), m.dataset.label,
  [...m.children].filter(c => !c.classList.contains('tag')).map(c => c.textContent).join('')]);"""


@pytest.fixture(scope="module")
def driver():
    with browser.chromium() as d:
        yield d


def _open(driver, site: Path, route: str) -> None:
    driver.get(site.resolve().as_uri() + "/index.html#" + route)
    browser.wait_ready(driver, route.split("?")[0])


def _shot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def test_click_from_top_entities_to_an_article(driver, annotated_examples, tmp_path):
    from selenium.webdriver.common.by import By

    site = build_report(annotated_examples, tmp_path / "report").path
    _open(driver, site, "overview")
    assert driver.find_element(By.TAG_NAME, "h1").text == annotated_examples.name
    assert driver.execute_script(
        "return [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    _shot(driver, "overview")
    first = driver.find_element(By.CSS_SELECTOR, ".top-PER ol a")
    name = first.text
    first.click()
    browser.wait_ready(driver, "entity/")
    assert driver.find_element(By.ID, "entity-name").text.startswith(name)
    _shot(driver, "entity")
    link = driver.find_element(By.CSS_SELECTOR, "#entity-articles a")
    title = link.text
    link.click()
    browser.wait_ready(driver, "article/")
    assert driver.find_element(By.ID, "article-title").text == title
    _shot(driver, "article")

    ann = Annotations.load(annotated_examples)
    doc_id = ann.documents.loc[ann.documents["title"] == title, "doc_id"].iloc[0]
    rows = ann.entities[ann.entities["doc_id"] == doc_id]
    expected = sorted(zip(rows["start_char"].astype(int), rows["end_char"].astype(int),
                          rows["label"], rows["text"], strict=True))
    assert sorted(tuple(m) for m in driver.execute_script(MARKS)) == expected
    assert any(m[3] == name or name in m[3] for m in driver.execute_script(MARKS))
    assert browser.console_errors(driver) == []


def test_entity_search_and_fact_filters(driver, annotated_examples, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    site = build_report(annotated_examples, tmp_path / "report").path
    _open(driver, site, "entities")
    all_rows = driver.find_elements(By.CSS_SELECTOR, "#entity-results tbody tr")
    driver.find_element(By.ID, "entity-search").send_keys("bandung")
    rows = driver.find_elements(By.CSS_SELECTOR, "#entity-results tbody tr")
    assert 0 < len(rows) < len(all_rows)
    assert all("bandung" in r.text.lower() for r in rows)
    Select(driver.find_element(By.ID, "entity-label")).select_by_value("PER")
    assert driver.find_elements(By.CSS_SELECTOR, "#entity-results tbody tr") == []
    _open(driver, site, "facts?kind=money")
    money = driver.find_elements(By.CSS_SELECTOR, "#fact-results tbody tr")
    assert money, "the examples have money facts"
    Select(driver.find_element(By.ID, "fact-currency")).select_by_value("USD")
    usd = driver.find_elements(By.CSS_SELECTOR, "#fact-results tbody tr")
    assert 0 < len(usd) <= len(money) and all("USD" in r.text for r in usd)
    _shot(driver, "facts")
    _open(driver, site, "entities?to=2000-01")  # before every article (2024): nothing
    assert driver.find_elements(By.CSS_SELECTOR, "#entity-results tbody tr") == []
    _open(driver, site, "entity/%E0")  # a broken link says so, and the page still works
    assert "no entity" in driver.find_element(By.ID, "app").text
    _open(driver, site, "facts?kind=money")
    usd = [r for r in driver.find_elements(By.CSS_SELECTOR, "#fact-results tbody tr")
           if "USD" in r.text]
    usd[0].find_element(By.TAG_NAME, "a").click()
    browser.wait_ready(driver, "article/")
    assert driver.find_elements(By.CSS_SELECTOR, "#article-text .flash")  # the fact, shown
    assert browser.console_errors(driver) == []


def test_hostile_article_shows_its_markup_as_text(driver, tmp_path):
    from selenium.webdriver.common.by import By

    title = '"><img src=x onerror="window.pwned=1"> Judul'
    text = ('Warga Bogor menulis <script>window.pwned=2</script> dan '
            '<img src=x onerror="window.pwned=3"> di Kota Bogor pada Senin (3/6/2024).\n')
    dump = tmp_path / "hostile.jsonl"
    dump.write_text(json.dumps({"id": "x", "title": title, "text": text, "date": "2024-06-03",
                                "source": "<b onmouseover=alert(1)>s</b>",
                                "url": "javascript:window.pwned=4"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(dump), "--out", str(out), "--no-ner", "--quiet"]) == 0
    site = build_report(out).path
    _open(driver, site, "article/0")
    assert driver.find_element(By.ID, "article-title").text == title
    shown = driver.execute_script(
        "const c = document.getElementById('article-text').cloneNode(true);"
        "c.querySelectorAll('.tag').forEach(t => t.remove()); return c.textContent;")
    assert shown == text
    assert driver.find_elements(By.CSS_SELECTOR, "main img, main script, main b") == []
    assert driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']") == []
    _open(driver, site, "overview")
    assert driver.execute_script("return window.pwned") is None
    assert browser.console_errors(driver) == []


def test_article_search_near_duplicates_and_faded_mentions(driver, tmp_path):
    from selenium.webdriver.common.by import By

    site = build_report(annotate_news(tmp_path)).path
    _open(driver, site, "articles")
    rows = driver.find_elements(By.CSS_SELECTOR, "#article-results tbody tr")
    assert len(rows) == 3 and "duplicate of garut-banjir" in rows[2].text
    driver.find_element(By.ID, "hide-duplicates").click()
    rows = driver.find_elements(By.CSS_SELECTOR, "#article-results tbody tr")
    assert [r.text.split()[0] for r in rows] == ["Banjir", "Harga"]
    driver.find_element(By.ID, "article-search").send_keys("CABAI")
    rows = driver.find_elements(By.CSS_SELECTOR, "#article-results tbody tr")
    assert len(rows) == 1 and "Harga Cabai Rawit Naik" in rows[0].text
    _shot(driver, "articles")
    _open(driver, site, "article/0")
    low = driver.find_elements(By.CSS_SELECTOR, "#article-text mark.ent.low")
    assert len(low) == 1 and "score 0.30" in low[0].get_attribute("title")
    assert float(driver.execute_script("return getComputedStyle(arguments[0]).opacity",
                                       low[0])) < 1
    assert "below 0.5" in driver.find_element(By.ID, "legend").text
    _shot(driver, "article-faded")
    assert browser.console_errors(driver) == []
