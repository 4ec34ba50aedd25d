"""Component ``entity_rules``: one engine running the rules of ``resources/lang/id/rules/``.

The rules correct the NER model's mentions, as data (in the style of spaCy's ``SpanRuler``):
an id, a reason, an example, a phase, conditions on the mention and the tokens around it, one
action, a scope; the keys are in ``docs/pipeline.md`` ("The entity rules"). Phases run in order
(span edits, drops, the vote, relabels), rules within one in file order, on the model's mentions
only. ``EntityRules(rules, skip=ids)`` leaves rules out (``nlp-news evaluate articles --ablate``).
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources as package_files
from typing import TYPE_CHECKING, Any

import regex

from .. import lexicon
from ..doc import Doc, Entity
from ..entities.names import is_title, place_prefix_phrases, strip_title_words, words
from .component import Component, register

if TYPE_CHECKING:
    from .resources import Resources

PHASES = ("edit", "drop", "vote", "relabel")
_WORD = regex.compile(r"[\p{L}][\p{L}\-]*+")
_CLITIC = regex.compile(r"(\p{L}{3,})nya$")
_TAIL_WORD = regex.compile(r"(?<![\p{L}\p{N}\-])[\p{L}][\p{L}\-]*+$")
_SCORE = regex.compile(r"\d{1,2}-\d{1,2}")
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\-]*+")
_UNIT_WORD = regex.compile(r"\p{Lu}[\p{L}.\-]*+|[IVXL]++|\d{1,3}")
_TRAILING = ".,;:!?)\"'’”"


def load_rules(data: Mapping[str, Any] | None = None,
               word_ranks: Callable[[], Mapping[str, int]] | None = None) -> list[Rule]:
    """The rules of ``data`` (default: the shipped file); ``word_ranks``: for the clitic."""
    if data is None:
        rules = package_files.files("nlp_news").joinpath("resources/lang/id/rules/entities.toml")
        with rules.open("rb") as handle:
            data = tomllib.load(handle)
    rules = [Rule.from_table(table, word_ranks) for table in data["rule"]]
    if doubled := [i for i, n in Counter(r.id for r in rules).items() if n > 1]:
        raise ValueError(f"entity rules: ids used twice: {doubled}")
    return rules


def word_list(value: str | Sequence[str]) -> frozenset[str]:
    """A word list given inline, or named ``"@table.key"`` in the lexicon (or several)."""
    out: set[str] = set()
    for item in [value] if isinstance(value, str) else value:
        table, _, key = item[1:].partition(".")
        out.update(lexicon.table(table)[key] if item.startswith("@") else [item])
    return frozenset(out)


class Context:
    """An article's text, tokens and mentions, as the rules see them."""

    def __init__(self, doc: Doc):
        self.text = doc.text
        tokens = [(t.start_char, t.end_char) for s in doc.sentences for t in s.tokens]
        self.starts, self.ends = [t[0] for t in tokens], [t[1] for t in tokens]
        #: the article's mentions as the current rule found them
        self.entities: list[Entity] = doc.entities
        # each looked up once an article (the rules ask for the same offsets again and again)
        self.chunks = cache(self.chunks)
        self.words_before = cache(self.words_before)
        self.words_after = cache(self.words_after)

    def chunks(self, at: int, n: int, forward: bool = False) -> list[str]:
        """Up to ``n`` chunks before (``forward``: after) the offset ``at``: runs of tokens
        with no space between them ("2-1" is one chunk of three tokens)."""
        out: list[str] = []
        i = bisect_left(self.starts, at) if forward else bisect_right(self.ends, at) - 1
        edge, step = at, 1 if forward else -1
        while 0 <= i < len(self.starts):
            start, end = self.starts[i], self.ends[i]
            gap = self.text[edge:start] if forward else self.text[end:edge]
            token = self.text[start:end]
            if not gap and out:
                out[-1] = out[-1] + token if forward else token + out[-1]
            elif gap.isspace() and len(out) < n:
                out.append(token)
            else:
                break
            edge, i = (end if forward else start), i + step
        return out if forward else out[::-1]

    def words_before(self, start: int) -> list[str]:
        """The lower-cased words right before ``start``, at most three; "2-1" reads <skor>."""
        out = []
        for chunk in reversed(self.chunks(start, 3)):
            if _SCORE.fullmatch(chunk) or _WORD.fullmatch(chunk):
                out.append("<skor>" if chunk[0].isdigit() else chunk.lower())
                continue
            if tail := _TAIL_WORD.search(chunk):  # ",kontra Thailand": punctuation glued before
                out.append(tail.group().lower())
            break
        return out[::-1]

    def words_after(self, end: int) -> list[str]:
        """The (lower-cased) words after the offset ``end``, at most two, up to punctuation."""
        out = []
        for chunk in self.chunks(end, 2, forward=True):
            word = chunk.rstrip(_TRAILING)
            if not _WORD.fullmatch(word):
                break
            out.append(word.lower())
            if word != chunk:  # "Open." ends the sentence
                break
        return out


