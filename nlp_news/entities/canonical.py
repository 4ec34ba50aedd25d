"""Group the mentions of one article that name the same entity, and name each group.

"Vladimir Putin", "Putin" and "Presiden Putin" are one person; "Jalur Gaza" and "Gaza" one
place; "Badan Nasional Penanggulangan Bencana (BNPB)" and "BNPB" one organisation.  Titles are
not part of a name: they are stripped before grouping (the mention's text and offsets stay as
they are).  Groups never cross labels.

:func:`link_entities` sets, on every :class:`~nlp_news.doc.Entity` of the doc, ``extra``
fields ``entity_id`` (``"<doc_id>#<n>"``, unique within a dump when doc ids are), ``canonical``
(the fullest title-stripped name the article uses for the group) and ``title`` (the title
written in or right before a PER mention, else None).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from .. import lexicon
from ..doc import Doc, Entity
from .names import initials, is_odd, keys, leading_title, place_core, split_name

#: Words left out of an organisation's initials ("Badan Pengawas Obat dan Makanan" -> BPOM).
ACRONYM_SKIP = frozenset(lexicon.table("acronym_skip")["words"])
_PAREN = regex.compile(r"\s*\(\s*([^()\n]{1,40}?)\s*\)")
_ACRONYM = regex.compile(r"^[\p{Lu}][\p{Lu}\p{N}&\-]{1,11}$")


@dataclass
class _Mention:
    index: int  # position in doc.entities
    ent: Entity
    title: str | None
    name: str  # the name proper, as written
    key: tuple[str, ...]


@dataclass
class _Group:
    label: str
    key: tuple[str, ...]  # the longest key of the group
    mentions: list[_Mention] = field(default_factory=list)


def _known_names(entities: Sequence[Entity], places: frozenset[tuple[str, ...]]
                 ) -> frozenset[tuple[str, ...]]:
    """Names skipped after a title in a PER mention: the article's LOC and ORG mentions,
    and ``places`` ("Menteri Luar Negeri Rusia Sergey Lavrov")."""
    own = {k for e in entities if e.label in ("LOC", "ORG") for k in [keys(e.text)] if k}
    return frozenset(own) | places


def _paren_aliases(doc: Doc, places: frozenset[tuple[str, ...]]
                   ) -> dict[str, dict[tuple[str, ...], tuple[str, ...]]]:
    """``label -> {short key: long key}`` from "Long Name (SHORT)" in the article."""
    aliases: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = defaultdict(dict)
    text = doc.text
    for ent in doc.entities:
        inner = None
        paren = ent.text.find("(")
        if paren > 0 and ent.text.rstrip().endswith(")"):
            inner = ent.text[paren + 1:].rstrip().rstrip(")")
        else:
            match = _PAREN.match(text, ent.end_char)
            if match:
                inner = match.group(1)
        if not inner:
            continue
        long_key = split_name(ent.text, ent.label).keys
        short_key = keys(inner)
        if short_key in places and long_key not in places:
            continue  # "Johanna Konta (Inggris)": a country, not another name for her
        if long_key and short_key and short_key != long_key and len(short_key) <= 3:
            aliases[ent.label].setdefault(short_key, long_key)
    return aliases


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """True when ``shorter`` is a contiguous run of ``longer``'s words."""
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _is_acronym_of(short: str, long_key: tuple[str, ...]) -> bool:
    if not _ACRONYM.match(short) or len(long_key) < 2:
        return False
    acr = short.replace("-", "").replace("&", "").upper()
    return acr in (initials(long_key, ACRONYM_SKIP), initials(long_key))


