"""One entity per real-world thing across a whole dump: dump-level name resolution.

Inside an article, :mod:`.canonical` groups the mentions of one entity and names the group
(its *article canonical*).  Across a dump the same entity still has many article canonicals:
"KPK" in articles that only write the acronym, "Komisi Pemberantasan Korupsi" where it is
spelt out; "DPR", "DPR RI", "Dewan Perwakilan Rakyat"; "Papua" and "Provinsi Papua".
:func:`resolve` joins them, from evidence counted over the dump (the counts of
:class:`~.summary.EntitySummary`), precision first:

1. **One written form** (:meth:`NameKnowledge.form`): spellings and casings of one name; a
   place the gazetteer knows, under any of its names ("Provinsi Papua", "Papua"; "Jabar",
   "Jawa Barat"; "DKI", "DKI Jakarta", "Jakarta": the gazetteer's province of Jakarta); a place
   with an administrative word before it ("Negara Indonesia", "Kota Moskow"); a national body
   with "RI" or "Republik Indonesia" after it ("DPR RI").
2. **Known other names**: the lexicon's nicknames and official short forms
   (``[name_grouping.aliases]``) and the user's alias file (:class:`AliasTable`).
3. **The article groups**: a shorter form that articles group with a longer one ("KPK" in
   "Komisi Pemberantasan Korupsi (KPK)", "Putin" beside "Vladimir Putin") is that entity in
   every article, when the dump groups it with one entity only: a form grouped with two
   entities (an acronym of two bodies, a surname of two people) stays apart (see
   :func:`_ambiguous`).  A one-word person's name that ends the names of two people of the
   dump stays apart too.
4. **One label**: a name under two labels is one entity with the label most of its mentions
   have, unless the other label has a substantial share of them (then they are two entities:
   a club and its city).

The displayed name follows one policy (:func:`_display`): the entity's most used full written
form: among its names that are not acronyms, not a part of a longer name of the entity and not
a nickname, the one that names it in the most articles; a place without its administrative
word and a national body without "RI" where articles write it so.  The user's alias file
names an entity outright.  ``canonical_id`` is ``LABEL:words-of-the-name`` (readable, the same
whatever the order of the input), with ``~2``, ``~3`` for two entities of one name.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sized
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import regex

from .. import lexicon
from .canonical import acronym_skip, name_aliases, org_heads, spelling_variant
from .names import initials, is_odd, keys, place_core, split_name

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


class _Stat(Protocol):
    """What resolution reads of one (label, canonical) pair's counts (:class:`.summary._Stat`,
    whose module imports this one: named here by what it holds, not imported)."""

    mentions: int
    docs: Sized
    aliases: Counter[str]
    alias_docs: Counter[str]

LABELS = ("PER", "LOC", "ORG")
Key = tuple[str, str]  # (label, article canonical)
Form = tuple[str, tuple[str, ...]]  # (label, form words)

#: Administrative words a place is named without ("Provinsi Papua" = "Papua"), with the
#: gazetteer type the rest must have (None: any).
_ADMIN_PREFIXES: dict[tuple[str, ...], str | None] = {
    ("provinsi",): "province", ("prov",): "province", ("dki",): "province",
    ("kota",): "city", ("kota", "administrasi"): "city",
    ("kabupaten",): "regency", ("kab",): "regency", ("kabupaten", "administrasi"): "regency",
    ("negara",): "country", ("negeri",): "country",
}
#: What a national body is named with and without: "DPR RI" = "DPR".
_NATIONAL_SUFFIXES = (("republik", "indonesia"), ("ri",))
#: A name written as an acronym: capitals, digits and "&-." only, one or two words.
_ACRONYM = regex.compile(r"^[\p{Lu}\p{N}&.\-]{2,8}(?: [\p{Lu}\p{N}&.\-]{1,4})?$")
#: Share of an entity's mentions the minority label may have and still be merged (step 4);
#: a name the gazetteer does not know as a place is merged too when its minority label has
#: at most :data:`LABEL_FEW` mentions (too few to be another entity).
LABEL_MINORITY = 0.25
LABEL_FEW = 3
#: Another name (not the initials, not a part) joins an entity only when the articles that
#: write it beside the entity's name are at least this share of the articles it is in.
OTHER_NAME_SHARE = 0.2
#: A misspelt name: found in at most this many documents, the name it misspells in at least
#: this many times as many.
MISSPELT_DOCS = 3
MISSPELT_RATIO = 10


class AliasFileError(ValueError):
    """A bad alias file: the message names the file and line."""


@dataclass(frozen=True)
class AliasRule:
    """One row of an alias file: ``alias`` is (or, with ``apart``, is not) ``canonical``."""

    alias: str
    canonical: str
    label: str
    apart: bool = False
    where: str = ""


@dataclass
class AliasTable:
    """A user's alias file (CSV with a header: ``alias,canonical,label`` and an optional
    ``relation`` column, ``same`` (the default) or ``apart``).

    ``same`` rows join the alias to the canonical name (inside articles and across the dump)
    and name the entity by it; ``apart`` rows keep the two names two entities.  An empty file
    is allowed; a bad row raises :class:`AliasFileError` naming file and line."""

    rules: list[AliasRule] = field(default_factory=list)

    @classmethod
    def read(cls, path: str | Path) -> AliasTable:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise AliasFileError(f"{path}: cannot read the alias file ({exc.strerror})") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AliasFileError(f"{path}: the alias file is not UTF-8 text") from None
        rows = list(csv.reader(text.splitlines()))
        rows = [(n, r) for n, r in enumerate(rows, 1) if any(c.strip() for c in r)]
        if not rows:
            return cls()
        (_, header), body = rows[0], rows[1:]
        header = [h.strip().lower() for h in header]
        if header[:3] != ["alias", "canonical", "label"] or not set(header[3:]) <= {"relation"}:
            raise AliasFileError(f"{path}:{rows[0][0]}: the header must be "
                                 "'alias,canonical,label' (and optionally ',relation'), "
                                 f"not {','.join(header)!r}")
        table = cls()
        seen: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, ...], str]] = {}
        for line, row in body:
            where = f"{path}:{line}"
            cells = [c.strip() for c in row]
            if len(cells) < 3 or len(cells) > 4 or not all(cells[:3]):
                raise AliasFileError(f"{where}: a row needs the columns alias,canonical,label "
                                     "filled in (and optionally relation); this one has "
                                     f"{len(cells)}")
            alias, canonical, label = cells[:3]
            relation = (cells[3] if len(cells) > 3 else "").lower() or "same"
            if label.upper() not in LABELS:
                raise AliasFileError(f"{where}: unknown label {label!r} (use PER, LOC or ORG)")
            if relation not in ("same", "apart"):
                raise AliasFileError(f"{where}: unknown relation {relation!r} "
                                     "(use same or apart)")
            label = label.upper()
            if not keys(alias) or not keys(canonical):
                raise AliasFileError(f"{where}: alias and canonical must contain a word")
            if relation == "same":
                previous = seen.setdefault((label, keys(alias)), (keys(canonical), where))
                if previous[0] != keys(canonical):
                    raise AliasFileError(f"{where}: {alias!r} ({label}) is mapped to two "
                                         f"canonical names (the other one at {previous[1]})")
            table.rules.append(AliasRule(alias, canonical, label, relation == "apart", where))
        return table

    def same(self, label: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """``alias key -> (canonical key,)`` of the ``same`` rows of ``label`` (the shape of
        the lexicon's alias tables, for the article linker)."""
        return {keys(r.alias): (keys(r.canonical),) for r in self.rules
                if r.label == label and not r.apart}

    def apart_pairs(self, label: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The key pairs of the ``apart`` rows of ``label``."""
        return [(keys(r.alias), keys(r.canonical)) for r in self.rules
                if r.label == label and r.apart]


class NameKnowledge:
    """What the resolver knows beyond the dump: the gazetteer, the lexicon's other names and
    the user's alias file.  Built once (by the driver) and passed in."""

    def __init__(self, gazetteer: Gazetteer | None = None, aliases: AliasTable | None = None):
        self.gazetteer = gazetteer
        self.user = aliases or AliasTable()
        self.lexicon_aliases = name_aliases()  # the article linker's table, read once
        self.places = frozenset() if gazetteer is None else frozenset(
            keys(p.name) for p in gazetteer.places.values())
        #: nicknames and short forms of the lexicon and the alias file: never displayed
        self.nicknames = frozenset(
            (label, alias) for label, table in self.lexicon_aliases.items() for alias in table
        ) | frozenset((r.label, keys(r.alias)) for r in self.user.rules if not r.apart)
        #: one-word short forms of the gazetteer's places ("Jabar" for "Jawa Barat"; not
        #: "Jakarta", a word of its official name, nor "China", as long as "Tiongkok")
        self.short_place_names = frozenset(
            keys(alias) for alias, official in lexicon.table("gazetteer_aliases").items()
            if len(keys(alias)) == 1 < len(keys(official)) and keys(alias)[0] not in
            keys(official))
        self._forms: dict[Key, tuple[str, ...]] = {}

    def _place(self, name: str, ks: tuple[str, ...]) -> str | None:
        """The gazetteer's id of the place ``name`` names, if it knows one."""
        if self.gazetteer is None:
            return None
        place = self.gazetteer.lookup(name)
        if place is None:
            prefix, core = place_core(ks)
            wanted = _ADMIN_PREFIXES.get(prefix, "-")
            if prefix and wanted != "-":
                place = self.gazetteer.lookup(" ".join(core))
                if place is not None and wanted is not None and place.place_type != wanted:
                    place = None
        return None if place is None else f"@{place.place_type}:{place.region_code}"

    def form(self, label: str, name: str) -> tuple[str, ...]:
        """The written form of a name: its words' keys, a place the gazetteer knows as its
        id, without an administrative word or a national "RI"."""
        cached = self._forms.get((label, name))
        if cached is not None:
            return cached
        ks = keys(name)
        out = ks
        if label == "LOC" and ks:
            place = self._place(name, ks)
            if place is not None:
                out = (place,)
            else:
                prefix, core = place_core(ks)
                if prefix in _ADMIN_PREFIXES and not _descriptor_first(name):
                    out = core
        elif label == "ORG":
            if _ACRONYM.match(name):  # "PDI-P" = "PDIP"
                out = ks = tuple(k.replace("-", "") for k in ks)
            for suffix in _NATIONAL_SUFFIXES:
                if len(ks) > len(suffix) and ks[-len(suffix):] == suffix:
                    out = ks[:-len(suffix)]
                    break
        if len(self._forms) < 1_000_000:
            self._forms[(label, name)] = out
        return out

    def bare(self, label: str, name: str) -> bool:
        """True for a name written without an administrative word or national suffix."""
        return self.form(label, name) == keys(name) or (
            label == "LOC" and not place_core(keys(name))[0])


class _Clusters:
    """Union-find over forms; a root keeps its *core* (the forms it is named by) and the
    pairs it must never join (the user's ``apart`` rows)."""

    def __init__(self) -> None:
        self.parent: dict[Form, Form] = {}
        self.core: dict[Form, set[Form]] = {}
        self.apart: dict[Form, set[Form]] = defaultdict(set)

    def add(self, form: Form) -> None:
        if form not in self.parent:
            self.parent[form] = form
            self.core[form] = {form}

    def find(self, form: Form) -> Form:
        root = form
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[form] != root:
            self.parent[form], form = root, self.parent[form]
        return root

    def _kept_apart(self, a: Form, b: Form) -> bool:
        return any(self.find(x) == b for x in self.apart.get(a, ())) or any(
            self.find(x) == a for x in self.apart.get(b, ()))

    def join(self, a: Form, b: Form, same_name: bool) -> bool:
        """Join ``a``'s cluster into ``b``'s; ``same_name``: ``a``'s forms name the entity as
        well as ``b``'s do (else they become other names, never its displayed one)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self._kept_apart(ra, rb):
            return False
        self.parent[ra] = rb
        if same_name:
            self.core[rb] |= self.core[ra]
        self.apart[rb] |= self.apart.pop(ra, set())
        del self.core[ra]
        return True


def _ambiguous(weights: list[int]) -> bool:
    """True when a short form is grouped with two entities often enough to be two names:
    the second is found in two articles or more and in at least 5 % as many as the first,
    or in more than a third as many."""
    if len(weights) < 2:
        return False
    first, second = weights[0], weights[1]
    return (second >= 2 and second >= 0.05 * first) or first < 3 * second


def _evidence_kind(short: Form, target: Form, n_docs: int, acronym: bool,
                   places: frozenset[tuple[str, ...]] = frozenset()) -> bool | None:
    """How an article group that has the form ``short`` beside ``target`` counts:
    True for another name of it ("KPK" beside "Komisi Pemberantasan Korupsi", "Jokowi"
    beside "Joko Widodo"), False for a part of it ("Putin" of "Vladimir Putin", "TNI" of
    "Partai Golkar": weaker, used only when no other name is known), None for no evidence (a
    place the gazetteer knows; a longer name beside a shorter one; a name inside the name of
    a part of it ("TNI" in "TNI AU", see :func:`_part_of`); an acronym whose
    letters are not the other name's initials, unless two articles group them and the first
    letters agree: "PDI-P" and "PDI Perjuangan")."""
    s, t = short[1], target[1]
    if s[0].startswith("@") or t[0].startswith("@"):
        return None  # the gazetteer says which place a name is
    if len(t) < len(s):
        return None
    n = len(s)
    at = next((i for i in range(len(t) - n + 1) if t[i:i + n] == s), None)
    if at is not None:
        return False if _part_of(short[0], t[:at], t[at + n:], places) else None
    if acronym and not _initials_of(short, target) and (
            n_docs < 2 or s[0][:1] != t[0][:1]):
        return None
    return True


def _initials_of(short: Form, target: Form) -> bool:
    """True when ``short`` is written as the initials of ``target`` ("KPK")."""
    letters = "".join(short[1]).replace("-", "").upper()
    return len(letters) > 1 and letters in (initials(target[1], acronym_skip()),
                                           initials(target[1]))


def _part_of(label: str, before: tuple[str, ...], after: tuple[str, ...],
             places: frozenset[tuple[str, ...]]) -> bool:
    """True when a name with ``before`` and ``after`` words around it is the same entity: a
    person's full name ("Vladimir Putin" for "Putin"); a place after a place word ("Jalur
    Gaza"); an organisation after a head word of its name ("Partai Golkar", "PT Garuda
    Indonesia") or before a place ("Persib Bandung"), not a unit of it ("TNI AU", "Komisi
    III DPR", "DPC PDIP")."""
    if label == "PER":
        return True
    if label == "LOC":
        return not after and place_core((*before, "x"))[0] == before
    return all(w in org_heads() for w in before) and (
        not after or after in places or after == ("indonesia",))


def _alias_names(text: str, label: str) -> list[str]:
    """The names a mention text gives: its name proper, and an acronym in brackets after it
    ("Komisi Pemberantasan Korupsi (KPK)" gives both)."""
    out = [split_name(text, label).name]
    paren = text.find("(")
    if paren > 0:
        inner = text[paren + 1:].strip().rstrip(")").strip()
        if _ACRONYM.match(inner):
            out.append(inner)
    return out


@dataclass
class Resolution:
    """What :func:`resolve` decided: every ``(label, article canonical)`` -> its entity."""

    #: ``(label, article canonical)`` -> ``canonical_id``
    ids: dict[Key, str]
    #: ``canonical_id`` -> (displayed name, label)
    entities: dict[str, tuple[str, str]]

    def id_of(self, label: str | None, canonical: str | None) -> str | None:
        if label is None or canonical is None:
            return None
        return self.ids.get((label, canonical))


#: The steps of :func:`resolve` after the written forms, in order (``skip`` leaves some out,
#: to measure each one's gain: ``benchmarks/entity_resolution.py ablate``).
STEPS = ("known_names", "article_groups", "lone_surnames", "misspellings", "one_label")


def resolve(stats: Mapping[Key, _Stat], knowledge: NameKnowledge | None = None,
            skip: Iterable[str] = ()) -> Resolution:
    """Decide which article canonicals of the dump are one entity (module docstring), with
    the :data:`STEPS` not in ``skip``.  The result does not depend on the order of
    ``stats``."""
    unknown = set(skip) - set(STEPS)
    if unknown:
        raise ValueError(f"no resolution step {', '.join(sorted(unknown))} ({', '.join(STEPS)})")
    return _Resolver(stats, knowledge or NameKnowledge()).run(frozenset(skip))


class _Resolver:
    """The steps of :func:`resolve`, in order, over one union-find of written forms."""

    def __init__(self, stats: Mapping[Key, _Stat], knowledge: NameKnowledge):
        self.stats, self.knowledge = stats, knowledge
        self.cl = _Clusters()
        self.form_of: dict[Key, Form] = {}
        self.docs: Counter[Form] = Counter()
        for key in sorted(stats):
            label, name = key
            f = (label, knowledge.form(label, name) or keys(name) or (name,))
            self.form_of[key] = f
            self.cl.add(f)
            self.docs[f] += len(stats[key].docs)
        self.user_names: dict[Form, str] = {}

    def run(self, skip: frozenset[str] = frozenset()) -> Resolution:
        for step in STEPS[:-1]:
            if step not in skip:
                getattr(self, step)()
        return self.name(self.one_label(merge="one_label" not in skip))

    def _form(self, label: str, name: str) -> Form:
        return (label, self.knowledge.form(label, name) or keys(name))

    def known_names(self) -> None:
        """The user's ``apart`` rows, then ``same`` rows (forced), then the lexicon's."""
        cl = self.cl
        rules = sorted(self.knowledge.user.rules, key=lambda r: not r.apart)  # apart first
        for rule in rules:
            fa, fc = self._form(rule.label, rule.alias), self._form(rule.label, rule.canonical)
            cl.add(fa)
            cl.add(fc)
            if rule.apart:
                cl.apart[cl.find(fa)].add(fc)
                cl.apart[cl.find(fc)].add(fa)
            else:
                cl.join(fa, fc, same_name=False)
                self.user_names[fc] = rule.canonical
        for label, table in self.knowledge.lexicon_aliases.items():
            for alias, names in table.items():
                fa = self._form(label, " ".join(alias))
                if fa not in cl.parent:
                    continue
                # the first name listed that the dump has (the lexicon lists them by preference)
                target = next((f for n in names
                               if (f := self._form(label, " ".join(n))) in cl.parent), None)
                if target is not None:
                    cl.join(fa, target, same_name=False)

    def _evidence(self) -> dict[Form, Counter[tuple[Form, bool]]]:
        """Short form -> (the form of an article canonical it was grouped under, whether it
        is written as an acronym) -> documents."""
        evidence: dict[Form, Counter[tuple[Form, bool]]] = defaultdict(Counter)
        for key in sorted(self.stats):
            label, name = key
            if is_odd(name) or _descriptor_first(name):
                continue
            target = self.form_of[key]
            stat = self.stats[key]
            for text, n_docs in (stat.alias_docs or stat.aliases).items():
                for alias in _alias_names(text, label):
                    f = self._form(label, alias)
                    if f != target and f[1] and f in self.cl.parent and not is_odd(alias):
                        evidence[f][(target, bool(_ACRONYM.match(alias)))] += n_docs
        return evidence

    @cached_property
    def _people_ending(self) -> dict[str, list[Form]]:
        """People's names of two words or more, by their last word (the forms, which no
        step adds to after :meth:`known_names`)."""
        by_last: dict[str, list[Form]] = defaultdict(list)
        for f in sorted(self.cl.parent):
            if f[0] == "PER" and len(f[1]) > 1:
                by_last[f[1][-1]].append(f)
        return by_last

    def article_groups(self) -> None:
        """A short form joins the one entity the dump's articles group it with."""
        cl, by_last = self.cl, self._people_ending
        evidence = self._evidence()
        for short in sorted(evidence, key=lambda f: (-len(f[1]), f)):
            root = cl.find(short)
            if root != short:
                continue  # already another name of an entity (lexicon, alias file)
            weights: dict[bool, Counter[Form]] = {True: Counter(), False: Counter()}
            for (target, acronym), n in evidence[short].items():
                t = cl.find(target)
                kind = _evidence_kind(short, target, n, acronym, self.knowledge.places)
                if t != root and kind is not None:
                    weights[kind][t] += n
            ranked = sorted((weights[True] or weights[False]).items(),
                            key=lambda item: (-item[1], item[0]))
            if not ranked or _ambiguous([n for _, n in ranked]):
                continue
            if weights[True] and not _initials_of(short, ranked[0][0]) \
                    and ranked[0][1] < OTHER_NAME_SHARE * self.docs[short]:
                continue  # another name seldom written beside it: "Yamaha" beside a rider
            if short[0] == "PER" and len(short[1]) == 1:
                people = {cl.find(f) for f in by_last.get(short[1][0], ())
                          if self.docs[f] >= 2}
                if len(people - {root}) > 1:
                    continue  # a surname two people of the dump share
            target = ranked[0][0]
            # a name as long as the other (a spelling of it) names the entity as well as it
            cl.join(short, target, same_name=len(short[1]) == len(target[1])
                    and not target[1][0].startswith("@"))

    def lone_surnames(self) -> None:
        """A one-word person's name that ends exactly one person's name of the dump."""
        cl, by_last = self.cl, self._people_ending
        for f in sorted(cl.parent):
            if f[0] == "PER" and len(f[1]) == 1 and cl.find(f) == f and len(cl.core[f]) == 1:
                people = {cl.find(g) for g in by_last.get(f[1][0], ())} - {f}
                if len(people) == 1:
                    cl.join(f, people.pop(), same_name=False)

    def misspellings(self) -> None:
        """A rare name of two words or more that misspells one word of a name the dump uses
        far more ("Komisi Pemberantsan Korupsi") is that name (the article linker's rule,
        :func:`.canonical.spelling_variant`)."""
        cl, docs = self.cl, self.docs
        by_frame: dict[tuple, list[Form]] = defaultdict(list)
        for f in sorted(cl.parent):
            if len(f[1]) > 1 and not f[1][0].startswith("@"):
                for i in range(len(f[1])):
                    by_frame[(f[0], f[1][:i], f[1][i + 1:])].append(f)
        for f in sorted(cl.parent):
            if len(f[1]) < 2 or f[1][0].startswith("@") or docs[f] > MISSPELT_DOCS:
                continue
            targets = {cl.find(g) for i in range(len(f[1]))
                       for g in by_frame[(f[0], f[1][:i], f[1][i + 1:])]
                       if g != f and docs[g] >= MISSPELT_RATIO * docs[f]
                       and spelling_variant(f[0], f[1], g[1])} - {cl.find(f)}
            if len(targets) == 1:
                cl.join(f, targets.pop(), same_name=False)

    def one_label(self, merge: bool = True) -> dict[Form, list[Key]]:
        """Names written alike under two labels join the label most mentions have, unless
        the other label holds a substantial share (two entities); root -> its keys
        (without ``merge``, the roots as they are)."""
        cl, stats = self.cl, self.stats
        members: dict[Form, list[Key]] = defaultdict(list)
        for key in sorted(self.form_of):
            members[cl.find(self.form_of[key])].append(key)
        if not merge:
            return members
        weight = Counter({r: sum(stats[k].mentions for k in ks) for r, ks in members.items()})
        by_words: dict[tuple[str, ...], set[Form]] = defaultdict(set)
        for root, ks in members.items():
            core = cl.core.get(root, {root})
            for label, name in ks:
                if self.form_of[(label, name)] in core:
                    by_words[keys(name)].add(root)
        for words in sorted(by_words):
            live = {cl.find(r) for r in by_words[words]}
            if len({r[0] for r in live}) < 2:
                continue
            ranked = sorted(live, key=lambda r: (-weight[r], LABELS.index(r[0]), r))
            top = ranked[0]
            for other in ranked[1:]:
                share = weight[other] / (weight[other] + weight[top])
                place = any(f[1][0].startswith("@") for r in (other, top)
                            for f in cl.core.get(r, ()))
                small = share <= LABEL_MINORITY or (not place and weight[other] <= LABEL_FEW)
                if other[0] != top[0] and small and cl.join(other, top, same_name=False):
                    weight[top] += weight[other]
                    members[top].extend(members.pop(other, []))
        return members

    def name(self, members: Mapping[Form, list[Key]]) -> Resolution:
        """Each entity's displayed name (:func:`_display`, or the alias file's) and id."""
        named = []
        for root, ks in members.items():
            core = self.cl.core.get(root, {root})
            user = next((self.user_names[f] for f in sorted(core | {root})
                         if f in self.user_names), None)
            name = user or _display(root[0], ks, self.form_of, self.stats, self.knowledge)
            named.append((root[0], name, sorted(ks)))
        ids: dict[Key, str] = {}
        entities: dict[str, tuple[str, str]] = {}
        taken: Counter[str] = Counter()
        for label, name, ks in sorted(named):
            base = f"{label}:{'-'.join(keys(name)) or name}"
            taken[base] += 1
            cid = base if taken[base] == 1 else f"{base}~{taken[base]}"
            entities[cid] = (name, label)
            for key in ks:
                ids[key] = cid
        return Resolution(ids, entities)


def _descriptor_first(name: str) -> bool:
    """A name that starts with a lower-case word followed by more words ("kota Indonesia"):
    a descriptor kept in the span, not a fuller name."""
    first, _, rest = name.partition(" ")
    return bool(rest) and first.isalpha() and first.islower()


def _display(label: str, ks: Iterable[Key], form_of: Mapping[Key, Form],
             stats: Mapping[Key, _Stat], knowledge: NameKnowledge) -> str:
    """The entity's most used full written form (module docstring): among the article
    canonicals of its label that are no acronym, no short place name of the gazetteer's, no
    nickname of the lexicon or alias file and no part of a longer one of them, the written
    form found in the most documents; within it, the spelling without an administrative
    word, in usual casing, most used."""
    ks = list(ks)
    own = [k for k in ks if k[0] == label] or ks
    docs: Counter[Form] = Counter()
    for k in own:
        docs[form_of[k]] += len(stats[k].docs)

    def part_of_longer(f: Form) -> bool:
        """A part of a longer form used at least a quarter as often ("Amerika" of "Amerika
        Serikat"; not "Kivlan Zen" of a rare mis-cut "Kivlan Zen Cs")."""
        n = len(f[1])
        return any(len(g[1]) > n and 4 * docs[g] >= docs[f]
                   and any(g[1][i:i + n] == f[1] for i in range(len(g[1]) - n + 1))
                   for g in docs if g[0] == f[0])

    def short(k: Key) -> bool:
        return (bool(_ACRONYM.match(k[1])) or keys(k[1]) in knowledge.short_place_names
                or (k[0], keys(k[1])) in knowledge.nicknames)

    full = [k for k in own if not short(k) and not part_of_longer(form_of[k])]
    pool = full or [k for k in own if not part_of_longer(form_of[k])] or own
    form_docs: Counter[Form] = Counter()
    for k in pool:
        form_docs[form_of[k]] += len(stats[k].docs)
    best_form = min(form_docs, key=lambda f: (-form_docs[f], f))
    choice = [k for k in pool if form_of[k] == best_form]
    return min(choice, key=lambda k: (not knowledge.bare(k[0], k[1]), k[1].isupper(),
                                      not k[1][:1].isupper(), -len(stats[k].docs),
                                      -stats[k].mentions, k[1]))[1]
