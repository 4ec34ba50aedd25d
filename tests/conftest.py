"""Shared fixtures: the project's own example texts, and the shared data folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_news import config

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = config.shared_dir()
SHARED_REASON = ("needs ../shared/data (the shared data folder beside the repository); "
                 "set NLP_NEWS_SHARED to point elsewhere")


def shared_path(relative: str) -> Path:
    """A path inside ../shared, or skip the test with the reason when it is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{SHARED_REASON}: missing {path}")
    return path


@pytest.fixture(scope="session")
def example_txt() -> Path:
    return EXAMPLES / "moskow_undang_faksi_palestina.txt"


@pytest.fixture(scope="session")
def example_jsonl() -> Path:
    return EXAMPLES / "articles.jsonl"


@pytest.fixture(scope="session")
def rules_pipeline():
    """Tokenizer + rule layers, no NER model (fast)."""
    from nlp_news import Pipeline

    return Pipeline(ner=False)


@pytest.fixture(scope="session")
def pipeline():
    """The full pipeline with the shipped NER model."""
    from nlp_news.annotate import get_pipeline

    return get_pipeline()