def _joins(label: str, short: _Mention, group: _Group,
           aliases: dict[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Does the mention ``short`` name the entity of the (longer) ``group``?"""
    key, long_key = short.key, group.key
    if key == long_key:
        return True
    if aliases.get(key) in {m.key for m in group.mentions}:
        return True
    if label == "PER":
        # one name ("Putin") joins any full name that contains it; a longer one only a full
        # name that starts with it: "Joko Widodo" is not "Iriana Joko Widodo"
        if len(key) == 1:
            return len(long_key) > 1 and _contains(long_key, key)
        return len(key) < len(long_key) and long_key[:len(key)] == key
    if label == "LOC":
        prefix, core = place_core(key)
        long_prefix, long_core = place_core(long_key)
        return core == long_core and (not prefix or prefix == long_prefix)
    if label == "ORG":
        # an acronym of the long name ("BNPB"), or the first word of a two-word name
        # ("Persib" for "Persib Bandung", "Densus" for "Densus 88"; not "Arsenal" for a
        # mis-tagged "Arsenal Stan Kroenke")
        return len(key) == 1 and (_is_acronym_of(short.name, long_key)
                                  or (len(long_key) == 2 and long_key[0] == key[0]))
    return False


def _mentions(doc: Doc, places: frozenset[tuple[str, ...]]) -> list[_Mention]:
    known = _known_names(doc.entities, places)
    sentences = {s.index: s for s in doc.sentences}
    out = []
    for i, ent in enumerate(doc.entities):
        name = split_name(ent.text, ent.label, known)
        title = name.title
        if ent.label == "PER" and title is None:
            sent = sentences.get(ent.sent_index)
            start = sent.start_char if sent else max(0, ent.start_char - 80)
            title = leading_title(doc.text[start:ent.start_char], known)
            cut = ent.text.find(name.name) if name.name else -1
            if title and cut > 0:  # "Presiden" + "Rusia Vladimir Putin"
                title = f"{title} {ent.text[:cut].strip()}"
        key = name.keys or (ent.text.lower(),)
        if ent.label == "LOC":
            prefix, core = place_core(key)
            key = prefix + core  # abbreviations spelt out: "Kab. Bandung" = "Kabupaten Bandung"
        out.append(_Mention(i, ent, title, name.name or ent.text, key))
    return out


def _group_label(label: str, mentions: list[_Mention],
                 aliases: dict[tuple[str, ...], tuple[str, ...]]) -> list[_Group]:
    """Groups of one label's mentions: longer names first, shorter ones join them."""
    by_key: dict[tuple[str, ...], list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_key[m.key].append(m)
    order = sorted(by_key, key=lambda k: (-len(k), -len(" ".join(k)), by_key[k][0].index))
    groups: list[_Group] = []
    odd: list[_Group] = []  # "@jokowi #SOS": kept apart, never joined
    for key in order:
        members = by_key[key]
        if any(is_odd(m.ent.text) for m in members):
            odd.append(_Group(label, key, list(members)))
            continue
        candidates = [g for g in groups if _joins(label, members[0], g, aliases)]
        if not candidates:
            groups.append(_Group(label, key, list(members)))
        elif len(candidates) == 1:
            candidates[0].mentions.extend(members)
        else:  # ambiguous ("Joko" with "Joko Widodo" and "Joko Anwar"): the nearest wins
            for m in members:
                _nearest(m, candidates).mentions.append(m)
    return groups + odd


def _nearest(mention: _Mention, groups: list[_Group]) -> _Group:
    """The group with the closest preceding mention, else the closest following one."""
    def distance(group: _Group) -> tuple[int, int]:
        before = [mention.index - m.index for m in group.mentions if m.index < mention.index]
        after = [m.index - mention.index for m in group.mentions if m.index > mention.index]
        return (0, min(before)) if before else (1, min(after, default=10**9))

    return min(groups, key=distance)


def _canonical(group: _Group) -> str:
    """The fullest name of the group; ties go to the usual casing, then the most used."""
    counts = Counter(m.name for m in group.mentions)
    first = {}
    for m in group.mentions:
        first.setdefault(m.name, m.index)
    return min(counts, key=lambda n: (-len(keys(n)), n.isupper() and len(n) > 4, -counts[n],
                                      first[n]))


def link_entities(doc: Doc, doc_key: str | None = None,
                  places: frozenset[tuple[str, ...]] = frozenset()) -> None:
    """Group the doc's mentions by entity; set ``entity_id``, ``canonical`` and ``title``.

    ``doc_key`` replaces ``doc.article.doc_id`` in the ids (for dumps whose ids repeat).
    ``places``: name keys of countries and provinces (:meth:`Gazetteer.region_keys`), which
    are no part of a person's name after a title and no alias of a name in brackets.
    """
    key = doc_key or doc.article.doc_id
    mentions = _mentions(doc, places)
    aliases = _paren_aliases(doc, places)
    groups: list[_Group] = []
    for label in sorted({m.ent.label for m in mentions}):
        groups.extend(_group_label(label, [m for m in mentions if m.ent.label == label],
                                   aliases.get(label, {})))
    groups.sort(key=lambda g: min(m.index for m in g.mentions))
    for n, group in enumerate(groups, 1):
        canonical = _canonical(group)
        for m in group.mentions:
            m.ent.entity_id = f"{key}#{n}"
            m.ent.canonical = canonical
            m.ent.title = m.title
