"""Component ``org_units``: a unit written before an organisation is part of its name.

"Ketua Komisi II DPR", "Komisi Disiplin PSSI", "Humas Polda Metro Jaya": the model often tags
only the organisation at the end ("DPR"); the guide makes the unit and the organisation one
span (the outer name wins). When the capitalised words (or Roman numerals) right before an
ORG mention start with a word of the lexicon's ``[org_units]``, the mention is widened to take
them in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

#: up to four capitalised words or Roman numerals, single spaces, right before a position
_WORDS_BEFORE = regex.compile(r"(?r)(?:(?:\p{Lu}[\p{L}.\-]*|[IVXL]+|\d{1,3}) ){1,4}$")


@register
class OrgUnits(Component):
    """Widen ORG mentions to the unit written right before them."""

    name = "org_units"
    requires = ("doc.entities",)

    def __init__(self, units: frozenset[str]):
        self.units = units

    @classmethod
    def from_resources(cls, resources: Resources) -> OrgUnits:
        return cls(frozenset(resources.words("org_units")["words"]))

    def _start(self, text: str, ent: Entity, floor: int) -> int | None:
        match = _WORDS_BEFORE.search(text, max(floor, ent.start_char - 60), ent.start_char)
        if match is None:
            return None
        words = match.group().split()
        offset = match.start()
        for word in words:
            if word.lower() in self.units:
                return offset
            offset += len(word) + 1
        return None

    def __call__(self, doc: Doc) -> Doc:
        out: list[Entity] = []
        for ent in doc.entities:
            floor = out[-1].end_char if out else 0
            start = self._start(doc.text, ent, floor) if (
                ent.label == "ORG" and ent.origin == "model") else None
            if start is not None:
                ent = replace(ent, start_char=start, text=doc.text[start:ent.end_char])
            out.append(ent)
        doc.entities = out
        return doc
