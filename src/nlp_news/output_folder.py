"""The output folder of a batch run: what may be written there, by whom, and what resumes.

- A run writes only into an empty folder, a folder made by an earlier run (it holds
  :data:`MARKER`), or any folder with ``overwrite=True``; a path that is a file is refused.
- A lock (:data:`LOCK`, ``flock``) lets one run at a time write there: a second run stops at
  once, naming the first one's process id.  The lock goes with its process, even on kill -9.
- The manifest of a run (:func:`manifest`) holds a fingerprint of everything that decides the
  tables: each input's content (SHA-256 of its bytes), the model files' checksums, the package
  version and a checksum of its code and word lists, and the options.  ``--resume`` refuses,
  naming each difference, when any of it changed, and refuses on a folder with no interrupted
  run in it.
- Nothing read back from the folder can run code: the manifest, markers and summary partials
  are JSON, the part files are tables.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import safe_files
from .readers import folder_files

#: Written into every output folder when a run starts (JSON: version, status).
MARKER = ".nlp_news_output.json"
#: The lock file of a running run (holds its process id).
LOCK = ".nlp_news.lock"
PACKAGE = Path(__file__).resolve().parent


class OutputError(ValueError):
    """An output folder that may not be written to, or a resume that would mix runs."""


def file_checksum(path: Path) -> str:
    """SHA-256 of a file's bytes (read in 1 MB blocks)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_fingerprints(inputs: list[str], exclude: Path | None = None) -> list[dict[str, Any]]:
    """Per input: its absolute path and, per file it reads, size and SHA-256 (stdin: none)."""
    out: list[dict[str, Any]] = []
    for name in inputs:
        if name == "-":
            out.append({"input": "-", "files": None})
            continue
        path = Path(name)
        files = folder_files(path, exclude) if path.is_dir() else [path]
        out.append({"input": os.path.abspath(name),
                    "files": [{"path": os.path.relpath(f, path) if path.is_dir() else f.name,
                               "bytes": f.stat().st_size, "sha256": file_checksum(f)}
                              for f in files]})
    return out


def models_fingerprint(models: str | Path | None) -> dict[str, str]:
    """SHA-256 of every file of the model folder, by relative path."""
    from .models import model_paths

    root = model_paths(models).root
    return {str(p.relative_to(root)): file_checksum(p)
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".md"}


