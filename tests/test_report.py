"""`nlp-news report`: the data it writes, its refusals, and escaping (no browser here; the
browser test is tests/test_report_browser.py)."""

from __future__ import annotations

import json
import re
import shutil
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
    assert overview["run"]["options"]["text_column"] is None  # recognised by name
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
    import subprocess

    script = Path(build.__file__).parent / "assets" / "report.js"
    result = subprocess.run([node, "--check", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
