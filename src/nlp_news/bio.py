"""BIO tags and entity spans: the one format of the NER data, shared by scoring
(:mod:`nlp_news.evaluate`) and training (:mod:`nlp_news.training`).

A sentence is a list of ``(token, tag)`` pairs with BIO tags (``B-PER``, ``I-PER``, ``O``); a
span is ``(start, end, label)`` over token positions, ``end`` exclusive.  Files hold one
``token<TAB>tag`` line per token and a blank line between sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

Span = tuple[int, int, str]
Sentence = list[tuple[str, str]]

#: Labels the shipped NER model predicts; every other label in the sources becomes ``O``.
LABELS = ("PER", "LOC", "ORG")


def bio_spans(tags: Sequence[str]) -> set[Span]:
    """Spans ``(start, end, label)`` of a BIO (or BIOES) tag sequence; a stray I- starts a span."""
    spans: set[Span] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix in ("I", "E") and kind == label and start is not None
        if not continues:
            if start is not None:
                spans.add((start, i, label))
                start, label = None, None
            if prefix in ("B", "I", "S", "E"):
                start, label = i, kind
        if prefix in ("E", "S") and start is not None:
            spans.add((start, i + 1, label))
            start, label = None, None
    return spans


def spans_to_bio(n_tokens: int, spans: Iterable[Span]) -> list[str]:
    """BIO tags for ``n_tokens`` tokens from spans."""
    tags = ["O"] * n_tokens
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def read_bio(path: str | Path) -> Iterator[Sentence]:
    """Yield sentences from a ``token<TAB>BIO`` file with a blank line between sentences.

    Labels outside :data:`LABELS` (NER-UGM's TIME/QUANTITY) become ``O``; a stray ``I-X`` that
    does not continue an ``X`` span is repaired to ``B-X``.
    """
    sentence: Sentence = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if sentence:
                    yield repair(sentence)
                    sentence = []
                continue
            parts = split_line(line)
            if len(parts) < 2:
                raise ValueError(f"{path}:{line_no}: expected 'token<TAB>tag', got {line!r}")
            token, tag = parts[0], parts[-1].strip()
            sentence.append((token, tag))
    if sentence:
        yield repair(sentence)


def split_line(line: str) -> list[str]:
    """The columns of one ``token<TAB>tag`` line; a line without tabs splits at its last space
    (``token tag``, as in MDEE's silver file)."""
    return line.split("\t") if "\t" in line else line.rsplit(" ", 1)


def repair(sentence: Sentence) -> Sentence:
    """Tags outside :data:`LABELS` or not B/I become ``O``; a stray ``I-X`` becomes ``B-X``."""
    out: Sentence = []
    prev = "O"
    for token, tag in sentence:
        if tag != "O":
            prefix, _, label = tag.partition("-")
            if label not in LABELS or prefix not in ("B", "I"):
                tag = "O"
            elif prefix == "I" and prev[2:] != label:
                tag = "B-" + label
        out.append((token, tag))
        prev = tag
    return out


def bio_lines(sentence: Sentence) -> str:
    """One sentence in the BIO file format: ``token<TAB>tag`` lines and a blank line."""
    return "".join(f"{token}\t{tag}\n" for token, tag in sentence) + "\n"


def write_bio(sentences: Iterable[Sentence], path: str | Path) -> int:
    """Write sentences as ``token<TAB>BIO`` lines with a blank line between sentences."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for sentence in sentences:
            handle.write(bio_lines(sentence))
            count += 1
    return count
