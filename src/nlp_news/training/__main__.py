"""``python -m nlp_news.training``: re-make the shipped models from ``../shared/data``."""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import shutil
import time
from pathlib import Path

from .. import config
from ..models import model_paths, sha256
from . import (
    charlm,
    ner_article_silver,
    ner_audit,
    ner_augment,
    ner_average,
    ner_label_fixes,
    ner_relabel,
    ner_train,
    tokenizer_eval,
    tokenizer_train,
    wordvec,
)

log = logging.getLogger(__name__)

DEFAULT_DATA = config.shared_dir() / "data"
DEFAULT_MODELS = config.REPOSITORY / "models"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nlp-news train", description=__doc__)
    parser.add_argument("what", choices=["vectors", "charlm", "teachers", "ner", "average",
                                         "gazetteer", "shipped", "all", "tokenizers",
                                         "audit"],
                        help="what to (re-)make; 'shipped' re-makes the shipped NER model "
                             "(U) from the word vectors in --models: model J (stanza's "
                             "trainer, then averaging), then U (averaging from J with U's "
                             "stored silver sentences, the average of step 5,000 kept), "
                             "both with 2 threads, and compares the result with the "
                             "manifest; 'ner' runs stanza's trainer and then the "
                             "weight-averaging stage, 'average' only the latter (on the NER "
                             "model in --models); 'teachers' trains the teacher models of "
                             "the silver-data experiment into --work/teachers; 'charlm' the "
                             "character language models of --charlm; 'all' = vectors, "
                             "shipped, gazetteer (new vectors: a model of the same recipe, "
                             "not the same weights); 'tokenizers' trains a stanza tokenizer and "
                             "compares it with the default spaCy rules on the UD test files; "
                             "'audit' trains a tagger on each half of the NER training sets, "
                             "tags the other half and writes the disagreements with the gold to "
                             "--work/audit/disagreements.tsv (label review; try --max-steps "
                             "6000)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--models", type=Path, default=DEFAULT_MODELS, help="where models go")
    parser.add_argument("--work", type=Path, default=Path("build/training"),
                        help="scratch folder for converted data and checkpoints")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--max-vocab", type=int, default=60000,
                        help="words kept in the shipped pretrain")
    parser.add_argument("--vector-names", type=int, default=0, metavar="N",
                        help="add each DBpedia person, organisation and place title N times "
                             "to the word-vector corpus (default: 0, none)")
    parser.add_argument("--max-steps", type=int, default=ner_train.NerConfig.max_steps,
                        help="steps of stanza's NER trainer")
    parser.add_argument("--threads", type=int, default=1, help="torch threads for training")
    parser.add_argument("--extra", nargs="*", default=[], choices=sorted(ner_train.EXTRA_SETS),
                        help="extra NER training sets beyond the default mix")
    parser.add_argument("--average-steps", type=int, default=ner_average.AverageConfig.steps,
                        help="steps of the weight-averaging stage after stanza's trainer "
                             "(0: none)")
    parser.add_argument("--average-lr", type=float, default=ner_average.AverageConfig.lr,
                        help="constant SGD learning rate of the weight-averaging stage")
    parser.add_argument("--teachers", nargs="*", type=Path, default=[],
                        help="model folders (two or more) whose agreed tags on unlabelled news "
                             "and Wikipedia sentences are added as silver NER training data "
                             "(an experiment that did not pay: see models/README.md)")
    parser.add_argument("--stanza-args", default="",
                        help="extra options for stanza.models.ner_tagger, in one string")
    parser.add_argument("--augment", action=argparse.BooleanOptionalAction, default=True,
                        help="add a mention-replaced copy of every NER training sentence "
                             "(default: yes)")
    parser.add_argument("--charlm", action=argparse.BooleanOptionalAction, default=False,
                        help="NER reads words through the character language models in "
                             "--models (`train charlm`) instead of its own char-LSTM")
    parser.add_argument("--augment-copies", type=int, default=1, metavar="N",
                        help="mention-replaced copies of each NER training sentence with "
                             "--augment (default: 1)")
    parser.add_argument("--label-fixes", action=argparse.BooleanOptionalAction, default=False,
                        help="apply the reviewed corrections of the NER training labels "
                             "(nlp_news/training/data/ner_label_fixes.tsv) before training")
    parser.add_argument("--relabel", action=argparse.BooleanOptionalAction, default=False,
                        help="relabel the public NER training sets (never the dev sets) to the "
                             "annotation guide's conventions where a program can tell: titles "
                             "out of person spans, legal forms out of organisations, events, "
                             "languages and apps untagged, countries tagged "
                             "(nlp_news/training/ner_relabel.py; the counts per set and rule "
                             "are logged and written to --work/ner.relabel.json)")
    parser.add_argument("--average-snapshots", type=Path, default=None, metavar="DIR",
                        help="keep the average of every evaluation of the averaging stage in "
                             "DIR, to choose one by the real-article dev score")
    parser.add_argument("--silver-articles", type=int, default=0, metavar="N",
                        help="add the in-domain silver sentences of N random real articles, "
                             "annotated by the pipeline of --silver-models (off by default)")
    parser.add_argument("--silver-file", type=Path, default=None, metavar="FILE",
                        help="add the silver sentences stored in FILE, rebuilt from the news "
                             "dumps (model U's: nlp_news/training/data/model_u_silver.jsonl.gz)")
    parser.add_argument("--keep-step", type=int, default=None, metavar="N",
                        help="keep the average of step N of the averaging stage (a multiple "
                             "of 500) instead of the best by joint dev F1")
    parser.add_argument("--silver-models", type=Path, default=None,
                        help="model folder that annotates the silver articles "
                             "(default: --models as it is before training)")
    parser.add_argument("--gold-articles", type=Path, default=None, metavar="FILE",
                        help="add the body sentences of these hand-annotated real articles "
                             "(a gold file, e.g. gold/real_articles/train.jsonl)")
    parser.add_argument("--gold-copies", type=int, default=1, metavar="N",
                        help="times each --gold-articles sentence is added (default: 1)")
    return parser


