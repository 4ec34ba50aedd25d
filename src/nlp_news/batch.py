"""Annotate whole dumps: in chunks, in parallel, resumably, on one machine or on Dask.

The input stream is cut into numbered chunks of ``chunk_size`` records.  Each chunk is annotated
by :func:`process_chunk` (in this process, in worker processes, or on Dask workers), which writes
its tables as part files in the output format, an entity-summary partial (JSON) and a ``.done``
marker.  As chunks finish, the driver appends
their parts, in chunk order, to the output files (under temporary names, renamed when the run
is complete).  Memory stays flat in the size of the dump; after a crash ``resume=True`` re-does
only the chunks without a marker.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO

import pandas as pd

from . import duplicates, output_folder, safe_files, tables, writers
from .article import record_id_and_text
from .config import Config
from .entities import EntitySummary
from .entities.resolve import AliasTable, NameKnowledge
from .entities.summary import doc_key, set_canonical_ids
from .pipeline.core import batched
from .pipeline.resources import Resources
from .readers import Record, check_inputs, folder_files, read_articles

log = logging.getLogger(__name__)

PARTS_DIR = ".nlp_news_parts"
TABLE_NAMES = tuple(tables.SCHEMAS)  # per-chunk tables; entity_summary is built at the merge


@dataclass
class BatchConfig:
    """Options of a batch run (the ``nlp-news annotate`` flags): ``pipeline``, the pipeline's
    :class:`~nlp_news.config.Config` (``--models``, ``--no-ner``, ``--aliases``,
    ``--min-score``), and how the run reads, splits, runs and writes."""

    out: Path
    pipeline: Config = field(default_factory=Config)
    fmt: str = "csv"
    chunk_size: int = 100
    jobs: int | str = "auto"  # a number, or "auto" (:func:`resolve_jobs`)
    threads: int = 1  # torch threads per process
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # dask scheduler address; None = a LocalCluster
    resume: bool = False
    text_column: str | None = None  # None: recognised by name (the lexicon's [columns])
    columns: dict[str, str] = field(default_factory=dict)  # id/title/date/url named
    sheet: str | None = None  # the Excel sheet to read (None: every sheet)
    input_format: str | None = None
    tsv_quotes: bool = False
    overwrite: bool = False
    quiet: bool = False
    duplicate_threshold: float = duplicates.THRESHOLD  # near duplicates (nlp_news.duplicates)
    skip_duplicates: bool = False  # do not annotate near duplicates (status "skipped")


@dataclass
class ChunkResult:
    """What one chunk reports back to the driver."""

    index: int
    ok: int = 0
    error: int = 0
    skipped: int = 0
    entities: int = 0
    facts: int = 0
    tokens: int = 0
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class BatchSummary:
    """The end-of-run summary."""

    ok: int = 0
    error: int = 0
    skipped: int = 0
    duplicates: int = 0
    entities: int = 0
    facts: int = 0
    tokens: int = 0
    chunks: int = 0
    skipped_chunks: int = 0
    seconds: float = 0.0
    timings: Counter = field(default_factory=Counter)
    paths: dict[str, Path] = field(default_factory=dict)

    def line(self) -> str:
        skipped = f", {self.skipped} near duplicates skipped" if self.skipped else ""
        return (f"{self.ok} articles ok, {self.error} failed{skipped}, {self.entities} "
                f"entities, {self.facts} facts in {self.seconds:.1f} s")


# --------------------------------------------------------------------------- worker side



def _init_worker(threads: int | None, parent: int | None = None) -> None:
    """Per worker process: fix torch's thread count before any model is loaded, and tie the
    worker's life to the driver's (``parent``): it ignores Ctrl-C (the driver stops it) and
    ends when the driver dies, even by kill -9 (Linux's parent-death signal, and a watch on
    the parent process for other systems)."""
    if threads:
        import torch

        torch.set_num_threads(threads)
    if parent is None:
        return
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the driver died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="nlp-news-parent-watch", daemon=True).start()


def _part(parts: Path, index: int, name: str, fmt: str = "parquet") -> Path:
    return parts / f"{index:07d}.{name}.{fmt}"


def _part_format(name: str, fmt: str) -> str:
    """The format of a table's part files: the output format, except for ``entities``, kept
    as Parquet until the merge fills in its dump-wide ``canonical_id``."""
    return "parquet" if name == "entities" else fmt


def _marker(parts: Path, index: int) -> Path:
    return parts / f"{index:07d}.done"


def process_chunk(index: int, records: list[Record], parts: str, config: BatchConfig,
                  duplicate_of: dict[int, str] | None = None) -> ChunkResult:
    """Annotate one chunk into the folder ``parts`` with the pipeline of ``config`` and write
    its part files (the unit of work on every engine).

    Each table is written as a fragment in the output format, so the formatting happens here,
    in parallel; the chunk's :class:`EntitySummary` is written beside them as JSON (data
    only: nothing read back from the output folder can run code); the ``.done`` marker,
    written last, holds the chunk's counts.  ``duplicate_of``: the near duplicates the
    driver found among the chunk's records (position -> the earlier article's id), not
    annotated with ``config.skip_duplicates``."""
    from .annotate import get_pipeline, to_articles

    parts_dir = Path(parts)
    pipe = get_pipeline(config.pipeline, threads=None)  # the engine's
    before = Counter(pipe.timings)
    articles = list(to_articles(records, config.text_column))
    for position, original in (duplicate_of or {}).items() if config.skip_duplicates else ():
        if not articles[position].error:
            articles[position].skipped = f"near duplicate of {original} (--skip-duplicates)"
    docs = pipe(articles)
    start = time.perf_counter()
    built = tables.build_tables(docs)
    if duplicate_of:
        built["documents"]["duplicate_of"] = pd.array(
            [duplicate_of.get(i) for i in range(len(built["documents"]))], dtype="string")
    built_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for name in TABLE_NAMES:
        part_fmt = _part_format(name, config.fmt)
        writers.write_fragment(built[name], _part(parts_dir, index, name, part_fmt), part_fmt)
    summary = EntitySummary()
    summary.add(built["entities"], built["documents"])
    safe_files.write_atomic(_part(parts_dir, index, "summary", "json"), summary.to_json())
    timings = {k: v - before.get(k, 0.0) for k, v in pipe.timings.items() if k != "load"}
    timings["tables"] = built_seconds
    timings["write_parts"] = time.perf_counter() - start
    status = built["documents"]["status"]
    result = ChunkResult(
        index=index, ok=int((status == "ok").sum()), error=int((status == "error").sum()),
        skipped=int((status == "skipped").sum()),
        entities=len(built["entities"]), facts=len(built["facts"]),
        tokens=int(built["documents"]["n_tokens"].sum()),
        errors=list(built["documents"].loc[status == "error", "error"].dropna()),
        timings=timings,
    )
    safe_files.write_atomic(_marker(parts_dir, index), json.dumps(asdict(result)))
    del docs, built
    _release_memory()
    return result


def _release_memory() -> None:
    """Hand the chunk's freed memory back to the OS (glibc keeps it otherwise), so a worker's
    resident memory reflects the chunk it is on, not the largest chunk it has seen."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc (musl, ...)
            ctypes.CDLL("libc.so.6").malloc_trim(0)