def code_fingerprint() -> str:
    """SHA-256 over the package's code and word lists: a changed rule changes the tables."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".tsv", ".json", ".txt"):
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def manifest(inputs: list[str], options: dict[str, Any], models: str | Path | None,
             out: Path) -> dict[str, Any]:
    """Everything that decides a run's tables (see the module docstring)."""
    from . import __version__

    return {"nlp_news": __version__, "code": code_fingerprint(),
            "models": models_fingerprint(models), "options": options,
            "inputs": input_fingerprints(inputs, out.resolve())}


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed between two manifests, in words (empty: the same run)."""
    found = []
    if old.get("nlp_news") != new.get("nlp_news"):
        found.append(f"nlp-news version {old.get('nlp_news')} -> {new.get('nlp_news')}")
    elif old.get("code") != new.get("code"):
        found.append("the nlp_news code or word lists changed")
    old_models, new_models = old.get("models") or {}, new.get("models") or {}
    for name in sorted(set(old_models) | set(new_models)):
        if old_models.get(name) != new_models.get(name):
            found.append(f"model file {name} differs (--models)")
    old_opts, new_opts = old.get("options") or {}, new.get("options") or {}
    for key in sorted(set(old_opts) | set(new_opts)):
        if old_opts.get(key) != new_opts.get(key):
            found.append(f"option {key}: {old_opts.get(key)!r} -> {new_opts.get(key)!r}")
    old_in, new_in = old.get("inputs") or [], new.get("inputs") or []
    if [i.get("input") for i in old_in] != [i.get("input") for i in new_in]:
        found.append(f"inputs {[i.get('input') for i in old_in]} -> "
                     f"{[i.get('input') for i in new_in]}")
    else:
        for before, after in zip(old_in, new_in, strict=True):
            if before.get("files") != after.get("files"):
                found.append(f"the content of {after['input']} changed")
    return found


def check_resumable(out: Path, parts: Path, current: dict[str, Any]) -> None:
    """Raise :class:`OutputError` unless ``out`` holds an interrupted run of ``current``."""
    if any(i.get("files") is None for i in current["inputs"]):
        raise OutputError("--resume cannot check that standard input is the same as before; "
                          "give the input as a file")
    manifest_path = parts / "manifest.json"
    if not manifest_path.is_file():
        state = read_marker(out)
        if state and state.get("status") == "complete":
            raise OutputError(f"{out}: holds a finished run; there is nothing to resume")
        raise OutputError(f"{out}: has no interrupted nlp-news run to resume "
                          f"(no {parts.name}/manifest.json)")
    if not safe_files.is_dir(parts):
        raise OutputError(f"{parts}: is not a folder (a link?); run again without --resume")
    try:
        previous = json.loads(safe_files.read_text(manifest_path))
    except (OSError, ValueError) as exc:
        raise OutputError(f"{manifest_path}: unreadable ({exc}); run again without "
                          "--resume") from None
    changed = differences(previous, current)
    if changed:
        raise OutputError(f"{out}: --resume refused, this run differs from the interrupted "
                          f"one: {'; '.join(changed)}. Run again without --resume to start "
                          "afresh")


def read_marker(out: Path) -> dict[str, Any] | None:
    """The marker of an nlp-news output folder, or None."""
    try:
        data = json.loads(safe_files.read_text(out / MARKER))
    except (OSError, ValueError):  # also a link or a special file in its place
        return None
    return data if isinstance(data, dict) else None


def run_record(marker: dict[str, Any] | None) -> dict[str, Any] | None:
    """The run record a finished run kept in its marker (:func:`write_marker`), or None."""
    run = (marker or {}).get("run")
    return run if isinstance(run, dict) else None


def write_marker(out: Path, status: str, run: dict[str, Any] | None = None) -> None:
    """Mark ``out`` as a folder of nlp-news with the run's ``status``; a complete run also
    keeps its ``run`` record (the manifest: inputs with their checksums, options, models,
    plus counts and time) for ``nlp-news report``, which re-reads the texts from the inputs."""
    from . import __version__

    data: dict[str, Any] = {"nlp_news": __version__, "status": status}
    if run is not None:
        data["run"] = run
    safe_files.write_atomic(out / MARKER, json.dumps(data, ensure_ascii=False))


def check_writable(out: Path, overwrite: bool = False) -> None:
    """Create ``out`` or check that a run may write into it (see the module docstring)."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a folder; choose another --out")
    if out.is_dir():
        entries = [p.name for p in out.iterdir() if p.name != LOCK]
        if entries and read_marker(out) is None and not overwrite:
            raise OutputError(f"{out}: is not empty and was not made by nlp-news "
                              f"({len(entries)} entries, e.g. {sorted(entries)[0]!r}); "
                              "choose an empty or new --out, or pass --overwrite to write "
                              "the tables into it anyway")
    else:
        try:
            out.mkdir(parents=True)
        except OSError as exc:
            raise OutputError(f"{out}: cannot create the output folder: "
                              f"{exc.strerror or exc}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: the output folder is not writable")


def check_replaceable(out: Path, inputs: list[str], overwrite: bool = False) -> None:
    """Refuse to replace a finished run's tables with those of other inputs unless
    ``overwrite`` (the same inputs again, as after a change of code or data, may)."""
    marker = read_marker(out)
    run = run_record(marker)
    if overwrite or not marker or marker.get("status") != "complete" or run is None:
        return
    before = [i.get("input") for i in run.get("inputs") or [] if isinstance(i, dict)]
    now = [name if name == "-" else os.path.abspath(name) for name in inputs]
    if before != now:
        names = ", ".join(Path(str(name)).name for name in before) or "none recorded"
        raise OutputError(f"{out}: holds the finished run of other inputs ({names}); pass "
                          "--overwrite to replace its tables, or choose another --out")


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration of a run (a no-op without ``fcntl``).

    The lock file is opened without following a link (a link in its place is refused), and
    the lock counts only if the file locked is still the one at :data:`LOCK` (a run that
    locked a file another run had just removed tries again).  The file is removed while the
    lock is still held, so no second run can lock it in between."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    path = out / LOCK
    for _attempt in range(10):
        fd = safe_files.open_lock(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            with os.fdopen(fd, "rb") as handle:
                holder = handle.read(100).decode("utf-8", "replace").strip() or "?"
            raise OutputError(f"{out}: another nlp-news run (process {holder}) is writing "
                              "to this folder; wait for it or choose another --out") from None
        if safe_files.same_file(fd, path):
            break
        os.close(fd)  # removed by the run that held it: lock the new one
    else:
        raise OutputError(f"{out}: cannot take the folder's lock (its file keeps changing)")
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            if safe_files.same_file(fd, path):
                os.unlink(path)
        os.close(fd)
