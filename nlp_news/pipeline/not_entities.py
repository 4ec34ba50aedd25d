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
  An ORG or PER mention at the end of a capitalised name that opens with such a word is inside
  the work's name ("Indeks Harga [Saham Gabungan]", "Program Keluarga [Harapan]"), and so is
  an acronym in brackets right after such a name or after one ending with a word of ``last``
  ("Indeks Harga Saham Gabungan ([IHSG])", "Jakarta Islamic Index ([JII])");
- common nouns that are no names (T6): a mention that is only a word of the lexicon's
  ``[not_names]`` (currencies "Rupiah", celestial bodies "Bumi", categories "UMKM", "LSM");
- stock indices (D31): the names of ``[works_events] indices`` ("IHSG", "LQ45"), and those of
  ``indices_moving`` (also a newspaper's or a company's name) when a move follows them
  ("Straits Times melemah 12,34 poin", "Nikkei turun 0,1 persen").
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
#: up to three lower-case words, then a number of points or a percent
_MOVE_AFTER = regex.compile(
    r"(?P<words>(?:\s++\p{Ll}++){1,3}+)\s++[\p{N}.,]++\s*+(?:%|(?i:persen|poin)\b)")
#: the capitalised words of a name right before a position, perhaps with an opening bracket
_NAME_BEFORE = regex.compile(
    r"(?r)(?<![\p{L}\p{N}])(?P<name>\p{Lu}[\p{L}\-]*(?: \p{Lu}[\p{L}\-]*){0,5}) (?P<bracket>\()?$")


@register
class NotEntities(Component):
    """Drop tagged products, model codes and apps used as platforms."""

    name = "not_entities"
    requires = ("doc.entities",)

    def __init__(self, apps: frozenset[str], before: frozenset[str],
                 works: dict[str, list[str]] | None = None,
                 not_names: frozenset[str] = frozenset()):
        self.apps = apps
        self.not_names = not_names
        self.before = before
        works = works or {}
        self.work_before = frozenset(works.get("before", ()))
        self.programme_before = frozenset(works.get("programme_before", ()))
        self.maker_before = frozenset(works.get("works_before", ()))
        self.work_after = frozenset(works.get("after", ()))
        self.work_first = frozenset(works.get("first", ()))
        self.work_last = frozenset(works.get("last", ()))
        self.indices = frozenset(works.get("indices", ()))
        self.indices_moving = frozenset(works.get("indices_moving", ()))
        self.index_moves = frozenset(works.get("index_moves", ()))
        self.name_openers = frozenset(
            c for c in self.work_before | self.programme_before | self.work_first if " " not in c)

    @classmethod
    def from_resources(cls, resources: Resources) -> NotEntities:
        table = resources.words("apps")
        return cls(frozenset(table["names"]), frozenset(table["before"]),
                   resources.words("works_events"),
                   frozenset(resources.words("not_names")["words"]))

    def _is_product(self, ent: Entity) -> bool:
        words = ent.text.split()
        if ent.label not in ("ORG", "PER") or not words:
            return False
        return bool(_MODEL_CODE.fullmatch(words[-1]) or _CODES_ONLY.fullmatch(ent.text))

    def _is_common_noun(self, ent: Entity) -> bool:
        return ent.text.rstrip(".").lower() in self.not_names

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
        if nxt is not None and nxt.group("w") in self.work_after:
            return True
        return ent.label != "LOC" and self._inside_work_name(doc.text, ent)

    def _is_index(self, text: str, ent: Entity) -> bool:
        """A stock index by its name, or by its name and the move after it."""
        if ent.text in self.indices:
            return True
        if ent.text not in self.indices_moving:
            return False
        move = _MOVE_AFTER.match(text, ent.end_char, ent.end_char + 80)
        return move is not None and not self.index_moves.isdisjoint(move.group("words").split())

    def _inside_work_name(self, text: str, ent: Entity) -> bool:
        """The mention ends a work's capitalised name, or is its acronym in brackets."""
        match = _NAME_BEFORE.search(text, max(0, ent.start_char - 80), ent.start_char)
        if match is None:
            return False
        words = match.group("name").split()
        if words[0].lower() in self.name_openers:
            return True
        return (match.group("bracket") is not None and words[-1] in self.work_last
                and text.startswith(")", ent.end_char))

    def __call__(self, doc: Doc) -> Doc:
        model = [e for e in doc.entities if e.origin == "model"]
        works = {id(e) for e in model if self._is_work(doc, e) or self._is_index(doc.text, e)}
        # the other mentions of a work's name go too, unless the name is a place's
        # ("berbahasa Inggris", "Liga Spanyol": Inggris and Spanyol stay places elsewhere)
        places = {e.text for e in model if e.label == "LOC"}
        names = {e.text for e in model if id(e) in works and e.text not in places}
        doc.entities = [e for e in doc.entities
                        if e.origin != "model" or not (id(e) in works or e.text in names
                                                       or self._is_product(e)
                                                       or self._is_app(doc, e)
                                                       or self._is_common_noun(e))]
        return doc
