"""Component ``place_types``: the gazetteer's place type and region code of LOC entities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..doc import Doc
from ..entities.gazetteer import Gazetteer, set_place_types
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources


@register
class PlaceTypes(Component):
    """Set ``place_type`` (country, province, regency, city) and ``region_code`` of each LOC
    entity the gazetteer knows, looked up by canonical name first."""

    name = "place_types"
    requires = ("entity.canonical",)
    provides = ("entity.place_type", "entity.region_code")

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    @classmethod
    def from_resources(cls, resources: Resources) -> PlaceTypes:
        return cls(resources.require_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        set_place_types(doc, self.gazetteer)
        return doc
