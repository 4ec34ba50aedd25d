"""Component ``label_consistency``: one article, one reading of a name.

When the model tags the same name with different labels in one article ("Persib" ORG in one
sentence, LOC in the next), every mention gets the label most of them got; a tie is left as it
is. Document-level consistency is a cheap, known remedy for sentence-level taggers (Krishnan &
Manning 2006). Only the model's own mentions are counted and changed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from ..doc import Doc
from .component import Component, register


@register
class LabelConsistency(Component):
    """Give every mention of one name in an article the label most of its mentions got."""

    name = "label_consistency"
    requires = ("doc.entities",)

    def __call__(self, doc: Doc) -> Doc:
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for ent in doc.entities:
            if ent.origin == "model":
                labels[ent.text][ent.label] += 1
        winners = {}
        for text, counts in labels.items():
            if len(counts) > 1:
                (first, n1), (_, n2) = counts.most_common(2)
                if n1 > n2:
                    winners[text] = first
        if winners:
            doc.entities = [replace(e, label=winners[e.text])
                            if e.origin == "model" and e.text in winners else e
                            for e in doc.entities]
        return doc
