"""The pipeline: a declared list of components run in order over a batch of documents.

    articles -> Doc -> tokenize -> ner -> entity_rules -> datelines -> gazetteer_places
                    -> canonical_names -> place_types -> entity_scores -> facts -> quotes
                    -> fact_sources

Each component lives in its own module of this package, named after it; :data:`DEFAULT_PIPELINE`
is the whole order in one place. ``Pipeline(exclude=[...])`` leaves components out (they are not
even loaded), ``Pipeline(disable=[...])`` loads them but skips them (``enable_pipe`` turns them
back on), ``add_component`` puts a user's own component in, as in spaCy.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..doc import Article, Doc
from .component import FACTORIES, Component, PipelineError, check_order
from .resources import Config, Resources

log = logging.getLogger(__name__)
T = TypeVar("T")

#: The built-in components, in the order they run.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "tokenize", "ner", "entity_rules", "datelines",
    "gazetteer_places", "canonical_names", "place_types", "entity_scores", "facts", "quotes",
    "fact_sources",
)
#: Components that only post-process the NER model's output (left out with it).
_NER_ONLY = ("ner", "entity_rules")
_GAZETTEER = ("gazetteer_places", "place_types")
_FACTS = ("facts", "fact_sources")


class FunctionComponent(Component):
    """A user's function ``doc -> doc`` as a component."""

    def __init__(self, func: Callable[[Doc], Doc]):
        self.func = func

    def __call__(self, doc: Doc) -> Doc:
        return self.func(doc) or doc


