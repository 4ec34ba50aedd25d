"""nlp_news.explore on small hand-made tables (no model needed)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from nlp_news import explore


def _entities(rows):
    cols = ["doc_id", "sent_index", "text", "label", "canonical"]
    return pd.DataFrame(rows, columns=cols).astype(
        {"doc_id": "string", "sent_index": "Int64", "text": "string", "label": "string",
         "canonical": "string"})


@pytest.fixture
def entities() -> pd.DataFrame:
    return _entities([
        ("a", 0, "Hamas", "ORG", "Hamas"),
        ("a", 0, "Moskow", "LOC", "Moskow"),
        ("a", 1, "Vladimir Putin", "PER", "Vladimir Putin"),
        ("a", 2, "Putin", "PER", "Vladimir Putin"),
        ("a", 2, "Moskow", "LOC", "Moskow"),
        ("b", 0, "Hamas", "ORG", "Hamas"),
        ("b", 0, "Gaza", "LOC", "Gaza"),
        ("b", 1, "Putin", "PER", "Putin"),
        ("c", 0, "Joko Widodo", "PER", "Joko Widodo"),
        ("c", 1, "Jokowi", "PER", "Joko Widodo"),
        ("c", 1, "Jakarta", "LOC", "Jakarta"),
        ("c", 2, "Gaza", "LOC", "Gaza"),
    ])


@pytest.fixture
def facts() -> pd.DataFrame:
    rows = [
        ("a", 0, "money", "US$50 juta", 5e7, None, "USD", None, "bantuan", "s a0"),
        ("a", 0, "date", "26 Maret 2024", None, None, None, "2024-03-26", None, "s a0"),
        ("a", 2, "percent", "20 persen", 20.0, None, None, None, "harga", "s a2"),
        ("b", 0, "money", "Rp15,5 miliar", 1.55e10, None, "IDR", None, "bantuan", "s b0"),
        ("b", 0, "quantity", "31.000 orang", 31000.0, "orang", None, None, None, "s b0"),
        ("b", 2, "quantity", "120 truk", 120.0, "truk", None, None, None, "s b2"),
        ("c", 1, "money", "Rp2 triliun", 2e12, None, "IDR", None, "anggaran", "s c1"),
        ("c", 1, "quantity", "2.350 warga", 2350.0, "warga", None, None, None, "s c1"),
    ]
    cols = ["doc_id", "sent_index", "kind", "text", "value", "unit", "currency", "iso",
            "subject", "sentence"]
    return pd.DataFrame(rows, columns=cols).astype({"value": "Float64", "sent_index": "Int64"})


@pytest.fixture
def documents() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "title": ["A", "B", "C", "D"],
        "date": ["2024-03-14T09:30:00+07:00", "2024-03-20T08:00:00+07:00", "2024-03-20", None],
    }).astype("string")


def test_top_entities_counts_articles_and_mentions(entities):
    top = explore.top_entities(entities, label="PER")
    assert list(top.columns) == ["name", "label", "mentions", "documents"]
    # per-article canonical names: "Putin" in b is not yet merged with "Vladimir Putin"
    assert top.to_dict("records")[0] == {"name": "Joko Widodo", "label": "PER", "mentions": 2,
                                         "documents": 1}
    assert set(top["name"]) == {"Joko Widodo", "Vladimir Putin", "Putin"}
    by_docs = explore.top_entities(entities, n=2)
    assert list(by_docs["name"]) == ["Gaza", "Hamas"]          # 2 articles each, alphabetical
    by_mentions = explore.top_entities(entities, n=3, by="mentions")
    assert list(by_mentions["name"]) == ["Gaza", "Hamas", "Joko Widodo"]
    assert explore.top_entities(entities.iloc[:0]).empty
    with pytest.raises(ValueError):
        explore.top_entities(entities, by="length")


def test_with_names_merges_across_articles(entities):
    summary = pd.DataFrame({
        "canonical": ["Vladimir Putin", "Joko Widodo", "Hamas"],
        "label": ["PER", "PER", "ORG"],
        "aliases": ["Putin; Vladimir Putin", "Joko Widodo; Jokowi", "Hamas"],
    })
    named = explore.with_names(entities, summary)
    assert named.loc[7, "name"] == "Vladimir Putin"            # b's "Putin"
    assert named.loc[10, "name"] == "Jakarta"                  # not in the summary: kept
    top = explore.top_entities(named, label="PER", n=1)
    assert top.loc[0, "name"] == "Vladimir Putin" and top.loc[0, "documents"] == 2
    assert list(explore.with_names(entities)["name"]) == list(entities["canonical"])
    assert "name" not in entities                              # input untouched


def test_cooccurrence_is_symmetric_article_counts(entities):
    m = explore.cooccurrence(entities, labels=None, top=4)
    assert list(m.index) == list(m.columns)
    assert (m.to_numpy() == m.to_numpy().T).all()
    assert m.loc["Gaza", "Gaza"] == 2
    assert m.loc["Hamas", "Gaza"] == 1                         # only in article b
    assert m.loc["Hamas", "Moskow"] == 1
    assert explore.cooccurrence(entities, labels="PER").loc["Putin", "Vladimir Putin"] == 0
    assert explore.cooccurrence(entities.iloc[:0]).empty


def test_biggest_amounts_and_people(facts):
    money = explore.biggest_amounts(facts, n=2)
    assert list(money["text"]) == ["Rp2 triliun", "Rp15,5 miliar"]
    assert list(money.columns) == ["doc_id", "text", "value", "unit", "currency", "subject",
                                   "sentence"]
    usd = explore.biggest_amounts(facts, currency="USD")
    assert list(usd["text"]) == ["US$50 juta"] and usd.loc[0, "subject"] == "bantuan"
    assert list(explore.biggest_amounts(facts, kind="percent")["value"]) == [20.0]
    assert list(explore.people_counts(facts)["text"]) == ["31.000 orang", "2.350 warga"]
    assert explore.biggest_amounts(facts, kind="quantity", unit="TRUK")["text"].tolist() == [
        "120 truk"]


def test_facts_mentioning_by_name_or_alias(facts, entities):
    hamas = explore.facts_mentioning(facts, entities, "hamas")
    assert set(hamas["text"]) == {"US$50 juta", "26 Maret 2024", "Rp15,5 miliar", "31.000 orang"}
    assert set(hamas["name"]) == {"Hamas"}
    # a mention text finds the sentences of its entity, here "Vladimir Putin" in a and b
    putin = explore.facts_mentioning(facts, entities, "Putin")
    assert list(putin["text"]) == ["20 persen"]
    jokowi = explore.facts_mentioning(facts, entities, "Jokowi", kinds="money")
    assert list(jokowi["text"]) == ["Rp2 triliun"]
    assert explore.facts_mentioning(facts, entities, "Nobody").empty


def test_choose_entity(facts, entities):
    assert explore.choose_entity(entities, facts, preferred=["Nobody", "gaza"]) == "gaza"
    assert explore.choose_entity(entities, facts) == "Hamas"   # 4 facts in its sentences
    assert explore.choose_entity(entities, facts, label="PER") == "Joko Widodo"
    assert explore.choose_entity(entities, facts, label="PER", kinds=["percent"]) == (
        "Vladimir Putin")
    assert explore.choose_entity(entities.iloc[:0], facts) is None


def test_drop_outlets():
    ents = _entities([
        ("a", 0, "Jakarta", "LOC", "Jakarta"),
        ("a", 0, "CNN Indonesia", "ORG", "CNN Indonesia"),
        ("a", 3, "CNNIndonesia.com", "ORG", "CNNIndonesia.com"),
        ("b", 0, "DailySocial.id", "PER", "DailySocial.id"),
        ("b", 1, "Antara", "ORG", "Antara"),
    ])
    docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["cnn indonesia", None]})
    assert list(explore.drop_outlets(ents, docs)["text"]) == ["Jakarta", "Antara"]
    assert list(explore.drop_outlets(ents)["text"]) == ["Jakarta", "CNN Indonesia", "Antara"]


def test_timeline(facts, entities, documents):
    tl = explore.timeline(facts, entities, documents, "Hamas")
    assert list(tl.columns) == ["date", "doc_id", "title", "kind", "text", "event_date",
                                "sentence"]
    assert list(tl["kind"]) == ["mention", "money", "date", "mention", "money", "quantity"]
    assert tl["date"].dt.strftime("%Y-%m-%d").tolist()[:3] == ["2024-03-14"] * 3
    assert tl.loc[2, "event_date"] == "2024-03-26"
    assert tl["title"].tolist()[0] == "A"
    undated = documents.assign(date=pd.Series([None] * 4, dtype="string"))
    assert explore.timeline(facts, entities, undated, "Hamas").empty


def test_indosum_sample(tmp_path, monkeypatch):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": f"t{i}"}) + "\n"
                            for i in range(50)), encoding="utf-8")
    sample = explore.indosum_sample(10, path, seed=1)
    assert len(sample) == 10 and sample == explore.indosum_sample(10, path, seed=1)
    ids = [int(r["id"]) for r in sample]
    assert ids == sorted(ids)
    assert len(explore.indosum_sample(500, path)) == 50
    assert explore.indosum_sample(10, tmp_path / "missing.jsonl") == []
    monkeypatch.setenv("NLP_NEWS_INDOSUM", str(path))
    assert len(explore.indosum_sample(3)) == 3


def test_find_data(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "notebooks").mkdir()
    assert explore.find_data("examples", tmp_path / "notebooks") == tmp_path / "examples"
    assert explore.find_data("no/such/thing", tmp_path) is None


def test_plots_return_figures(facts, entities, documents):
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    fig = explore.plot_top_entities(entities, n=5)
    assert len(fig.axes) == 3 and fig.axes[0].get_title() == "People (PER)"
    assert "Joko Widodo" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    fig2 = explore.plot_cooccurrence(explore.cooccurrence(entities, labels=None))
    assert fig2.axes[0].get_title() == "Articles naming both entities"
    fig3 = explore.plot_timeline(explore.timeline(facts, entities, documents, "Hamas"), "Hamas")
    assert fig3.axes[0].get_xlabel() == "publication date"
    fig4 = explore.plot_timeline(explore.timeline(facts, entities, documents, "X"), "X")
    fig5 = explore.plot_top_entities(entities.iloc[:0], labels="ORG")
    for f in (fig, fig2, fig3, fig4, fig5):
        plt.close(f)
