"""Component ``quotes``: direct quotes and reported statements, with their speakers."""

from __future__ import annotations

from ..doc import Doc
from ..entities.quotes import find_quotes
from .component import Component, register


@register
class Quotes(Component):
    """Quotes (``"…," kata X``) and reported statements (``menurut X``, ``X mengatakan
    bahwa``), speakers resolved to entities by their canonical names when those are there
    (see :mod:`nlp_news.entities.quotes`)."""

    name = "quotes"
    requires = ("doc.sentences",)
    provides = ("doc.quotes",)

    def __call__(self, doc: Doc) -> Doc:
        doc.quotes = find_quotes(doc)
        return doc
