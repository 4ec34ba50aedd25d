"""Component ``facts``: money, percentages, quantities, dates and times (the rule layers)."""

from __future__ import annotations

from ..doc import Doc
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

    def __init__(self) -> None:
        # the rule layers build their patterns from the lexicon when imported: when the
        # pipeline is built, not when nlp_news is imported
        from ..rules import extract_facts

        self.extract_facts = extract_facts

    def __call__(self, doc: Doc) -> Doc:
        doc.facts = self.extract_facts(doc)
        return doc
