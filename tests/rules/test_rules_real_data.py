"""Sanity over ~200 real IndoSum articles: no crash, offsets right, values and dates valid."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from nlp_news.doc import Article, Doc
from nlp_news.rules import extract_facts

from .conftest import news_path, tokenizer

N_ARTICLES = 200


def _articles(limit: int) -> list[Article]:
    path = news_path("indosum/articles.jsonl")
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            stamp = row.get("timestamp_from_id")
            date = dt.datetime.fromisoformat(stamp).date() if stamp else None
            articles.append(Article(doc_id=row["id"], text=row["text"], date=date))
            if len(articles) >= limit:
                break
    return articles


def _valid_iso(iso: str) -> bool:
    if len(iso) == 4:
        return iso.isdigit()
    if len(iso) == 7:
        year, month = iso.split("-")
        return year.isdigit() and 1 <= int(month) <= 12
    try:
        dt.date.fromisoformat(iso)
    except ValueError:
        return False
    return True


@pytest.mark.slow
def test_indosum_sanity():
    n_facts = 0
    for article in _articles(N_ARTICLES):
        doc = Doc(article, sentences=tokenizer()(article))
        facts = extract_facts(doc)
        assert facts == sorted(facts, key=lambda f: f.start_char)
        for fact in facts:
            assert doc.text[fact.start_char:fact.end_char] == fact.text
            assert fact.kind in {"money", "percent", "quantity", "date", "time"}
            sentence = doc.sentences[fact.sent_index]
            assert sentence.start_char <= fact.start_char < fact.end_char <= sentence.end_char
            assert fact.sentence == doc.text[sentence.start_char:sentence.end_char]
            if fact.kind in {"money", "percent", "quantity"}:
                assert fact.value is not None and math.isfinite(fact.value)
            if fact.kind == "money":
                assert fact.currency and len(fact.currency) == 3
            if fact.kind == "date" and fact.iso is not None:
                assert _valid_iso(fact.iso), fact
            if fact.kind == "time":
                hours, minutes = fact.iso.split(":")
                assert 0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59
        n_facts += len(facts)
    assert n_facts > N_ARTICLES  # real news is full of numbers and dates
