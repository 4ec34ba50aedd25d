"""Component ``org_units``: a unit written before an organisation is part of its name.

"Ketua Komisi II DPR", "Komisi Disiplin PSSI", "Humas Polda Metro Jaya": the model often tags
only the organisation at the end ("DPR"); the guide makes the unit and the organisation one
span (the outer name wins). When the capitalised words (or Roman numerals) right before an
ORG mention start with a word of the lexicon's ``[org_units]``, the mention is widened to take
them in.

An organisation of a region is named with its region after it ("DPRD Jawa Tengah", "Kejari
Jakarta Selatan", "Pemprov DKI"), one span by the guide, where the model tags the organisation
and the place apart. When an ORG mention starts with a word (or words) of ``[org_units]
regional`` and a LOC mention follows it after one space, the two become one ORG mention; a LOC
mention right after such a word left untagged ("Pemprov DKI", "Polres Bogor") becomes an ORG
mention that takes the word in (the word alone is no entity, by the guide).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

#: a capitalised word and one space right before a position
_WORD_BEFORE = regex.compile(r"(?r)(?<![\p{L}\p{N}.\-])\p{Lu}\p{L}+ $")
#: up to four capitalised words or Roman numerals, single spaces, right before a position
_WORDS_BEFORE = regex.compile(r"(?r)(?:(?:\p{Lu}[\p{L}.\-]*|[IVXL]+|\d{1,3}) ){1,4}$")


@register
class OrgUnits(Component):
    """Widen ORG mentions to the unit written right before them."""

    name = "org_units"
    requires = ("doc.entities",)

    def __init__(self, units: frozenset[str], regional: frozenset[str] = frozenset()):
        self.units = units
        self.regional = regional

    @classmethod
    def from_resources(cls, resources: Resources) -> OrgUnits:
        table = resources.words("org_units")
        return cls(frozenset(table["words"]), frozenset(table["regional"]))

    def _regional(self, name: str) -> bool:
        """The name opens with a word (or two or three) of ``[org_units] regional``."""
        words = name.lower().split()
        return any(" ".join(words[:n]) in self.regional for n in (1, 2, 3))

    def _join_regions(self, text: str, entities: list[Entity]) -> list[Entity]:
        """A LOC right after a regional ORG joins it; a LOC right after an untagged regional
        word becomes an ORG that takes the word in (see the module)."""
        out: list[Entity] = []
        for ent in entities:
            last = out[-1] if out else None
            if (last is not None and ent.label == "LOC" and last.label == "ORG"
                    and text[last.end_char:ent.start_char] == " " and self._regional(last.text)):
                out[-1] = replace(last, end_char=ent.end_char,
                                  text=text[last.start_char:ent.end_char])
                continue
            if ent.label == "LOC":
                floor = last.end_char if last is not None else 0
                word = _WORD_BEFORE.search(text, max(floor, ent.start_char - 30), ent.start_char)
                if word is not None and word.group()[:-1].lower() in self.regional:
                    ent = replace(ent, label="ORG", start_char=word.start(),
                                  text=text[word.start():ent.end_char])
            out.append(ent)
        return out

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
        doc.entities = self._join_regions(doc.text, out)
        return doc
