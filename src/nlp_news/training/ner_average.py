"""Stage 2 of NER training: weight averaging (SWA) from stanza's best checkpoint.

Stage 1 (``ner_train``) runs stanza's own trainer and keeps the checkpoint with the best
joint dev score.  This stage continues plain SGD from that checkpoint at a constant learning
rate and keeps a running average of the weights, sampled every ``every`` steps (stochastic
weight averaging, Izmailov et al. 2018).  The averaged model is a single model of the same
size: it tags exactly as fast as the checkpoint it started from.  At every ``eval_interval``
steps the current average is scored on the joint dev set (stanza's scorer, the criterion
stage 1 selects by) and the best average so far is saved.
"""

from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class AverageConfig:
    """Settings of the averaging stage."""

    steps: int = 8000  # the shipped model's stage 2 (models/README.md)
    lr: float = 0.3  # above stage 1's 0.1: the averaged weights differ more (models/README.md)
    every: int = 100  # add the current weights to the average every this many steps
    eval_interval: int = 500
    seed: int = 1234
    threads: int = 2
    #: A folder to keep the average of every evaluation in (``step_NNNNN.pt``), so that it
    #: can be chosen by another score than the joint dev set's (the real-article dev set).
    snapshots: Path | None = None
    #: Keep the average of this step (a multiple of ``eval_interval``) as the output model,
    #: whatever its joint dev score: the shipped model U is step 5,000's, chosen by the
    #: real-article dev score.  None: the best average by joint dev F1.
    keep_step: int | None = None


class RunningAverage:
    """The mean of the floating-point tensors of model states, updated one state at a time."""

    def __init__(self, state: dict) -> None:
        self.mean = {k: v.detach().clone() for k, v in state.items() if v.is_floating_point()}
        self.count = 1

    def add(self, state: dict) -> None:
        """Fold one more state (same keys) into the mean."""
        self.count += 1
        for k, v in self.mean.items():
            v.add_((state[k].detach() - v) / self.count)


def _dev_score(trainer, dev_batch, gold) -> float:
    from stanza.models.ner import scorer

    preds = []
    for batch in dev_batch:
        preds += trainer.predict(batch)
    return scorer.score_by_entity(preds, gold)[2]


def average(
    train_json: Path, dev_json: Path, pretrain_pt: Path, start_model: Path, out_model: Path,
    config: AverageConfig, charlm: tuple[Path, Path] | None = None,
) -> dict[str, object]:
    """Continue training ``start_model`` with weight averaging; save the best average.

    ``charlm`` is the (forward, backward) character language model pair of a model trained
    with one (they are not part of its file).

    Returns a report: dev score of the start model and of each evaluated average, seconds.
    """
    if config.keep_step is not None and (config.keep_step % config.eval_interval
                                         or not 0 < config.keep_step <= config.steps):
        raise ValueError(f"keep_step {config.keep_step}: not a multiple of "
                         f"{config.eval_interval} in 1..{config.steps}")
    import torch
    from stanza.models.common.doc import Document
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner.data import DataLoader
    from stanza.models.ner.trainer import Trainer

    torch.set_num_threads(config.threads)
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    start = time.time()
    pretrain = Pretrain(str(pretrain_pt))
    paths = ({"charlm_forward_file": str(charlm[0]), "charlm_backward_file": str(charlm[1])}
             if charlm else None)
    trainer = Trainer(args=paths, model_file=str(start_model), pretrain=pretrain, device="cpu")
    args = trainer.args
    train_batch = DataLoader(Document(json.loads(train_json.read_text("utf-8"))),
                             args["batch_size"], args, pretrain, vocab=trainer.vocab,
                             evaluation=False, scheme=args.get("train_scheme"),
                             max_batch_words=args.get("max_batch_words", 800))
    dev_batch = DataLoader(Document(json.loads(dev_json.read_text("utf-8"))),
                           args["batch_size"], args, pretrain, vocab=trainer.vocab,
                           evaluation=True)
    gold = [[tags[0] for tags in sentence] for sentence in dev_batch.tags]
    for group in trainer.optimizer.param_groups:
        group["lr"] = config.lr

    model = trainer.model
    running = RunningAverage({k: v for k, v in model.state_dict().items()
                              if k.split(".")[0] not in model.unsaved_modules})
    best = _dev_score(trainer, dev_batch, gold)
    report: dict[str, object] = {"start_dev": round(best, 4), "evaluations": {}}
    log.info("start model: joint dev F1 %.4f", best)
    trainer.save(str(out_model))
    step = 0
    while step < config.steps:
        for batch in train_batch:
            step += 1
            trainer.update(batch)
            if step % config.every == 0:
                running.add(model.state_dict())
            if step % config.eval_interval == 0:
                backup = {k: v.detach().clone() for k, v in model.state_dict().items()
                          if k in running.mean}
                model.load_state_dict(running.mean, strict=False)
                score = _dev_score(trainer, dev_batch, gold)
                report["evaluations"][step] = round(score, 4)
                if config.snapshots is not None:
                    config.snapshots.mkdir(parents=True, exist_ok=True)
                    trainer.save(str(config.snapshots / f"step_{step:05d}.pt"))
                log.info("step %d: average of %d, joint dev F1 %.4f", step, running.count, score)
                if step == config.keep_step:
                    trainer.save(str(out_model))
                    report["kept_step"] = step
                if score > best:
                    best = score
                    if config.keep_step is None:
                        trainer.save(str(out_model))
                    report["best_step"] = step
                model.load_state_dict(backup, strict=False)
            if step >= config.steps:
                break
        train_batch.reshuffle()
    report["best_dev"] = round(best, 4)
    report["seconds"] = round(time.time() - start, 1)
    return report
