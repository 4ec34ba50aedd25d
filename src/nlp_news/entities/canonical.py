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

import itertools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import regex

from .. import lexicon
from ..doc import Doc, Entity
from .names import initials, is_odd, keys, leading_title, place_core, split_name, squashed


class UserAliases(Protocol):
    """What grouping reads of the user's alias file (:class:`.resolve.AliasTable`, which
    imports this module: named here by what it does, not imported)."""

    rules: list

    def same(self, label: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]: ...

    def apart_pairs(self, label: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]: ...


@cache
def acronym_skip() -> frozenset[str]:
    """Words left out of an organisation's initials ("Badan Pengawas Obat dan Makanan" ->
    BPOM)."""
    return frozenset(lexicon.table("acronym_skip")["words"])


def _grouping() -> dict:
    return lexicon.table("name_grouping")


@cache
def dropped_first() -> frozenset[str]:
    """First names a person's name is often written without ("Muhammad Nadir Umar" = "Nadir
    Umar")."""
    return frozenset(_grouping()["dropped_first_names"])


@cache
def family_first() -> frozenset[str]:
    """Family names written first ("Ku Hye Sun" = "Hye Sun")."""
    return frozenset(_grouping()["family_names_first"])


@cache
def org_heads() -> frozenset[str]:
    """Words an organisation is often named without ("Partai Demokrat" = "Demokrat")."""
    return frozenset(_grouping()["org_heads"])


