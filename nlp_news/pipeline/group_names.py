"""Component ``group_names``: a music group named after a word for one is ORG.

"personel Red Velvet", "member Super Junior", "band Coldplay": the guide counts bands and
groups as organisations; the model often calls their names PER. A PER mention right after a
word of the lexicon's ``[group_cues] before`` becomes ORG, and so do the other PER mentions of
the same name in the article ("Red Velvet juga melakukan hal serupa"). Runs after
``label_consistency``, as ``team_names``: the cue outweighs the model's votes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..doc import Doc
from ..entities.names import follows_cue
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources


@register
class GroupNames(Component):
    """Relabel bands and music groups (PER -> ORG) from the word before them; a place stays
    ("boyband Korea Selatan" is the country), and so does a letter ("Grup A")."""

    name = "group_names"
    requires = ("doc.entities",)

    def __init__(self, before: Iterable[str] = ()):
        self.before = frozenset(w.lower() for w in before)

    @classmethod
    def from_resources(cls, resources: Resources) -> GroupNames:
        return cls(resources.words("group_cues")["before"])

    def __call__(self, doc: Doc) -> Doc:
        groups = {e.text for e in doc.entities if e.origin == "model" and e.label == "PER"
                  and sum(c.isalpha() for c in e.text) > 1
                  and follows_cue(doc.text, e.start_char, self.before, window=30)}
        if groups:
            doc.entities = [replace(e, label="ORG") if e.origin == "model"
                            and e.label == "PER" and e.text in groups else e
                            for e in doc.entities]
        return doc
