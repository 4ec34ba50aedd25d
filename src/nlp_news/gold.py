"""Gold annotations of whole real articles (the real-article dev and test sets).

One article a JSON line::

    {"id": "indosum:1490674536-...", "ref": {"corpus": "indosum", "line": 12, "sha256": "..."},
     "published": "2017-03-28",
     "mentions": [{"start": 10, "end": 24, "label": "PER", "canonical": "Zulkifli Hasan"}],
     "facts": [{"start": 5, "end": 14, "text": "Rp3 juta", "kind": "money", "value": 3000000,
                "unit": "IDR", "approx": false}]}

An article is given either inline (``"text"``) or, for the corpora in ``../shared`` whose text the
repository may not hold, by reference: corpus, line number (1-based) and the SHA-256 of the text
the pipeline reads (for CLICK-ID, the paragraphs joined by blank lines). The text is read back
from the corpus and checked against the checksum, so a changed corpus is an error, not a silent
mis-scoring. ``value`` is a number, or the ISO string for dates (``YYYY-MM-DD``, ``YYYY-MM``,
``YYYY``) and times (``HH:MM``). A line without ``"facts"`` is annotated for entities only
(the NER training articles): its facts are not scored.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from . import config
from .article import article_from_record
from .readers import Record

LABELS = ("PER", "LOC", "ORG")
FACT_KINDS = ("money", "percent", "quantity", "date", "time")


class GoldError(ValueError):
    """A gold file that cannot be read, or whose referenced text has changed."""


def text_checksum(text: str) -> str:
    """SHA-256 of the article text (UTF-8), as stored in a gold reference."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class GoldArticle:
    """One gold article: the record the pipeline reads, its text, and the gold annotations."""

    id: str
    record: Record
    text: str
    published: str | None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    #: False for an article annotated for entities only (a line without ``"facts"``): its
    #: facts are not scored
    facts_annotated: bool = True


#: The drawn real-article sample (key, split, corpus, line, source, sha256, published; no text).
SAMPLE = config.REPOSITORY / "gold" / "real_articles" / "sample.tsv"


def sample_rows(sample: Path = SAMPLE) -> list[dict[str, str]]:
    """The rows of the real-article sample file, in drawing order (none when it is absent)."""
    if not sample.is_file():
        return []
    with sample.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def corpus_line(corpus: str, line: int, shared: str | Path | None = None) -> dict[str, Any]:
    """The JSON record at ``line`` (1-based) of a real-article corpus in ``../shared``."""
    path = config.corpus_path(corpus, shared)
    if not path.is_file():
        raise GoldError(f"{path}: corpus not found (set NLP_NEWS_SHARED or --shared)")
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if number == line:
                return json.loads(raw)
    raise GoldError(f"{path}: has no line {line}")


def eligible_articles(shared: str | Path | None = None,
                      exclude: frozenset[tuple[str, int]] | set[tuple[str, int]] = frozenset()
                      ) -> list[tuple[str, int, dict[str, Any]]]:
    """``(corpus, line, record)`` of every real article usable for gold or training text: both
    corpora, without CLICK-ID's sources that dropped names (``config.DROPPED_NAME_SOURCES``)
    and without the ``(corpus, line)`` pairs in ``exclude``."""
    found = []
    for corpus in config.NEWS_CORPORA:
        with config.corpus_path(corpus, shared).open(encoding="utf-8") as handle:
            for number, raw in enumerate(handle, 1):
                if (corpus, number) in exclude:
                    continue
                record = json.loads(raw)
                source = str(record.get("source", "")).lower()
                if corpus == "click_id" and source in config.DROPPED_NAME_SOURCES:
                    continue
                found.append((corpus, number, record))
    return found


def record_text(record: Record) -> str:
    """The text the pipeline reads from ``record`` (what gold offsets point into)."""
    return article_from_record(record).text


def _check_spans(where: str, text: str, items: list[dict[str, Any]]) -> None:
    for item in items:
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise GoldError(f"{where}: span {start}-{end} outside the text ({len(text)} chars)")


def parse_gold(data: dict[str, Any], where: str, shared: str | Path | None = None,
               cache: dict | None = None) -> GoldArticle:
    """A :class:`GoldArticle` from one parsed gold line; ``cache`` holds corpus lines read."""
    doc_id = str(data.get("id") or where)
    published = data.get("published")
    ref = data.get("ref")
    if ref:
        key = (ref["corpus"], int(ref["line"]))
        if cache is not None and key in cache:
            raw = cache[key]
        else:
            raw = corpus_line(ref["corpus"], int(ref["line"]), shared)
        record = Record(data=raw, origin=f"{ref['corpus']}:{ref['line']}",
                        default_id=f"{ref['corpus']}:{ref['line']}")
        text = record_text(record)
        if text_checksum(text) != ref.get("sha256"):
            raise GoldError(f"{where}: the text of {ref['corpus']} line {ref['line']} does not "
                            "match the gold checksum (the corpus changed?)")
        record.data = {**raw, "id": doc_id}
    elif isinstance(data.get("text"), str):
        text = data["text"]
        record = Record(data={"id": doc_id, "text": text, "date": published}, origin=where,
                        default_id=doc_id)
    else:
        raise GoldError(f"{where}: neither 'text' nor 'ref'")
    mentions = list(data.get("mentions") or [])
    facts = list(data.get("facts") or [])
    _check_spans(where, text, mentions)
    _check_spans(where, text, [f for f in facts if "start" in f])
    for mention in mentions:
        if mention.get("label") not in LABELS:
            raise GoldError(f"{where}: mention label {mention.get('label')!r} not in {LABELS}")
    for fact in facts:
        if fact.get("kind") not in FACT_KINDS:
            raise GoldError(f"{where}: fact kind {fact.get('kind')!r} not in {FACT_KINDS}")
    return GoldArticle(id=doc_id, record=record, text=text, published=published,
                       mentions=mentions, facts=facts, facts_annotated="facts" in data)


