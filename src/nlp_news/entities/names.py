"""Words of a name, titles and honorifics, place prefixes: the shared helpers of this package.

A *name* is cut into words (:func:`words`); each word has a *key* (:func:`norm`: lower-case,
no dots), so "Dr." and "dr" match.  The word lists are the ``[titles]`` and ``[place_prefixes]``
tables of the lexicon (``resources/lang/id/names.toml``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .. import lexicon

#: A word of a name: letters/digits, with inner dots, hyphens and apostrophes ("S.H.", "Al-Aqsa").
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-]*")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a mention with its offsets relative to the mention text."""

    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return norm(self.text)


_ODD = regex.compile(r"[@#/\\|<>{}\[\]=_~^*]")


def is_odd(text: str) -> bool:
    """A mention that is not a plain name (handles, hashtags, URLs): never a group's name."""
    return bool(_ODD.search(text))


def norm(word: str) -> str:
    """The comparison key of a word: lower-case, without dots and trailing hyphens/apostrophes."""
    return word.lower().replace(".", "").replace("’", "'").strip("-'")


def words(text: str) -> list[Word]:
    """The words of ``text`` (punctuation and brackets dropped)."""
    out = []
    for match in WORD.finditer(text):
        token = match.group().rstrip("-'’")
        # keep the dot of abbreviations ("Dr.", "S.H.") but not a sentence-final dot ("Putin.")
        if token.endswith(".") and len(token.rstrip(".")) > 3 and "." not in token.rstrip("."):
            token = token.rstrip(".")
        if token:
            out.append(Word(token, match.start(), match.start() + len(token)))
    return out


def keys(text: str) -> tuple[str, ...]:
    """The word keys of ``text``."""
    return tuple(k for k in (w.key for w in words(text)) if k)


_WORDS_BEFORE = regex.compile(r"(?r)(?P<w>\p{L}+(?:\s+\p{L}+){0,2})\s*+$")


def follows_cue(text: str, start: int, cues: Collection[str], window: int = 40) -> bool:
    """True when the words right before ``start`` (at most three, within ``window``
    characters) end with a phrase of ``cues`` (lower-case): "Dilansir" before "Bored Panda",
    "film laga" before "The Expendables"."""
    match = _WORDS_BEFORE.search(text, max(0, start - window), start)
    ws = match.group("w").lower().split() if match else []
    return any(" ".join(ws[i:]) in cues for i in range(len(ws)))


_WEB_DOMAIN = regex.compile(r"(?i)\.(?:co\.id|com|net|org|id|tv)$")


def squashed(name: str) -> str:
    """The letters and digits of a name without spaces or a web domain: "CNNIndonesia.com",
    "CNN Indonesia" and "cnnindonesia" give one string."""
    return "".join(keys(_WEB_DOMAIN.sub("", name.strip())))


