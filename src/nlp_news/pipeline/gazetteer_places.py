"""Component ``gazetteer_places``: LOC mentions of gazetteer places the model missed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..doc import Doc
from ..entities.gazetteer import RECOVER_TYPES, Gazetteer, recover_places
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources


@register
class GazetteerPlaces(Component):
    """Add LOC entities (``origin = "gazetteer"``) for the names of Indonesian provinces,
    regencies, cities and countries that no entity covers (conservative: see
    :func:`~nlp_news.entities.gazetteer.find_places`)."""

    name = "gazetteer_places"
    requires = ("doc.sentences",)
    provides = ("doc.entities", "entity.origin")

    def __init__(self, gazetteer: Gazetteer, types: tuple[str, ...] = RECOVER_TYPES):
        self.gazetteer = gazetteer
        self.types = types

    @classmethod
    def from_resources(cls, resources: Resources) -> GazetteerPlaces:
        return cls(resources.require_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        recover_places(doc, self.gazetteer, self.types)
        return doc
