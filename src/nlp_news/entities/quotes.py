"""Who said what: direct quotes ("…," ucap X) and reported speech (Menurut X, …).

Direct quotes are text between quote marks with an attribution next to them:

* ``"…," ucap/kata/ujar/jelas… X`` (the speaker follows the cue; "…," ucapnya / kata dia
  stand for the last person named before the quote);
* ``"…," X menjelaskan`` and ``X mengatakan, "…"`` / ``Kata X, "…"``;
* a paragraph that is only a quote, right after a quoted paragraph, continues its speaker.

Reported speech (``kind="indirect"``): ``Menurut X, …`` / ``…, menurut X`` and ``X mengatakan
(bahwa) …``.  Cue words are the ``[quote_cues]`` table of the lexicon.

The speaker is the entity's canonical name when the mention is an entity (see
:func:`~nlp_news.entities.link_entities`), else the name or pronoun as written.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cache

import regex

from .. import lexicon
from ..doc import Doc, Entity, Quote
from .names import split_name, title_after_phrases, title_phrases, words


def _alternation(items: Sequence[str]) -> str:
    return "|".join(regex.escape(i) for i in sorted(set(items), key=len, reverse=True))


@cache
def quote_cues() -> dict[str, object]:
    table = lexicon.table("quote_cues")
    after, verbs = _alternation(table["after"]), _alternation(table["verbs"])
    pronouns = [p for p in table["pronouns"] if p != "nya"]
    title_words = {w for phrase in title_phrases() | title_after_phrases() for w in phrase}
    return {
        # "…," ucap X / "…," ucapnya / "…," X menjelaskan
        "after_cue": regex.compile(rf"^[ \t]*,?[ \t]*(?P<cue>{after}|{verbs})(?P<nya>nya)?\b",
                                   regex.I),
        "after_who": regex.compile(
            rf"^[ \t]*,?[ \t]*(?P<who>[^,.;:!?\"“”\n]{{1,80}}?)[ \t]+(?P<cue>{verbs})\b", regex.I),
        # X mengatakan, "…" / Katanya: "…" / X mengatakan kepada wartawan, "…"
        "before_cue": regex.compile(
            rf"(?P<cue>\b(?:{after}|{verbs}))(?P<nya>nya)?\b[^\"“”.!?\n]{{0,60}}?[,:][ \t]*$",
            regex.I),
        "verbs": regex.compile(rf"\b(?P<cue>{verbs})\b", regex.I),
        "according": regex.compile(rf"\b(?P<cue>{_alternation(table['according'][:1])})"
                                   rf"(?P<nya>nya)?\b", regex.I),
        "pronoun": regex.compile(rf"^[ \t]*(?P<p>{_alternation(pronouns)})\b", regex.I),
        "pronoun_end": regex.compile(rf"\b(?P<p>{_alternation(pronouns)})[ \t]*$", regex.I),
        "pronouns": frozenset(pronouns),
        "no_content": tuple(sorted(table["no_content"], key=len, reverse=True)),
        "need_bahwa": frozenset(table["need_bahwa"]),
        "title_words": frozenset(title_words),
        # lower-case words allowed between a cue and the speaker's name besides titles
        "gap_words": frozenset(table["gap_words"]),
    }


_MARKS = regex.compile(r"[\"“”]")
_LINE = regex.compile(r"[^\n]+")
_SENT_END = regex.compile(r"[.!?;]")
_CAPS = regex.compile(r"^[ \t]*(?P<who>(?:[\p{Lu}][\p{L}\p{M}.'’\-]*[ \t]*){1,5})")
_BAHWA = regex.compile(r"\bbahwa\b[ \t]*,?[ \t]*", regex.I)
MIN_WORDS = 3


class QuoteContext:
    """The doc's entities, sentences and quote spans, for speaker lookups."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.entities = sorted(doc.entities, key=lambda e: e.start_char)
        self.starts = [e.start_char for e in self.entities]
        self.sent_starts = [s.start_char for s in doc.sentences]
        self.quoted: list[tuple[int, int]] = []
        #: (end of the sentence of a direct quote, its resolved speaker), in text order
        self.speakers: list[tuple[int, tuple[str, str | None]]] = []

    def in_content(self, pos: int) -> bool:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return i >= 0 and pos <= self.doc.sentences[i].end_char

    def sentence_at(self, pos: int):
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.doc.sentences[max(i, 0)] if self.doc.sentences else None

    def inside_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def speaker(self, ent: Entity) -> tuple[str, str | None]:
        canonical = ent.canonical or split_name(ent.text, ent.label).name
        return canonical, ent.entity_id

    def recent_person(self, pos: int, window: int = 1500) -> Entity | None:
        """The person a pronoun at ``pos`` most likely stands for.

        The last PER mention (outside quotes) in subject position - opening its sentence or
        clause, titles aside ("Karena itu, Daddy berharap") - within ``window`` characters;
        else the last PER mention at all.
        """
        i = bisect.bisect_left(self.starts, pos)
        last = None
        for ent in reversed(self.entities[:i]):
            if ent.label != "PER" or ent.end_char > pos or self.inside_quote(ent.start_char):
                continue
            if last is None:
                last = ent
            if ent.start_char < pos - window:
                break
            if self.is_subject(ent):
                return ent
        return last

    def is_subject(self, ent: Entity) -> bool:
        """Does the mention open its sentence or clause (titles aside)?"""
        sent = self.sentence_at(ent.start_char)
        start = sent.start_char if sent else 0
        before = self.text[start:ent.start_char]
        cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
        head = before[cut + 1:]
        return all(w.text[:1].isupper() or w.key in quote_cues()["title_words"]
                   for w in words(head))

    def resolve_pronoun(self, pronoun: str, pos: int) -> tuple[str, str | None]:
        """The person a pronoun stands for: the speaker of the previous quote when nobody
        else was named since its sentence, else the last person named (never for "mereka")."""
        if pronoun.lower() == "mereka":
            return pronoun, None
        earlier = [(end, who) for end, who in self.speakers if end <= pos]
        if earlier:
            end, who = earlier[-1]
            i, j = bisect.bisect_left(self.starts, end), bisect.bisect_left(self.starts, pos)
            if not any(e.label == "PER" and not self.inside_quote(e.start_char)
                       for e in self.entities[i:j]):
                return who
        ent = self.recent_person(pos)
        return self.speaker(ent) if ent else (pronoun, None)

    def resolve_raw(self, raw: str, pos: int) -> tuple[str, str | None]:
        """A name written without an entity: the article's person or organisation it names."""
        name = split_name(raw, "PER")
        ks = name.keys
        if not ks:
            return raw.strip(), None
        best = None
        for ent in self.entities:
            if ent.label not in ("PER", "ORG"):
                continue
            ek = split_name(ent.text, ent.label).keys
            if any(ek[i:i + len(ks)] == ks for i in range(len(ek) - len(ks) + 1)):
                dist = abs(ent.start_char - pos)
                if best is None or dist < best[0]:
                    best = (dist, ent)
        return self.speaker(best[1]) if best else (name.name, None)

    def entity_after(self, start: int, limit: int = 80) -> Entity | None:
        """The first PER (else ORG) mention after ``start`` reached over titles only."""
        cues = quote_cues()
        i = bisect.bisect_left(self.starts, start)
        found: dict[str, Entity] = {}
        for ent in self.entities[i:]:
            if ent.start_char > start + limit:
                break
            gap = self.text[start:ent.start_char]
            if _SENT_END.search(gap) or "\n" in gap or any(q in gap for q in "\"“”"):
                break
            if not all(w.text[:1].isupper() or w.key in cues["title_words"] or
                       w.key in cues["gap_words"] for w in words(gap)):
                continue
            if ent.label == "PER" and all(w.key in cues["title_words"] for w in words(ent.text)):
                continue  # a title tagged as a person ("Humas Brigjen")
            if ent.label in ("PER", "ORG"):
                found.setdefault(ent.label, ent)
                if ent.label == "PER":
                    break
        return found.get("PER") or found.get("ORG")

    def entity_before(self, end: int, start: int) -> Entity | None:
        """The nearest PER (else ORG) mention inside ``[start, end)``."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        inside = [e for e in self.entities[lo:hi] if e.end_char <= end
                  and not self.inside_quote(e.start_char)]
        for label in ("PER", "ORG"):
            hits = [e for e in inside if e.label == label]
            if hits:
                return hits[-1]
        return None

    def who_after_cue(self, pos: int) -> tuple[str, str | None] | None:
        """The speaker named right after a cue at ``pos`` ("ucap Bogdanov", "kata dia")."""
        cues = quote_cues()
        rest = self.text[pos:pos + 120]
        pron = cues["pronoun"].match(rest)
        if pron:
            return self.resolve_pronoun(pron.group("p"), pos)
        ent = self.entity_after(pos, limit=100)
        if ent is not None:
            return self.speaker(ent)
        caps = _CAPS.match(rest)
        if caps:
            return self.resolve_raw(caps.group("who"), pos)
        return None

    def who_before(self, cue_start: int, clause_start: int) -> tuple[str, str | None] | None:
        """The speaker named in the clause before a cue ("Bogdanov mengatakan")."""
        cues = quote_cues()
        before = self.text[clause_start:cue_start]
        pron = cues["pronoun_end"].search(before)
        ent = self.entity_before(cue_start, clause_start)
        if pron and (ent is None or ent.end_char <= clause_start + pron.start()):
            return self.resolve_pronoun(pron.group("p"), clause_start + pron.start())
        if ent is not None:
            return self.speaker(ent)
        return None


def _clause_start(ctx: QuoteContext, pos: int) -> int:
    """Start of the sentence holding ``pos`` (or of the text after the last quote mark)."""
    sent = ctx.sentence_at(pos)
    start = sent.start_char if sent else 0
    marks = [m.end() for m in _MARKS.finditer(ctx.text, start, pos)]
    return max([start, *marks])


def _trim(text: str, start: int, end: int, trailing: str = ", \t") -> tuple[int, int]:
    """Offsets of ``text[start:end]`` without surrounding blanks and trailing ``trailing``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in trailing):
        end -= 1
    return start, end