@cache
def name_aliases() -> dict[str, dict[tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    """Other names of one entity (nicknames, official short forms), by label: key -> the keys
    of the names it stands for."""
    return {label: {keys(alias): tuple(keys(n) for n in ([names] if isinstance(names, str)
                                                         else names))
                    for alias, names in table.items()}
            for label, table in _grouping()["aliases"].items()}


@cache
def _paren() -> regex.Pattern[str]:
    """An acronym in brackets after a name ("(BNPB)"), also after its legal form ("PT Erajaya
    Swasembada Tbk (ERAA)")."""
    legal_forms = "|".join(regex.escape(w) for w in lexicon.table("legal_forms")["words"])
    return regex.compile(rf"(?i:[\s,]*+(?:{legal_forms})\.?)?\s*\(\s*([^()\n]{{1,40}}?)\s*\)")


_ACRONYM = regex.compile(r"^[\p{Lu}][\p{Lu}\p{N}&\-]{1,11}$")


@cache
def _alias_gap() -> regex.Pattern[str]:
    """What stands between two names of one person: "alias", "(nama asli", "atau akrab
    disapa"."""
    return regex.compile(
        r"\s*+[,(]?\s*+(?:atau\s++)?(?:yang\s++)?(?:lebih\s++)?(?:"
        + "|".join(r"\s++".join(map(regex.escape, cue.split()))
                   for cue in sorted(_grouping()["alias_cues"], key=len, reverse=True))
        + r")\s*+[,:]?\s*+", regex.IGNORECASE)


@dataclass
class _Mention:
    index: int  # position in doc.entities
    ent: Entity
    title: str | None
    name: str  # the name proper, as written
    key: tuple[str, ...]
    region: str | None = None  # the country or province a LOC names (gazetteer)
    squashed: str = ""  # ORG: the key's letters without spaces or web domain ("cnnindonesia")


@dataclass
class _Group:
    label: str
    key: tuple[str, ...]  # the longest key of the group
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def squashed(self) -> str:
        return self.mentions[0].squashed


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
            match = _paren().match(text, ent.end_char)
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
    return acr in (initials(long_key, acronym_skip()), initials(long_key))


def _person_forms(long_key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A full name and the shorter form it is written in without a dropped first name
    ("Muhammad Nadir Umar", "Nadir Umar")."""
    forms = [long_key]
    if len(long_key) > 2 and long_key[0] in dropped_first():
        forms.append(long_key[1:])
    return forms


def _person_joins(short: _Mention, long_key: tuple[str, ...]) -> bool:
    key = short.key
    if len(key) == 1:
        # one name ("Putin") joins any full name that contains it; initials ("SBY") the
        # full name they stand for
        return len(long_key) > 1 and (_contains(long_key, key)
                                      or _is_acronym_of(short.name, long_key))
    # a longer one only a full name that starts with it: "Joko Widodo" is not "Iriana Joko
    # Widodo"; "Nadir Umar" is "Muhammad Nadir Umar"
    if any(len(key) <= len(f) and f[:len(key)] == key for f in _person_forms(long_key)):
        return True
    if len(long_key) == 3 and long_key[0] in family_first() and key == long_key[1:]:
        return True  # "Hye Sun" for "Ku Hye Sun"
    # initials for the first names: "BJ Habibie" for "Bacharuddin Jusuf Habibie"
    first = short.name.split()[0].replace(".", "")
    n = len(key[0])
    return (first.isupper() and first.isalpha() and 2 <= n <= 3 and n < len(long_key)
            and initials(long_key[:n]).lower() == key[0] and key[1:] == long_key[n:])


def _org_joins(short: _Mention, group: _Group) -> bool:
    key, long_key = short.key, group.key
    # an acronym of the long name ("BNPB"), or the first word of a two-word name
    # ("Persib" for "Persib Bandung", "Densus" for "Densus 88"; not "Arsenal" for a
    # mis-tagged "Arsenal Stan Kroenke")
    if len(key) == 1 and (_is_acronym_of(short.name, long_key)
                          or (len(long_key) == 2 and long_key[0] == key[0])):
        return True
    # the name without its head word: "Demokrat" for "Partai Demokrat"
    if len(long_key) > 1 and long_key[0] in org_heads() and long_key[1:] == key:
        return True
    # the head word and an acronym of the rest: "Kementerian ESDM" for "Kementerian Energi
    # dan Sumber Daya Mineral"
    if (len(key) == 2 and len(long_key) > 3 and key[0] == long_key[0]
            and _is_acronym_of(short.name.split()[-1], long_key[1:])):
        return True
    # written together or as a web address: "CNNIndonesia.com" for "CNN Indonesia"
    return bool(short.squashed) and short.squashed == group.squashed


def _joins(label: str, short: _Mention, group: _Group,
           aliases: dict[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Does the mention ``short`` name the entity of the (longer) ``group``?"""
    key, long_key = short.key, group.key
    if key == long_key:
        return True
    if aliases.get(key) in {m.key for m in group.mentions}:
        return True
    if label == "PER":
        return _person_joins(short, long_key)
    if label == "LOC":
        if short.region and any(m.region == short.region for m in group.mentions):
            return True  # one country or province: "AS" and "Amerika Serikat"
        prefix, core = place_core(key)
        long_prefix, long_core = place_core(long_key)
        return core == long_core and (not prefix or prefix == long_prefix)
    if label == "ORG":
        return _org_joins(short, group)
    return False


#: Place words a country or province is named with ("Negara Indonesia", "Provinsi Aceh");
#: after others ("Kota Bengkulu") the name is another place than the province.
_REGION_PREFIXES = frozenset({"negara", "negeri", "provinsi", "republik", "dki"})


def _mentions(doc: Doc, places: frozenset[tuple[str, ...]],
              regions: Mapping[tuple[str, ...], str]) -> list[_Mention]:
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
        mention = _Mention(i, ent, title, name.name or ent.text, key)
        if ent.label == "LOC":
            prefix, core = place_core(key)
            mention.key = prefix + core  # spelt out: "Kab. Bandung" = "Kabupaten Bandung"
            if not prefix or prefix[-1] in _REGION_PREFIXES:
                mention.region = regions.get(mention.key) or regions.get(core)
        elif ent.label == "ORG":
            mention.squashed = squashed(mention.name)
        out.append(mention)
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


def _merge_aliases(groups: list[_Group],
                   table: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]]
                   ) -> list[_Group]:
    """Join the groups of a nickname or short form of the lexicon ("Blaugrana", "Kementan")
    to the group of the name it stands for, when the article names both."""
    if not table:
        return groups
    owner = {m.key: g for g in groups for m in g.mentions}
    for group in groups:
        targets = {id(t): t for m in group.mentions if m.key in table
                   for name in table[m.key] if (t := owner.get(name)) is not None}
        targets.pop(id(group), None)
        if len(targets) != 1:
            continue
        (target,) = targets.values()
        # the group's other names go along when they are parts of the target's names
        # ("Widodo"); a fuller name of someone else stays ("Iriana Jokowi", "Jokowi Mania"
        # grouped with the nickname "Jokowi" by its last or first word)
        words = {k for m in target.mentions for k in m.key}
        moved = [m for m in group.mentions if m.key in table or set(m.key) <= words]
        target.mentions.extend(moved)
        for m in moved:
            owner[m.key] = target
        group.mentions = [m for m in group.mentions if not any(m is x for x in moved)]
    return [g for g in groups if g.mentions]


def _merge_written_aliases(text: str, groups: list[_Group]) -> list[_Group]:
    """Join the groups of two PER mentions that the text calls one person: the second right
    after the first and an alias cue between them ("Stefano Cugurra alias Teco",
    "Kim Seokjin (nama asli Jin)")."""
    owner = {m.index: g for g in groups for m in g.mentions}
    people = sorted((m for g in groups for m in g.mentions), key=lambda m: m.ent.start_char)
    for first, second in itertools.pairwise(people):
        a, b = owner[first.index], owner[second.index]
        if a is b or not _alias_gap().fullmatch(text, first.ent.end_char, second.ent.start_char):
            continue
        keep, gone = (a, b) if len(a.key) >= len(b.key) else (b, a)
        keep.mentions.extend(gone.mentions)
        for m in gone.mentions:
            owner[m.index] = keep
        gone.mentions = []
    return [g for g in groups if g.mentions]


def _one_edit(a: str, b: str) -> str | None:
    """How ``b`` differs from ``a`` by one edit: ``"swap"`` (two neighbours transposed),
    ``"indel"`` (one letter more or less) or ``"sub"`` (one letter replaced); else None."""
    if a == b or abs(len(a) - len(b)) > 1:
        return None
    if len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        i = next((i for i, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y),
                 len(short))
        return "indel" if short[i:] == long_[i + 1:] else None
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 1:
        return "sub"
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
            and a[diff[1]] == b[diff[0]]:
        return "swap"
    return None


def spelling_variant(label: str, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two keys that name one entity, one of them misspelt: all words equal but one, and that
    one a word of five letters or more differing by one edit inside it ("Purwati" /
    "Purwanti", "Entertainmnet" / "Entertainment", "Agus Gumiwang" / "Agus Gumiwamg"). A last
    letter replaced or added is another name ("Susanto" / "Susanti"), and so is a letter
    replaced in a one-word name ("Wahyudi" / "Wahyuni") or in an organisation's name
    ("Kementan" / "Kemenhan"): those take swaps and missing letters only."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 5 or x[0] != y[0] or not (x.isalpha() and y.isalpha()):
        return False
    edit = _one_edit(x, y)
    if edit is None or (edit == "sub" and (label == "ORG" or len(a) < 2 or x[-1] != y[-1])):
        return False
    return not (edit == "indel" and x[-1] != y[-1])


def _merge_spelling_variants(label: str, groups: list[_Group]) -> list[_Group]:
    """Join a group of at most two mentions to another whose name differs from its own by a
    misspelling (:func:`spelling_variant`), when no sentence names both."""
    if label not in ("PER", "ORG"):
        return groups
    for small in sorted(groups, key=lambda g: len(g.mentions)):
        if not small.mentions or len(small.mentions) > 2:
            continue
        small_keys = {m.key for m in small.mentions}
        small_sents = {m.ent.sent_index for m in small.mentions}
        targets = [g for g in groups if g is not small and g.mentions
                   and small_sents.isdisjoint(m.ent.sent_index for m in g.mentions)
                   and any(spelling_variant(label, k, m.key)
                           for k in small_keys for m in g.mentions)]
        if len(targets) == 1:
            targets[0].mentions.extend(small.mentions)
            small.mentions = []
    return [g for g in groups if g.mentions]


def _canonical(group: _Group) -> str:
    """The fullest name of the group; ties go to the usual casing, then the most used.
    A nickname of the lexicon names the group only when nothing else does."""
    nicknames = name_aliases().get(group.label, {})
    named = [m for m in group.mentions if m.key not in nicknames] or group.mentions
    counts = Counter(m.name for m in named)
    first = {}
    for m in group.mentions:
        first.setdefault(m.name, m.index)
    return min(counts, key=lambda n: (-len(keys(n)), n.isupper() and len(n) > 4, -counts[n],
                                      first[n]))


def _split_apart(groups: list[_Group],
                 pairs: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]) -> list[_Group]:
    """Take the mentions of two names a user keeps apart (an ``apart`` row of the alias
    file) out of a group that has both: each name's mentions become a group of their own."""
    for a, b in pairs:
        for group in list(groups):
            found = {m.key for m in group.mentions}
            if a in found and b in found:
                for name in (a, b):
                    own = [m for m in group.mentions if m.key == name]
                    group.mentions = [m for m in group.mentions if m.key != name]
                    groups.append(_Group(group.label, name, own))
    return [g for g in groups if g.mentions]


def link_entities(doc: Doc, doc_key: str | None = None,
                  places: frozenset[tuple[str, ...]] = frozenset(),
                  regions: Mapping[tuple[str, ...], str] | None = None,
                  user_aliases: UserAliases | None = None) -> None:
    """Group the doc's mentions by entity; set ``entity_id``, ``canonical`` and ``title``.

    ``doc_key`` replaces ``doc.article.doc_id`` in the ids (for dumps whose ids repeat).
    ``places``: name keys of countries and provinces (:meth:`Gazetteer.region_keys`), which
    are no part of a person's name after a title and no alias of a name in brackets.
    ``regions``: the country or province each of their names and short forms stands for
    (:meth:`Gazetteer.region_ids`): "AS", "Amerika" and "Amerika Serikat" are one place.
    ``user_aliases``: the user's alias file: its names join like the lexicon's, its ``apart``
    pairs are never one group.
    """
    key = doc_key or doc.article.doc_id
    mentions = _mentions(doc, places, regions or {})
    aliases = _paren_aliases(doc, places)
    groups: list[_Group] = []
    for label in sorted({m.ent.label for m in mentions}):
        label_groups = _group_label(label, [m for m in mentions if m.ent.label == label],
                                    aliases.get(label, {}))
        table = name_aliases().get(label, {})
        if user_aliases is not None and user_aliases.rules:
            table = {**table, **user_aliases.same(label)}
        label_groups = _merge_aliases(label_groups, table)
        if label == "PER":
            label_groups = _merge_written_aliases(doc.text, label_groups)
        label_groups = _merge_spelling_variants(label, label_groups)
        if user_aliases is not None and user_aliases.rules:
            label_groups = _split_apart(label_groups, user_aliases.apart_pairs(label))
        groups.extend(label_groups)
    groups.sort(key=lambda g: min(m.index for m in g.mentions))
    for n, group in enumerate(groups, 1):
        canonical = _canonical(group)
        for m in group.mentions:
            m.ent.entity_id = f"{key}#{n}"
            m.ent.canonical = canonical
            m.ent.title = m.title
