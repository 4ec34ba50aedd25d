"""Component ``facts``: money, percentages, quantities, dates and times (the rule layers)."""

from __future__ import annotations

from ..doc import Doc
from ..rules import extract_facts
from .component import Component, register


@register
class Facts(Component):
    """Every fact of the article's sentences, dates resolved against the publication date
    (see :mod:`nlp_news.rules`)."""

    name = "facts"
    requires = ("doc.sentences",)
    provides = ("doc.facts", "fact.value", "fact.iso", "fact.unit", "fact.currency",
                "fact.approx", "fact.relative", "fact.subject", "fact.sentence",
                "fact.range_id", "fact.range_part", "fact.precision", "fact.year_inferred",
                "fact.relative_word")

    def __call__(self, doc: Doc) -> Doc:
        doc.facts = extract_facts(doc)
        return doc
