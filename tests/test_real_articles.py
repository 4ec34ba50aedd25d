"""Real articles from ../shared (skipped with a reason when the folder is absent)."""

import json
import subprocess
import sys

import pandas as pd
import pytest

import nlp_news
from nlp_news.article import article_from_record

from .conftest import shared_path


def test_shared_example_raw_article_metadata_and_boilerplate():
    path = shared_path("examples/linggaupos_putin_hamas_2024-02-21.txt")
    (record,) = nlp_news.read_articles(path)
    art = article_from_record(record)
    assert art.title == ("Putin Undang Kelompok Perlawanan Palestina ke Rusia Hingga Beri "
                         "Bantuan Senjata untuk di Jalur Gaza")
    assert art.pub_date.isoformat() == "2024-02-21"
    assert art.reporter == "Siti Nur Asparina Rauda"
    assert art.editor == "Agung Perdana"
    excluded = [art.text[s:e] for s, e in art.excluded]
    assert sum(t.startswith("BACA JUGA") for t in excluded) == 3
    assert any(t.startswith("LINGGAUPOS.CO.ID") for t in excluded)


def test_shared_example_raw_article_facts(rules_pipeline):
    path = shared_path("examples/linggaupos_putin_hamas_2024-02-21.txt")
    ann = nlp_news.annotate(path, pipeline=rules_pipeline)
    facts = ann.facts
    text = path.read_text(encoding="utf-8")
    found = {(r.kind, r.value if r.kind not in ("date", "time") else r.iso)
             for r in facts.itertuples()}
    assert ("quantity", 28985.0) in found
    assert ("quantity", 12.0) in found
    for day in ("2024-02-21", "2024-02-29", "2023-10-07", "2024-02-18"):
        assert ("date", day) in found, day
    for start in (m for m in range(len(text)) if text.startswith("BACA JUGA", m)):
        end = text.index("\n", start)
        assert not ((facts.start_char >= start) & (facts.start_char < end)).any()


@pytest.mark.slow
def test_indosum_dump_annotates_every_article(tmp_path):
    dump = shared_path("data/news/indosum/articles.jsonl")
    out = tmp_path / "indosum"
    result = subprocess.run([sys.executable, "-m", "nlp_news", "annotate", str(dump), "--out",
                             str(out), "--jobs", "2", "--quiet"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    docs = pd.read_csv(out / "documents.csv", dtype={"doc_id": str})
    assert len(docs) == 3449
    assert (docs["status"] == "ok").all()
    with open(dump, encoding="utf-8") as handle:
        ids = [json.loads(line)["id"] for line in handle]
    assert docs["doc_id"].tolist() == ids
    entities = pd.read_csv(out / "entities.csv", dtype={"doc_id": str})
    facts = pd.read_csv(out / "facts.csv", dtype={"doc_id": str})
    assert len(entities) > 20 * 3449 / 2  # real articles are full of names
    assert len(facts) > 3449
    assert set(entities["label"]) == {"PER", "LOC", "ORG"}
    summary = pd.read_csv(out / "entity_summary.csv")
    assert summary["mentions"].is_monotonic_decreasing


@pytest.mark.slow
def test_no_excluded_header_holds_a_body_paragraph():
    """Over both real dumps: a header is a few short lines at the very top, nothing more."""
    from nlp_news.readers import Record

    for corpus in ("click_id", "indosum"):
        path = shared_path(f"data/news/{corpus}/articles.jsonl")
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                art = article_from_record(Record(data=json.loads(line), origin=f"{number}"))
                for start, end in art.excluded:
                    lines = [x for x in art.text[start:end].split("\n") if x.strip()]
                    assert all(len(x.strip()) <= 200 for x in lines), (corpus, number)
                    assert len(lines) <= 6, (corpus, number)