def _quote_spans(ctx: QuoteContext) -> list[tuple[int, int, bool]]:
    """``(open, close, closed)`` mark positions of quotes, paragraph by paragraph."""
    spans = []
    for line in _LINE.finditer(ctx.text):
        open_at = None
        for mark in _MARKS.finditer(ctx.text, line.start(), line.end()):
            pos, char = mark.start(), mark.group()
            if not ctx.in_content(pos):
                continue
            if char == "“" or (char == '"' and open_at is None):
                open_at = pos
            elif open_at is not None:
                spans.append((open_at, pos, True))
                open_at = None
        if open_at is not None:
            spans.append((open_at, line.end(), False))
    return spans


def _direct(ctx: QuoteContext) -> list[Quote]:
    cues = quote_cues()
    text = ctx.text
    spans = _quote_spans(ctx)
    ctx.quoted = [(o, c) for o, c, _ in spans]
    quotes: list[Quote] = []
    last: tuple[Quote, int] | None = None  # previous direct quote and its closing mark
    for open_at, close_at, closed in spans:
        start, end = _trim(text, open_at + 1, close_at)
        while start < end and text[start] in ",;:":
            start, end = _trim(text, start + 1, end)
        if len(words(text[start:end])) < MIN_WORDS:
            continue
        found = None
        line_end = text.find("\n", close_at)
        line_end = len(text) if line_end < 0 else line_end
        after = text[close_at + 1:line_end] if closed else ""
        match = cues["after_cue"].match(after) if after else None
        if match:
            cue_end = close_at + 1 + match.end()
            who = (ctx.resolve_pronoun("nya", open_at) if match.group("nya")
                   else ctx.who_after_cue(cue_end))
            if who:
                found = (who, match.group("cue").lower() + (match.group("nya") or ""))
        if found is None and after:
            match = cues["after_who"].match(after)
            if match and (match.group("who")[:1].isupper()
                          or match.group("who").lower() in cues["pronouns"]):
                who_start = close_at + 1 + match.start("who")
                who_end = close_at + 1 + match.end("who")
                ent = ctx.entity_before(who_end, who_start)
                if ent is not None:
                    who = ctx.speaker(ent)
                elif match.group("who").lower() in cues["pronouns"]:
                    who = ctx.resolve_pronoun(match.group("who"), open_at)
                else:
                    who = ctx.resolve_raw(match.group("who"), who_start)
                found = (who, match.group("cue").lower())
        if found is None:
            clause = _clause_start(ctx, open_at)
            before = text[clause:open_at]
            match = cues["before_cue"].search(before)
            if match:
                cue_start = clause + match.start("cue")
                who = (ctx.resolve_pronoun("nya", cue_start) if match.group("nya")
                       else ctx.who_before(cue_start, clause))
                if who is None and match.group("cue").lower() in ("kata", "ujar", "ucap"):
                    who = ctx.who_after_cue(clause + match.end("cue"))
                if who:
                    found = (who, match.group("cue").lower() + (match.group("nya") or ""))
        if found is None and last is not None and _continues(ctx, last, open_at):
            prev = last[0]
            found = ((prev.speaker, prev.speaker_entity_id), None)
        if found is None:
            continue
        (speaker, entity_id), cue = found
        quote = Quote(speaker=speaker, speaker_entity_id=entity_id, cue=cue, kind="direct",
                      text=text[start:end], start_char=start, end_char=end)
        quotes.append(quote)
        last = (quote, close_at)
        if entity_id is not None:
            sent = ctx.sentence_at(close_at)
            ctx.speakers.append((max(sent.end_char if sent else close_at, close_at),
                                 (speaker, entity_id)))
    return quotes


