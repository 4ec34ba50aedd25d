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


@pytest.fixture(scope="session")
def annotated_examples(tmp_path_factory, example_txt, example_jsonl) -> Path:
    """The bundled examples copied to ``inputs/`` and annotated by the CLI into ``out/`` (with
    the NER model when it is there); the report tests use it."""
    import shutil

    from nlp_news.cli import main
    from nlp_news.models import model_paths

    root = tmp_path_factory.mktemp("report")
    inputs = root / "inputs"
    inputs.mkdir()
    for path in (example_txt, example_jsonl):
        shutil.copy(path, inputs / path.name)
    out = root / "out"
    ner = [] if model_paths().has_ner() else ["--no-ner"]
    assert main(["annotate", str(inputs), "--out", str(out), "--quiet", *ner]) == 0
    return out