def read_gold(path: str | Path, shared: str | Path | None = None) -> Iterator[GoldArticle]:
    """Every article of a gold JSON Lines file, texts resolved and checked."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: invalid JSON ({exc.msg})") from None
            yield parse_gold(data, where, shared)


def line_starts(text: str) -> list[int]:
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    return starts


def find_word(text: str, needle: str, lo: int, hi: int) -> int | None:
    """First whole-word occurrence of ``needle`` in ``text[lo:hi]`` (a -nya may follow)."""
    pattern = r"(?<![\p{L}\p{N}])" + regex.escape(needle) + r"(?=nya\b|[^\p{L}\p{N}]|$)"
    if not needle[-1:].isalnum():
        pattern = r"(?<![\p{L}\p{N}])" + regex.escape(needle) if needle[:1].isalnum() \
            else regex.escape(needle)
    match = regex.compile(pattern).search(text, lo, hi)
    return match.start() if match else None


def locate_notes(text: str, notes: dict) -> tuple[list[dict], list[dict], list[str]]:
    """Gold mentions and facts with offsets from annotators' notes, and the problems found.

    Notes list items by ``line`` (index in ``text.split("\n")``) and exact ``text``, in reading
    order within a line (see ``scripts/gold_from_notes.py``).  Problems starting with ``note:``
    are occurrences of an annotated name left unannotated (to look at, not errors)."""
    starts = line_starts(text)
    problems: list[str] = []
    mentions, facts = [], []

    def span_of(item: dict, cursor: dict[int, int], what: str) -> tuple[int, int] | None:
        n = item.get("line")
        if not isinstance(n, int) or not 0 <= n < len(starts):
            problems.append(f"{what} {item.get('text')!r}: no line {n}")
            return None
        lo = max(cursor.get(n, starts[n]), starts[n])
        hi = starts[n] + len(text.split("\n")[n])
        needle = str(item.get("text", ""))
        at = find_word(text, needle, lo, hi) if needle else None
        if at is None:
            problems.append(f"{what} {needle!r} not found in L{n} after offset {lo - starts[n]} "
                            "(wrong text, or listed out of order?)")
            return None
        cursor[n] = at + len(needle)
        return at, at + len(needle)

    cursor: dict[int, int] = {}
    for item in notes.get("mentions", []):
        if item.get("label") not in LABELS:
            problems.append(f"mention {item.get('text')!r}: label {item.get('label')!r}")
            continue
        span = span_of(item, cursor, "mention")
        if span:
            mentions.append({"start": span[0], "end": span[1], "label": item["label"],
                             "canonical": item.get("canonical") or item["text"]})
    cursor = {}
    previous: tuple | None = None
    for item in notes.get("facts", []):
        if item.get("kind") not in FACT_KINDS:
            problems.append(f"fact {item.get('text')!r}: kind {item.get('kind')!r}")
            continue
        value = item.get("value")
        if item["kind"] in ("date", "time") and not isinstance(value, str):
            problems.append(f"fact {item.get('text')!r}: a {item['kind']} value is an ISO string")
        if item["kind"] not in ("date", "time") and not isinstance(value, int | float):
            problems.append(f"fact {item.get('text')!r}: a {item['kind']} value is a number")
        if previous and previous[:3] == (item.get("line"), item.get("text"), item["kind"]) \
                and previous[3] != value:  # the other end of a range: same span
            span = previous[4]
        else:
            span = span_of(item, cursor, "fact")
        if span:
            previous = (item.get("line"), item.get("text"), item["kind"], value, span)
            facts.append({"start": span[0], "end": span[1], "text": text[span[0]:span[1]],
                          "kind": item["kind"], "value": value, "unit": item.get("unit") or "",
                          "approx": bool(item.get("approx", False))})
    taken = [(m["start"], m["end"]) for m in mentions]
    for name in sorted({text[s:e] for s, e in taken}):
        at = find_word(text, name, 0, len(text))
        while at is not None:
            if not any(s <= at < e for s, e in taken):
                n = max(i for i, s in enumerate(starts) if s <= at)
                problems.append(f"note: {name!r} also at L{n}:{at - starts[n]}, unannotated")
            at = find_word(text, name, at + len(name), len(text))
    return mentions, facts, problems
