"""Component ``team_names``: a country or city that stands for its team is ORG.

"melawan Iran", "Barcelona menjamu Valencia", "Manajer Liverpool": the guide counts a club or
national team named after its place as an organisation when the team is meant. A LOC mention
right after a word of the lexicon's ``[team_cues] before`` (or after ``atas`` that follows a
result), or right before a word of ``after``, becomes ORG.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

_BEFORE = regex.compile(r"(?r)(?P<w2>[\p{L}\d-]+)?\s*+(?P<w>\p{L}+)[\s,]*+$")
_AFTER = regex.compile(r"[\s,]*+(?P<w>\p{L}+)(?:\s++(?P<w2>\p{L}+))?")
_SCORE = regex.compile(r"\d+\s*-\s*\d+")


@register
class TeamNames(Component):
    """Relabel places used as teams (LOC -> ORG) from the words around them."""

    name = "team_names"
    requires = ("doc.entities",)

    def __init__(self, before: frozenset[str], after: frozenset[str],
                 atas_after: frozenset[str]):
        self.before, self.after, self.atas_after = before, after, atas_after

    @classmethod
    def from_resources(cls, resources: Resources) -> TeamNames:
        table = resources.words("team_cues")
        return cls(frozenset(table["before"]), frozenset(table["after"]),
                   frozenset(table["atas_after"]))

    def is_team(self, text: str, ent: Entity) -> bool:
        before = _BEFORE.search(text, max(0, ent.start_char - 40), ent.start_char)
        if before:
            word = before.group("w").lower()
            pair = f"{(before.group('w2') or '').lower()} {word}".strip()
            if word in self.before or pair in self.before:
                return True
            if word == "atas":
                prev = (before.group("w2") or "").lower()
                if prev in self.atas_after or _SCORE.fullmatch(prev or ""):
                    return True
        after = _AFTER.match(text, ent.end_char, ent.end_char + 40)
        if after:
            word = after.group("w").lower()
            pair = f"{word} {(after.group('w2') or '').lower()}".strip()
            return word in self.after or pair in self.after
        return False

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = [replace(e, label="ORG") if e.label == "LOC" and e.origin == "model"
                        and self.is_team(doc.text, e) else e for e in doc.entities]
        return doc
