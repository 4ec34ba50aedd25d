"""Small forward and backward character language models for the NER tagger.

stanza's NER can read each word through a pair of character language models (one reading the
sentence left to right, one right to left) instead of its own character LSTM.  stanza's
published charlms have 1024 units; here a 1024-unit pair tags ~10x slower, far below the
speed budget, so ``nlp-news train charlm`` trains a small pair (96 units) on the cased news
corpus with stanza's own trainer (``stanza.models.charlm``), for ``train ner --charlm``.  Both
directions train at once, one process and one torch thread each, which keeps the two cores
busy.  Measured in ``models/README.md`` (run Q): the tagger did worse with this pair than with
its own character LSTM, so the shipped model does not use one.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..models import model_paths

log = logging.getLogger(__name__)

CORPUS = Path("news/wordvec_corpus/id_news_raw_text.txt.gz")
DIRECTIONS = ("forward", "backward")
#: every n-th paragraph of the corpus is held out to score the language model
DEV_EVERY = 100


@dataclass
class CharlmConfig:
    """Hyperparameters passed to ``stanza.models.charlm`` (its defaults otherwise)."""

    hidden_dim: int = 96
    emb_dim: int = 100
    epochs: int = 3
    cutoff: int = 5  # characters seen fewer times become UNK
    seed: int = 1234


def prepare_corpus(corpus_gz: Path, work: Path) -> tuple[Path, Path]:
    """Split the cased news corpus into ``work/train/news.txt`` and ``work/dev.txt``."""
    train_dir = work / "train"
    train_dir.mkdir(parents=True, exist_ok=True)
    dev = work / "dev.txt"
    n = 0
    with gzip.open(corpus_gz, "rt", encoding="utf-8") as lines, \
            (train_dir / "news.txt").open("w", encoding="utf-8") as train_out, \
            dev.open("w", encoding="utf-8") as dev_out:
        for line in lines:
            if not line.strip():
                continue
            n += 1
            (dev_out if n % DEV_EVERY == 0 else train_out).write(line)
    log.info("charlm corpus: %d paragraphs, every %dth held out", n, DEV_EVERY)
    return train_dir, dev


def command(train_dir: Path, dev: Path, save_dir: Path, direction: str,
            config: CharlmConfig) -> list[str]:
    """The ``stanza.models.charlm`` command line for one direction."""
    return [sys.executable, "-m", "stanza.models.charlm", "--train_dir", str(train_dir),
            "--eval_file", str(dev), "--shorthand", "id_news", "--direction", direction,
            "--char_hidden_dim", str(config.hidden_dim), "--char_emb_dim", str(config.emb_dim),
            "--epochs", str(config.epochs), "--cutoff", str(config.cutoff),
            "--seed", str(config.seed), "--save_dir", str(save_dir),
            "--save_name", f"id_news_{direction}_charlm.pt",
            "--vocab_save_name", f"id_news_{direction}_vocab.pt", "--cpu"]


def train(data_dir: Path, work: Path, models: Path, config: CharlmConfig) -> dict[str, object]:
    """Train both directions in parallel; copy them to the charlm paths of ``models``
    (:class:`~nlp_news.models.ModelPaths`)."""
    train_dir, dev = prepare_corpus(data_dir / CORPUS, work)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    start = time.time()
    running = []
    for direction in DIRECTIONS:
        for stale in work.glob(f"id_news_{direction}_*"):  # stanza would resume or reuse them
            stale.unlink()
        cmd = command(train_dir, dev, work, direction, config)
        log.info("running %s", " ".join(cmd))
        log_file = (work / f"{direction}.log").open("w", encoding="utf-8")
        running.append((direction, subprocess.Popen(cmd, env=env, stdout=log_file,
                                                    stderr=subprocess.STDOUT), log_file))
    paths = model_paths(models)
    shipped = {"forward": paths.charlm_forward, "backward": paths.charlm_backward}
    for direction, process, log_file in running:
        code = process.wait()
        log_file.close()
        if code:
            raise RuntimeError(f"stanza charlm ({direction}) failed with exit code {code}: "
                               f"see {work / (direction + '.log')}")
        shutil.copyfile(work / f"id_news_{direction}_charlm.pt", shipped[direction])
    return {"seconds": round(time.time() - start, 1), "config": vars(config)}