def phrases(items: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Phrases of a word list as key tuples ("Wakil Menteri" -> ("wakil", "menteri"))."""
    return frozenset(tuple(norm(w) for w in item.split()) for item in items)


@cache
def title_phrases() -> frozenset[tuple[str, ...]]:
    """Title and honorific phrases as key tuples (``[titles] words`` and
    ``[ranks_honorifics] words``)."""
    return phrases([*lexicon.table("titles")["words"], *lexicon.table("ranks_honorifics")["words"]])


@cache
def title_after_phrases() -> frozenset[tuple[str, ...]]:
    """Words that complete a title ("luar negeri" after "menteri"), ordinals among them
    ("Presiden ketiga", "Putri Kedua": ``[collective_numbers]``' words and "pertama")."""
    return phrases([*lexicon.table("titles")["after"], *lexicon.table("collective_numbers")])


@cache
def degree_keys() -> frozenset[str]:
    """Academic degrees written after a name, as keys."""
    return frozenset(norm(w) for w in lexicon.table("titles")["degrees"])


@cache
def place_prefix_phrases() -> frozenset[tuple[str, ...]]:
    """Place prefixes ("jalur", "kabupaten", ...) as key tuples."""
    return phrases(lexicon.table("place_prefixes")["words"])


@lru_cache(maxsize=32)  # bounded: besides the fixed phrase lists it sees each article's names
def _longest(phrases: frozenset[tuple[str, ...]]) -> int:
    return max((len(p) for p in phrases), default=0)


def _match_at(keys_: Sequence[str], i: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """Length of the longest phrase of ``phrases`` starting at ``keys_[i]`` (0 if none)."""
    longest = _longest(phrases)
    for n in range(min(longest, len(keys_) - i), 0, -1):
        if tuple(keys_[i:i + n]) in phrases:
            return n
    return 0


def is_title(text: str) -> bool:
    """True when every word of ``text`` belongs to a title ("Wakil Menteri Luar Negeri")."""
    ws = words(text)
    return bool(ws) and _all_title(ws)


def strip_title_words(ws: Sequence[Word], known: frozenset[tuple[str, ...]] = frozenset()
                      ) -> tuple[int, int]:
    """``(first, end)``: the words of ``ws`` left of a person's name once titles are removed.

    Leading titles go ("Wakil Menteri Luar Negeri Mikhail Bogdanov" -> "Mikhail Bogdanov"), with
    words completing a title and ``known`` names right after one ("Presiden Rusia Vladimir
    Putin" when "Rusia" is a place of the article), or opening the mention before two more
    words ("Rusia Vladimir Putin", the title left outside); when the mention starts with a title, a
    later title cuts too ("Kapolda Metro Jaya Irjen Karyoto" -> "Karyoto").  Trailing degrees
    go ("Ahmad, S.H." -> "Ahmad").  A mention that is all title keeps all its words.
    """
    titles = title_phrases()
    ks = [w.key for w in ws]
    i = 0
    lead = _match_at(ks, 0, known)
    if lead and not _match_at(ks, 0, titles) and len(ks) - lead >= 2:
        i = lead  # "Rusia Vladimir Putin": the place of a dropped title
    while i < len(ks):
        n = _match_at(ks, i, titles)
        if not n:
            break
        i += n
        while i < len(ks):
            m = _match_at(ks, i, title_after_phrases()) or _match_at(ks, i, known)
            if not m:
                break
            i += m
    if i:  # a title context: a later title word ends the description of the post
        for j in range(len(ks) - 1, i - 1, -1):
            n = _match_at(ks, j, titles)
            if n and j + n < len(ks) and ws[j].text[:1].isupper():
                i = j + n
                break
    end = len(ks)
    while end > i + 1 and ks[end - 1] in degree_keys():
        end -= 1
    if i >= end:
        return 0, len(ks)
    return i, end


@dataclass(frozen=True, slots=True)
class Name:
    """A mention split into its title and the name proper."""

    title: str | None
    name: str
    keys: tuple[str, ...]


def split_name(text: str, label: str = "PER",
               known: frozenset[tuple[str, ...]] = frozenset()) -> Name:
    """Title and name of a mention; only PER mentions carry titles.

    For PER the name stops at a comma ("Ahmad Yani, S.H." -> "Ahmad Yani"); a trailing
    bracket ("Badan Nasional Penanggulangan Bencana (BNPB)") is never part of the name.
    """
    body = text
    paren = body.find("(")
    if paren > 0:
        body = body[:paren]
    if label == "PER" and "," in body.strip(", "):
        body = body[:body.index(",")] if body.index(",") > 0 else body
    ws = words(body)
    if not ws:
        return Name(None, text.strip(), keys(text))
    if label != "PER":
        name = body[ws[0].start:ws[-1].end]
        return Name(None, name, tuple(w.key for w in ws))
    first, end = strip_title_words(ws, known)
    is_title_start = bool(_match_at([w.key for w in ws], 0, title_phrases()))
    title = body[ws[0].start:ws[first - 1].end] if first and is_title_start else None
    name = body[ws[first].start:ws[end - 1].end]
    return Name(title, name, tuple(w.key for w in ws[first:end]))


def place_core(ks: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(prefix, core)`` of a place's keys: ("jalur",), ("gaza",) for "Jalur Gaza".

    Abbreviated prefixes are spelt out ("kab" -> "kabupaten"); the core is never empty.
    """
    abbreviations = lexicon.table("place_prefix_abbreviations")
    ks = [abbreviations.get(k, k) for k in ks]
    i = 0
    while i < len(ks) - 1:
        n = _match_at(ks, i, place_prefix_phrases())
        if not n or i + n >= len(ks):
            break
        i += n
    return tuple(ks[:i]), tuple(ks[i:])


def leading_title(text_before: str, known: frozenset[tuple[str, ...]] = frozenset(),
                  max_words: int = 7) -> str | None:
    """A capitalised title written right before a name ("… Presiden Rusia " -> "Presiden
    Rusia" when "Rusia" is one of the ``known`` names)."""
    ws = words(text_before)[-max_words:]
    if not ws or text_before[ws[-1].end:].strip():
        return None
    for i in range(len(ws)):
        tail = ws[i:]
        if tail[0].text[:1].isupper() and _all_title(tail, known):
            return text_before[tail[0].start:tail[-1].end]
    return None


def _all_title(ws: Sequence[Word], known: frozenset[tuple[str, ...]] = frozenset()) -> bool:
    """True when ``ws`` is a title followed only by titles, completions or ``known`` names."""
    titles = title_phrases()
    ks = [w.key for w in ws]
    if not _match_at(ks, 0, titles):
        return False
    i = 0
    while i < len(ks):
        n = (_match_at(ks, i, titles) or _match_at(ks, i, title_after_phrases())
             or (i and _match_at(ks, i, known)))
        if not n:
            return False
        i += n
    return True


def initials(ks: Sequence[str], skip: frozenset[str] = frozenset()) -> str:
    """Upper-case initials of name keys, leaving out ``skip`` words ("dan", "untuk")."""
    return "".join(k[0] for k in ks if k and k not in skip).upper()
