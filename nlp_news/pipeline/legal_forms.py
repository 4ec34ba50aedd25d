"""Company legal forms ("Tbk", "Persero") are no part of an organisation's name.

The guide keeps a legal-form suffix out of the span: "PT Maju Jaya, Tbk." gives "PT Maju
Jaya", "PT Kereta Api (Persero)" gives "PT Kereta Api" ("PT" stays).  The model tags the
suffix either inside the organisation ("PT Telkom Tbk") or as an ORG of its own.
:class:`LegalFormRule` cuts a trailing legal form (with the spaces, comma or brackets around
it) off an organisation, and drops an entity that is only a legal form.  The word list is
``[legal_forms]`` in ``resources/lexicon.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources


class LegalFormRule:
    """Cut legal forms off the organisations they end, and drop those tagged alone."""

    def __init__(self, forms: Iterable[str]):
        self.forms = frozenset(form.lower() for form in forms)
        alternatives = "|".join(regex.escape(f) for f in sorted(self.forms, key=len,
                                                                 reverse=True))
        # "PT Telkom Tbk", "PT Maju Jaya, Tbk.", "PT Kereta Api (Persero)"
        self._suffix = regex.compile(
            rf"(?i)(?:[\s,]++\(?|\()\s*+(?:{alternatives})\.?\s*+\)?$")

    def is_form(self, text: str) -> bool:
        """True for an entity text that is only a legal form ("Tbk", "Tbk.", "Persero")."""
        return text.strip().strip("()").strip().rstrip(".").lower() in self.forms

    def cut(self, name: str) -> int:
        """Where the legal form ending an organisation's ``name`` starts, with the space,
        comma or bracket before it (0: none, or nothing before it)."""
        match = self._suffix.search(name)
        return match.start() if match else 0

    def __call__(self, text: str, entities: Sequence[Entity]) -> list[Entity]:
        """The entities of one article (``text``), in order, without legal forms."""
        out: list[Entity] = []
        for ent in entities:
            if self.is_form(ent.text):
                continue
            cut = self.cut(ent.text) if ent.label == "ORG" else 0
            if cut:
                end = ent.start_char + cut
                ent = replace(ent, end_char=end, text=text[ent.start_char:end])
            out.append(ent)
        return out


@register
class LegalForms(Component):
    """Cut legal forms off organisations and drop those tagged alone (the model's entities;
    run right after NER)."""

    name = "legal_forms"
    requires = ("doc.entities",)

    def __init__(self, rule: LegalFormRule):
        self.rule = rule

    @classmethod
    def from_resources(cls, resources: Resources) -> LegalForms:
        return cls(LegalFormRule(resources.words("legal_forms")["words"]))

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = self.rule(doc.text, doc.entities)
        return doc