def prepare_ner(args: argparse.Namespace) -> tuple[Path, Path]:
    """Write the NER training mix and dev set chosen by the options (stanza JSON in --work)."""
    return ner_train.prepare(args.data, args.work, tuple(args.extra), augment=args.augment,
                             seed=args.seed, augment_copies=args.augment_copies,
                             teachers=tuple(args.teachers),
                             label_fixes=ner_label_fixes.default_path() if args.label_fixes
                             else None,
                             silver_articles=args.silver_articles,
                             silver_models=args.silver_models or args.models,
                             silver_file=args.silver_file, gold_articles=args.gold_articles,
                             gold_copies=args.gold_copies,
                             relabeler=ner_relabel.Relabeler.load(
                                 model_paths(args.models).gazetteer) if args.relabel else None)


def compare_tokenizers(args: argparse.Namespace) -> dict[str, object]:
    """Train a stanza tokenizer (kept in --work) and score it and spaCy's rules on UD test."""
    model = args.work / "id_nlpnews_tokenizer.pt"
    seconds = tokenizer_train.train(args.data, args.work / "tokenizer", model, seed=args.seed)
    resources = args.models / "stanza_resources"
    segmenters = {"spacy_rules": tokenizer_eval.spacy_segmenter(),
                  "stanza_tokenizer": tokenizer_eval.stanza_segmenter(model, resources)}
    results: dict[str, object] = {"stanza_training_seconds": round(seconds, 1)}
    for name, segment in segmenters.items():
        for test in tokenizer_train.TEST_FILES:
            docs = list(tokenizer_eval.read_ud_docs(args.data / tokenizer_train.UD / test))
            tokenizer_eval.evaluate(segment, docs[:2])  # warm-up
            results[f"{name}:{Path(test).name}"] = tokenizer_eval.evaluate(segment, docs)
    return results


