"""Component ``leading_titles``: titles, ranks and roles at the start of a mention left out.

The guide keeps titles, ranks, roles and honorifics outside a span ("AKBP Rina Sari" gives
"Rina Sari", "Ketua KPK" gives "KPK"), but the model sometimes tags them in: "Sdr. Vladimir
Vujovic", "Haji Atta Jan Haqbayan", "Dokter Timnas".  :class:`TitleRule` cuts them off:

- a PER or ORG mention that starts with a word of the lexicon's ``[titles] words`` loses the
  title (with the words completing it, as in :func:`~nlp_news.entities.names.strip_title_words`)
  when a capitalised name is left; titles that are also first names ("Putri", "Imam",
  "Sultan": ``[titles] also_names``) stay when they stand alone before the name ("Putri
  Ayu"), not when words complete them ("Putri Kedua Ayu", "Putra Sulung Budi");
- a PER or ORG mention that is only a title ("Menpora", "Menristek") names no one by its
  name: it is dropped;
- a LOC mention that starts with a lower-case place word ("kota Burdekin", "provinsi Zabul")
  loses it: written in lower case it is a common noun, not part of the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..doc import Doc, Entity
from ..entities.names import is_title, place_prefix_phrases, strip_title_words, words
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources


class TitleRule:
    """Trim leading titles (PER, ORG) and lower-case place words (LOC) off mentions."""

    def __init__(self, also_names: Iterable[str],
                 titles: frozenset[tuple[str, ...]] | None = None):
        self.also_names = frozenset(also_names)
        self.titles = titles  # title phrases; None: the lexicon's [titles] words
        self.place_words = frozenset(w for phrase in place_prefix_phrases() for w in phrase)

    def cut(self, ent: Entity) -> int:
        """Characters to cut off the start of ``ent`` (0: none)."""
        ws = words(ent.text)
        if len(ws) < 2:
            return 0
        if ent.label == "LOC":
            i = 0
            while i < len(ws) - 1 and ws[i].text.islower() and ws[i].key in self.place_words:
                i += 1
            return ws[i].start if i else 0
        if ent.label not in ("PER", "ORG"):
            return 0
        first, _end = strip_title_words(ws, titles=self.titles)
        if not first or not ws[first].text[:1].isupper():
            return 0
        if first == 1 and ws[0].key in self.also_names:
            return 0  # "Putri Ayu": a first name; "Putri Kedua Ayu" is cut
        return ws[first].start

    def __call__(self, text: str, entities: Sequence[Entity]) -> list[Entity]:
        out = []
        for ent in entities:
            if ent.label in ("PER", "ORG") and ent.origin == "model" \
                    and is_title(ent.text, self.titles) \
                    and ent.text.split()[0].lower() not in self.also_names:
                continue  # "Menpora": a post, not a name
            n = self.cut(ent)
            if n:
                start = ent.start_char + n
                ent = replace(ent, start_char=start, text=text[start:ent.end_char])
            out.append(ent)
        return out


@register
class LeadingTitles(Component):
    """Leave titles, ranks and roles (and lower-case place words) out of mention spans."""

    name = "leading_titles"
    requires = ("doc.entities",)

    def __init__(self, rule: TitleRule):
        self.rule = rule

    @classmethod
    def from_resources(cls, resources: Resources) -> LeadingTitles:
        return cls(TitleRule(resources.words("titles")["also_names"]))

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = self.rule(doc.text, doc.entities)
        return doc
