"""Typed access to the word lists: the language data in ``resources/lang/id/*.toml`` (one file
per kind: dates, numbers, subjects, names, articles, training) and the knowledge in
``resources/knowledge/*.toml`` (other names of places, people and organisations; news
outlets). Each table is defined in one file; ``table(name)`` does not say which."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

#: The folders of the lexicon's files, under the package.
FOLDERS = ("resources/lang/id", "resources/knowledge")


def _merge(into: dict[str, Any], new: dict[str, Any], where: str) -> None:
    """Add ``new``'s tables to ``into``; a table may be split over files (``name_grouping``'s
    cue words are language, its aliases knowledge) but no key defined twice."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value, f"{where}.{key}")
        elif key in into:
            raise ValueError(f"lexicon: {where}.{key} is defined in two files")
        else:
            into[key] = value


@cache
def load() -> dict[str, Any]:
    """Return the whole lexicon (parsed once per process)."""
    out: dict[str, Any] = {}
    for folder in FOLDERS:
        files = resources.files("nlp_news").joinpath(folder)
        for item in sorted(files.iterdir(), key=lambda f: f.name):
            if item.name.endswith(".toml"):
                with item.open("rb") as handle:
                    _merge(out, tomllib.load(handle), item.name.removesuffix(".toml"))
    return out


def table(name: str) -> dict[str, Any]:
    """One table of the lexicon, e.g. ``table("months")``."""
    return load()[name]


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names, lower-case."""
    return frozenset(table("months")) | frozenset(table("weekdays"))