# --------------------------------------------------------------------------- driver side


def chunk_records(records: Iterable[Record], size: int) -> Iterator[tuple[int, list[Record]]]:
    """Number the input stream's chunks: the same input always gives the same chunks."""
    yield from enumerate(batched(records, size))


def _manifest(config: BatchConfig, inputs: list[str]) -> dict[str, object]:
    """The run's fingerprint (:func:`.output_folder.manifest`): inputs' content, models, code
    and every option that changes the tables."""
    pipeline = config.pipeline
    options = {"chunk_size": config.chunk_size, "ner": pipeline.ner, "format": config.fmt,
               "text_column": config.text_column, "columns": config.columns,
               "sheet": config.sheet, "input_format": config.input_format,
               "tsv_quotes": config.tsv_quotes,
               "duplicate_threshold": config.duplicate_threshold,
               "skip_duplicates": config.skip_duplicates, "min_score": pipeline.min_score,
               "aliases": None if pipeline.aliases is None else {
                   "file": os.path.abspath(pipeline.aliases),
                   "sha256": output_folder.file_checksum(Path(pipeline.aliases))}}
    return output_folder.manifest(inputs, options, pipeline.models, config.out)


def _prepare_parts(config: BatchConfig, inputs: list[str]) -> tuple[Path, set[int]]:
    parts = config.out / PARTS_DIR
    manifest = _manifest(config, inputs)
    manifest_path = parts / "manifest.json"
    if config.resume:
        output_folder.check_resumable(config.out, parts, manifest)
        done = set()
        for marker in parts.glob("*.done"):
            with contextlib.suppress(ValueError):
                done.add(int(marker.name.split(".")[0]))
        return parts, done
    safe_files.remove_tree(parts)
    safe_files.make_dir(parts)
    safe_files.write_atomic(manifest_path, json.dumps(manifest))
    return parts, set()


