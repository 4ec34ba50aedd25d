"""What a pipeline component is, and the registry of the built-in ones.

A component is a small object that reads and writes fields of a :class:`~nlp_news.doc.Doc`
(``__call__(doc) -> doc``), with ``pipe(docs)`` where batching pays (the NER model tags many
articles' sentences at once). It declares what it needs and what it gives, as names of the
document model: ``doc.sentences``, ``doc.entities``, ``doc.facts``, ``doc.quotes``, or a field
of a record, ``entity.canonical``, ``fact.range_id``. :class:`~nlp_news.pipeline.Pipeline`
checks the order against these declarations when it is built (like stanza's
``REQUIRES_DEFAULT`` / ``PROVIDES_DEFAULT`` and spaCy's ``Language.factory(requires=...,
assigns=...)``).

Built-in components register a factory under their name with :func:`register`; a factory
takes the pipeline's :class:`~nlp_news.pipeline.resources.Resources` (models, gazetteer,
lexicon: built once) and returns the component.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from ..doc import Doc
    from .resources import Resources


class PipelineError(ValueError):
    """A pipeline that cannot be built: unknown names, or a component whose needs come later
    or not at all."""


class Component:
    """Base class of pipeline components (subclasses set the class attributes)."""

    #: The component's name in the pipeline (``Pipeline().pipe_names``).
    name: ClassVar[str] = ""
    #: What must have been computed before this component runs.
    requires: ClassVar[tuple[str, ...]] = ()
    #: What this component computes (fields it sets, lists it fills).
    provides: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: list[Doc]) -> list[Doc]:
        """Process a batch (default: one doc at a time)."""
        return [self(doc) for doc in docs]

    @classmethod
    def batches(cls) -> bool:
        """True when the component overrides :meth:`pipe` (the pipeline then hands it whole
        batches, and retries one doc at a time when a batch fails)."""
        return cls.pipe is not Component.pipe

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


Factory = Callable[["Resources"], Component]
#: Built-in factories by component name (filled by :func:`register`).
FACTORIES: dict[str, Factory] = {}


def register(cls: type[Component]) -> type[Component]:
    """Class decorator: register ``cls.from_resources`` (or ``cls()``) under ``cls.name``."""
    if not cls.name:
        raise PipelineError(f"{cls.__name__} has no name")
    FACTORIES[cls.name] = getattr(cls, "from_resources", None) or (lambda _resources: cls())
    return cls


def check_order(components: Iterable[Component]) -> None:
    """Raise :class:`PipelineError` unless every component's needs are provided by a
    component before it."""
    provided: dict[str, str] = {}
    for component in components:
        for need in component.requires:
            if need not in provided:
                raise PipelineError(
                    f"component {component.name!r} needs {need!r}, which no component before "
                    f"it provides (provided so far: {', '.join(sorted(provided)) or 'nothing'})")
        for give in component.provides:
            provided.setdefault(give, component.name)
