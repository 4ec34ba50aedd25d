"""Component ``fact_sources``: the entities around each fact and who stated it."""

from __future__ import annotations

from ..doc import Doc
from ..entities.facts_link import attach_entities_to_facts
from .component import Component, register


@register
class FactSources(Component):
    """Set ``entities`` (canonical names in the fact's sentence) and ``source`` (the speaker
    of the quote it lies in, or X of "menurut X") on every fact."""

    name = "fact_sources"
    requires = ("doc.facts", "doc.quotes")
    provides = ("fact.entities", "fact.source")

    def __call__(self, doc: Doc) -> Doc:
        attach_entities_to_facts(doc, doc.quotes)
        return doc
