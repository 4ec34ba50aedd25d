"""The configuration: :class:`Config`, what the pipeline loads and how it runs, and where the
shared data folder is.

:class:`Config` is the one object that says where the pipeline's resources are (the model
folder, the user's alias file) and which of them it uses; the pipeline's
:class:`~nlp_news.pipeline.resources.Resources` reads everything through it, and a batch run's
options (:class:`~nlp_news.batch.BatchConfig`) hold one rather than repeating its fields.
Making a Config reads nothing.

The shared folder (``../shared``: the public training data and real article dumps that sit
beside a clone of the repository) is no pipeline resource: training, evaluation and the
benchmarks find it with :func:`shared_dir`. Override it with ``$NLP_NEWS_SHARED``; commands that
read it also take ``--shared``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .models import ModelPaths, model_paths
from .scores import check_min_score


@dataclass(frozen=True)
class Config:
    """Where the pipeline's resources are, which it uses, and how the model runs.

    ``models``: the model folder (default ``$NLP_NEWS_MODELS`` or the repository's
    ``models/``); ``gazetteer``: read the folder's ``gazetteer.tsv``
    (place types and missed places) when it is there; ``ner_batch_size``: sentences per NER
    batch; ``ner_forward``: ``"lean"`` (the model run directly,
    :mod:`~nlp_news.pipeline.ner_forward`) or ``"stanza"`` (through stanza's pipeline; the same
    tags, slower); ``ner_int8``: the model's LSTMs and linear layers quantized to 8 bits
    (faster, slightly different tags: see the model card); ``aliases``: the user's alias file
    (:class:`~nlp_news.entities.resolve.AliasTable`), used inside articles and across the
    dump; ``min_score``: entities scoring under it are dropped (:mod:`nlp_news.scores`; in
    [0, 1], else ``ValueError``); ``ner``: run the NER model (False: it is not even loaded,
    and entities come from the gazetteer and datelines only).
    """

    models: str | Path | None = None
    gazetteer: bool = True
    ner_batch_size: int = 64
    ner_forward: str = "lean"
    ner_int8: bool = False
    aliases: str | Path | None = None
    min_score: float | None = None
    ner: bool = True

    def __post_init__(self) -> None:
        check_min_score(self.min_score)

    @property
    def paths(self) -> ModelPaths:
        return model_paths(self.models)

    def resolved(self) -> Config:
        """The same configuration with its files named in one way (the model folder resolved,
        paths as strings): two configs that load the same pipeline resolve equal."""
        return replace(self, models=str(self.paths.root),
                       aliases=None if self.aliases is None else str(self.aliases))


#: The top of a clone of the repository (``src/nlp_news/config.py``, two folders up); in an
#: installed wheel, a folder that holds none of the repository's files.
REPOSITORY = Path(__file__).resolve().parents[2]
#: The folder beside the repository's top (``../shared`` from a clone).
DEFAULT_SHARED = REPOSITORY.parent / "shared"

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
