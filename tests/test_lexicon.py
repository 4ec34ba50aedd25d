"""The lexicon: language data by kind and knowledge apart, each table in one file."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from nlp_news import lexicon


def _files(folder: str) -> dict[str, dict]:
    root = resources.files("nlp_news").joinpath(folder)
    return {f.name: tomllib.loads(f.read_text(encoding="utf-8")) for f in root.iterdir()
            if f.name.endswith(".toml")}


def test_language_data_and_knowledge_live_apart():
    lang, knowledge = _files("resources/lang/id"), _files("resources/knowledge")
    assert {"dates.toml", "numbers.toml", "names.toml", "articles.toml"} <= set(lang)
    assert {"places.toml", "names.toml"} <= set(knowledge)
    assert "months" in lang["dates.toml"] and "titles" in lang["names.toml"]
    # other names of entities and outlets are knowledge, the cue words of grouping language
    assert "Jokowi" in knowledge["names.toml"]["name_grouping"]["aliases"]["PER"]
    assert "alias_cues" in lang["names.toml"]["name_grouping"]
    assert "aliases" not in lang["names.toml"]["name_grouping"]
    assert "cnn indonesia" in lexicon.table("outlets")["names"]
    assert lexicon.table("name_grouping")["aliases"]["PER"]["Jokowi"] == "Joko Widodo"


def test_a_table_is_defined_in_one_file_only():
    merged: dict = {}
    lexicon._merge(merged, {"months": {"januari": 1}, "g": {"cues": ["a"]}}, "dates")
    lexicon._merge(merged, {"g": {"aliases": {"X": "Y"}}}, "knowledge")  # split over files
    assert merged["g"] == {"cues": ["a"], "aliases": {"X": "Y"}}
    with pytest.raises(ValueError, match="months.januari is defined in two files"):
        lexicon._merge(merged, {"months": {"januari": 1}}, "numbers")
