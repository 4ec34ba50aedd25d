"""Entities people can use: one id and name per entity, places, quotes, facts' sources.

The libraries behind the pipeline's entity components (see :mod:`nlp_news.pipeline`):
:func:`link_entities` (canonical names and ids), :class:`Gazetteer` with
:func:`recover_places` and :func:`set_place_types`, :func:`find_quotes`,
:func:`attach_entities_to_facts`; and, over whole dumps, :class:`EntitySummary` (the
``entity_summary`` table) and :func:`to_spacy` (spaCy ``Doc`` objects for displaCy).
"""

from __future__ import annotations

from .canonical import link_entities
from .facts_link import attach_entities_to_facts
from .gazetteer import Gazetteer, Place, recover_places, set_place_types
from .quotes import find_quotes
from .spacy_doc import to_spacy
from .summary import EntitySummary

__all__ = [
    "EntitySummary", "Gazetteer", "Place", "attach_entities_to_facts", "find_quotes",
    "link_entities", "recover_places", "set_place_types", "to_spacy",
]
