"""Train the shipped stanza NER model with stanza's own trainer, fully offline."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import ner_article_silver, ner_augment, ner_data, ner_label_fixes, ner_relabel, ner_silver
from .ner_data import DEV_SETS, HARMONISED, TRAIN_SETS, read_set  # noqa: F401  (also from here)

log = logging.getLogger(__name__)

#: Optional extra training sets (``--extra NAME``): reader and path under the data folder.
EXTRA_SETS = {
    "mdee_gold": (ner_data.read_mdee, "ner/mdee_wikipedia_silver/goldstandard-0811.txt"),
    "nerugm": (ner_data.read_bio, "ner/harmonised_PER_LOC_ORG/nerugm_filtered.bio"),
}


#: The teacher models of the silver-data experiment (``train teachers``, then ``train ner
#: --teachers``), as options of ``train ner``: the shipped recipe; the earlier recipe plus the
#: MDEE gold sentences; and the earlier recipe switching to Adam after the SGD plateau.  Their
#: majority vote beats each of them, but a model trained on their agreed tags did not (see
#: models/README.md), so the shipped model does not use them.
TEACHERS = {
    "augmented": [],
    "mdee": ["--no-augment", "--extra", "mdee_gold", "--max-steps", "12000",
             "--average-steps", "0"],
    "adam": ["--no-augment", "--average-steps", "0",
             "--stanza-args=--max_steps_no_improve 2500 --second_optim adam --second_lr 0.001"],
}


@dataclass
class NerConfig:
    """Hyperparameters passed to ``stanza.models.ner_tagger``."""

    max_steps: int = 16000
    max_steps_no_improve: int = 4000
    eval_interval: int = 500
    batch_size: int = 32
    seed: int = 1234
    hidden_dim: int = 256
    char_hidden_dim: int = 100
    threads: int = 1  # torch threads; 1 is robust when other work shares the 2 cores
    #: (forward, backward) character language models read instead of the char-LSTM
    charlm: tuple[Path, Path] | None = None
    stanza_args: list[str] = field(default_factory=list)  # passed on as they are, last


def dev_sentences(data_dir: Path) -> list[ner_data.Sentence]:
    """The joint dev set: every set of :data:`DEV_SETS`, in order."""
    return [sentence for name in DEV_SETS for sentence in read_set(data_dir, name)]


def prepare(data_dir: Path, work: Path, extra: tuple[str, ...] = (),
            augment: bool = False, seed: int = 1234, augment_copies: int = 1,
            teachers: tuple[Path, ...] = (), label_fixes: Path | None = None,
            silver_articles: int = 0, silver_models: Path | None = None,
            silver_file: Path | None = None, gold_articles: Path | None = None,
            gold_copies: int = 1,
            relabeler: ner_relabel.Relabeler | None = None) -> tuple[Path, Path]:
    """Write the training mix (plus ``extra`` sets) and the joint dev set as stanza JSON.

    With ``label_fixes`` (a file of :mod:`.ner_label_fixes`), the reviewed corrections of
    the training sets' labels are applied first.  With ``relabeler``, the public training sets
    (never the dev sets) are then relabelled to the guide's conventions (:mod:`.ner_relabel`);
    what changed, per set and rule, is logged and written to ``work/ner.relabel.json``.

    With ``augment``, every training sentence with entities also gets ``augment_copies``
    mention-replaced copies (:mod:`.ner_augment`).  With ``teachers`` (model folders), silver
    sentences on which all of them agree are added (:mod:`.ner_silver`) and also written to
    ``work/ner.silver.bio``.  With ``silver_articles``, the in-domain sentences of that many
    real articles annotated by the pipeline of ``silver_models`` are added
    (:mod:`.ner_article_silver`) and written to ``work/ner.article_silver.bio``; with
    ``silver_file``, the silver sentences stored in that file are (model U's:
    :data:`.ner_article_silver.STORED_U`), in the same place of the mix.  With
    ``gold_articles`` (a real-article gold file), the body sentences of those hand-annotated
    articles are added ``gold_copies`` times and written to ``work/ner.article_gold.bio``;
    the silver data leaves them out.
    """
    work.mkdir(parents=True, exist_ok=True)
    fixes = ner_label_fixes.read_fixes(label_fixes) if label_fixes else {}
    sets = {}
    for name in TRAIN_SETS:
        sets[name], changed = ner_label_fixes.apply_fixes(name, read_set(data_dir, name), fixes)
        if fixes:
            log.info("%s: %d sentences with reviewed label fixes", name, changed)
    for name in extra:
        reader, relative = EXTRA_SETS[name]
        sets[name] = list(reader(data_dir / relative))
    relabelled = {}
    if relabeler is not None:
        names = ner_relabel.SetNames.of(s for sentences in sets.values() for s in sentences)
        for name, sentences in sets.items():
            sets[name], relabelled[name] = relabeler.relabel_set(sentences, names)
        log.info("relabelled to the guide's conventions:\n%s",
                 ner_relabel.counts_table(relabelled))
        (work / "ner.relabel.json").write_text(
            json.dumps(ner_relabel.counts_json(relabelled), indent=2), encoding="utf-8")
    train = ner_data.dedupe(s for sentences in sets.values() for s in sentences)
    if augment:
        train = train + ner_augment.augment(train, data_dir, seed=seed, copies=augment_copies)
    dev = dev_sentences(data_dir)
    if teachers:
        silver = ner_silver.silver(data_dir, teachers, exclude=dev, seed=seed)
        ner_data.write_bio(silver, work / "ner.silver.bio")
        train = train + silver
    gold = []
    if gold_articles is not None:
        gold = ner_article_silver.gold_sentences(gold_articles, data_dir.parent, silver_models)
        ner_data.write_bio(gold, work / "ner.article_gold.bio")
    silver = []
    if silver_articles > 0:
        silver += ner_article_silver.article_silver(data_dir, silver_models, silver_articles,
                                                    seed=seed, exclude=dev + gold)
    if silver_file is not None:
        silver += ner_article_silver.read_stored(silver_file, data_dir.parent)
    if silver:
        ner_data.write_bio(silver, work / "ner.article_silver.bio")
        train = train + silver
    train = train + gold * gold_copies
    train_json, dev_json = work / "ner.train.json", work / "ner.dev.json"
    n_train = ner_data.write_stanza_json(train, train_json)
    n_dev = ner_data.write_stanza_json(dev, dev_json)
    log.info("NER data: %d train sentences, %d dev sentences", n_train, n_dev)
    return train_json, dev_json


def charlm_options(charlm: tuple[Path, Path] | None) -> list[str]:
    """stanza's NER options for a (forward, backward) charlm pair; none without one."""
    if charlm is None:
        return []
    forward, backward = charlm
    return ["--charlm", "--charlm_shorthand", "id_news", "--charlm_forward_file", str(forward),
            "--charlm_backward_file", str(backward)]


