"""Where the shipped models live, and the names of their files.

The model travels in two places, one copy in git: ``models/`` at the top of the repository (a
clone, an editable install) and ``nlp_news/_model/`` inside an installed wheel (``setup.py`` maps
the one onto the other).  ``manifest.json`` beside the files names the model, its version and the
sha256 of each file (after re-training:
``python -c 'from nlp_news.models import write_manifest; write_manifest()'``)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

#: The model inside an installed wheel.
PACKAGED_DIR = Path(__file__).resolve().parent / "_model"
#: ``models/`` at the top of the repository (``src/nlp_news/models.py``, two folders up).
REPOSITORY_DIR = Path(__file__).resolve().parents[2] / "models"
#: The default model folder: the wheel's, else the repository's; ``NLP_NEWS_MODELS`` overrides.
DEFAULT_DIR = PACKAGED_DIR if (PACKAGED_DIR / "id_news.ner.pt").is_file() else REPOSITORY_DIR

#: The manifest's name, and the files it lists (the shipped model; not training leftovers).
MANIFEST = "manifest.json"
#: (The model card, README.md, ships too but is documentation: edited freely, not checksummed.)
MODEL_FILES = ("id_news.ner.pt", "id_news.pretrain.pt", "gazetteer.tsv",
               "score_calibration.json", "stanza_resources/resources.json")


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

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    def read_manifest(self) -> dict:
        """``manifest.json`` (name, version, files: sha256 and bytes), or ``{}`` if absent."""
        if not self.manifest.is_file():
            return {}
        return json.loads(self.manifest.read_text(encoding="utf-8"))

    def checksums(self) -> dict[str, str]:
        """sha256 of each model file present, by its path under :attr:`root`."""
        return {name: sha256(self.root / name) for name in MODEL_FILES
                if (self.root / name).is_file()}


def model_paths(root: str | Path | None = None) -> ModelPaths:
    """Model paths under ``root``, ``$NLP_NEWS_MODELS`` or the repository's ``models/``."""
    if root is None:
        root = os.environ.get("NLP_NEWS_MODELS") or DEFAULT_DIR
    return ModelPaths(Path(root))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(root: str | Path | None = None, *, name: str | None = None,
                   version: str | None = None) -> Path:
    """(Re)write ``manifest.json`` of the model folder from its files (name and version kept
    unless given)."""
    paths = model_paths(REPOSITORY_DIR if root is None else root)
    old = paths.read_manifest()
    manifest = {
        "name": name or old.get("name", "id_news"),
        "version": version or old.get("version", "unversioned"),
        "files": {n: {"sha256": digest, "bytes": (paths.root / n).stat().st_size}
                  for n, digest in paths.checksums().items()},
    }
    paths.manifest.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return paths.manifest


def model_info(root: str | Path | None = None) -> dict:
    """What ``nlp-news info`` prints about the model: folder, name, version, and each file's
    sha256 with whether it matches the manifest."""
    paths = model_paths(root)
    manifest = paths.read_manifest()
    listed = manifest.get("files", {})
    files = {}
    for name, digest in paths.checksums().items():
        expected = listed.get(name, {}).get("sha256")
        files[name] = {"sha256": digest,
                       "status": "ok" if expected == digest else
                       ("not in manifest" if expected is None else "differs from manifest")}
    for name in listed:
        files.setdefault(name, {"sha256": None, "status": "missing"})
    return {"folder": str(paths.root), "name": manifest.get("name"),
            "version": manifest.get("version"), "files": files}

