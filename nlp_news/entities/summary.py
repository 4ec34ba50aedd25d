"""One row per entity over a whole dump, built chunk by chunk.

:class:`EntitySummary` adds up each chunk's entities table (mentions, documents, mention texts,
first and last publication day) by ``(label, canonical)``; :meth:`EntitySummary.frame` then
merges names that stand for the same entity across articles: spellings of one name ("jokowi",
"Jokowi"), a canonical name that is a known alias of exactly one longer canonical name ("BNPB",
"Gaza"), or a PER name that is the surname (last words) of exactly one longer PER name ("Putin"
-> "Vladimir Putin").  Labels never mix.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from ..tables import ENTITY_SUMMARY as SUMMARY_SCHEMA
from .names import is_odd, keys


def doc_key(doc_id: str) -> int:
    """A stable 64-bit key for a document id (the same in every worker process)."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(),
                          "little")


def _strings(column: pd.Series) -> list[str | None]:
    """A column's values as ``str``, missing values as None (as ``astype("string")`` has it)."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
            for v in column.tolist()]


def _descriptor_first(name: str) -> bool:
    """True for a name that starts with a lower-case word followed by more words ("kota
    Indonesia", "faksi Fatah"): a descriptor the tagger kept in the span, not a fuller name, so
    "Indonesia" must not merge into it."""
    first, _, rest = name.partition(" ")
    return bool(rest) and first.isalpha() and first.islower()


@dataclass
class _Stat:
    """Counts of one (label, canonical) pair.  ``docs`` holds 64-bit keys of the documents it
    occurs in (8 bytes each, where a set of id strings took ~100): chunks never share a
    document, so merging appends and :meth:`EntitySummary.frame` counts distinct keys."""

    mentions: int = 0
    docs: array = field(default_factory=lambda: array("Q"))
    aliases: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None

    def update(self, other: _Stat) -> None:
        self.mentions += other.mentions
        self.docs.extend(other.docs)
        self.aliases.update(other.aliases)
        self.first = min(filter(None, (self.first, other.first)), default=None)
        self.last = max(filter(None, (self.last, other.last)), default=None)


class EntitySummary:
    """Accumulate entity tables chunk by chunk; :meth:`frame` gives one row per entity."""

    def __init__(self) -> None:
        self._stats: dict[tuple[str, str], _Stat] = {}

    def __len__(self) -> int:
        return len(self._stats)

    def to_json(self) -> str:
        """The summary as JSON (plain data: reading it back runs no code, unlike a pickle)."""
        return json.dumps([[label, name, st.mentions, list(st.docs), dict(st.aliases), st.first,
                            st.last] for (label, name), st in self._stats.items()],
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> EntitySummary:
        """A summary from :meth:`to_json`; malformed data raises ``ValueError``."""
        summary = cls()
        try:
            for label, name, mentions, docs, aliases, first, last in json.loads(data):
                if not (isinstance(label, str) and isinstance(name, str)
                        and isinstance(mentions, int) and isinstance(aliases, dict)):
                    raise TypeError("bad row")
                summary._stats[(label, name)] = _Stat(
                    mentions=mentions, docs=array("Q", (int(d) for d in docs)),
                    aliases=Counter({str(k): int(v) for k, v in aliases.items()}),
                    first=None if first is None else str(first),
                    last=None if last is None else str(last))
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValueError(f"not an entity-summary partial: {exc}") from None
        return summary

    def merge(self, other: EntitySummary) -> None:
        """Add another summary's counts (one built on another chunk, maybe elsewhere)."""
        for key, stat in other._stats.items():
            self._stats.setdefault(key, _Stat()).update(stat)

    def add(self, entities: pd.DataFrame, documents: pd.DataFrame | None = None) -> None:
        """Add a chunk: ``entities`` (doc_id, text, label, canonical) and ``documents``
        (doc_id, date as ISO text; the day is its first 10 characters)."""
        if entities is None or entities.empty:
            return
        canonical = entities["canonical"] if "canonical" in entities else entities["text"]
        dates: dict[str, str] = {}
        if documents is not None and not documents.empty and "date" in documents:
            day = documents["date"].astype("string").str.slice(0, 10)
            dates = {d: v for d, v in zip(documents["doc_id"], day, strict=True)
                     if isinstance(v, str) and v}
        # one pass in plain Python (a pandas group per entity cost 0.1 ms each, a quarter of
        # writing a chunk's part files)
        chunk: dict[tuple[str, str], tuple[list[str | None], list[str]]] = {}
        for doc_id, text, label, name in zip(_strings(entities["doc_id"]),
                                             _strings(entities["text"]),
                                             _strings(entities["label"]), _strings(canonical),
                                             strict=True):
            if text is None or label is None:
                continue
            docs, texts = chunk.setdefault((label, name if name is not None else text),
                                           ([], []))
            docs.append(doc_id)
            texts.append(text)
        for key, (docs, texts) in chunk.items():
            stat = _Stat(mentions=len(texts),
                         docs=array("Q", sorted({doc_key(d) for d in docs if d is not None})),
                         aliases=Counter(texts))
            days = [dates[d] for d in docs if d is not None and d in dates]
            if days:
                stat.first, stat.last = min(days), max(days)
            self._stats.setdefault(key, _Stat()).update(stat)

    def _merge_targets(self) -> dict[tuple[str, str], tuple[str, str]]:
        """``key -> key`` it merges into, for names that name exactly one other entity."""
        alias_of: dict[tuple[str, tuple[str, ...]], set[str]] = {}
        for (label, name), stat in self._stats.items():
            if is_odd(name):
                continue  # handles and hashtags absorb nothing
            for alias in {name, *stat.aliases}:
                alias_of.setdefault((label, keys(alias)), set()).add(name)
        by_surname: dict[tuple[str, str], set[str]] = {}  # names of two keys or more, by last
        for label, name in self._stats:
            if not is_odd(name) and len(name_keys := keys(name)) > 1:
                by_surname.setdefault((label, name_keys[-1]), set()).add(name)
        targets = {}
        spellings: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for label, name in self._stats:
            spellings.setdefault((label, keys(name)), []).append(name)
        for (label, _k), names in spellings.items():
            if len(names) > 1:  # "jokowi" and "Jokowi": the usual spelling wins
                best = max(names, key=lambda n: (self._stats[(label, n)].mentions,
                                                 n[:1].isupper() and not n.isupper(), n))
                targets.update({(label, n): (label, best) for n in names if n != best})
        for (label, name) in self._stats:
            own = keys(name)
            if not own or (label, name) in targets:
                continue
            longer = {n for n in alias_of.get((label, own), set())
                      if n != name and len(keys(n)) > len(own) and not _descriptor_first(n)}
            if label == "PER" and len(own) == 1:  # a surname alone: "Putin" -> "Vladimir Putin"
                longer |= by_surname.get((label, own[0]), set())
            if len(longer) == 1:
                targets[(label, name)] = (label, longer.pop())
        return targets

    def frame(self) -> pd.DataFrame:
        """One row per entity (see :data:`SUMMARY_SCHEMA`), most mentioned first."""
        targets = self._merge_targets()

        def root(key: tuple[str, str]) -> tuple[str, str]:
            seen = set()
            while key in targets and key not in seen:
                seen.add(key)
                key = targets[key]
            return key

        merged: dict[tuple[str, str], _Stat] = {}
        for key, stat in self._stats.items():
            merged.setdefault(root(key), _Stat()).update(stat)
        rows = []
        for (label, name), stat in merged.items():
            aliases = sorted(stat.aliases, key=lambda a: (-stat.aliases[a], a))
            rows.append({"canonical": name, "label": label, "mentions": stat.mentions,
                         "documents": len(set(stat.docs)), "aliases": "; ".join(aliases),
                         "first_date": stat.first, "last_date": stat.last})
        df = pd.DataFrame.from_records(rows, columns=list(SUMMARY_SCHEMA)).astype(SUMMARY_SCHEMA)
        df = df.sort_values(["mentions", "documents", "canonical"],
                            ascending=[False, False, True], kind="stable")
        return df.reset_index(drop=True)
