"""Component ``entity_scores``: a calibrated confidence for every entity (:mod:`..scores`),
and, with ``min_score``, no entity below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..doc import Doc
from ..scores import Calibration
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources


@register
class EntityScores(Component):
    """Set ``score``: the model's calibrated span probability, or its source's precision;
    drop the entities scoring under ``min_score`` (a score of None is never dropped)."""

    name = "entity_scores"
    requires = ("doc.entities",)
    provides = ("entity.score",)

    def __init__(self, calibration: Calibration, min_score: float | None = None):
        self.calibration = calibration
        self.min_score = min_score

    @classmethod
    def from_resources(cls, resources: Resources) -> EntityScores:
        return cls(Calibration.read(resources.paths.score_calibration),
                   resources.config.min_score)

    def __call__(self, doc: Doc) -> Doc:
        self.calibration.score(doc)
        if self.min_score is not None:
            doc.entities = [e for e in doc.entities
                            if e.score is None or e.score >= self.min_score]
        return doc
