"""Component ``canonical_names``: one id and one name for every entity of an article."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..doc import Doc
from ..entities.canonical import link_entities
from .component import Component, register

if TYPE_CHECKING:
    from ..entities.resolve import AliasTable
    from .resources import Resources


@register
class CanonicalNames(Component):
    """Group the mentions of one entity ("Vladimir Putin", "Putin", "Presiden Putin"): set
    ``entity_id``, ``canonical`` and ``title`` (see :mod:`nlp_news.entities.canonical`).
    Country and province names from the gazetteer are never part of a person's name, and
    their short forms ("AS", "RI") join them; so do the user's alias file's names, and its
    ``apart`` pairs stay apart."""

    name = "canonical_names"
    requires = ("doc.sentences", "doc.entities")
    provides = ("entity.entity_id", "entity.canonical", "entity.title")

    def __init__(self, places: frozenset[tuple[str, ...]] = frozenset(),
                 regions: Mapping[tuple[str, ...], str] | None = None,
                 aliases: AliasTable | None = None):
        self.places = places
        self.regions = regions or {}
        self.aliases = aliases

    @classmethod
    def from_resources(cls, resources: Resources) -> CanonicalNames:
        return cls(resources.region_keys, resources.region_ids, resources.user_aliases)

    def __call__(self, doc: Doc) -> Doc:
        link_entities(doc, places=self.places, regions=self.regions,
                      user_aliases=self.aliases)
        return doc
