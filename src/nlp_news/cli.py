"""The ``nlp-news`` command line (also ``python -m nlp_news``)."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import signal
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__, batch, duplicates, lexicon, readers, writers
from .config import Config
from .readers import InputError

#: Exit codes (README "Exit codes"): 0 all ok, 1 some articles failed, 2 usage error (bad
#: input path or option, an output folder that may not be used, a resume that would mix runs),
#: 3 an I/O error while running (disk full, folder gone), 4 an internal error (a bug: please
#: report it with the --verbose traceback), 130 / 143 interrupted by SIGINT / SIGTERM.
EXIT_OK, EXIT_FAILED_ARTICLES, EXIT_USAGE, EXIT_IO, EXIT_INTERNAL = 0, 1, 2, 3, 4


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: stop the run where it is (a resumable folder stays)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.code = 128 + signum


def _raise_interrupted(signum: int, frame) -> None:
    raise Interrupted(signum)

log = logging.getLogger("nlp_news")


def _positive(value: str, what: str = "a whole number") -> int:
    """An option's whole number of 1 or more (argparse makes a bad one a usage error)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not {what}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return number


def _jobs(text: str) -> int | str:
    """``--jobs``: a whole number of 1 or more, or ``auto``."""
    return "auto" if text == "auto" else _positive(text, "a whole number or 'auto'")


def _check_annotate_options(args: argparse.Namespace) -> None:
    """Refuse options that would do nothing in the combination given (a usage error)."""
    suffixes = {s.lower() for name in args.inputs for s in Path(name).suffixes}
    useless = []
    if args.scheduler and args.engine != "dask":
        useless.append("--scheduler needs --engine dask")
    if args.scheduler and args.jobs not in (1, "auto"):
        useless.append("--jobs does nothing with --scheduler (the cluster's workers run "
                       "the chunks)")
    if args.resume and args.overwrite:
        useless.append("--overwrite does nothing with --resume (a resume continues its "
                       "own folder)")
    if args.tsv_quotes and (args.input_format or "tsv") != "tsv":
        useless.append(f"--tsv-quotes does nothing with --input-format {args.input_format}")
    if args.sheet is not None and (args.input_format not in (None, "xlsx")
                                   or (args.input_format is None and ".xlsx" not in suffixes
                                       and not any(Path(n).is_dir() for n in args.inputs))):
        useless.append("--sheet is for Excel (.xlsx) inputs only")
    named = [f"--{a}-column" for a in readers.NAMED_COLUMNS if getattr(args, f"{a}_column")]
    if named and args.input_format == "txt":
        useless.append(f"{', '.join(named)}: plain text inputs have no columns")
    if useless:
        raise ValueError("; ".join(useless))