def charlm_pair(args: argparse.Namespace) -> tuple[Path, Path] | None:
    """The (forward, backward) charlm files in ``--models`` with ``--charlm``, else None."""
    if not args.charlm:
        return None
    paths = model_paths(args.models)
    if not paths.has_charlm():
        raise SystemExit(f"nlp-news train: --charlm needs {paths.charlm_forward} and "
                         f"{paths.charlm_backward} (make them with `nlp-news train charlm`)")
    return paths.charlm_forward, paths.charlm_backward


def average_ner(args: argparse.Namespace, pretrain_pt: Path,
                data: tuple[Path, Path] | None = None) -> dict[str, object]:
    """Stage 2: weight averaging from the NER model in ``--models`` (which it replaces).

    ``data`` is stage 1's (train, dev) JSON when it has just been written; otherwise it is
    prepared here."""
    if args.average_steps <= 0:
        raise SystemExit("nlp-news train average: --average-steps must be positive")
    model = model_paths(args.models).ner
    start_model = args.work / "id_news.ner.stage1.pt"
    shutil.copyfile(model, start_model)
    train_json, dev_json = data or prepare_ner(args)
    config = ner_average.AverageConfig(steps=args.average_steps, lr=args.average_lr,
                                       seed=args.seed, threads=args.threads,
                                       snapshots=args.average_snapshots,
                                       keep_step=args.keep_step)
    report = ner_average.average(train_json, dev_json, pretrain_pt, start_model, model, config,
                                 charlm=charlm_pair(args))
    return {**report, "config": {k: str(v) if isinstance(v, Path) else v
                                 for k, v in vars(config).items()}}


def train_teachers(args: argparse.Namespace, pretrain_pt: Path) -> dict[str, object]:
    """Train each recipe of :data:`ner_train.TEACHERS` into ``--work/teachers/NAME``."""
    report: dict[str, object] = {}
    for name, options in ner_train.TEACHERS.items():
        folder = args.work / "teachers" / name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pretrain_pt, folder / pretrain_pt.name)
        start = time.time()
        main(["ner", "--data", str(args.data), "--models", str(folder),
              "--work", str(args.work / "teachers" / f"{name}.work"), "--seed", str(args.seed),
              "--threads", str(args.threads), *options])
        report[name] = {"options": options, "seconds": round(time.time() - start, 1)}
    return report


#: The shipped model's recipe (models/README.md), as options of ``train``: model J, then U.
SHIPPED_J = ["ner", "--threads", "2"]
SHIPPED_U = ["average", "--threads", "2", "--average-steps", "5000", "--keep-step", "5000",
             "--silver-file", str(ner_article_silver.STORED_U)]


def same_weights(a: Path, b: Path) -> bool:
    """Whether two stanza NER model files hold equal weights and vocabularies (their saved
    training options, which name the folders of the run, may differ)."""
    import torch

    one, two = (torch.load(p, map_location="cpu", weights_only=False) for p in (a, b))
    if one["model"].keys() != two["model"].keys() or one["vocab"] != two["vocab"]:
        return False
    return all(torch.equal(one["model"][k], two["model"][k]) for k in one["model"])


