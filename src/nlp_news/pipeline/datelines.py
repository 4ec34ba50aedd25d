"""Component ``datelines``: the dateline's place and outlet as entities.

"Jakarta, CNN Indonesia --" names a place (LOC) and an outlet (ORG): real mentions, as in the
CoNLL convention. The article reader finds the dateline and keeps it out of the sentences (the
model reads it badly); this component adds its parts as entities with ``origin = "dateline"``
and ``sent_index = -1`` (no sentence), so users can keep or filter them. The ``documents``
table also carries them as ``dateline_place`` and ``dateline_source``.
"""

from __future__ import annotations

from ..doc import Doc, Entity
from .component import Component, register


@register
class Datelines(Component):
    """Add the article's dateline parts (:attr:`Article.dateline`) as entities."""

    name = "datelines"
    provides = ("doc.entities", "entity.origin")

    def __call__(self, doc: Doc) -> Doc:
        article = doc.article
        if not article.dateline:
            return doc
        new = [Entity(-1, start, end, article.text[start:end], label, origin="dateline")
               for start, end, label in article.dateline]
        doc.entities = sorted([*new, *doc.entities], key=lambda e: (e.start_char, e.end_char))
        return doc
