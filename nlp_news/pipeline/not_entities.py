"""Component ``not_entities``: mentions the guide says are no entities, dropped.

- product and model names the model tags as organisations: a mention whose last word is a
  model code (letters then digits: "GC20", "Force GC30", "IDX30", "S21"), or that is only
  codes and hyphens ("U - 23");
- apps and platforms used as products ("di Instagram", "akun YouTube"): the lexicon's
  ``[apps]`` names after one of its ``before`` words. As a company that acts ("Twitter
  menangguhkan akun") the name stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

_MODEL_CODE = regex.compile(r"\p{L}{1,6}\d{1,5}\p{L}{0,3}")
_CODES_ONLY = regex.compile(r"(?=[^\d]*\d)[\p{Lu}\d]{1,5}(?:\s*-\s*\d{1,3})?")
_PREV_WORDS = regex.compile(r"(?r)(?P<w>\p{L}+(?:\s+\p{L}+)?)\s*+$")


@register
class NotEntities(Component):
    """Drop tagged products, model codes and apps used as platforms."""

    name = "not_entities"
    requires = ("doc.entities",)

    def __init__(self, apps: frozenset[str], before: frozenset[str]):
        self.apps = apps
        self.before = before

    @classmethod
    def from_resources(cls, resources: Resources) -> NotEntities:
        table = resources.words("apps")
        return cls(frozenset(table["names"]), frozenset(table["before"]))

    def _is_product(self, ent: Entity) -> bool:
        words = ent.text.split()
        if ent.label not in ("ORG", "PER") or not words:
            return False
        return bool(_MODEL_CODE.fullmatch(words[-1]) or _CODES_ONLY.fullmatch(ent.text))

    def _is_app(self, doc: Doc, ent: Entity) -> bool:
        if ent.text.lower() not in self.apps:
            return False
        prev = _PREV_WORDS.search(doc.text, max(0, ent.start_char - 30), ent.start_char)
        if prev is None:
            return False
        two = prev.group("w").lower().split()
        return two[-1] in self.before or " ".join(two) in self.before

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = [e for e in doc.entities
                        if e.origin != "model" or not (self._is_product(e) or self._is_app(doc, e))]
        return doc
