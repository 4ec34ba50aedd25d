"""The resources the pipeline's components share, built once from its configuration.

:class:`~nlp_news.config.Config` (defined in :mod:`nlp_news.config`, importable from here)
says where things are and which are used; :class:`Resources` loads each thing once, the first
time a component asks for it, and hands the same object to every component that needs it.
Nothing else in the pipeline loads a model, a gazetteer or a word list behind the caller's
back.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .. import lexicon
from ..config import Config

__all__ = ["Config", "Resources"]

if TYPE_CHECKING:
    from ..entities.gazetteer import Gazetteer
    from ..entities.resolve import AliasTable, NameKnowledge
    from ..rules import FactRules
    from .ner_tagger import NerTagger


class Resources:
    """What components share, each loaded once, on first use."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.paths = self.config.paths

    @cached_property
    def ner_tagger(self) -> NerTagger:
        """The stanza NER model (raises ``ModelNotFoundError`` when its files are missing)."""
        from .ner_tagger import NerTagger

        return NerTagger(self.paths, batch_size=self.config.ner_batch_size,
                         forward=self.config.ner_forward, int8=self.config.ner_int8)

    @cached_property
    def word_ranks(self) -> dict[str, int]:
        """Lower-cased words of the NER model's word vectors by frequency rank."""
        return self.ner_tagger.word_ranks()

    @cached_property
    def gazetteer(self) -> Gazetteer | None:
        """The model folder's gazetteer, or None (switched off, or no file)."""
        if not self.config.gazetteer or not self.paths.gazetteer.is_file():
            return None
        from ..entities.gazetteer import Gazetteer

        return Gazetteer.load(self.paths.gazetteer)

    def require_gazetteer(self) -> Gazetteer:
        """The gazetteer, for components that cannot work without one."""
        if self.gazetteer is None:
            raise FileNotFoundError(f"no gazetteer at {self.paths.gazetteer}")
        return self.gazetteer

    @cached_property
    def region_keys(self) -> frozenset[tuple[str, ...]]:
        """Name keys of countries and provinces (none without a gazetteer)."""
        return self.gazetteer.region_keys if self.gazetteer is not None else frozenset()

    @cached_property
    def region_ids(self) -> dict[tuple[str, ...], str]:
        """The country or province each of their names stands for (none without a
        gazetteer)."""
        return self.gazetteer.region_ids if self.gazetteer is not None else {}

    @cached_property
    def user_aliases(self) -> AliasTable:
        """The user's alias file (empty when none is configured); a bad file raises
        :class:`~nlp_news.entities.resolve.AliasFileError` naming its file and line."""
        from ..entities.resolve import AliasTable

        if self.config.aliases is None:
            return AliasTable()
        return AliasTable.read(self.config.aliases)

    @cached_property
    def name_knowledge(self) -> NameKnowledge:
        """What dump-level name resolution knows: the gazetteer and the alias files."""
        from ..entities.resolve import NameKnowledge

        return NameKnowledge(self.gazetteer, self.user_aliases)

    @cached_property
    def fact_rules(self) -> FactRules:
        """The fact rule layers' word lists and patterns, built from the lexicon
        (:meth:`words`)."""
        from ..rules import FactRules

        return FactRules(self.words)

    @staticmethod
    def words(table: str) -> dict:
        """A table of the lexicon (:mod:`nlp_news.lexicon`)."""
        return lexicon.table(table)