#: A short text of the project's own, annotated once in the driver before it forks its workers,
#: so that what loads on first use (spaCy's tokenizer, the tagger's first forward pass) is
#: loaded once, in the memory the workers share.
WARM_UP_TEXT = ("Jakarta - Menteri Keuangan Sri Mulyani Indrawati bertemu pimpinan Bank "
                "Indonesia di Surabaya pada Senin (3/6/2019) untuk membahas dana Rp 2,5 triliun.")


@contextlib.contextmanager
def _torch_threads(threads: int, ner: bool):
    """torch on ``threads`` threads in this process for the block; the caller's count is put
    back afterwards (torch is not imported for a run without the NER model)."""
    from .annotate import set_torch_threads

    torch = sys.modules.get("torch") if not ner else __import__("torch")
    before = torch.get_num_threads() if torch is not None else None
    if torch is not None:
        set_torch_threads(threads)
    try:
        yield
    finally:
        if before is not None:
            torch.set_num_threads(before)


def _preload_pipeline(config: Config, threads: int = 1) -> None:
    """Load and warm up the pipeline of ``config`` the workers will use
    (:func:`.annotate.get_pipeline`'s process-wide cache, which forked workers inherit), with
    torch on ``threads`` threads as in a worker; the caller's thread count is put back
    afterwards."""
    from .annotate import get_pipeline, to_articles

    with _torch_threads(threads, config.ner):
        pipe = get_pipeline(config, threads=None)
        pipe(list(to_articles([WARM_UP_TEXT])))


#: ``--jobs auto``: one worker process per core (at most :data:`MAX_AUTO_JOBS`) when the input
#: files hold at least :data:`AUTO_JOBS_MIN_BYTES` (about 700 news articles of ~3 KB, some
#: minutes of work on one core; below it the workers' start-up does not pay), else one
#: process.  A compressed file counts :data:`GZIP_RATIO` times its size; stdin counts as small.
AUTO_JOBS_MIN_BYTES = 2_000_000
MAX_AUTO_JOBS = 8
GZIP_RATIO = 4


