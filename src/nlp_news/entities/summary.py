"""One row per entity over a whole dump, built chunk by chunk.

:class:`EntitySummary` adds up each chunk's entities table (mentions, documents, mention texts
and the documents each is written in, first and last publication day) by ``(label, article
canonical)``, in memory that grows with the number of distinct names, not of articles;
:meth:`EntitySummary.resolve` decides which of them are one entity over the whole dump
(:mod:`.resolve`) and :meth:`EntitySummary.frame` gives one row per entity, keyed by
``canonical_id``.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import pandas as pd

from ..tables import ENTITY_SUMMARY as SUMMARY_SCHEMA
from .resolve import NameKnowledge, Resolution, resolve


def set_canonical_ids(entities: pd.DataFrame, resolution: Resolution) -> pd.DataFrame:
    """``entities`` with its ``canonical_id`` column filled from ``resolution`` (the key of
    each mention's ``entity_summary`` row), in place and returned."""
    labels = _strings(entities["label"])
    names = _strings(entities["canonical"] if "canonical" in entities else entities["text"])
    texts = _strings(entities["text"])
    entities["canonical_id"] = pd.array(
        [resolution.id_of(lab, name if name is not None else text)
         for lab, name, text in zip(labels, names, texts, strict=True)], dtype="string")
    return entities


def doc_key(doc_id: str) -> int:
    """A stable 64-bit key for a document id (the same in every worker process)."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(),
                          "little")


def _strings(column: pd.Series) -> list[str | None]:
    """A column's values as ``str``, missing values as None (as ``astype("string")`` has it)."""
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
            for v in column.tolist()]


@dataclass
class _Stat:
    """Counts of one (label, canonical) pair.  ``docs`` holds 64-bit keys of the documents it
    occurs in (8 bytes each, where a set of id strings took ~100): chunks never share a
    document, so merging appends and :meth:`EntitySummary.frame` counts distinct keys."""

    mentions: int = 0
    docs: array = field(default_factory=lambda: array("Q"))
    aliases: Counter[str] = field(default_factory=Counter)
    #: mention text -> the number of documents it is written in under this name
    alias_docs: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    #: the sum of the mentions' scores, and how many have one
    score_sum: float = 0.0
    scored: int = 0

    def update(self, other: _Stat) -> None:
        self.mentions += other.mentions
        self.score_sum += other.score_sum
        self.scored += other.scored
        self.docs.extend(other.docs)
        self.aliases.update(other.aliases)
        self.alias_docs.update(other.alias_docs)
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
                            st.last, dict(st.alias_docs), st.score_sum, st.scored]
                           for (label, name), st in self._stats.items()],
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> EntitySummary:
        """A summary from :meth:`to_json`; malformed data raises ``ValueError``."""
        summary = cls()
        try:
            for (label, name, mentions, docs, aliases, first, last, alias_docs, score_sum,
                 scored) in json.loads(data):
                if not (isinstance(label, str) and isinstance(name, str)
                        and isinstance(mentions, int) and isinstance(aliases, dict)
                        and isinstance(alias_docs, dict)):
                    raise TypeError("bad row")
                summary._stats[(label, name)] = _Stat(
                    mentions=mentions, docs=array("Q", (int(d) for d in docs)),
                    aliases=Counter({str(k): int(v) for k, v in aliases.items()}),
                    alias_docs=Counter({str(k): int(v) for k, v in alias_docs.items()}),
                    first=None if first is None else str(first),
                    last=None if last is None else str(last),
                    score_sum=float(score_sum), scored=int(scored))
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
        chunk: dict[tuple[str, str], tuple[list[str | None], list[str], list[float]]] = {}
        scores = (entities["score"].tolist() if "score" in entities
                  else [None] * len(entities))
        for doc_id, text, label, name, score in zip(_strings(entities["doc_id"]),
                                                    _strings(entities["text"]),
                                                    _strings(entities["label"]),
                                                    _strings(canonical), scores, strict=True):
            if text is None or label is None:
                continue
            docs, texts, scored = chunk.setdefault((label, name if name is not None else text),
                                                   ([], [], []))
            docs.append(doc_id)
            texts.append(text)
            if isinstance(score, float | int) and score == score:  # not None / NA / NaN
                scored.append(float(score))
        for key, (docs, texts, scored) in chunk.items():
            stat = _Stat(mentions=len(texts), score_sum=sum(scored), scored=len(scored),
                         docs=array("Q", sorted({doc_key(d) for d in docs if d is not None})),
                         aliases=Counter(texts),
                         alias_docs=Counter(t for t, _ in set(zip(texts, docs, strict=True))))
            days = [dates[d] for d in docs if d is not None and d in dates]
            if days:
                stat.first, stat.last = min(days), max(days)
            self._stats.setdefault(key, _Stat()).update(stat)

    def resolve(self, knowledge: NameKnowledge | None = None, skip: Iterable[str] = ()
                ) -> Resolution:
        """Which names of the dump are one entity, and each entity's ``canonical_id``
        (``skip``: resolution steps left out, :data:`.resolve.STEPS`)."""
        return resolve(self._stats, knowledge, skip)

    def frame(self, knowledge: NameKnowledge | None = None,
              resolution: Resolution | None = None,
              duplicates: Collection[int] = ()) -> pd.DataFrame:
        """One row per entity (see :data:`SUMMARY_SCHEMA`), most mentioned first; pass the
        ``resolution`` already made from this summary, or the ``knowledge`` to make it.
        ``duplicates``: :func:`doc_key` of the dump's near-duplicate articles, which
        ``stories`` does not count."""
        resolution = resolution or self.resolve(knowledge)
        merged: dict[str, _Stat] = {}
        for key, stat in self._stats.items():
            merged.setdefault(resolution.ids[key], _Stat()).update(stat)
        rows = []
        for cid, stat in merged.items():
            name, label = resolution.entities[cid]
            aliases = sorted(stat.aliases, key=lambda a: (-stat.aliases[a], a))
            rows.append({"canonical_id": cid, "canonical": name, "label": label,
                         "mentions": stat.mentions, "documents": len(set(stat.docs)),
                         "stories": len(set(stat.docs).difference(duplicates)),
                         "mean_score": (round(stat.score_sum / stat.scored, 4) if stat.scored
                                        else None),
                         "aliases": "; ".join(aliases),
                         "first_date": stat.first, "last_date": stat.last})
        df = pd.DataFrame.from_records(rows, columns=list(SUMMARY_SCHEMA)).astype(SUMMARY_SCHEMA)
        df = df.sort_values(["mentions", "documents", "canonical_id"],
                            ascending=[False, False, True], kind="stable")
        return df.reset_index(drop=True)
