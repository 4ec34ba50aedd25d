"""Named entities with the project's own stanza NER model, loaded from local files only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..doc import Doc, Entity
from .component import Component, register
from .ner_tagger import (  # noqa: F401  (their old home: imported from here too)
    FORWARDS,
    MAX_BATCH_TOKENS,
    ModelNotFoundError,
    NerTagger,
    import_stanza,
    length_batches,
)

if TYPE_CHECKING:
    from .resources import Resources


def entities_from_spans(text, sentences, tagged):
    """Turn token-index spans (``first, last + 1, label`` and, from the lean forward pass,
    the model's probability) into :class:`Entity` objects with offsets into ``text``; the
    probability goes to ``score``."""
    for sentence, spans in zip(sentences, tagged, strict=True):
        for first, last, label, *prob in spans:
            start = sentence.tokens[first].start_char
            end = sentence.tokens[last - 1].end_char
            yield Entity(sentence.index, start, end, text[start:end], label,
                         score=prob[0] if prob else None)


@register
class Ner(Component):
    """Named entities (PER / LOC / ORG) tagged by the stanza model, a batch of docs at once."""

    name = "ner"
    requires = ("doc.sentences",)
    provides = ("doc.entities",)

    def __init__(self, tagger: NerTagger):
        self.tagger = tagger

    @classmethod
    def from_resources(cls, resources: Resources) -> Ner:
        return cls(resources.ner_tagger)

    def __call__(self, doc: Doc) -> Doc:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Doc]) -> list[Doc]:
        batch = [[t.text for t in s.tokens] for doc in docs for s in doc.sentences]
        tagged = self.tagger.tag_tokens(batch, probabilities=True)
        pos = 0
        for doc in docs:
            n = len(doc.sentences)
            doc.entities = list(entities_from_spans(doc.text, doc.sentences,
                                                    tagged[pos:pos + n]))
            doc.model_spans = {(e.start_char, e.end_char, e.label): e.score
                               for e in doc.entities}
            pos += n
        return docs