def input_bytes(inputs: Iterable[str]) -> int | None:
    """The inputs' size in bytes (folders: every file under them; None for stdin)."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = ([Path(root, f) for root, _, names in os.walk(path) for f in names]
                 if path.is_dir() else [path])
        for file in files:
            with contextlib.suppress(OSError):
                total += file.stat().st_size * (GZIP_RATIO if file.suffix == ".gz" else 1)
    return total


def resolve_jobs(jobs: int | str, inputs: Iterable[str]) -> int:
    """The number of worker processes: ``jobs`` itself, or for ``"auto"`` the machine's cores
    (at most :data:`MAX_AUTO_JOBS`) for inputs of :data:`AUTO_JOBS_MIN_BYTES` or more, else 1."""
    if jobs != "auto":
        try:
            jobs = int(jobs)
        except (TypeError, ValueError):
            raise ValueError(f"--jobs must be a number or 'auto', not {jobs!r}") from None
        if jobs < 1:
            raise ValueError(f"--jobs must be 1 or more, not {jobs}")
        return jobs
    size = input_bytes(inputs)
    if size is None or size < AUTO_JOBS_MIN_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_AUTO_JOBS))


class _LocalEngine:
    """Run chunks in this process (jobs=1) or in a pool of worker processes.

    Where the platform can fork (Linux) and this process runs no other thread (a notebook's
    kernel does), the driver loads the pipeline once and forks the workers from it: they
    start at once, share its read-only memory (copy-on-write), and do not load the same files
    side by side on the same cores.  Elsewhere each worker is spawned and loads its own
    copy."""

    def __init__(self, jobs: int, pipeline: Config, threads: int = 1):
        self.pool = None
        self.threads = contextlib.ExitStack()
        if jobs <= 1:  # chunks run here, on ``threads`` torch threads until close()
            self.threads.enter_context(_torch_threads(threads, pipeline.ner))
            return
        import gc
        import multiprocessing as mp
        import threading

        fork = sys.platform.startswith("linux") and threading.active_count() == 1
        if fork:
            _preload_pipeline(pipeline, threads)
            gc.freeze()  # the workers' collectors would otherwise touch (copy) shared pages
        try:
            self.pool = ProcessPoolExecutor(
                jobs, mp_context=mp.get_context("fork" if fork else "spawn"),
                initializer=_init_worker, initargs=(threads, os.getpid()))
            if fork:  # fork every worker now, before the progress bar's monitor thread
                self.pool.submit(int).result()  # and the pool's manager thread exist
        finally:
            if fork:
                gc.unfreeze()

    def submit(self, fn: Callable, *args) -> Future:
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        future: Future = Future()
        try:  # Ctrl-C and SIGTERM (BaseException) stop the run here, within the chunk
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def close(self, abort: bool = False) -> None:
        """Wait for the workers to finish; with ``abort``, stop them at once (their
        unfinished chunks have no ``.done`` marker, so a resume re-does them)."""
        self.threads.close()
        if self.pool is None:
            return
        if abort:
            processes = list((self.pool._processes or {}).values())
            self.pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                with contextlib.suppress(Exception):
                    process.kill()
            for process in processes:
                with contextlib.suppress(Exception):
                    process.join(5)
        else:
            self.pool.shutdown()


#: Seconds to connect to a dask scheduler and hear its handshake.
SCHEDULER_TIMEOUT = 20.0


class SchedulerError(OSError):
    """A dask scheduler that cannot be reached or does not answer as one (exit 3)."""


def _connect(client_type: Callable, scheduler: str, timeout: float | None = None):
    """A dask ``Client`` of ``scheduler``, or :class:`SchedulerError` within ``timeout``
    seconds: dask's own timeout does not cover a port that accepts and never answers, and a
    port that answers something else (HTTP) ends in a MemoryError inside dask."""
    import threading

    timeout = timeout or SCHEDULER_TIMEOUT
    result: dict[str, object] = {}

    def attempt() -> None:
        try:
            result["client"] = client_type(scheduler, timeout=timeout)
        except BaseException as exc:  # whatever dask raises on a foreign answer
            result["error"] = exc

    thread = threading.Thread(target=attempt, name="nlp-news-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 5)
    if thread.is_alive():
        raise SchedulerError(f"no answer from a dask scheduler at {scheduler} within "
                             f"{timeout:.0f} s (is it one?)")
    if "error" in result:
        error = result["error"]
        raise SchedulerError(f"cannot use the dask scheduler at {scheduler}: "
                             f"{type(error).__name__}: {str(error)[:200]}")
    return result["client"]


class _DaskEngine:
    """Run chunks on dask.distributed: a LocalCluster, or the scheduler given."""

    def __init__(self, jobs: int, scheduler: str | None, threads: int = 1):
        from dask.distributed import Client, LocalCluster

        if scheduler:
            self.cluster = None
            self.client = _connect(Client, scheduler)
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.client.run(_init_worker, threads)

    def submit(self, fn: Callable, *args) -> Future:
        return self.client.submit(fn, *args, pure=False)

    def close(self, abort: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class _BytesRead:
    """How far the readers are into the input files: the bytes of the files finished, plus
    the position of the one being read (its raw handle, given by :func:`.read_articles`'s
    ``opened``; on-disk bytes, so a gzip file counts its compressed size)."""

    def __init__(self) -> None:
        self.finished = 0
        self.handle: IO[bytes] | None = None
        self.size = 0

    def opened(self, handle: IO[bytes]) -> None:
        if self.handle is not None:
            self.finished += self.size
        self.handle, self.size = handle, os.fstat(handle.fileno()).st_size

    def __call__(self) -> int:
        if self.handle is None:
            return self.finished
        try:
            return self.finished + min(self.handle.tell(), self.size)
        except (ValueError, OSError):  # closed: read to its end
            return self.finished + self.size


def _input_files_size(inputs: list[str], exclude: Path) -> int | None:
    """The bytes the readers will read (None with stdin: then the bar counts articles)."""
    if "-" in inputs:
        return None
    out = exclude.resolve()
    files = [f for name in inputs
             for f in (folder_files(Path(name), out) if Path(name).is_dir() else [Path(name)])]
    return sum(f.stat().st_size for f in files)


class _Progress:
    """The progress bar: with files, over their bytes (a total, a rate and an ETA), with the
    articles done beside it; with stdin, a count of articles.  It moves as chunks finish,
    to where the reader was at each chunk's end."""

    def __init__(self, config: BatchConfig, total: int | None):
        from tqdm import tqdm

        disable = config.quiet or not sys.stderr.isatty()
        self.by_bytes = total is not None
        self.articles = 0
        self.bar = (tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                         disable=disable, smoothing=0.1, dynamic_ncols=True)
                    if self.by_bytes else
                    tqdm(unit=" articles", disable=disable, smoothing=0.1, dynamic_ncols=True))

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.bar.close()

    def update(self, articles: int, position: int) -> None:
        """``articles`` more are done, and the input is done up to byte ``position``."""
        self.articles += articles
        if not self.by_bytes:
            self.bar.update(articles)
            return
        self.bar.set_postfix_str(f"{self.articles:,} articles", refresh=False)
        self.bar.update(max(0, position - self.bar.n))


