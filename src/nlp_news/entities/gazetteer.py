"""Places from the shipped gazetteer: place type and region code for LOC entities, and LOC
mentions the model missed.

:func:`recover_places` adds the LOC mentions the model missed (``origin = "gazetteer"``);
:func:`set_place_types` sets ``place_type`` / ``region_code`` of LOC entities (country /
province / regency / city and the Kemendagri code or ISO 3166-1 alpha-2 code; None when unknown
or not LOC).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from .. import lexicon
from ..doc import Doc, Entity, Sentence
from ..models import DEFAULT_DIR, model_paths
from .names import keys, norm, place_core, split_name

#: Place types recovered from text by default.  Countries are included: the model misses
#: country names used as actors ("serangan Israel"), which idner-news-2k also leaves untagged,
#: so recovering them costs 0.03 F1 on that dev set but finds what a reader counts as places
#: (models/README.md has both figures).
RECOVER_TYPES = ("province", "regency", "city", "country")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer name."""

    name: str
    place_type: str  # country | province | regency | city
    region_code: str
    official: str


class Gazetteer:
    """Place names: exact-case lookup for finding names in text, case-free for entities."""

    def __init__(self, places: Iterable[Place]):
        self.places: dict[str, Place] = {}
        self._folded: dict[str, Place] = {}
        for place in places:
            self.places.setdefault(place.name, place)
            self._folded.setdefault(_fold(place.name), place)
        self.max_words = max((len(p.name.split()) for p in self.places.values()), default=0)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer TSV (default: the model folder's ``gazetteer.tsv``, else the one
        shipped in the repository's ``models/``)."""
        if path is None:
            path = model_paths().gazetteer
            if not path.is_file():
                path = DEFAULT_DIR / "gazetteer.tsv"
        path = Path(path)
        places = []
        with open(path, encoding="utf-8") as handle:
            header = None
            for line in handle:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if header is None:
                    header = fields
                    continue
                row = dict(zip(header, fields, strict=False))
                places.append(Place(row["name"], row["place_type"], row["region_code"],
                                    row.get("official") or row["name"]))
        return cls(places)

    def __len__(self) -> int:
        return len(self.places)

    @cached_property
    def region_keys(self) -> frozenset[tuple[str, ...]]:
        """Name keys of the countries and provinces (``("rusia",)``, ``("jawa", "barat")``)."""
        return frozenset(self.region_ids)

    @cached_property
    def region_ids(self) -> dict[tuple[str, ...], str]:
        """The country or province (``"country:US"``) each name key of one stands for, its
        short forms included (``("as",)``, ``("amerika",)`` and ``("amerika", "serikat")``)."""
        return {keys(p.name): f"{p.place_type}:{p.region_code}" for p in self.places.values()
                if p.place_type in ("country", "province")}

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None

    def get(self, name: str) -> Place | None:
        """The place written exactly ``name`` (case-sensitive)."""
        return self.places.get(" ".join(name.split()))

    def lookup(self, name: str) -> Place | None:
        """The place called ``name``, case-insensitively ("JAKARTA", "Kab. Bandung")."""
        return self.get(name) or self._folded.get(_fold(name))


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(lexicon.table("gazetteer_stop")["words"])


@cache
def _before_ok() -> frozenset[str]:
    return frozenset(lexicon.table("gazetteer_stop")["before_ok"])


def _capitalised(token: str) -> bool:
    return token[:1].isupper() and token[:1].isalpha()


def _place_for(ent: Entity, gazetteer: Gazetteer) -> Place | None:
    """The gazetteer place of a LOC entity: its canonical name, text, or name without prefix."""
    names = [ent.canonical, ent.text, split_name(ent.text, "LOC").name]
    for name in names:
        if name and (place := gazetteer.lookup(name)):
            return place
    _prefix, core = place_core(keys(ent.text))
    if _prefix and _prefix[-1] in ("kota", "kabupaten", "provinsi", "negara", "dki"):
        return gazetteer.lookup(" ".join(core))
    return None


def _non_place_names(doc: Doc) -> tuple[set[tuple[str, ...]], set[str]]:
    """Word keys of the article's PER mentions, and texts tagged PER/ORG but never LOC."""
    per_keys = {keys(e.text) for e in doc.entities if e.label == "PER"}
    tagged: dict[str, set[str]] = {}
    for e in doc.entities:
        tagged.setdefault(e.text, set()).add(e.label)
    other = {t for t, labels in tagged.items() if "LOC" not in labels}
    return per_keys, other


def _inside_person(name_keys: tuple[str, ...], per_keys: set[tuple[str, ...]]) -> bool:
    n = len(name_keys)
    return any(pk[i:i + n] == name_keys for pk in per_keys for i in range(len(pk) - n + 1))


def find_places(doc: Doc, gazetteer: Gazetteer, sentence: Sentence,
                taken: list[tuple[int, int]], types: Iterable[str] = RECOVER_TYPES,
                names: tuple[set, set] | None = None,
                ) -> Iterator[tuple[int, int, Place]]:
    """Gazetteer names in a sentence that no entity covers: ``(first, end, place)`` token spans.

    Conservative: capitalised whole tokens as written in the gazetteer, longest match first;
    not a stop word; not inside a longer capitalised name ("Bank Jakarta", "Persib Bandung",
    "Jakarta International Stadium"); not a word of a person named in the article; not a text
    the model tagged PER/ORG (and never LOC) elsewhere in the article.  ``taken``: the
    character spans already covered (only those in the sentence matter); ``names``: the
    article's :func:`_non_place_names`, when the caller has them for every sentence.
    """
    text, toks = doc.text, sentence.tokens
    types = frozenset(types)
    per_keys, other = names if names is not None else _non_place_names(doc)
    i = 0
    while i < len(toks):
        found = None
        if _capitalised(toks[i].text):
            for j in range(min(len(toks), i + gazetteer.max_words), i, -1):
                span = text[toks[i].start_char:toks[j - 1].end_char]
                if "\n" in span:
                    continue
                place = gazetteer.get(span)
                if place is not None:
                    found = (j, span, place)
                    break
        if found is None:
            i += 1
            continue
        j, span, place = found
        start, end = toks[i].start_char, toks[j - 1].end_char
        if place.place_type in types and _acceptable(toks, i, j, span, start, end, taken,
                                                     per_keys, other):
            yield i, j, place
        i = j


def _acceptable(toks, i, j, span, start, end, taken, per_keys, other) -> bool:
    if span in _stop_words() or span in other:
        return False
    if any(s < end and start < e for s, e in taken):
        return False
    if i > 0 and _capitalised(toks[i - 1].text):
        prev = norm(toks[i - 1].text)
        if prev not in _before_ok():
            return False
    if (j < len(toks) and _capitalised(toks[j].text)
            and norm(toks[j].text) not in lexicon.calendar_words()):
        return False
    return not _inside_person(keys(span), per_keys)


def recover_places(doc: Doc, gazetteer: Gazetteer, types: Iterable[str] = RECOVER_TYPES
                   ) -> list[Entity]:
    """Add LOC entities for gazetteer names (of ``types``) the model missed; return them."""
    # per sentence and computed once per article: a 1,000,000-character article stays linear
    taken: dict[int, list[tuple[int, int]]] = {}
    for e in doc.entities:
        taken.setdefault(e.sent_index, []).append((e.start_char, e.end_char))
    names = _non_place_names(doc)
    new = []
    for sentence in doc.sentences:
        here = taken.setdefault(sentence.index, [])
        for first, end, _place in find_places(doc, gazetteer, sentence, here, types, names):
            start_char = sentence.tokens[first].start_char
            end_char = sentence.tokens[end - 1].end_char
            ent = Entity(sentence.index, start_char, end_char, doc.text[start_char:end_char],
                         "LOC", origin="gazetteer")
            new.append(ent)
            here.append((start_char, end_char))
    if new:
        doc.entities = sorted([*doc.entities, *new], key=lambda e: (e.start_char, e.end_char))
    return new


def set_place_types(doc: Doc, gazetteer: Gazetteer) -> None:
    """Set ``place_type`` and ``region_code`` of every LOC entity found in the gazetteer (by
    its canonical name, text, or name without a prefix; run after the canonical names)."""
    for ent in doc.entities:
        place = _place_for(ent, gazetteer) if ent.label == "LOC" else None
        ent.place_type = place.place_type if place else None
        ent.region_code = place.region_code if place else None
