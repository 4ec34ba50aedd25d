"""Where nlp_news finds what it does not ship: the shared data folder.

One place for the path to ``../shared`` (the public training data and real article dumps that sit
beside a clone of the repository). Override it with ``$NLP_NEWS_SHARED``; commands that read it
also take ``--shared``.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The folder beside the repository's top (``../shared`` from a clone).
DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"

#: Real article dumps under the shared folder, by corpus name.
NEWS_CORPORA = {
    "indosum": Path("data/news/indosum/articles.jsonl"),
    "click_id": Path("data/news/click_id/articles.jsonl"),
}

#: CLICK-ID sources whose scraper dropped hyperlinked names (``data/MANIFEST.md``): their text
#: lacks many names, so they are neither sampled for gold nor used as training text.
DROPPED_NAME_SOURCES = frozenset({"kompas.com", "tempo.co", "tribunnews.com", "fimela.com"})


def shared_dir(path: str | Path | None = None) -> Path:
    """The shared folder: ``path``, else ``$NLP_NEWS_SHARED``, else ``../shared``."""
    if path is None:
        path = os.environ.get("NLP_NEWS_SHARED") or DEFAULT_SHARED
    return Path(path)


def corpus_path(corpus: str, shared: str | Path | None = None) -> Path:
    """The JSON Lines file of one real-article corpus (``indosum`` or ``click_id``)."""
    try:
        return shared_dir(shared) / NEWS_CORPORA[corpus]
    except KeyError:
        raise ValueError(f"unknown corpus {corpus!r} (known: {', '.join(NEWS_CORPORA)})") from None
