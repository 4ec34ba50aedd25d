"""Component ``facts``: money, percentages, quantities, dates and times (the rule layers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..doc import Doc
from .component import Component, register

if TYPE_CHECKING:
    from ..rules import FactRules
    from .resources import Resources


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

    def __init__(self, rules: FactRules) -> None:
        self.extract_facts = rules.extract_facts

    @classmethod
    def from_resources(cls, resources: Resources) -> Facts:
        """The component with the pipeline's rule layers (built once, when first asked for)."""
        return cls(resources.fact_rules)

    def __call__(self, doc: Doc) -> Doc:
        doc.facts = self.extract_facts(doc)
        return doc
