"""Where the shipped models live, and the names of their files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: ``models/`` at the top of the repository; override with ``NLP_NEWS_MODELS``.
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "models"


@dataclass(frozen=True)
class ModelPaths:
    """Every file the pipeline loads, passed to stanza explicitly (no downloads, ever)."""

    root: Path

    @property
    def ner(self) -> Path:
        return self.root / "id_news.ner.pt"

    @property
    def pretrain(self) -> Path:
        return self.root / "id_news.pretrain.pt"

    @property
    def charlm_forward(self) -> Path:
        """Forward character language model (optional: only a NER model trained with one
        needs it)."""
        return self.root / "id_news.charlm.forward.pt"

    @property
    def charlm_backward(self) -> Path:
        """Backward character language model (optional, with :attr:`charlm_forward`)."""
        return self.root / "id_news.charlm.backward.pt"

    @property
    def score_calibration(self) -> Path:
        """How the model's span probabilities map to measured precision, and each other
        source's precision (optional; ``nlp_news.scores``)."""
        return self.root / "score_calibration.json"

    def has_charlm(self) -> bool:
        return self.charlm_forward.is_file() and self.charlm_backward.is_file()

    @property
    def resources_dir(self) -> Path:
        """A stanza ``dir`` holding a ``resources.json`` that names nothing."""
        return self.root / "stanza_resources"

    @property
    def gazetteer(self) -> Path:
        return self.root / "gazetteer.tsv"

    def has_ner(self) -> bool:
        return self.ner.is_file() and self.pretrain.is_file()


def model_paths(root: str | Path | None = None) -> ModelPaths:
    """Model paths under ``root``, ``$NLP_NEWS_MODELS`` or the repository's ``models/``."""
    if root is None:
        root = os.environ.get("NLP_NEWS_MODELS") or DEFAULT_DIR
    return ModelPaths(Path(root))
