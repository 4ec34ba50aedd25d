"""Reviewed corrections of NER training labels, applied when the training mix is prepared.

The held-out taggers of :mod:`.ner_audit` disagree with the gold on about 1,800 training
sentences.  Each of those sentences was judged by a reviewer (see models/README.md); where
the gold was clearly wrong, the corrected spans of the whole sentence are kept in
``nlp_news/training/data/ner_label_fixes.tsv``.  The file holds no text: a sentence is named by
its set and its position in the set's file, and a checksum of its tokens makes sure the fix
lands on the sentence it was made for.  Only training sets are ever corrected; the dev sets
stay as published.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..bio import Span, spans_to_bio
from .ner_data import Sentence

COLUMNS = ("set", "sentence", "tokens", "checksum", "spans", "kinds")
LABELS = ("PER", "LOC", "ORG")


def default_path() -> Path:
    """The corrections shipped with the package."""
    return Path(str(resources.files("nlp_news.training") / "data" / "ner_label_fixes.tsv"))


@dataclass(frozen=True)
class LabelFix:
    """The corrected spans of one training sentence (``line`` is its row in the file)."""

    set: str
    sentence: int
    n_tokens: int
    checksum: str
    spans: tuple[Span, ...]
    kinds: tuple[str, ...]
    line: int


def checksum(tokens: Sequence[str]) -> str:
    """A short fingerprint of a token sequence (first 12 hex digits of its SHA-1)."""
    return hashlib.sha1("\x1f".join(tokens).encode("utf-8")).hexdigest()[:12]


def format_spans(spans: Sequence[Span]) -> str:
    """``[(0, 2, "ORG"), (5, 6, "LOC")]`` -> ``"0-2:ORG 5-6:LOC"`` (``"-"`` for none)."""
    return " ".join(f"{start}-{end}:{label}" for start, end, label in sorted(spans)) or "-"


def parse_spans(text: str, n_tokens: int) -> tuple[Span, ...]:
    """The inverse of :func:`format_spans`; raises ``ValueError`` on a malformed span."""
    if text.strip() == "-":
        return ()
    spans = []
    for item in text.split():
        bounds, _, label = item.partition(":")
        start, _, end = bounds.partition("-")
        if label not in LABELS or not (start.isdigit() and end.isdigit()):
            raise ValueError(f"malformed span {item!r} (expected START-END:LABEL)")
        span = (int(start), int(end), label)
        if not 0 <= span[0] < span[1] <= n_tokens:
            raise ValueError(f"span {item!r} outside the sentence's {n_tokens} tokens")
        spans.append(span)
    ordered = sorted(spans)
    if any(a[1] > b[0] for a, b in zip(ordered, ordered[1:], strict=False)):
        raise ValueError(f"overlapping spans in {text!r}")
    return tuple(ordered)


def read_fixes(path: Path | None = None) -> dict[tuple[str, int], LabelFix]:
    """The corrections in ``path`` (default: the shipped file), by (set, sentence)."""
    path = path or default_path()
    fixes: dict[tuple[str, int], LabelFix] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: header must be {' '.join(COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            try:
                n_tokens = int(row["tokens"])
                fix = LabelFix(row["set"], int(row["sentence"]), n_tokens, row["checksum"],
                               parse_spans(row["spans"], n_tokens),
                               tuple(filter(None, row["kinds"].split(","))), line)
            except (TypeError, ValueError) as error:
                raise ValueError(f"{path}, line {line}: {error}") from None
            fixes[(fix.set, fix.sentence)] = fix
    return fixes


def apply_fixes(name: str, sentences: list[Sentence],
                fixes: dict[tuple[str, int], LabelFix]) -> tuple[list[Sentence], int]:
    """``sentences`` of set ``name`` (in file order) with their corrections applied.

    Returns the corrected list and the number of sentences changed.  A fix whose sentence
    does not exist or whose checksum does not match the sentence raises ``ValueError`` naming
    the row: the set's file changed, and the fix would land on the wrong words."""
    out = list(sentences)
    changed = 0
    for (set_name, index), fix in sorted(fixes.items()):
        if set_name != name:
            continue
        tokens = [token for token, _ in sentences[index]] if index < len(sentences) else []
        if len(tokens) != fix.n_tokens or checksum(tokens) != fix.checksum:
            raise ValueError(
                f"label fix at line {fix.line} does not match sentence {index} of {name} "
                f"(tokens or checksum differ): the data set is not the one the fixes were made for")
        out[index] = list(zip(tokens, spans_to_bio(len(tokens), fix.spans), strict=True))
        changed += 1
    return out, changed
