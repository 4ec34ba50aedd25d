"""Typed access to the word lists in ``resources/lexicon.toml``."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load() -> dict[str, Any]:
    """Return the whole lexicon (parsed once per process)."""
    with resources.files("nlp_news").joinpath("resources/lexicon.toml").open("rb") as handle:
        return tomllib.load(handle)


def table(name: str) -> dict[str, Any]:
    """One table of the lexicon, e.g. ``table("months")``."""
    return load()[name]


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names, lower-case."""
    return frozenset(table("months")) | frozenset(table("weekdays"))
