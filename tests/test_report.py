"""`nlp-news report`: the data it writes, its refusals, and escaping (no browser here; the
browser test is tests/test_report_browser.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from nlp_news.annotate import Annotations
from nlp_news.cli import main
from nlp_news.report import build, build_report
from nlp_news.report.svg import bar_chart, column_chart

HOSTILE_TITLE = '"><img src=x onerror=alert(1)> Judul'
HOSTILE_TEXT = ("JAKARTA, KABARCONTOH.ID - Warga Bogor menemukan tulisan <script>alert(1)"
                "</script> di dinding balai desa pada Senin (3/6/2024). Kerugian mencapai "
                "Rp 5 juta dan 12 rumah rusak.\n\nBACA JUGA: <b>Berita lain</b>\n")


def read_data(path: Path) -> tuple[str, object]:
    """A data/*.js file back as (name, JSON value)."""
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(r'NLPNEWS\.put\(("[^"]*"),(.*)\);\n', text, flags=re.DOTALL)
    assert match, f"{path} is not one NLPNEWS.put call"
    return json.loads(match.group(1)), json.loads(match.group(2))


@pytest.fixture(scope="module")
def annotated(annotated_examples) -> Path:
    return annotated_examples


@pytest.fixture(scope="module")
def report(annotated) -> Path:
    summary = build_report(annotated)
    assert summary.texts == "shown"
    return summary.path


def test_site_files_and_overview_totals(annotated, report):
    assert report == annotated / "report"
    assert {"index.html", "report.js", "report.css", "data", "charts"} <= {
        p.name for p in report.iterdir()}
    ann = Annotations.load(annotated)
    name, overview = read_data(report / "data" / "overview.js")
    assert name == "overview"
    assert overview["totals"]["documents"] == len(ann.documents) == 3
    assert overview["totals"]["entities"] == len(ann.entities)
    assert overview["totals"]["facts"] == len(ann.facts)
    assert overview["totals"]["quotes"] == len(ann.quotes)
    assert overview["status"] == [["ok", 3]]
    assert ["text_column", "not set"] in overview["run"]["options"]  # recognised by name
    assert ["tsv_quotes", "no"] in overview["run"]["options"]
    assert sum(v["count"] for v in overview["kinds"].values()) == len(ann.facts)
    for chart in overview["charts"].values():
        ET.parse(report / chart)  # well-formed SVG
    html = (report / "index.html").read_text(encoding="utf-8")
    assert "http" not in html.replace("http-equiv", "").replace("http://www.w3.org", "")


def test_article_blocks_hold_the_original_text_and_the_tables(annotated, report, example_txt):
    ann = Annotations.load(annotated)
    _, block = read_data(report / "data" / "article" / "0.js")
    assert sorted(block, key=int) == ["0", "1", "2"]
    by_id = {a["doc_id"]: a for a in block.values()}
    first = by_id["contoh-001"]
    record = json.loads((annotated.parent / "inputs" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines()[0])
    assert first["text"] == "\n\n".join(record["paragraphs"])
    rows = ann.entities[ann.entities["doc_id"] == "contoh-001"]
    assert [(s, e, lab) for s, e, lab, *_ in first["ents"]] == sorted(
        zip(rows["start_char"], rows["end_char"], rows["label"], strict=True))
    for start, end, _label, text, *_ in first["ents"]:
        assert first["text"][start:end] == text
    for start, end, _kind, text, *_ in first["facts"]:
        assert first["text"][start:end] == text
    raw = by_id[example_txt.stem]
    assert raw["excluded"], "the raw page's header is marked as excluded"
    assert raw["text"] == example_txt.read_text(encoding="utf-8")


def test_entity_pages_agree_with_the_entities_table(annotated, report):
    ann = Annotations.load(annotated)
    _, listing = read_data(report / "data" / "entities.js")
    rows = listing["rows"]
    assert rows, "the examples name entities"
    docs = [r[4] for r in rows]
    assert docs == sorted(docs, reverse=True)
    summary = ann.entity_summary.set_index(["label", "canonical"])
    _, pages = read_data(report / "data" / "entity" / "0.js")
    for eid, name, label, mentions, n_docs, *_rest in rows:
        assert summary.loc[(label, name), "mentions"] == mentions
        page = pages[str(eid)]
        assert page["name"] == name and page["documents"] == n_docs
        assert sum(k for *_, k in page["articles"]) == mentions
        assert sum(k for _, k in page["forms"]) == mentions
        assert {n for n, *_ in page["articles"]} <= {0, 1, 2}


def test_blocks_split_at_their_sizes(annotated, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "ARTICLES_PER_FILE", 2)
    monkeypatch.setattr(build, "FACTS_PER_FILE", 3)
    summary = build_report(annotated, tmp_path / "r", max_entities=4)
    data = tmp_path / "r" / "data"
    assert sorted(p.name for p in (data / "article").iterdir()) == ["0.js", "1.js"]
    assert sorted(read_data(data / "article" / "1.js")[1]) == ["2"]
    _, overview = read_data(data / "overview.js")
    for info in overview["kinds"].values():
        blocks = [read_data(data / "facts" / f"{info['file']}-{i}.js")[1]
                  for i in range(info["blocks"])]
        assert all(len(b) <= 3 for b in blocks)
        assert sum(map(len, blocks)) == info["count"]
    assert summary.entity_pages == 4 == len(read_data(data / "entities.js")[1]["rows"])


def test_article_text_is_data_never_markup(tmp_path):
    dump = tmp_path / "hostile.jsonl"
    dump.write_text(json.dumps({"id": "x</script><script>alert(2)</script>",
                                "title": HOSTILE_TITLE, "text": HOSTILE_TEXT,
                                "source": "<svg onload=alert(3)>", "date": "2024-06-03",
                                "url": "javascript:alert(4)"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(dump), "--out", str(out), "--no-ner", "--quiet"]) == 0
    build_report(out)
    _, block = read_data(out / "report" / "data" / "article" / "0.js")
    article = block["0"]
    assert article["title"] == HOSTILE_TITLE and article["text"] == HOSTILE_TEXT
    assert any(s <= HOSTILE_TEXT.index("BACA") < e for s, e in article["excluded"])
    for chart in (out / "report" / "charts").rglob("*.svg"):
        tree = ET.parse(chart)
        assert not [e for e in tree.iter() if e.tag.endswith("script")]
        assert "onload" not in {a for e in tree.iter() for a in e.attrib}
    script = (out / "report" / "report.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(?:inner|outer)HTML\b|insertAdjacentHTML|document\.write|"
                         r"\beval\(|new Function", script)


def test_texts_are_not_shown_when_the_input_changed(annotated, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(annotated, out, ignore=shutil.ignore_patterns("report"))
    inputs = annotated.parent / "inputs"
    copy = tmp_path / "inputs"
    shutil.copytree(inputs, copy)
    marker = json.loads((out / ".nlp_news_output.json").read_text(encoding="utf-8"))
    marker["run"]["inputs"][0]["input"] = str(copy)
    (out / ".nlp_news_output.json").write_text(json.dumps(marker), encoding="utf-8")
    assert build_report(out, tmp_path / "same").texts == "shown"
    with (copy / "articles.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "baru", "text": "Artikel baru."}\n')
    summary = build_report(out, tmp_path / "changed")
    assert "changed since the run" in summary.texts
    _, block = read_data(tmp_path / "changed" / "data" / "article" / "0.js")
    assert all(a["text"] is None and "changed" in a["no_text"] for a in block.values())
    assert all(a["ents"] is not None for a in block.values())  # the tables are still there


def test_tables_saved_from_the_api_make_a_report_without_texts(tmp_path):
    from nlp_news import annotate

    ann = annotate(["Banjir merendam 20 rumah di Kota Bekasi pada Senin."], ner=False)
    ann.save(tmp_path / "api", "parquet")
    summary = build_report(tmp_path / "api")
    assert "no record of its inputs" in summary.texts
    _, overview = read_data(tmp_path / "api" / "report" / "data" / "overview.js")
    assert overview["totals"]["documents"] == 1


def test_report_refusals_are_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nowhere")]) == 2
    assert "no such output folder" in capsys.readouterr().err
    (tmp_path / "plain").mkdir()
    assert main(["report", str(tmp_path / "plain")]) == 2
    assert "not an output folder of nlp-news" in capsys.readouterr().err
    pd.DataFrame({"doc_id": []}).to_csv(tmp_path / "plain" / "documents.csv", index=False)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["report", str(tmp_path / "plain"), "--to", str(busy), "-q"]) == 2
    err = capsys.readouterr().err
    assert "is not empty and is not a report" in err and "Traceback" not in err
    assert (busy / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_second_report_replaces_the_first(annotated, tmp_path):
    to = tmp_path / "r"
    build_report(annotated, to, max_entities=5)
    build_report(annotated, to, max_entities=2)
    assert len(list((to / "charts" / "entity").iterdir())) <= 2
    assert len(read_data(to / "data" / "entities.js")[1]["rows"]) == 2


def test_svg_charts_escape_their_labels():
    svg = bar_chart([("<b>&\"x\"</b>", 3), ("Kom\x01pas\ud800", 10)], title="a < b")
    root = ET.fromstring(svg)
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "a < b" in texts and any(t.startswith("<b>&\"x\"</b>") for t in texts)
    assert any(t.startswith("Kompas") for t in texts)  # characters XML forbids are dropped
    months = column_chart([(f"2024-{m:02d}", m) for m in range(1, 13)] * 3)
    root = ET.fromstring(months)
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 36
    assert ET.fromstring(column_chart([]))  # an empty range still draws its axes


def test_articles_sharing_an_id_keep_their_own_tables(tmp_path):
    """Two dumps in one run may reuse ids: rows go to their own article, by table order."""
    one, two = tmp_path / "satu.jsonl", tmp_path / "dua.jsonl"
    one.write_text(json.dumps({"id": "1", "text": "Banjir melanda Kota Bekasi pada Senin. "
                                                  "Sebanyak 20 rumah terendam."}) + "\n",
                   encoding="utf-8")
    two.write_text(json.dumps({"id": "1", "text": "Harga cabai di Kabupaten Garut naik 15 "
                                                  "persen."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(one), str(two), "--out", str(out), "--no-ner", "-q"]) == 0
    build_report(out)
    _, block = read_data(out / "report" / "data" / "article" / "0.js")
    assert block["0"]["ents"] and block["1"]["ents"]
    for article in block.values():
        for start, end, _label, text, *_ in article["ents"] + article["facts"]:
            assert article["text"][start:end] == text
    assert [f[3] for f in block["1"]["facts"]] == ["15 persen"]


def test_a_report_says_where_texts_stop_matching(annotated, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(annotated, out, ignore=shutil.ignore_patterns("report"))
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    docs.loc[2, "doc_id"] = "lain"
    docs.to_csv(out / "documents.csv", index=False)
    summary = build_report(out, tmp_path / "r")
    assert "no longer match the tables at article 3" in summary.texts
    _, block = read_data(tmp_path / "r" / "data" / "article" / "0.js")
    assert block["0"]["text"] and block["1"]["text"] and block["2"]["text"] is None


def test_the_page_script_parses():
    """A syntax error would leave every page on "Loading…" (node checks it when present)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node to check report.js's syntax (the browser test runs it too)")
    script = Path(build.__file__).parent / "assets" / "report.js"
    result = subprocess.run([node, "--check", str(script)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- the pages, drawn under node

NODE = shutil.which("node")
PAGE_SCRIPT = Path(__file__).with_name("report_dom.js")
#: Words a page shows when a missing value reaches it as text (also run into the next
#: element's text: "nullThe run").
STRAY = re.compile(r"(?<![A-Za-z])(?:null|None|NaN|nan|undefined)(?![a-z])")
#: Our own three articles: a flood in Garut, chilli prices, and the flood again under another
#: id and source (a near duplicate: the same text of more than 50 words).
FLOOD = ("Banjir merendam ratusan rumah di Kabupaten Garut, Jawa Barat, pada Senin (4/3/2024). "
         "Kepala Badan Penanggulangan Bencana Daerah setempat, Ahmad Sudrajat, mengatakan air "
         "mulai naik sejak pukul 02.00 WIB setelah hujan deras mengguyur kawasan itu selama enam "
         "jam. Sebanyak 250 warga mengungsi ke balai desa dan masjid terdekat. Petugas membuka "
         "tiga posko dan membagikan makanan, selimut, serta obat-obatan kepada para pengungsi. "
         "Kerugian sementara ditaksir mencapai Rp 2 miliar. Warga berharap pemerintah segera "
         "memperbaiki tanggul sungai yang jebol agar banjir tidak terulang pada musim hujan "
         "berikutnya. Relawan dari Kota Bandung dan Kabupaten Tasikmalaya ikut membantu.")
CHILLI = ("Harga cabai rawit di Pasar Induk Kramat Jati, Jakarta, naik 15 persen dalam sepekan "
          "terakhir. Pedagang bernama Siti Aminah mengatakan pasokan dari Kabupaten Garut "
          "berkurang karena cuaca buruk.")
NEWS = [
    {"id": "garut-banjir", "title": "Banjir Rendam Ratusan Rumah di Garut", "text": FLOOD,
     "source": "kabarsatu.id", "date": "2024-03-04"},
    {"id": "cabai-naik", "title": "Harga Cabai Rawit Naik", "text": CHILLI,
     "source": "warta-pasar.id", "date": "2024-03-05"},
    {"id": "garut-banjir-salinan", "title": "Ratusan Rumah di Garut Terendam Banjir",
     "text": FLOOD, "source": "kabardua.id", "date": "2024-03-04"},
]
#: Scores given to the first article's mentions (None: no score) and entities' mean scores.
SCORES = {"Kabupaten Garut": 0.3, "Jawa Barat": 0.95, "Kota Bandung": None}
MEANS = {"Kota Bandung": 0.3, "Jakarta": None}


def page(site: Path, route: str, check: str) -> object:
    """What ``check`` (the body of an async JavaScript function) returns on the page ``route``
    of the report at ``site``, drawn by report.js under node with tests/report_dom.js's small
    DOM; the page must log no error."""
    if NODE is None:
        pytest.skip("needs node to run report.js without a browser")
    result = subprocess.run([NODE, str(PAGE_SCRIPT), str(site), route], input=check,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["errors"] == [], out["errors"]
    return out["value"]


def annotate_news(root: Path) -> Path:
    """NEWS annotated into ``root/out`` (no NER: the gazetteer's places), with SCORES and
    MEANS written into its tables (the browser test uses it too)."""
    dump = root / "berita.jsonl"
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in NEWS),
                    encoding="utf-8")
    out = root / "out"
    assert main(["annotate", str(dump), "--out", str(out), "--no-ner", "-q"]) == 0
    ents = pd.read_csv(out / "entities.csv", dtype=str, keep_default_na=False)
    first = ents["doc_id"] == "garut-banjir"
    assert set(SCORES) <= set(ents.loc[first, "text"])
    for text, score in SCORES.items():
        ents.loc[first & (ents["text"] == text), "score"] = "" if score is None else str(score)
    ents.to_csv(out / "entities.csv", index=False)
    summary = pd.read_csv(out / "entity_summary.csv", dtype=str, keep_default_na=False)
    for name, score in MEANS.items():
        summary.loc[summary["canonical"] == name, "mean_score"] = ("" if score is None
                                                                   else str(score))
    summary.to_csv(out / "entity_summary.csv", index=False)
    return out


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    """The report of :func:`annotate_news`."""
    return build_report(annotate_news(tmp_path_factory.mktemp("news"))).path


def test_near_duplicates_in_the_data(news):
    docs = Annotations.load(news.parent).documents
    assert docs["duplicate_of"].tolist()[2] == "garut-banjir"
    assert docs["duplicate_of"].isna().tolist()[:2] == [True, True]
    _, overview = read_data(news / "data" / "overview.js")
    assert overview["totals"]["duplicates"] == 1 and overview["blocks"]["list"] == 1
    _, rows = read_data(news / "data" / "article-list" / "0.js")
    assert [(r[1], r[8], r[9]) for r in rows] == [
        ("garut-banjir", None, None), ("cabai-naik", None, None),
        ("garut-banjir-salinan", "garut-banjir", 0)]
    _, block = read_data(news / "data" / "article" / "0.js")
    assert (block["2"]["dup"], block["2"]["dup_n"]) == ("garut-banjir", 0)
    assert block["0"]["dup"] is None
    _, listing = read_data(news / "data" / "entities.js")
    garut = next(r for r in listing["rows"] if r[1] == "Kabupaten Garut")
    assert (garut[4], garut[9]) == (3, 2)  # articles, stories (the copy not counted)
    assert sum(garut[8][3::4]) == 2 and sum(garut[8][2::4]) == 3  # by source and month
    top = {name: (docs, stories) for _, name, docs, stories, _ in overview["top"]["LOC"]}
    assert top["Kabupaten Garut"] == (3, 2)


def test_articles_page_marks_and_hides_near_duplicates(news):
    rows = """return [...document.querySelectorAll('#article-results tbody tr')].map(r => [
      r.getAttribute('class'), visibleText(r).replace(/\\n/g, ' ')]);"""
    shown = page(news, "articles", rows)
    assert len(shown) == 3
    assert [c for c, _ in shown] == [None, None, "dup"]
    assert "duplicate of garut-banjir" in shown[2][1]
    link = page(news, "articles", "return document.querySelector('tr.dup .dup-of a')"
                                  ".getAttribute('href')")
    assert link == "#article/0"
    hidden = page(news, "articles", "const box = document.getElementById('hide-duplicates');"
                                    "click(box); return [location.hash, " + rows[7:-1] + "];")
    assert hidden[0] == "#articles?dups=hide"
    assert [t.split(" ")[0] for _, t in hidden[1]] == ["Banjir", "Harga"]
    assert len(page(news, "articles?dups=hide", rows)) == 2  # the link keeps the choice
    meta = page(news, "article/2", "return visibleText(document.querySelector('.article-side "
                                   "table')).replace(/\\n/g, ' ')")
    assert "near duplicate duplicate of garut-banjir" in meta


def test_entity_rankings_count_stories(news):
    text = page(news, "entities", "return visibleText(document.getElementById('app'))")
    assert "near duplicates not counted (1 in this run)" in text
    first = page(news, "entities", """const r = document.querySelector('#entity-results tbody tr');
      return [...r.querySelectorAll('td')].map(c => c.textContent);""")
    assert first[1:5] == ["Kabupaten Garut", "LOC", "2", "3"]  # stories, then articles
    overview = page(news, "overview", "return visibleText(document.querySelector('.top-LOC'))")
    assert "Kabupaten Garut 2 (3 with near duplicates)" in overview


def test_low_scores_are_faded_with_their_score(news):
    _, block = read_data(news / "data" / "article" / "0.js")
    scores = {text: row[-1] for _, _, _, text, *row in block["0"]["ents"]}
    assert {t: scores[t] for t in SCORES} == SCORES
    marks = {text: (cls, title) for text, cls, title in page(news, "article/0", """
      return [...document.querySelectorAll('#article-text mark.ent')].map(m =>
        [m.textContent, m.getAttribute('class'), m.getAttribute('title')]);""")}
    assert marks["Kabupaten Garut"][0].split() == ["ent", "ent-LOC", "low"]
    assert "score 0.30 (below 0.5: faded)" in marks["Kabupaten Garut"][1]
    assert "low" not in marks["Jawa Barat"][0].split()
    assert "score 0.95" in marks["Jawa Barat"][1]
    assert "low" not in marks["Kota Bandung"][0].split()  # no score: not faded
    assert "no score" in marks["Kota Bandung"][1]
    side = page(news, "article/0", "return [...document.querySelectorAll('.article-side tr.low')]"
                                   ".map(r => r.querySelector('td').textContent)")
    assert side == ["Kabupaten Garut"]
    legend = page(news, "article/0", "return document.getElementById('legend').textContent")
    assert "faded" in legend and "below 0.5" in legend
    low = page(news, "entities", """return [...document.querySelectorAll('#entity-results tr.low')]
      .map(r => [r.querySelectorAll('td')[1].textContent, r.getAttribute('title')]);""")
    assert low == [["Kota Bandung", "mean score 0.30 (below 0.5: faded)"]]  # Jakarta: no score
    top = page(news, "overview", "return [...document.querySelectorAll('.top li.low')]"
                                 ".map(li => li.querySelector('a').textContent)")
    assert top == ["Kota Bandung"]


def test_article_search_filters_titles_and_sources(news):
    search = """const box = document.getElementById('article-search');
      const titles = () => [...document.querySelectorAll('#article-results tbody tr')]
        .map(r => r.querySelector('td a').textContent);
      const seen = {};
      for (const q of %s) { type(box, q); seen[q] = titles(); }
      seen.hash = location.hash;
      return seen;"""
    seen = page(news, "articles", search % json.dumps(["cabai", "KABARDUA", "garut", "zzz", ""]))
    assert seen["cabai"] == ["Harga Cabai Rawit Naik"]
    assert seen["KABARDUA"] == ["Ratusan Rumah di Garut Terendam Banjir"]  # by source
    assert len(seen["garut"]) == 2 and seen["zzz"] == [] and len(seen[""]) == 3
    assert seen["hash"] == "#articles"
    with_hidden = page(news, "articles?dups=hide", search % json.dumps(["garut"]))
    assert with_hidden["garut"] == ["Banjir Rendam Ratusan Rumah di Garut"]
    assert with_hidden["hash"] == "#articles?q=garut&dups=hide"
    assert page(news, "articles?q=cabai", "return document.getElementById('article-search')"
                                          ".value") == "cabai"
    script = (news / "report.js").read_text(encoding="utf-8")
    assert not re.search(r"\bfetch\(|XMLHttpRequest|WebSocket|import\(", script)


ROUTES = ["overview", "entities", "facts", "articles", "article/0", "article/2", "entity/0"]


@pytest.mark.parametrize("which", ["examples", "news", "api"])
def test_no_page_shows_null(which, report, news, tmp_path):
    """A missing value never reaches a page as "null" (a left-out part of the overview once
    did), "None", "NaN" or "undefined"."""
    if which == "api":
        from nlp_news import annotate

        annotate(["Banjir merendam 20 rumah di Kota Bekasi pada Senin."], ner=False).save(
            tmp_path / "api", "csv")
        site = build_report(tmp_path / "api").path
    else:
        site = report if which == "examples" else news
    routes = [r for r in ROUTES if which != "api" or r != "article/2"]  # one article
    texts = page(site, "overview", f"""const out = {{}};
      for (const route of {json.dumps(routes)}) {{
        await go(route); out[route] = visibleText(document.body);
      }}
      return out;""")
    for route, text in texts.items():
        assert "no article" not in text and "no entity" not in text, route
        assert not STRAY.findall(text), (route, STRAY.findall(text), text[:500])
    assert ("Options" in texts["overview"]) == (which != "api")  # the API records no run


def test_run_options_are_a_readable_list(news):
    assert build._option_text(None) == build._option_text({}) == "not set"
    assert (build._option_text(True), build._option_text(False)) == ("yes", "no")
    assert build._option_text(0.8) == "0.8"
    assert build._option_text({"id": "link", "title": "judul"}) == "id: link, title: judul"
    aliases = build._option_text({"file": "/home/someone/data/alias.csv", "sha256": "ab" * 32})
    assert aliases == "alias.csv (sha256 abababababab…)"  # no folder of the user's
    items = page(news, "overview", "return [...document.querySelectorAll('#run-options li')]"
                                   ".map(li => li.textContent)")
    assert "ner: no" in items and "duplicate_threshold: 0.8" in items
    assert "text_column: not set" in items
    assert not [i for i in items if re.search(r'[{}"]|null', i)]