def train(
    train_json: Path, dev_json: Path, pretrain_pt: Path, out_model: Path, config: NerConfig
) -> float:
    """Run stanza's NER trainer in a subprocess; copy the best model to ``out_model``.

    Returns the wall time in seconds.
    """
    save_dir = out_model.parent / "_ner_training"
    save_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, "-m", "stanza.models.ner_tagger", "--mode", "train",
        "--train_file", str(train_json), "--eval_file", str(dev_json),
        "--shorthand", "id_nlpnews", "--wordvec_pretrain_file", str(pretrain_pt),
        "--save_dir", str(save_dir), "--save_name", "id_nlpnews_nertagger.pt",
        "--max_steps", str(config.max_steps),
        "--max_steps_no_improve", str(config.max_steps_no_improve),
        "--eval_interval", str(config.eval_interval),
        "--batch_size", str(config.batch_size), "--seed", str(config.seed),
        "--hidden_dim", str(config.hidden_dim), "--char_hidden_dim", str(config.char_hidden_dim),
        "--cpu", *charlm_options(config.charlm), *config.stanza_args,
    ]
    log.info("running %s", " ".join(cmd))
    start = time.time()
    env = {**os.environ, "OMP_NUM_THREADS": str(config.threads),
           "MKL_NUM_THREADS": str(config.threads)}
    subprocess.run(cmd, check=True, env=env)
    elapsed = time.time() - start
    shutil.copyfile(save_dir / "id_nlpnews_nertagger.pt", out_model)
    return elapsed