def ends_with(ws: Sequence[str], phrases: Collection[str]) -> bool:
    return any(" ".join(ws[i:]) in phrases for i in range(len(ws)))


Test = Callable[[Context, Entity], bool]


def _inside_name(openers: frozenset[str], last: frozenset[str]) -> Test:
    """The mention ends a capitalised name opening with ``openers``, or is its acronym."""
    def test(ctx: Context, ent: Entity) -> bool:
        bracket = ctx.text[ent.start_char - 1:ent.start_char] == "("
        name: list[str] = []
        for chunk in reversed(ctx.chunks(ent.start_char - bracket, 6)):
            if not _CAPITALISED.fullmatch(chunk):
                break
            name.insert(0, chunk)
        return bool(name) and (name[0].lower() in openers or (
            bracket and name[-1] in last and ctx.text.startswith(")", ent.end_char)))
    return test


def _place_context(place_before: frozenset[str]) -> Test:
    """The mention is the place: after ``place_before``, or ending "Cordoba, Argentina"."""
    def test(ctx: Context, ent: Entity) -> bool:
        chunk = (ctx.chunks(ent.start_char, 1) or [""])[0]
        return bool(chunk.endswith(",") and _CAPITALISED.fullmatch(chunk[:-1])) or ends_with(
            ctx.words_before(ent.start_char), place_before)
    return test


def conditions(table: Mapping[str, Any]) -> tuple[Test, ...]:
    """The tests a rule's table states (see the module)."""
    tests: list[Test] = []
    if "text_in" in table:
        listed = {w.lower() for w in word_list(table["text_in"])}
        tests.append(lambda c, e: e.text.strip("() ").rstrip(".").lower() in listed)
    if "opens_with" in table:
        firsts = word_list(table["opens_with"])
        tests.append(lambda c, e: any(" ".join(e.text.lower().split()[:n]) in firsts
                                      for n in (1, 2, 3)))
    if "min_words" in table:
        n_words = table["min_words"]
        tests.append(lambda c, e: len(e.text.split()) >= n_words)
    if "matches" in table:
        pattern = regex.compile(table["matches"])
        whole = table.get("whole", False)
        tests.append(lambda c, e: pattern.fullmatch(e.text if whole else e.text.split()[-1])
                     is not None)
    if table.get("title"):
        also, only_title = word_list("@titles.also_names"), lru_cache(maxsize=4096)(is_title)
        tests.append(lambda c, e: only_title(e.text) and e.text.split()[0].lower() not in also)
    if "before" in table:
        cues = word_list(table["before"])
        tests.append(lambda c, e: ends_with(c.words_before(e.start_char), cues))
    if "after" in table:
        after = word_list(table["after"])
        tests.append(lambda c, e: bool(ws := c.words_after(e.end_char)) and (
            ws[0] in after or " ".join(ws) in after))
    if "inside_name" in table:
        tests.append(_inside_name(word_list(table["inside_name"]),
                                  word_list(table.get("name_last", ()))))
    return tuple(tests)


Edit = Callable[[Context, Entity], Entity | None]  # the mention changed, or None: dropped


def _span(ctx: Context, ent: Entity, start: int, end: int, label: str | None = None) -> Entity:
    """``ent`` over ``start``-``end`` of the article (and ``label``)."""
    return replace(ent, start_char=start, end_char=end, text=ctx.text[start:end],
                   label=label or ent.label)


@lru_cache(maxsize=4096)
def title_cut(text: str, also_names: frozenset[str]) -> int:
    """Characters of leading titles to cut off a name ("AKBP Rina Sari": 5), 0 when none, or
    when a title that is also a first name stands alone before it ("Putri Ayu")."""
    ws = words(text)
    if len(ws) < 2:
        return 0
    first, _end = strip_title_words(ws)
    if not first or not ws[first].text[:1].isupper() or (
            first == 1 and ws[0].key in also_names):
        return 0
    return ws[first].start


def _place_words_cut(text: str, place_words: frozenset[str]) -> int:
    """Characters of lower-case place words to cut off a place ("kota Burdekin": 5)."""
    ws, i = words(text), 0
    while i < len(ws) - 1 and ws[i].text.islower() and ws[i].key in place_words:
        i += 1
    return ws[i].start if i else 0


def _trim_start(measure: Callable[[str], int]) -> Edit:
    """Cut ``measure(text)`` characters off the start of a mention."""
    def cut(ctx: Context, ent: Entity) -> Entity:
        n = measure(ent.text)
        return _span(ctx, ent, ent.start_char + n, ent.end_char) if n else ent
    return cut