#: Errors logged one by one; past this many, the documents table's ``error`` column has them.
MAX_LOGGED_ERRORS = 20


def _collect(result: ChunkResult, summary: BatchSummary) -> None:
    logged = summary.error
    summary.ok += result.ok
    summary.error += result.error
    summary.skipped += result.skipped
    summary.entities += result.entities
    summary.facts += result.facts
    summary.tokens += result.tokens
    summary.timings.update(result.timings)
    for message in result.errors:
        if logged < MAX_LOGGED_ERRORS:
            log.warning("%s", message)
        elif logged == MAX_LOGGED_ERRORS:
            log.warning("more failed articles: see the 'error' column of the documents table")
        logged += 1


def _read_part(path: Path, name: str) -> pd.DataFrame:
    """A table's Parquet part, opened as a regular file of the parts folder (a link planted
    there is refused: :func:`.safe_files.open_regular`), with the table's dtypes."""
    with safe_files.open_regular(path) as handle:
        return pd.read_parquet(handle).astype(tables.SCHEMAS[name])


class _Merger:
    """Append finished chunks' parts, in chunk order, to the final tables while the run goes
    on, and build the dump-wide ``entity_summary`` on the way.

    The entities table is written last, by :meth:`close`: once every chunk's names are
    counted, :mod:`.entities.resolve` decides the entities of the dump, and each chunk's
    entity part gets its ``canonical_id`` on the way to the output.  Output goes to temporary
    files that are renamed only by :meth:`close`; the parts stay on disk until then, so a
    resumed run simply merges again from chunk 0.
    """

    def __init__(self, parts: Path, out: Path, fmt: str,
                 knowledge: NameKnowledge | None = None,
                 duplicate_keys: set[int] | None = None):
        self.parts = parts
        self.next = 0
        self.summary = EntitySummary()
        #: :func:`doc_key` of the dump's near duplicates (the driver's, filled as it reads)
        self.duplicate_keys = duplicate_keys if duplicate_keys is not None else set()
        self.knowledge = knowledge
        self.writers = {name: writers.TableWriter(out, name, fmt) for name in TABLE_NAMES}
        for name, writer in self.writers.items():
            writer.write(tables.frame([], tables.SCHEMAS[name]))
        self.out, self.fmt = out, fmt

    def advance(self) -> None:
        """Merge every chunk from the next one on whose parts are complete."""
        while _marker(self.parts, self.next).exists():
            for name, writer in self.writers.items():
                if name != "entities":
                    writer.append_fragment(_part(self.parts, self.next, name, self.fmt))
            summary_path = _part(self.parts, self.next, "summary", "json")
            if not summary_path.is_file():
                raise ValueError(f"{summary_path} is missing: the parts folder was not made by "
                                 "this version of nlp-news; run again without --resume")
            self.summary.merge(EntitySummary.from_json(safe_files.read_text(summary_path)))
            self.next += 1

    def close(self, chunks: int) -> dict[str, Path]:
        """Check that all ``chunks`` are merged, then give the files their final names."""
        self.advance()
        if self.next != chunks:
            raise RuntimeError(f"chunk {self.next} of {chunks} has no output")
        resolution = self.summary.resolve(self.knowledge or NameKnowledge())
        entities = self.writers["entities"]
        for index in range(chunks):
            part = _read_part(_part(self.parts, index, "entities"), "entities")
            if len(part):
                entities.write(set_canonical_ids(part, resolution))
        paths = {name: writer.close() for name, writer in self.writers.items()}
        writer = writers.TableWriter(self.out, "entity_summary", self.fmt)
        writer.write(self.summary.frame(resolution=resolution,
                                        duplicates=self.duplicate_keys))
        paths["entity_summary"] = writer.close()
        return paths