class Pipeline:
    """Tokenizer, stanza NER, entity and fact components, loaded once and reused.

    ``models``: the model folder (or pass a :class:`~nlp_news.config.Config`, which then
    gives the model folder and ``ner_batch_size``). ``exclude`` / ``disable``: component names
    to leave out / to load but skip. Shorthands: ``ner=False`` (or ``exclude=["ner"]``) leaves
    out the NER model, unloaded, and its post-processing (entities then come from the gazetteer
    only), ``facts=False`` the rule layers, ``gazetteer=False`` the gazetteer and its
    components; ``ner`` and ``gazetteer`` are switched off in :attr:`config` too. Per-component
    wall time accumulates in :attr:`timings` (seconds; ``load`` for building the pipeline).
    """

    def __init__(self, models: str | Path | None = None, *, config: Config | None = None,
                 exclude: Iterable[str] = (), disable: Iterable[str] = (), ner: bool = True,
                 facts: bool = True, gazetteer: bool = True, ner_batch_size: int = 64):
        start = time.perf_counter()
        excluded = set(exclude)
        if config is None:
            config = Config(models=models, ner_batch_size=ner_batch_size)
        config = replace(config, ner=config.ner and ner and "ner" not in excluded,
                         gazetteer=config.gazetteer and gazetteer)
        self.config = config
        self.resources = Resources(config)
        self.paths = self.resources.paths
        self.timings: Counter[str] = Counter()
        unknown = excluded - set(DEFAULT_PIPELINE)
        if unknown:
            raise PipelineError(f"unknown component(s) {sorted(unknown)}; the pipeline has "
                                f"{', '.join(DEFAULT_PIPELINE)}")
        if not config.ner:  # the fixers of its output go with the model
            excluded.update(_NER_ONLY)
        if not facts:
            excluded.update(_FACTS)
        if not config.gazetteer or self.resources.gazetteer is None:
            excluded.update(_GAZETTEER)
        if {"ner", "gazetteer_places", "datelines"} <= excluded:
            excluded.add("canonical_names")  # no component makes entities
            excluded.add("place_types")
            excluded.add("entity_scores")
        self._components: list[Component] = [
            FACTORIES[name](self.resources) for name in DEFAULT_PIPELINE if name not in excluded]
        check_order(self._components)
        self.disabled: set[str] = set()
        for name in disable:
            self.disable_pipe(name)
        self.timings["load"] += time.perf_counter() - start

    # ------------------------------------------------------------------ the component list

    @property
    def pipe_names(self) -> list[str]:
        """The names of the components, in order (disabled ones included)."""
        return [c.name for c in self._components]

    @property
    def components(self) -> list[tuple[str, Component]]:
        """``(name, component)`` pairs, in order."""
        return [(c.name, c) for c in self._components]

    def get_pipe(self, name: str) -> Component:
        """The component called ``name``."""
        for component in self._components:
            if component.name == name:
                return component
        raise PipelineError(f"no component {name!r} in the pipeline ({self.pipe_names})")

    def has_pipe(self, name: str) -> bool:
        return name in self.pipe_names

    def disable_pipe(self, name: str) -> None:
        """Skip the component ``name`` until :meth:`enable_pipe` (it stays loaded)."""
        self.get_pipe(name)
        self.disabled.add(name)

    def enable_pipe(self, name: str) -> None:
        self.get_pipe(name)
        self.disabled.discard(name)

    def add_component(self, name: str, component: Component | Callable[[Doc], Doc], *,
                      before: str | None = None, after: str | None = None,
                      first: bool = False) -> Component:
        """Put ``component`` into the pipeline under ``name`` (unique): at the end, or
        ``before`` / ``after`` a named component, or ``first``. The order is checked against
        what it ``requires``. A plain function ``doc -> doc`` is wrapped as a component that
        requires nothing. Returns the component."""
        if not name or self.has_pipe(name):
            raise PipelineError(f"a component needs a unique name (got {name!r}; the "
                                f"pipeline has {self.pipe_names})")
        if sum(x is not None and x is not False for x in (before, after, first)) > 1:
            raise PipelineError("give at most one of before, after, first")
        if not isinstance(component, Component):
            if not callable(component):
                raise PipelineError(f"{component!r} is no component: give a Component or a "
                                    "function doc -> doc")
            component = FunctionComponent(component)
        if first:
            index = 0
        elif before is not None:
            index = self.pipe_names.index(self.get_pipe(before).name)
        elif after is not None:
            index = self.pipe_names.index(self.get_pipe(after).name) + 1
        else:
            index = len(self._components)
        component.name = name
        components = [*self._components[:index], component, *self._components[index:]]
        check_order(components)
        self._components = components
        return component

    def remove_pipe(self, name: str) -> Component:
        """Take the component ``name`` out; the rest must still have what they need."""
        component = self.get_pipe(name)
        rest = [c for c in self._components if c is not component]
        check_order(rest)
        self._components = rest
        return component

    def analysis(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """What each component requires and provides, in order."""
        return {c.name: {"requires": c.requires, "provides": c.provides}
                for c in self._components}

    # ------------------------------------------------------------------ running

    def __call__(self, articles: Iterable[Article]) -> list[Doc]:
        """Annotate a batch of articles; an article that fails gets ``status=error`` and no
        annotations, and never stops the batch."""
        docs = [Doc(article) for article in articles]
        ok = [doc for doc in docs if doc.article.status == "ok"]
        for component in self._components:
            if component.name in self.disabled:
                continue
            start = time.perf_counter()
            self._run(component, ok)
            ok = [doc for doc in ok if doc.article.status == "ok"]
            self.timings[component.name] += time.perf_counter() - start
        return docs

    def run_part(self, docs: list[Doc], *, after: str | None = None, until: str | None = None,
                 skip: Iterable[str] = ()) -> list[Doc]:
        """Run the components after ``after`` (from the first when None) up to ``until``
        (to the last when None) on ``docs`` already made, leaving out ``skip``: the model's
        output made once, the rules after it run under several settings (ablation)."""
        names = self.pipe_names
        start = names.index(after) + 1 if after is not None else 0
        stop = names.index(until) + 1 if until is not None else len(names)
        leave_out = set(skip) | self.disabled
        ok = [doc for doc in docs if doc.article.status == "ok"]
        for component in self._components[start:stop]:
            if component.name in leave_out:
                continue
            self._run(component, ok)
            ok = [doc for doc in ok if doc.article.status == "ok"]
        return docs

    def pipe(self, articles: Iterable[Article], batch_size: int = 64) -> Iterable[Doc]:
        """Annotate a stream of articles in batches, yielding docs in input order."""
        for batch in batched(articles, batch_size):
            yield from self(batch)

    def _run(self, component: Component, docs: Sequence[Doc]) -> None:
        if component.batches() and docs:
            try:
                component.pipe(list(docs))
                return
            except Exception:  # a bad article must not sink the batch: retry one by one
                log.exception("%s failed on a batch; retrying article by article",
                              component.name)
        for doc in docs:
            try:
                component(doc)
            except Exception as exc:  # recorded in the documents table, never fatal
                log.debug("%s failed on %s", component.name, doc.article.doc_id, exc_info=True)
                doc.article.error = (f"{doc.article.origin or doc.article.doc_id}: "
                                     f"{component.name} failed: {type(exc).__name__}: {exc}")
                doc.sentences, doc.entities, doc.facts, doc.quotes = [], [], [], []

    def __repr__(self) -> str:
        return f"Pipeline({self.pipe_names})"


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` items."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
