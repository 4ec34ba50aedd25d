"""Company legal forms tagged as organisations of their own ("Tbk", "Persero").

The training sets tag "PT Telkom Tbk" as one organisation, but written with a comma or
brackets ("PT Maju Jaya, Tbk.", "PT Kereta Api (Persero)") the model often tags the legal form
as a second ORG.  A legal form names no organisation by itself, so :class:`LegalFormRule`
joins it to an organisation that ends right before it (only spaces, a comma or an opening
bracket between them; a closing bracket right after it is taken in too) and drops it
otherwise.  The word list is ``[legal_forms]`` in ``resources/lexicon.toml``.
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

_GAP = regex.compile(r"[\s,]*+(\()?\s*+")


class LegalFormRule:
    """Join legal-form entities to the organisation before them, or drop them."""

    def __init__(self, forms: Iterable[str]):
        self.forms = frozenset(form.lower() for form in forms)

    def is_form(self, text: str) -> bool:
        """True for an entity text that is only a legal form ("Tbk", "Tbk.", "Persero")."""
        return text.strip().rstrip(".").lower() in self.forms

    def __call__(self, text: str, entities: Sequence[Entity]) -> list[Entity]:
        """The entities of one article (``text``), in order, with legal forms joined."""
        out: list[Entity] = []
        for ent in entities:
            if not self.is_form(ent.text):
                out.append(ent)
                continue
            previous = out[-1] if out else None
            if previous is None or previous.label != "ORG" \
                    or previous.sent_index != ent.sent_index:
                continue
            gap = _GAP.fullmatch(text, previous.end_char, ent.start_char)
            if gap is None:
                continue
            end = ent.end_char
            if gap.group(1) and text[end:end + 1] == ")":
                end += 1
            out[-1] = replace(previous, end_char=end, text=text[previous.start_char:end])
        return out


@register
class LegalForms(Component):
    """Join legal forms tagged on their own to the organisation before them (the model's
    entities; run right after NER)."""

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
