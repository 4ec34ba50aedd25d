"""An annotated article as a spaCy ``Doc``: tokens, sentences and entity spans (for displaCy)."""

from __future__ import annotations

from functools import cache

from ..doc import Doc

LABELS = ("PER", "LOC", "ORG")


@cache
def _vocab():
    from spacy.vocab import Vocab

    return Vocab()


def to_spacy(doc: Doc, vocab=None):
    """A ``spacy.tokens.Doc`` of the article's tokens with ``doc.ents`` from its entities.

    Spaces come from the offsets (a token followed by any whitespace gets a space), sentence
    starts from the sentences; entity spans carry the label and, as ``kb_id_``, the
    ``entity_id`` when :func:`~nlp_news.entities.link_entities` ran.  ``user_data`` holds
    ``doc_id`` and ``title``.  Entities that do not fall on token boundaries, or overlap a
    longer one, are left out.
    """
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span
    from spacy.util import filter_spans

    tokens = [t for s in doc.sentences for t in s.tokens]
    sent_first = {s.tokens[0].start_char for s in doc.sentences if s.tokens}
    words = [t.text for t in tokens]
    spaces = [i + 1 < len(tokens) and tokens[i + 1].start_char > t.end_char
              for i, t in enumerate(tokens)]
    sent_starts = [t.start_char in sent_first for t in tokens]
    sdoc = SpacyDoc(vocab or _vocab(), words=words, spaces=spaces,
                    sent_starts=sent_starts if tokens else None)
    by_start = {t.start_char: i for i, t in enumerate(tokens)}
    by_end = {t.end_char: i for i, t in enumerate(tokens)}
    spans = []
    for ent in doc.entities:
        first, last = by_start.get(ent.start_char), by_end.get(ent.end_char)
        if first is None or last is None or last < first:
            continue
        spans.append(Span(sdoc, first, last + 1, label=ent.label,
                          kb_id=str(ent.entity_id or "")))
    sdoc.ents = filter_spans(spans)
    sdoc.user_data["doc_id"] = doc.article.doc_id
    sdoc.user_data["title"] = doc.article.title
    return sdoc
