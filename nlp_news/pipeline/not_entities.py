"""Component ``not_entities``: mentions the guide says are no entities, dropped.

- product and model names the model tags as organisations: a mention whose last word is a
  model code (letters then digits: "GC20", "Force GC30", "IDX30", "S21"), or that is only
  codes and hyphens ("U - 23");
- apps and platforms used as products ("di Instagram", "akun YouTube"): the lexicon's
  ``[apps]`` names after one of its ``before`` words. As a company that acts ("Twitter
  menangguhkan akun") the name stays;
- works, events, programmes, symbols and languages (the guide: no entities, nor any name
  inside them): a mention right after a word of the lexicon's ``[works_events] before``
  ("turnamen PUBG Mobile", "Liga Spanyol", "berbahasa Inggris", "lambang Garuda"), of
  ``programme_before`` for ORG and PER ("program OK Otrip"; "program DKI" is the province's),
  of ``works_before`` for ORG and LOC names of two words or more ("film laga The
  Expendables"; "film Jenkins" and "film Disney" are the maker's), right before a word of
  ``after`` ("China Open"), or opening with one of ``first`` ("Topan Debbie", "Piala"); the
  same string is then dropped everywhere in the article, where it names the same work,
  unless it is also tagged as a place there ("berbahasa Inggris" leaves "Inggris" elsewhere).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from ..entities.names import follows_cue
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

_MODEL_CODE = regex.compile(r"\p{L}{1,6}\d{1,5}\p{L}{0,3}")
_CODES_ONLY = regex.compile(r"(?=[^\d]*\d)[\p{Lu}\d]{1,5}(?:\s*-\s*\d{1,3})?")
_NEXT_WORD = regex.compile(r"\s++(?P<w>\p{L}+)")


@register
class NotEntities(Component):
    """Drop tagged products, model codes and apps used as platforms."""

    name = "not_entities"
    requires = ("doc.entities",)

    def __init__(self, apps: frozenset[str], before: frozenset[str],
                 works: dict[str, list[str]] | None = None):
        self.apps = apps
        self.before = before
        works = works or {}
        self.work_before = frozenset(works.get("before", ()))
        self.programme_before = frozenset(works.get("programme_before", ()))
        self.maker_before = frozenset(works.get("works_before", ()))
        self.work_after = frozenset(works.get("after", ()))
        self.work_first = frozenset(works.get("first", ()))

    @classmethod
    def from_resources(cls, resources: Resources) -> NotEntities:
        table = resources.words("apps")
        return cls(frozenset(table["names"]), frozenset(table["before"]),
                   resources.words("works_events"))

    def _is_product(self, ent: Entity) -> bool:
        words = ent.text.split()
        if ent.label not in ("ORG", "PER") or not words:
            return False
        return bool(_MODEL_CODE.fullmatch(words[-1]) or _CODES_ONLY.fullmatch(ent.text))

    def _is_app(self, doc: Doc, ent: Entity) -> bool:
        return ent.text.lower() in self.apps and follows_cue(doc.text, ent.start_char,
                                                             self.before, window=30)

    def _is_work(self, doc: Doc, ent: Entity) -> bool:
        """A work, event or language named by the words around it (see the module)."""
        if ent.text.split()[0].lower() in self.work_first and len(ent.text.split()) > 1:
            return True
        cues = set(self.work_before)
        if ent.label != "LOC":
            cues |= self.programme_before  # "program DKI": the province's programme
        if ent.label != "PER" and len(ent.text.split()) > 1:
            cues |= self.maker_before  # "film Jenkins", "film Disney": the maker's film
        if follows_cue(doc.text, ent.start_char, cues, window=30):
            return True
        nxt = _NEXT_WORD.match(doc.text, ent.end_char, ent.end_char + 30)
        return nxt is not None and nxt.group("w") in self.work_after

    def __call__(self, doc: Doc) -> Doc:
        model = [e for e in doc.entities if e.origin == "model"]
        works = {id(e) for e in model if self._is_work(doc, e)}
        # the other mentions of a work's name go too, unless the name is a place's
        # ("berbahasa Inggris", "Liga Spanyol": Inggris and Spanyol stay places elsewhere)
        places = {e.text for e in model if e.label == "LOC"}
        names = {e.text for e in model if id(e) in works and e.text not in places}
        doc.entities = [e for e in doc.entities
                        if e.origin != "model" or not (id(e) in works or e.text in names
                                                       or self._is_product(e)
                                                       or self._is_app(doc, e))]
        return doc