def _annotate_parser(sub) -> None:
    p = sub.add_parser("annotate", help="annotate article dumps into tables",
                       description="Annotate article dumps (JSON Lines, CSV/TSV, .txt files or "
                                   "folders, optionally .gz; '-' for stdin) into documents, "
                                   "entities and facts tables.")
    p.add_argument("inputs", nargs="+", help="input files or folders, or - for stdin")
    p.add_argument("--out", "-o", required=True, type=Path, help="output folder")
    p.add_argument("--format", choices=writers.FORMATS, default="csv", help="output format")
    for attribute, what in (("text", "the article text"), ("id", "the article's id"),
                            ("title", "the title"), ("date", "the publication date"),
                            ("url", "the article's URL")):
        p.add_argument(f"--{attribute}-column", metavar="COL",
                       help=f"the field or column holding {what} (default: recognised by "
                            "name, e.g. " + ", ".join(lexicon.table("columns")[attribute][:3])
                            + ")")
    p.add_argument("--sheet", help="read only this sheet of Excel inputs (default: every sheet)")
    p.add_argument("--input-format", choices=["jsonl", "csv", "tsv", "txt", "xlsx"],
                   help="force the input format (default: from the file suffix)")
    p.add_argument("--models", type=Path, help="model folder (default: the bundled models/)")
    p.add_argument("--no-ner", action="store_true", help="skip named entities")
    p.add_argument("--chunk-size", "--batch-size", type=_positive, default=100,
                   help="articles per chunk (the unit of parallel work and of --resume)")
    p.add_argument("--jobs", "-j", type=_jobs, default="auto",
                   help="worker processes, or 'auto' (the default): one per core (at most "
                        f"{batch.MAX_AUTO_JOBS}) when the input files hold "
                        f"{batch.AUTO_JOBS_MIN_BYTES / 1e6:g} MB or more (~700 articles; "
                        "stdin counts as small), else 1")
    p.add_argument("--threads", type=_positive, default=1,
                   help="torch threads per process (default 1: faster beside any other busy "
                        "core; use --jobs for parallel work)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="run chunks here, or on dask.distributed")
    p.add_argument("--scheduler", help="dask scheduler address (default: a LocalCluster)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same --out, re-doing only "
                        "unfinished chunks")
    p.add_argument("--overwrite", action="store_true",
                   help="write into a non-empty --out that nlp-news did not make (files with "
                        "the output names are replaced)")
    p.add_argument("--tsv-quotes", action="store_true",
                   help="in TSV input, '\"' quotes fields as in CSV (default: plain text)")
    p.add_argument("--aliases", type=Path, metavar="FILE",
                   help="your own other names of entities: a CSV with the header "
                        "alias,canonical,label[,relation] (relation 'same', the default, or "
                        "'apart' for two names that must stay two entities); used inside "
                        "articles and across the dump")
    p.add_argument("--duplicate-threshold", type=float, default=duplicates.THRESHOLD,
                   metavar="T",
                   help="an article whose word shingles' estimated Jaccard similarity with an "
                        "earlier article reaches T, in (0, 1], is its near duplicate "
                        f"(documents.duplicate_of; default {duplicates.THRESHOLD})")
    p.add_argument("--min-score", type=float, metavar="S",
                   help="leave out entities whose calibrated confidence (the entities' score "
                        "column, in [0, 1]) is below S; counts and the summary follow")
    p.add_argument("--skip-duplicates", action="store_true",
                   help="do not annotate near duplicates (their documents row says skipped)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_annotate)


def _evaluate_parser(sub) -> None:
    p = sub.add_parser("evaluate", help="score the pipeline on gold data",
                       description="'ner GOLD.bio': the NER model on token<TAB>BIO sentences; "
                                   "'articles GOLD.jsonl': the whole pipeline on gold-annotated "
                                   "articles (entities, grouping, facts).")
    p.add_argument("task", choices=["ner", "articles"])
    p.add_argument("gold", type=Path, nargs="+",
                   help="ner: token<TAB>BIO, blank line between sentences; articles: one gold "
                        "article a JSON line (several files are scored together: the "
                        "cross-document figure then spans them all); a gold fact given "
                        "without offsets ({\"text\", \"kind\", \"value\", ...}) matches a "
                        "predicted fact of its kind and value anywhere in the article")
    p.add_argument("--predictions", type=Path, help="ner: write token<TAB>predicted-BIO here")
    p.add_argument("--errors", type=Path, help="articles: write one row per error here (CSV, "
                                               "or TSV for a .tsv name)")
    p.add_argument("--shared", type=Path, help="articles: the shared folder holding the "
                                               "corpora gold articles refer to (default: "
                                               "$NLP_NEWS_SHARED or ../shared)")
    p.add_argument("--models", type=Path, help="model folder (default: the bundled models/)")
    p.add_argument("--folds", type=int, metavar="K",
                   help="articles: score K folds of the articles (a hash of each id picks "
                        "its fold) and report each measure's mean and spread")
    p.add_argument("--ablate", nargs="?", const="rules", metavar="NAMES",
                   help="articles: also score with each entity rule (or component) left out "
                        "(comma-separated rule ids or component names; default: every rule "
                        "of resources/lang/id/rules/entities.toml) and report each one's "
                        "gain per fold (mean and spread)")
    p.set_defaults(func=cmd_evaluate)


def _report_parser(sub) -> None:
    p = sub.add_parser("report", help="an offline HTML report of an output folder",
                       description="Write a browsable HTML report (overview, entities, facts, "
                                   "articles) of an output folder of 'nlp-news annotate'. It "
                                   "opens from file:// with no network; the article texts are "
                                   "read again from the run's inputs when they are unchanged.")
    p.add_argument("out", type=Path, help="an output folder of nlp-news annotate")
    p.add_argument("--to", type=Path, help="where to write the report (default: OUT/report)")
    p.add_argument("--title", help="the report's title (default: the folder's name)")
    p.add_argument("--max-entities", type=int, default=5000,
                   help="entities with a page of their own, most articles first")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_report)


def _train_parser(sub) -> None:
    p = sub.add_parser("train", help="re-make the shipped models from ../shared/data",
                       add_help=False)
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_train)


