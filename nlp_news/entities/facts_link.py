"""Tie facts to the entities of their sentence and to who stated them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..doc import Doc
from .quotes import Quote, _Context, _cues, find_quotes


def _according_speaker(ctx: _Context, start: int, end: int) -> str | None:
    """The X of a "menurut X" in ``text[start:end]``, when X can be named."""
    for match in _cues()["according"].finditer(ctx.text, start, end):
        if match.group("nya"):
            return ctx.resolve_pronoun("nya", match.start())[0]
        pron = _cues()["pronoun"].match(ctx.text, match.end())
        if pron:
            return ctx.resolve_pronoun(pron.group("p"), match.start())[0]
        ent = ctx.entity_after(match.end(), limit=40)
        if ent is not None:
            return ctx.speaker(ent)[0]
    return None


def attach_entities_to_facts(doc: Doc, quotes: Sequence[Quote] | None = None) -> None:
    """Set ``extra["entities"]`` and ``extra["source"]`` on every fact of the doc.

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
        names[ent.sent_index].add(ent.extra.get("canonical") or ent.text)
    sentences = {s.index: s for s in doc.sentences}
    ctx = _Context(doc)
    according: dict[int, str | None] = {}
    for fact in doc.facts:
        found = sorted(names.get(fact.sent_index, ()))
        fact.extra["entities"] = "; ".join(found) if found else None
        source = next((q.speaker for q in quotes
                       if q.start_char <= fact.start_char and fact.end_char <= q.end_char), None)
        sent = sentences.get(fact.sent_index)
        if source is None and sent is not None:
            if fact.sent_index not in according:
                according[fact.sent_index] = _according_speaker(ctx, sent.start_char,
                                                                sent.end_char)
            source = according[fact.sent_index]
        fact.extra["source"] = source
