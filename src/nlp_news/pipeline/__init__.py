"""The pipeline: components over one document model (see :mod:`.core` for the order).

:class:`Pipeline` runs the components; :class:`Component` is their base class; each built-in
component is in a module named after it (``tokenize``, ``ner``, ``entity_rules`` (the rules of
``resources/lang/id/rules/entities.toml``), ``datelines``, ``gazetteer_places``,
``canonical_names``, ``place_types``, ``entity_scores``, ``facts``, ``quotes``, ``fact_sources``);
:class:`Config` and :class:`Resources` hold what they share.
"""

# each component module registers its factory when imported
from . import (  # noqa: F401
    canonical_names,
    datelines,
    entity_rules,
    entity_scores,
    fact_sources,
    facts,
    gazetteer_places,
    ner,
    place_types,
    quotes,
    tokenize,
)
from .component import Component, PipelineError
from .core import DEFAULT_PIPELINE, Pipeline
from .resources import Config, Resources

__all__ = ["DEFAULT_PIPELINE", "Component", "Config", "Pipeline", "PipelineError", "Resources"]