def _continues(ctx: QuoteContext, last: tuple[Quote, int], open_at: int) -> bool:
    """A paragraph-opening quote right after a quoted paragraph, no one else named between."""
    text = ctx.text
    line_start = text.rfind("\n", 0, open_at) + 1
    if text[line_start:open_at].strip():
        return False
    between = text[last[1]:line_start]
    if between.count("\n") > 3 or len(between) > 400:
        return False
    i, j = bisect.bisect_left(ctx.starts, last[1]), bisect.bisect_left(ctx.starts, open_at)
    return not any(e.label == "PER" and (e.entity_id or e.text) !=
                   (last[0].speaker_entity_id or e.text) for e in ctx.entities[i:j])


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in ",:;"):
        start += 1
    start, end = _trim(text, start, end, trailing=".!?;, \t")
    if len(words(text[start:end])) < MIN_WORDS:
        return None
    return start, end


def _indirect(ctx: QuoteContext) -> list[Quote]:
    cues = quote_cues()
    text = ctx.text
    quotes: list[Quote] = []
    for sent in ctx.doc.sentences:
        s_start, s_end = sent.start_char, sent.end_char
        if any(s < s_end and s_start < e for s, e in ctx.quoted):
            continue  # sentences with a direct quote are handled there
        taken: list[tuple[int, int]] = []
        for match in cues["according"].finditer(text, s_start, s_end):
            quote = _according(ctx, match, s_start, s_end)
            if quote:
                quotes.append(quote)
                taken.append((quote.start_char, quote.end_char))
        for match in cues["verbs"].finditer(text, s_start, s_end):
            if any(s <= match.start() < e for s, e in taken):
                continue
            quote = _reported(ctx, match, s_start, s_end)
            if quote and not any(s < quote.end_char and quote.start_char < e for s, e in taken):
                quotes.append(quote)
                taken.append((quote.start_char, quote.end_char))
    return quotes


