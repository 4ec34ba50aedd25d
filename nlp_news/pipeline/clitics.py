"""Entities whose last word carries the clitic -nya ("Tepi Baratnya", "akun Instagramnya").

The tokenizer keeps -nya on its word (as Indonesian spelling does), and none of the NER
training sets tags such a word: "Kenya" is the only entity word there that ends in -nya.  When
the model does tag one, the name is the stem: "Tepi Baratnya" is "Tepi Barat" + "nya" (its
west bank), "Instagramnya" is "Instagram" + "nya" (his Instagram), and a lone capitalised
"Xnya" is usually an ordinary word at the start of a sentence or a product (tagged PER).

:class:`CliticRule` therefore

- trims the clitic off a multi-word entity ("Tepi Baratnya" -> "Tepi Barat");
- keeps a one-word entity only when its stem is tagged elsewhere in the same article, and
  then with that mention's label ("Instagramnya" -> "Instagram" ORG if "Instagram" is an ORG
  there); otherwise drops it.

A word counts as stem + clitic only when the stem is a known word at least three letters long
that is more frequent than the whole word, by the ranks of the word-vector vocabulary (most
frequent first): "Kenya" ("ke" is too short), "Catalunya" ("catalu" is no word) and "Sonya"
stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

CLITIC = "nya"
MIN_STEM = 3
_LAST_WORD = regex.compile(rf"(\p{{L}}{{{MIN_STEM},}}){CLITIC}$")


class CliticRule:
    """Trim or drop entities that end in -nya; ``ranks`` maps lower-cased words to their
    frequency rank (0 = most frequent)."""

    def __init__(self, ranks: Mapping[str, int]):
        self.ranks = ranks

    def stem_length(self, text: str) -> int | None:
        """Characters of ``text`` before a trailing clitic, or None when it has none."""
        match = _LAST_WORD.search(text)
        if match is None:
            return None
        stem_rank = self.ranks.get(match.group(1).lower())
        if stem_rank is None:
            return None
        whole_rank = self.ranks.get((match.group(1) + CLITIC).lower())
        if whole_rank is not None and whole_rank < stem_rank:
            return None
        return match.end(1)

    def __call__(self, entities: Sequence[Entity]) -> list[Entity]:
        """The entities of one article with clitics trimmed (order kept)."""
        labels: dict[str, str] = {}
        stems: list[int | None] = []
        for ent in entities:
            stem = self.stem_length(ent.text)
            stems.append(stem)
            if stem is None:
                labels.setdefault(ent.text, ent.label)
        out = []
        for ent, stem in zip(entities, stems, strict=True):
            if stem is None:
                out.append(ent)
                continue
            text = ent.text[:stem]
            label = ent.label
            if len(text.split()) == 1:
                if text not in labels:
                    continue
                label = labels[text]
            out.append(replace(ent, end_char=ent.start_char + stem, text=text, label=label))
        return out


@register
class Clitics(Component):
    """Trim the clitic -nya off the model's entities (ranks from the NER model's vectors)."""

    name = "clitics"
    requires = ("doc.entities",)

    def __init__(self, rule: CliticRule):
        self.rule = rule

    @classmethod
    def from_resources(cls, resources: Resources) -> Clitics:
        return cls(CliticRule(resources.word_ranks))

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = self.rule(doc.entities)
        return doc