def run(inputs: list[str], config: BatchConfig) -> BatchSummary:
    """Annotate ``inputs`` into ``config.out``; see the module docstring.

    Every input and the output folder are checked before any work starts
    (:func:`.readers.check_inputs`, :mod:`.output_folder`); one run at a time holds the
    folder's lock."""
    inputs = check_inputs(inputs, input_format=config.input_format, exclude=config.out)
    if config.threads < 1:
        raise ValueError(f"threads must be 1 or more, not {config.threads}")
    config = replace(config, jobs=resolve_jobs(config.jobs, inputs))
    if config.pipeline.aliases is not None:  # a bad alias file stops the run before any work
        AliasTable.read(config.pipeline.aliases)
    duplicates.check_threshold(config.duplicate_threshold)
    output_folder.check_writable(config.out, overwrite=config.overwrite or config.resume)
    if not config.resume:
        output_folder.check_replaceable(config.out, inputs, overwrite=config.overwrite)
    with output_folder.locked(config.out):
        return _run(inputs, config)


def _run(inputs: list[str], config: BatchConfig) -> BatchSummary:
    start = time.perf_counter()
    summary = BatchSummary()
    parts, done = _prepare_parts(config, inputs)
    output_folder.write_marker(config.out, "running")
    knowledge = Resources(config.pipeline).name_knowledge
    engine = (_DaskEngine(config.jobs, config.scheduler, config.threads)
              if config.engine == "dask" else
              _LocalEngine(config.jobs, config.pipeline, config.threads))
    position = _BytesRead()
    records = read_articles(inputs, text_column=config.text_column, columns=config.columns,
                            sheet=config.sheet,
                            input_format=config.input_format, tsv_quotes=config.tsv_quotes,
                            exclude=config.out, opened=position.opened)
    dups: dict[int, str] = {}
    dup_keys: set[int] = set()
    found_duplicates = 0
    finder = duplicates.DuplicateFinder(config.duplicate_threshold)

    def marked(stream):
        """The records, each checked against the dump's earlier articles as it is read."""
        nonlocal found_duplicates
        for n, record in enumerate(stream):
            doc_id, text = record_id_and_text(record, config.text_column)
            original = finder.check(doc_id, text) if text else None
            if original is not None:
                dups[n] = original
                dup_keys.add(doc_key(doc_id))
                found_duplicates += 1
            yield record

    records = marked(records)
    merger = _Merger(parts, config.out, config.fmt, knowledge, dup_keys)
    in_flight: list[tuple[Future, int, int]] = []
    max_in_flight = max(2, 2 * config.jobs)
    n_chunks = 0
    read_seconds = 0.0

    def drain(limit: int, bar) -> None:
        while len(in_flight) > limit:
            future, size, read = in_flight.pop(0)
            _collect(future.result(), summary)
            t0 = time.perf_counter()
            merger.advance()
            summary.timings["merge_write"] += time.perf_counter() - t0
            bar.update(size, read)

    aborted = True
    try:
        with _Progress(config, _input_files_size(inputs, config.out)) as bar:
            stream = chunk_records(records, config.chunk_size)
            while True:
                t0 = time.perf_counter()
                item = next(stream, None)
                read_seconds += time.perf_counter() - t0
                if item is None:
                    break
                index, chunk = item
                n_chunks = index + 1
                if index in done:
                    summary.skipped_chunks += 1
                    bar.update(len(chunk), position())
                    continue
                first = index * config.chunk_size
                found = {p - first: dups.pop(p) for p in range(first, first + len(chunk))
                         if p in dups}
                future = engine.submit(process_chunk, index, chunk, str(parts), config, found)
                in_flight.append((future, len(chunk), position()))
                drain(max_in_flight, bar)
            drain(0, bar)
            bar.update(0, position())  # every input read to its end
        aborted = False
    finally:
        engine.close(abort=aborted)
    for index in sorted(done):  # counts of chunks done before the interruption
        marker = json.loads(safe_files.read_text(_marker(parts, index)))
        for key in ("ok", "error", "skipped", "entities", "facts", "tokens"):
            setattr(summary, key, getattr(summary, key) + marker.get(key, 0))
    t0 = time.perf_counter()
    summary.paths = writers.finish(config.out, merger.close(n_chunks), config.fmt)
    summary.timings["merge_write"] += time.perf_counter() - t0
    summary.timings["read"] = read_seconds
    run = json.loads(safe_files.read_text(parts / "manifest.json"))
    safe_files.remove_tree(parts)
    summary.chunks = n_chunks
    summary.duplicates = found_duplicates
    summary.seconds = time.perf_counter() - start
    run.update(finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               seconds=round(summary.seconds, 1), chunks=n_chunks,
               counts={key: getattr(summary, key)
                       for key in ("ok", "error", "skipped", "duplicates", "entities", "facts",
                                   "tokens")})
    output_folder.write_marker(config.out, "complete", run)
    return summary
