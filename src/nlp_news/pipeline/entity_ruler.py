"""An entity ruler: entities from a user's own word list (not in the default pipeline).

    from nlp_news import Pipeline
    from nlp_news.pipeline.entity_ruler import EntityRuler

    nlp = Pipeline()
    nlp.add_component("my_names", EntityRuler({"Kopi Kenangan": "ORG", "Bukit Duri": "LOC"}),
                      before="canonical_names")

Each phrase is matched as whole tokens, exactly as written (case-sensitive), longest first; a
match becomes an entity with ``origin = "ruler"``. Where it overlaps an entity the model found,
the ruler's entity replaces it (``overwrite=True``, the default) or is dropped. Put it before
``canonical_names`` so its entities get ids and canonical names like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..doc import Doc, Entity
from .component import Component


class EntityRuler(Component):
    """Tag every occurrence of the phrases of ``patterns`` (phrase -> label)."""

    name = "entity_ruler"
    requires = ("doc.sentences",)
    provides = ("doc.entities", "entity.origin")

    def __init__(self, patterns: Mapping[str, str] | Iterable[tuple[str, str]], *,
                 overwrite: bool = True, origin: str = "ruler"):
        from .tokenize import Tokenizer

        items = patterns.items() if isinstance(patterns, Mapping) else patterns
        tokenizer = Tokenizer()
        self.overwrite = overwrite
        self.origin = origin
        #: first token -> [(tokens, label)], longest first
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, label in items:
            words = tuple(w for sent in tokenizer.words(phrase) for w in sent)
            if words:
                self.index.setdefault(words[0], []).append((words, label))
        for options in self.index.values():
            options.sort(key=lambda item: -len(item[0]))

    def _matches(self, doc: Doc) -> list[Entity]:
        found = []
        for sentence in doc.sentences:
            toks = sentence.tokens
            i = 0
            while i < len(toks):
                match = next(((words, label) for words, label in self.index.get(toks[i].text, ())
                              if tuple(t.text for t in toks[i:i + len(words)]) == words), None)
                if match is None:
                    i += 1
                    continue
                words, label = match
                start, end = toks[i].start_char, toks[i + len(words) - 1].end_char
                found.append(Entity(sentence.index, start, end, doc.text[start:end], label,
                                    origin=self.origin))
                i += len(words)
        return found

    def __call__(self, doc: Doc) -> Doc:
        new = self._matches(doc)
        if not new:
            return doc

        def overlaps(a: Entity, b: Entity) -> bool:
            return a.start_char < b.end_char and b.start_char < a.end_char

        if self.overwrite:
            kept = [e for e in doc.entities if not any(overlaps(e, n) for n in new)]
            entities = kept + new
        else:
            entities = doc.entities + [n for n in new
                                       if not any(overlaps(n, e) for e in doc.entities)]
        doc.entities = sorted(entities, key=lambda e: (e.start_char, e.end_char))
        return doc
