"""Tie facts to the entities of their sentence and to who stated them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..doc import Doc
from .quotes import Quote, QuoteContext, according_who, find_quotes, quote_cues


def _according_speaker(ctx: QuoteContext, start: int, end: int) -> str | None:
    """The X of a "menurut X" in ``text[start:end]``, when X can be named."""
    for match in quote_cues()["according"].finditer(ctx.text, start, end):
        found = according_who(ctx, match)
        if found is not None:
            return found[0][0]
    return None


def attach_entities_to_facts(doc: Doc, quotes: Sequence[Quote] | None = None) -> None:
    """Set ``entities`` and ``source`` on every fact of the doc.

    ``entities``: the sorted unique canonical names (``"; "``-joined) of the entities of the
    fact's sentence, None when there are none.  ``source``: the speaker of the quote the fact
    lies in, else X of a "menurut X" in its sentence, else None.  ``quotes`` default to
    :func:`find_quotes` of the doc.
    """
    if not doc.facts:
        return
    if quotes is None:
        quotes = find_quotes(doc)
    names: dict[int, set[str]] = defaultdict(set)
    for ent in doc.entities:
        names[ent.sent_index].add(ent.canonical or ent.text)
    sentences = {s.index: s for s in doc.sentences}
    ctx = QuoteContext(doc)
    according: dict[int, str | None] = {}
    for fact in doc.facts:
        found = sorted(names.get(fact.sent_index, ()))
        fact.entities = "; ".join(found) if found else None
        source = next((q.speaker for q in quotes
                       if q.start_char <= fact.start_char and fact.end_char <= q.end_char), None)
        sent = sentences.get(fact.sent_index)
        if source is None and sent is not None:
            if fact.sent_index not in according:
                according[fact.sent_index] = _according_speaker(ctx, sent.start_char,
                                                                sent.end_char)
            source = according[fact.sent_index]
        fact.source = source