def remake_shipped(args: argparse.Namespace) -> dict[str, object]:
    """Re-make the shipped NER model in ``--models``: J, then U (:data:`SHIPPED_J`,
    :data:`SHIPPED_U`).  The model file that was there before is kept in ``--work`` and
    compared with the result (weights and vocabulary), and the result's checksum with the
    folder's manifest."""
    common = ["--data", str(args.data), "--models", str(args.models), "--seed", str(args.seed)]
    paths = model_paths(args.models)
    before = args.work / "before.ner.pt"
    args.work.mkdir(parents=True, exist_ok=True)
    if paths.ner.is_file():
        shutil.copyfile(paths.ner, before)
    report: dict[str, object] = {}
    for name, options in (("J", SHIPPED_J), ("U", SHIPPED_U)):
        start = time.time()
        main([*options, *common, "--work", str(args.work / f"model_{name}")])
        report[name] = {"options": options, "seconds": round(time.time() - start, 1)}
    listed = paths.read_manifest().get("files", {}).get(paths.ner.name, {}).get("sha256")
    report["sha256"] = digest = sha256(paths.ner)
    report["same_bytes_as_manifest"] = digest == listed
    report["same_weights_as_before"] = before.is_file() and same_weights(before, paths.ner)
    log.info("%s: %s the weights of the model it replaces (kept in %s); sha256 %s the "
             "manifest's", paths.ner,
             "the same as" if report["same_weights_as_before"] else "NOT the same as", before,
             "equals" if digest == listed else "differs from")
    return report


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    args.models.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    pretrain_pt = model_paths(args.models).pretrain
    report: dict[str, object] = {"seed": args.seed}
    if args.what in ("vectors", "all"):
        start = time.time()
        extra = []
        for name in ner_train.TRAIN_SETS:
            extra.extend([tok for tok, _ in sent] for sent in ner_train.read_set(args.data, name))
        if args.vector_names > 0:  # off by default: the name lists are not read at all
            extra.extend(wordvec.name_sentences(
                [args.data / ner_augment.DBPEDIA / f for f in ner_augment.NAME_LISTS.values()],
                args.vector_names))
        vec_txt = args.work / "id_news.vectors.txt"
        n_words = wordvec.train_vectors(
            args.data / "news/wordvec_corpus/id_news_raw_text.txt.gz", vec_txt, extra,
            seed=args.seed,
        )
        kept = wordvec.convert_to_pretrain(vec_txt, pretrain_pt, args.max_vocab)
        report["vectors"] = {"trained_words": n_words, "kept_words": kept,
                             "vector_names": args.vector_names,
                             "seconds": round(time.time() - start, 1)}
    if args.what == "charlm":  # experiment Q, not shipped: not part of "all"
        report["charlm"] = charlm.train(args.data, args.work / "charlm", args.models,
                                        charlm.CharlmConfig(seed=args.seed))
    if args.what == "teachers":
        report["teachers"] = train_teachers(args, pretrain_pt)
    ner_json = None
    if args.what in ("shipped", "all"):
        report["shipped"] = remake_shipped(args)
    if args.what == "ner":
        ner_json = train_json, dev_json = prepare_ner(args)
        config = ner_train.NerConfig(max_steps=args.max_steps, seed=args.seed,
                                     threads=args.threads, charlm=charlm_pair(args),
                                     stanza_args=shlex.split(args.stanza_args))
        seconds = ner_train.train(train_json, dev_json, pretrain_pt,
                                  model_paths(args.models).ner, config)
        report["ner"] = {"seconds": round(seconds, 1), "config": vars(config),
                         "extra": args.extra, "augment": args.augment,
                         "augment_copies": args.augment_copies, "charlm": args.charlm,
                         "teachers": [str(t) for t in args.teachers]}
    if args.what == "average" or (args.what == "ner" and args.average_steps > 0):
        report["average"] = average_ner(args, pretrain_pt, ner_json)
    if args.what in ("gazetteer", "all"):
        from ..entities.gazetteer_build import build_gazetteer

        report["gazetteer"] = build_gazetteer(args.data / "gazetteer",
                                              args.models / "gazetteer.tsv")
    if args.what == "audit":
        config = ner_train.NerConfig(max_steps=args.max_steps, seed=args.seed,
                                     threads=args.threads,
                                     stanza_args=shlex.split(args.stanza_args))
        report["audit"] = ner_audit.audit(args.data, args.work / "audit", pretrain_pt, config,
                                          augment=args.augment)
    if args.what == "tokenizers":
        report["tokenizers"] = compare_tokenizers(args)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
