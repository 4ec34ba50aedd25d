"""The built wheel carries its model and works alone: built, installed into a fresh virtual
environment outside the repository (torch, stanza and the other dependencies come from the
running environment, so nothing is downloaded) and run from another folder."""

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from nlp_news.models import MODEL_FILES, REPOSITORY_DIR, model_paths

ROOT = Path(__file__).resolve().parents[1]

TEXT = ("Menteri Kesehatan Budi Gunadi Sadikin meninjau Rumah Sakit Umum Daerah Kabupaten "
        "Banyumas di Purwokerto, Jawa Tengah, pada Kamis pagi. Dalam kunjungan itu ia "
        "didampingi Bupati Banyumas Achmad Husein dan pejabat Kementerian Kesehatan. Menurut "
        "Budi, pemerintah akan menambah 40 tempat tidur bagi pasien anak di rumah sakit "
        "tersebut.\n")


def test_manifest_matches_the_model_files():
    paths = model_paths(REPOSITORY_DIR)
    listed = {name: f["sha256"] for name, f in paths.read_manifest()["files"].items()}
    assert listed == paths.checksums(), (
        "models/manifest.json is stale: after re-training run "
        "python -c 'from nlp_news.models import write_manifest; write_manifest()'")
    assert set(listed) == set(MODEL_FILES)


def _wheel(tmp_path: Path) -> Path:
    """``pip wheel`` of a clean copy of the source (no stale ``build/`` of the repository)."""
    src = tmp_path / "src"
    keep = shutil.ignore_patterns("__pycache__", "*.egg-info", "_ner_training", "*.partial")
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", ignore=keep)
    shutil.copytree(ROOT / "models", src / "models", ignore=keep)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps",
                    "--no-build-isolation", "-q", "-w", str(wheels)], check=True)
    (wheel,) = wheels.glob("nlp_news-*.whl")
    return wheel


@pytest.mark.skipif(not model_paths(REPOSITORY_DIR).has_ner(), reason="no model in models/")
def test_installed_wheel_annotates_with_its_own_model(tmp_path):
    wheel = _wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"nlp_news/_model/{name}" for name in (*MODEL_FILES, "manifest.json")} <= names

    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                    str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    # the dependencies (torch, stanza, ...) from the running environment, after the venv's own
    # site-packages; its .pth files (an editable nlp_news) are not read this way
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                                   "get_paths()['purelib'])"], check=True, capture_output=True,
                                  text=True).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (purelib / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--no-deps", "--no-index", "-q", str(wheel)], check=True)

    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "berita.txt").write_text(TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in ("NLP_NEWS_MODELS", "PYTHONPATH", "VIRTUAL_ENV")}
    info = subprocess.run([str(env_dir / "bin" / "nlp-news"), "info", "--json"], cwd=work,
                          env=env, check=True, capture_output=True, text=True)
    model = json.loads(info.stdout)["model"]
    assert Path(model["folder"]) == purelib / "nlp_news" / "_model"
    assert model["name"] == "id_news" and model["version"]
    assert {f["status"] for f in model["files"].values()} == {"ok"}

    run = subprocess.run([str(env_dir / "bin" / "nlp-news"), "annotate", "berita.txt",
                          "--out", "out", "--quiet"], cwd=work, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    entities = pd.read_csv(work / "out" / "entities.csv")
    from_model = entities[entities["origin"] == "model"]
    assert {"PER", "LOC", "ORG"} <= set(from_model["label"])
    assert "Budi Gunadi Sadikin" in set(from_model["text"])