def according_who(ctx: QuoteContext, match) -> tuple[tuple[str | None, str | None], int] | None:
    """The X of a ``menurut`` cue match: ``((speaker, entity_id), end of X)``, X being the
    clitic ``-nya`` or a pronoun (resolved to the person meant) or the entity right after the
    cue; None when there is no X."""
    if match.group("nya"):
        return ctx.resolve_pronoun("nya", match.start()), match.end()
    pron = quote_cues()["pronoun"].match(ctx.text, match.end())
    if pron:
        return ctx.resolve_pronoun(pron.group("p"), match.start()), pron.end()
    ent = ctx.entity_after(match.end(), limit=40)
    if ent is not None:
        return ctx.speaker(ent), ent.end_char
    return None


def _according(ctx: QuoteContext, match, s_start: int, s_end: int) -> Quote | None:
    """``Menurut X, …`` and ``…, menurut X.``"""
    text = ctx.text
    found = according_who(ctx, match)
    if found is None:
        return None
    who, who_end = found
    prefix = text[s_start:match.start()].rstrip()
    if not prefix or (prefix.endswith(",") and len(words(prefix)) <= 2):
        # "Menurut X, …" (maybe after "Namun,"): the content follows the next comma
        comma = text.find(",", who_end, s_end)
        if comma < 0:
            return None
        span = _content(text, comma + 1, s_end)
    elif prefix.endswith(","):  # "…, menurut X."
        span = _content(text, s_start, s_start + len(prefix) - 1)
    else:
        return None
    if span is None:
        return None
    (speaker, entity_id), cue = who, match.group("cue").lower() + (match.group("nya") or "")
    return Quote(speaker=speaker, speaker_entity_id=entity_id, cue=cue, kind="indirect",
                 text=text[span[0]:span[1]], start_char=span[0], end_char=span[1])


def _reported(ctx: QuoteContext, match, s_start: int, s_end: int) -> Quote | None:
    """``X mengatakan (bahwa) …``"""
    text = ctx.text
    who = ctx.who_before(match.start(), s_start)
    if who is None:
        return None
    rest_start = match.end()
    rest = text[rest_start:s_end]
    bahwa = _BAHWA.search(rest)
    if bahwa:
        span = _content(text, rest_start + bahwa.end(), s_end)
    else:
        lowered = rest.lstrip(" \t,:").lower()
        if not lowered or lowered.startswith(quote_cues()["no_content"]):
            return None
        if match.group("cue").lower() in quote_cues()["need_bahwa"] and \
                not rest.lstrip(" \t").startswith((",", ":")):
            return None
        span = _content(text, rest_start, s_end)
    if span is None:
        return None
    speaker, entity_id = who
    return Quote(speaker=speaker, speaker_entity_id=entity_id, cue=match.group("cue").lower(),
                 kind="indirect", text=text[span[0]:span[1]], start_char=span[0],
                 end_char=span[1])


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct and reported quotes of the doc, in text order."""
    if not doc.sentences:
        return []
    ctx = QuoteContext(doc)
    quotes = _direct(ctx) + _indirect(ctx)
    return sorted(quotes, key=lambda q: q.start_char)