def _info_parser(sub) -> None:
    p = sub.add_parser("info", help="the package and model versions, and where the model loads "
                                    "from",
                       description="Print the package version, the model's name and version, "
                                   "the sha256 of each model file (checked against the model's "
                                   "manifest.json) and the folder the model loads from.")
    p.add_argument("--models", type=Path, help="model folder (default: the bundled model)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nlp-news", description="Indonesian news -> tables of "
                                     "people, places, organisations, numbers and dates.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--verbose", "-v", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    _annotate_parser(sub)
    _evaluate_parser(sub)
    _report_parser(sub)
    _train_parser(sub)
    _info_parser(sub)
    return parser


def cmd_annotate(args: argparse.Namespace) -> int:
    _check_annotate_options(args)
    columns = {a: getattr(args, f"{a}_column") for a in readers.NAMED_COLUMNS
               if a != "text" and getattr(args, f"{a}_column") is not None}
    pipeline = Config(models=str(args.models) if args.models else None, ner=not args.no_ner,
                      aliases=args.aliases, min_score=args.min_score)
    config = batch.BatchConfig(
        pipeline=pipeline, columns=columns, sheet=args.sheet,
        out=args.out, fmt=args.format, chunk_size=args.chunk_size, jobs=args.jobs,
        threads=args.threads,
        engine=args.engine, scheduler=args.scheduler, resume=args.resume,
        text_column=args.text_column, input_format=args.input_format,
        tsv_quotes=args.tsv_quotes, overwrite=args.overwrite, quiet=args.quiet,
        duplicate_threshold=args.duplicate_threshold, skip_duplicates=args.skip_duplicates,
    )
    summary = batch.run(args.inputs, config)
    print(f"nlp-news: {summary.line()} -> {args.out}", file=sys.stderr)
    if summary.error:
        print(f"nlp-news: {summary.error} article(s) failed: see the 'error' column of "
              f"{summary.paths['documents']}", file=sys.stderr)
        return EXIT_FAILED_ARTICLES
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.task == "articles" and (args.folds or args.ablate):
        from .evaluate_articles import cross_validate
        from .gold import read_gold
        ablate = [] if not args.ablate else (["rules"] if args.ablate == "rules"
                                             else [n.strip() for n in args.ablate.split(",")])
        golds = [g for path in args.gold for g in read_gold(path, args.shared)]
        report = cross_validate(golds, folds=args.folds or 1, ablate=ablate,
                                models=args.models)
        report["gold"] = [str(p) for p in args.gold]
    elif args.task == "articles":
        from .evaluate_articles import evaluate_articles_file

        report = evaluate_articles_file(args.gold, models=args.models, shared=args.shared,
                                        errors=args.errors)
    else:
        from .annotate import set_torch_threads
        from .evaluate import evaluate_ner_file

        set_torch_threads(1)  # as everywhere (annotate's --threads): faster beside busy cores
        if len(args.gold) != 1:
            raise ValueError("evaluate ner takes one gold file")
        report = evaluate_ner_file(args.gold[0], models=args.models,
                                   predictions=args.predictions)
    print(json.dumps(report, indent=2))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    if args.max_entities < 0:
        raise ValueError("--max-entities must be 0 or more")
    say = None if args.quiet else (lambda step: print(f"nlp-news report: {step}",
                                                      file=sys.stderr))
    summary = build_report(args.out, args.to, title=args.title,
                           max_entities=args.max_entities, progress=say)
    print(f"nlp-news: {summary.line()}", file=sys.stderr)
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from .models import model_info

    info = {"nlp_news": __version__, "model": model_info(args.models)}
    if args.json:
        print(json.dumps(info, indent=2))
        return EXIT_OK
    model = info["model"]
    print(f"nlp_news {__version__}")
    print(f"model {model['name'] or '(no manifest)'} version {model['version'] or '?'}")
    print(f"model folder {model['folder']}")
    for name, file in model["files"].items():
        print(f"  {name}  sha256 {file['sha256'] or '-'}  {file['status']}")
    return EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    from .training.__main__ import main as train_main

    return train_main(args.args)


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure ends with one line on stderr and the documented exit
    code (a traceback only with ``--verbose``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread (an embedding program)
            previous[signum] = signal.signal(signum, _raise_interrupted)
    try:
        return args.func(args)
    except Interrupted as exc:
        out = getattr(args, "out", None)
        hint = f"; continue with the same command and --resume (into {out})" if out else ""
        print(f"nlp-news: interrupted by {exc}{hint}", file=sys.stderr)
        return exc.code
    except (InputError, ValueError) as exc:  # GoldError, OutputError are ValueErrors
        if args.verbose:
            log.exception("usage error")
        print(f"nlp-news: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_FAILED_ARTICLES
    except OSError as exc:
        if args.verbose:
            log.exception("I/O error")
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"nlp-news: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_IO
    except Exception as exc:
        if args.verbose:
            log.exception("internal error")
        print(f"nlp-news: internal error: {type(exc).__name__}: {exc} (run with --verbose "
              "for the traceback, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_program() -> NoReturn:
    """The ``nlp-news`` program (and ``python -m nlp_news``): :func:`main`, then exit.

    The loaded models are frozen out of the garbage collector first: the interpreter's last
    collections would otherwise walk every object of the pipeline once more on the way out
    (a second of every run that loaded it)."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run_program()