def suffix_pattern(forms: Iterable[str]) -> regex.Pattern:
    """A trailing word of ``forms`` ending a name, with the comma or brackets around it
    ("PT Maju Jaya, Tbk.", "PT Kereta Api (Persero)")."""
    alternatives = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
    return regex.compile(rf"(?i)(?:[\s,]++\(?|\()\s*+(?:{alternatives})\.?\s*+\)?$")


def _trim_clitic(word_ranks: Callable[[], Mapping[str, int]]) -> Edit:
    """-nya off a name ("Tepi Baratnya") when its stem is a more frequent word ("Kenya" stays);
    one word keeps the label its stem has elsewhere in the article, or goes."""
    def stem_length(text: str) -> int | None:
        found = _CLITIC.search(text)
        if found is None:
            return None
        ranks = word_ranks()
        stem_rank = ranks.get(found.group(1).lower())
        whole_rank = ranks.get(found.group().lower())
        if stem_rank is None or (whole_rank is not None and whole_rank < stem_rank):
            return None
        return found.end(1)

    def cut(ctx: Context, ent: Entity) -> Entity | None:
        stem = stem_length(ent.text)
        if stem is None:
            return ent
        text, label = ent.text[:stem], ent.label
        if len(text.split()) == 1:  # "Instagramnya": as "Instagram" is tagged, or nothing
            label = next((e.label for e in ctx.entities if e.text == text), None)
        return _span(ctx, ent, ent.start_char, ent.start_char + stem, label) if label else None
    return cut


def _edit(kind: str, table: Mapping[str, Any],
          word_ranks: Callable[[], Mapping[str, int]] | None) -> Edit:
    if kind == "clitic" and word_ranks is not None:
        return _trim_clitic(word_ranks)
    if kind == "suffix":  # "PT Semen Gresik Tbk" -> "PT Semen Gresik"
        suffix = suffix_pattern(word_list(table["words"]))
        return lambda ctx, ent: _span(ctx, ent, ent.start_char, ent.start_char + m.start()) if (
            m := suffix.search(ent.text)) and m.start() else ent
    if kind == "title":
        also_names = word_list("@titles.also_names")
        return _trim_start(lambda text: title_cut(text, also_names))
    if kind == "place_words":
        place_words = frozenset(w for p in place_prefix_phrases() for w in p)
        return _trim_start(lambda text: _place_words_cut(text, place_words))
    raise ValueError(f"entity rule {table['id']!r}: no trim {kind!r} (a clitic needs the "
                     "model's word ranks)")


ACTIONS = ("drop", "relabel", "trim", "extend", "join", "absorb", "vote")


