"""Component ``team_names``: a country or city that stands for its team is ORG.

"melawan Iran", "Barcelona menjamu Valencia", "Manajer Liverpool": the guide counts a club or
national team named after its place as an organisation when the team is meant. A LOC mention
right after a word of the lexicon's ``[team_cues] before`` or ``member_before`` (or after
``atas`` that follows a result), or right before a word of ``after``, becomes ORG. Once a team
is seen playing ("melawan Argentina", not only "pelatih Argentina"), its other mentions in the
article are the team too ("Argentina ditahan imbang Peru ... Argentina bertahan hingga jeda"),
except where a word of ``place_before`` stands right before one ("warga Iran", "di
Argentina") or it ends an address ("Cordoba, Argentina").

The component runs after ``label_consistency``: a cue outweighs the model's votes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..doc import Doc, Entity
from ..entities.names import follows_cue
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

_BEFORE = regex.compile(r"(?r)(?P<w2>[\p{L}\d-]+)?\s*+(?P<w>\p{L}+)[\s,]*+$")
_AFTER = regex.compile(r"[\s,]*+(?P<w>\p{L}+)(?:\s++(?P<w2>\p{L}+))?")
_SCORE = regex.compile(r"\d+\s*-\s*\d+")
#: a capitalised word and a comma right before a position: the place ends an address
_ADDRESS = regex.compile(r"(?r)\p{Lu}\p{L}*,\s*+$")


@register
class TeamNames(Component):
    """Relabel places used as teams (LOC -> ORG) from the words around them."""

    name = "team_names"
    requires = ("doc.entities",)

    def __init__(self, before: frozenset[str], after: frozenset[str],
                 atas_after: frozenset[str], place_before: frozenset[str] = frozenset(),
                 member_before: frozenset[str] = frozenset()):
        self.before, self.after, self.atas_after = before, after, atas_after
        self.place_before, self.member_before = place_before, member_before

    @classmethod
    def from_resources(cls, resources: Resources) -> TeamNames:
        table = resources.words("team_cues")
        return cls(frozenset(table["before"]), frozenset(table["after"]),
                   frozenset(table["atas_after"]), frozenset(table["place_before"]),
                   frozenset(table["member_before"]))

    def is_place(self, text: str, ent: Entity) -> bool:
        """Whether the words right before ``ent`` make it the place ("warga Iran")."""
        return bool(_ADDRESS.search(text, max(0, ent.start_char - 40), ent.start_char)
                    ) or follows_cue(text, ent.start_char, self.place_before)

    def is_team(self, text: str, ent: Entity) -> bool:
        """Whether the words around ``ent`` show a team playing ("melawan Iran", "Persib
        menang"); a team's staff ("pelatih Iran") is :meth:`is_member_of`."""
        before = _BEFORE.search(text, max(0, ent.start_char - 40), ent.start_char)
        if before:
            word, prev = before.group("w").lower(), (before.group("w2") or "").lower()
            if word in self.before or f"{prev} {word}".strip() in self.before:
                return True
            if word == "atas" and (prev in self.atas_after or _SCORE.fullmatch(prev)):
                return True
        after = _AFTER.match(text, ent.end_char, ent.end_char + 40)
        if after:
            word = after.group("w").lower()
            pair = f"{word} {(after.group('w2') or '').lower()}".strip()
            return word in self.after or pair in self.after
        return False

    def is_member_of(self, text: str, ent: Entity) -> bool:
        """Whether a team's staff or squad word stands right before ``ent`` ("pelatih Iran",
        "timnas Inggris"): this mention is the team, the article's others need not be."""
        return follows_cue(text, ent.start_char, self.member_before)

    def __call__(self, doc: Doc) -> Doc:
        playing = [e.origin == "model" and e.label in ("LOC", "ORG")
                   and self.is_team(doc.text, e) for e in doc.entities]
        teams = {e.text for e, team in zip(doc.entities, playing, strict=True) if team}
        doc.entities = [
            replace(e, label="ORG") if e.label == "LOC" and e.origin == "model" and (
                team or self.is_member_of(doc.text, e)
                or (e.text in teams and not self.is_place(doc.text, e))) else e
            for e, team in zip(doc.entities, playing, strict=True)]
        return doc
