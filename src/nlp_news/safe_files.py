"""Files in an output or report folder, written, read back and removed without following links.

Someone who can write into an output folder could plant a symbolic link under a name the tool
writes (``.documents.csv.partial`` -> ``~/.bashrc``) or reads back (a part file ->
``/etc/passwd``).  Every file nlp-news writes, reads back or removes in its own folders goes
through this module:

- a file written anew is created under a name freed first (``unlink`` removes a link, never
  its target) with ``O_CREAT | O_EXCL | O_NOFOLLOW``: a link or a hard link planted there is
  replaced, never written through;
- a file appended to or read back is opened with ``O_NOFOLLOW`` (and ``O_NONBLOCK``, so a FIFO
  cannot block the open) and must be a regular file with one link (:class:`UnsafeFile`
  otherwise);
- a sub-folder (``.nlp_news_parts``, a report's ``data/``) must be a real folder, not a link;
  a folder is removed by unlinking a link in its place, or with :func:`shutil.rmtree`, which
  does not follow links inside it.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import IO

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class UnsafeFile(ValueError):
    """A link or a special file where nlp-news reads or writes one of its own files."""


def _refuse(path: Path, what: str) -> UnsafeFile:
    return UnsafeFile(f"{path}: {what}; nlp-news never reads or writes its own files through "
                      "one (remove it, or choose another folder)")


def _check_regular(fd: int, path: Path, one_link: bool = True) -> None:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _refuse(path, "is not a regular file")
    if one_link and info.st_nlink > 1:
        os.close(fd)
        raise _refuse(path, "is a hard link to another file")


def _open(path: Path, flags: int, mode: int = 0o666) -> int:
    try:
        return os.open(path, flags | _NOFOLLOW | _CLOEXEC, mode)
    except OSError as exc:
        if os.path.islink(path):  # ELOOP (Linux) or EMLINK (BSD) for a link
            raise _refuse(path, "is a symbolic link") from None
        raise exc


def create(path: str | Path, text: bool = False) -> IO:
    """A new file at ``path`` for writing (whatever stood there is unlinked first, a link is
    never followed); text mode writes UTF-8 without translating line ends."""
    path = Path(path)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        raise _refuse(path, "is a folder") from None
    fd = _open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    if text:
        return os.fdopen(fd, "w", encoding="utf-8", newline="")
    return os.fdopen(fd, "wb")


def append(path: str | Path, text: bool = False) -> IO:
    """``path``, a regular file of one link, opened to append (a link is refused)."""
    path = Path(path)
    fd = _open(path, os.O_WRONLY | os.O_APPEND)
    _check_regular(fd, path)
    if text:
        return os.fdopen(fd, "a", encoding="utf-8", newline="")
    return os.fdopen(fd, "ab")


def open_regular(path: str | Path, one_link: bool = True) -> IO[bytes]:
    """``path`` opened to read, refused unless it is a regular file (not a link, a FIFO or a
    device; with ``one_link``, not a hard link to another file either)."""
    path = Path(path)
    fd = _open(path, os.O_RDONLY | _NONBLOCK)
    _check_regular(fd, path, one_link)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def open_lock(path: str | Path) -> int:
    """A descriptor of the lock file ``path``, created if missing (a link is refused)."""
    path = Path(path)
    fd = _open(path, os.O_RDWR | os.O_CREAT | _NONBLOCK, 0o644)
    _check_regular(fd, path)
    return fd


def same_file(fd: int, path: str | Path) -> bool:
    """Whether ``path`` (not followed if a link) is still the file open as ``fd``."""
    try:
        there = os.lstat(path)
    except FileNotFoundError:
        return False
    here = os.fstat(fd)
    return (there.st_dev, there.st_ino) == (here.st_dev, here.st_ino)


def is_dir(path: str | Path) -> bool:
    """Whether ``path`` is a folder itself, not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def read_text(path: str | Path) -> str:
    """The UTF-8 text of a regular file (see :func:`open_regular`)."""
    with open_regular(path) as handle:
        return handle.read().decode("utf-8")


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` under a temporary name (``.partial``), then rename it."""
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    with create(tmp, text=isinstance(data, str)) as handle:
        handle.write(data)
    os.replace(tmp, path)


def make_dir(path: str | Path, root: str | Path | None = None) -> Path:
    """Create the folder ``path`` (and its parents) or check the one there: ``path`` and each
    folder between ``root`` (the user's own folder, which may be a link) and it must be a
    folder itself, not a link to one."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    folders = [path]
    if root is not None:
        folders = [p for p in (path, *path.parents) if p.is_relative_to(root) and p != Path(root)]
    for folder in folders:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            raise _refuse(folder, "is a symbolic link, not a folder")
    return path


def remove_tree(path: str | Path) -> None:
    """Remove ``path``: a link or a file is unlinked (never followed), a folder is removed with
    its content, no link inside it followed."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)
