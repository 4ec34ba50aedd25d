"""Helpers for the rule-layer tests: Docs built with the real Tokenizer."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from nlp_news import config
from nlp_news.doc import Article, Doc, Fact
from nlp_news.pipeline.tokenize import Tokenizer
from nlp_news.rules import extract_facts

ROOT = Path(__file__).resolve().parents[2]
SHARED = config.shared_dir()
NEWS_REASON = "needs ../shared/data/news (the shared data folder beside the repo)"


@cache
def tokenizer() -> Tokenizer:
    """One Tokenizer for the whole session (spaCy loads once)."""
    return Tokenizer()


def make_doc(text: str, pub: str | None = "2024-02-21") -> Doc:
    """A Doc of ``text`` published on ``pub`` (ISO day; None for no date), tokenised."""
    date = dt.date.fromisoformat(pub) if pub else None
    article = Article(doc_id="t", text=text, date=date)
    return Doc(article, sentences=tokenizer()(article))


def facts_of(text: str, pub: str | None = "2024-02-21") -> list[Fact]:
    """The facts ``extract_facts`` finds in ``text``; checks the offsets on the way."""
    doc = make_doc(text, pub)
    facts = extract_facts(doc)
    for fact in facts:
        assert doc.text[fact.start_char:fact.end_char] == fact.text
    return facts


def summary(fact: Fact) -> tuple:
    """A short comparable form: the fields that matter for each kind."""
    if fact.kind == "money":
        return ("money", fact.value, fact.currency)
    if fact.kind == "percent":
        return ("percent", fact.value)
    if fact.kind == "quantity":
        return ("quantity", fact.value, fact.unit)
    if fact.kind == "time":
        return ("time", fact.iso, fact.unit)
    return ("date", fact.iso)


def summaries(text: str, pub: str | None = "2024-02-21") -> list[tuple]:
    """``summary`` of every fact of ``text``, in text order."""
    return [summary(f) for f in facts_of(text, pub)]


def news_path(relative: str) -> Path:
    """A file under ../shared/data/news, or skip the test when the folder is absent."""
    path = SHARED / "data" / "news" / relative
    if not path.exists():
        pytest.skip(NEWS_REASON)
    return path