@dataclass(frozen=True)
class Rule:
    """One rule of ``resources/lang/id/rules/entities.toml`` (see the module for its keys)."""

    id: str
    phase: str
    reason: str
    example: str
    expect: str
    action: str
    argument: Any = None
    labels: frozenset[str] | None = None
    tests: tuple[Test, ...] = ()
    scope: str = "mention"
    unless: Test | None = None
    unless_tagged: str | None = None
    becomes: str | None = None
    unless_title: frozenset[str] = frozenset()

    @classmethod
    def from_table(cls, table: Mapping[str, Any],
                   word_ranks: Callable[[], Mapping[str, int]] | None = None) -> Rule:
        missing = [k for k in ("id", "phase", "reason", "example", "expect") if k not in table]
        actions = [a for a in ACTIONS if a in table]
        if missing or len(actions) != 1 or table["phase"] not in PHASES:
            raise ValueError(f"entity rule {table.get('id', '?')!r}: needs id, phase (one of "
                             f"{PHASES}), reason, example, expect and one action of {ACTIONS}")
        action = actions[0]
        argument = table[action]
        if action == "trim":
            argument = _edit(argument, table, word_ranks)
        elif action in ("extend", "absorb"):
            argument = word_list(argument)
        unless = table.get("unless_before")
        return cls(*(table[k] for k in ("id", "phase", "reason", "example", "expect")), action,
                   argument, frozenset(table["labels"]) if "labels" in table else None,
                   conditions(table), table.get("scope", "mention"),
                   _place_context(word_list(unless)) if unless else None,
                   table.get("unless_tagged"), table.get("becomes"),
                   word_list(table.get("unless_title", ())))

    def applies(self, ctx: Context, ent: Entity) -> bool:
        """The mention is the model's, has one of the rule's labels and passes its tests."""
        if ent.origin != "model" or (self.labels is not None and ent.label not in self.labels):
            return False
        for test in self.tests:  # noqa: SIM110 (a loop, faster: it runs per rule and mention)
            if not test(ctx, ent):
                return False
        return True

    def __call__(self, ctx: Context, entities: list[Entity]) -> list[Entity]:
        """The article's mentions after this rule."""
        ctx.entities = entities
        if self.action == "vote":
            return _vote(entities)
        if self.action in ("extend", "join", "absorb"):
            return self._neighbours(ctx, entities)
        hits = [self.applies(ctx, e) for e in entities]
        if self.scope == "name":
            tagged = {e.text for e in entities if e.origin == "model"
                      and e.label == self.unless_tagged}
            names = {e.text for e, hit in zip(entities, hits, strict=True) if hit} - tagged
            hits = [hit or (e.text in names and e.origin == "model"
                            and (self.labels is None or e.label in self.labels)
                            and not (self.unless and self.unless(ctx, e)))
                    for e, hit in zip(entities, hits, strict=True)]
        out = []
        for ent, hit in zip(entities, hits, strict=True):
            if not hit:
                out.append(ent)
            elif self.action == "relabel":
                out.append(replace(ent, label=self.argument))
            elif self.action == "trim" and (edited := self.argument(ctx, ent)) is not None:
                out.append(edited)
        return out

    def _neighbours(self, ctx: Context, entities: list[Entity]) -> list[Entity]:
        """``join`` (a mention labelled ``join`` right after this one joins it), ``extend``
        (to a unit word up to four capitalised words before), ``absorb`` (the word right
        before, the result labelled ``becomes``); never over the mention before."""
        out: list[Entity] = []
        for ent in entities:
            last = out[-1] if out else None
            if self.action == "join":
                if last is not None and ent.label == self.argument and self.applies(ctx, last) \
                        and ctx.text[last.end_char:ent.start_char] == " ":
                    out[-1] = _span(ctx, last, last.start_char, ent.end_char)
                    continue
            elif self.applies(ctx, ent):
                start = self._word_before(ctx, ent, last.end_char if last is not None else 0)
                if start is not None:
                    ent = _span(ctx, ent, start, ent.end_char, self.becomes)
            out.append(ent)
        return out

    def _word_before(self, ctx: Context, ent: Entity, floor: int) -> int | None:
        """Where the listed word before ``ent`` starts (the farthest of up to four
        capitalised words for ``extend``, the one right before for ``absorb``)."""
        i = bisect_right(ctx.ends, ent.start_char) - 1
        edge, found = ent.start_char, None
        shape = _UNIT_WORD if self.action == "extend" else _CAPITALISED
        for _ in range(4 if self.action == "extend" else 1):
            if i < 0 or ctx.starts[i] < floor or ctx.text[ctx.ends[i]:edge] != " ":
                break
            word = ctx.text[ctx.starts[i]:ctx.ends[i]]
            if not shape.fullmatch(word):
                break
            if word.lower() in self.argument:
                found = ctx.starts[i]
            edge, i = ctx.starts[i], i - 1
        if found is not None and self.unless_title and ends_with(ctx.words_before(found),
                                                                 self.unless_title):
            return None  # "Ketua Komisi II DPR": the unit names a role's field (D3)
        return found


def _vote(entities: list[Entity]) -> list[Entity]:
    """Every model mention of a name gets the label most of them got (a tie stays)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in (e for e in entities if e.origin == "model"):
        counts[ent.text][ent.label] += 1
    winners = {text: top[0][0] for text, labels in counts.items()
               if len(top := labels.most_common(2)) > 1 and top[0][1] > top[1][1]}
    return [replace(e, label=winners[e.text]) if e.origin == "model" and e.text in winners
            else e for e in entities]


@register
class EntityRules(Component):
    """Run the entity rules over the model's mentions, phase by phase."""

    name = "entity_rules"
    requires = ("doc.sentences", "doc.entities")

    def __init__(self, rules: Iterable[Rule], skip: Iterable[str] = ()):
        self.rules = sorted(rules, key=lambda r: PHASES.index(r.phase))
        self.skip: set[str] = set()
        self.set_skip(skip)

    @classmethod
    def from_resources(cls, resources: Resources) -> EntityRules:
        return cls(load_rules(word_ranks=lambda: resources.word_ranks))

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    def set_skip(self, ids: Iterable[str]) -> None:
        """Leave the rules ``ids`` out from now on (ablation)."""
        skip = set(ids)
        if unknown := skip - set(self.rule_ids):
            raise ValueError(f"no entity rule {', '.join(sorted(unknown))}: {self.rule_ids}")
        self.skip = skip

    def __call__(self, doc: Doc) -> Doc:
        ctx = Context(doc)
        for rule in self.rules:
            if rule.id not in self.skip:
                doc.entities = rule(ctx, doc.entities)
        return doc
