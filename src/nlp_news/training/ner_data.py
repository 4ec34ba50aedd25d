"""Read the harmonised PER/LOC/ORG BIO files and write stanza's NER JSON format.

The BIO format itself (reading, writing, spans) is :mod:`nlp_news.bio`; its names are also
importable from here, where the training modules have always taken them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..bio import LABELS, Sentence, read_bio, repair, split_line, write_bio

__all__ = ["DEV_SETS", "HARMONISED", "LABELS", "TRAIN_SETS", "Sentence", "dedupe",
           "first_occurrences", "read_bio", "read_mdee", "read_set", "write_bio",
           "write_stanza_json"]

#: The harmonised sets' folder under the shared data folder.
HARMONISED = Path("ner/harmonised_PER_LOC_ORG")
#: Training mix chosen on the dev splits (see models/README.md).  NER-UGM is left out: it
#: leaves frequent names untagged and lowered every dev score when added.
TRAIN_SETS = ("idner2k_train", "nerui_fold1_train", "nergrit_train")
DEV_SETS = ("idner2k_dev", "nerui_fold1_dev", "nergrit_dev")


def read_set(data_dir: Path, name: str) -> list[Sentence]:
    """The sentences of one harmonised NER set (``TRAIN_SETS``/``DEV_SETS`` names) under the
    shared data folder ``data_dir``."""
    return list(read_bio(data_dir / HARMONISED / f"{name}.bio"))


def first_occurrences(sentences: Sequence[Sentence]) -> list[int]:
    """Positions of the sentences whose tokens do not repeat an earlier sentence's."""
    seen: set[tuple[str, ...]] = set()
    positions = []
    for position, sentence in enumerate(sentences):
        key = tuple(token for token, _ in sentence)
        if key not in seen:
            seen.add(key)
            positions.append(position)
    return positions


def dedupe(sentences: Iterable[Sentence]) -> list[Sentence]:
    """Drop exact duplicate sentences (NER-UI has 49), keeping the first occurrence."""
    sentences = list(sentences)
    return [sentences[i] for i in first_occurrences(sentences)]


def write_stanza_json(sentences: Iterable[Sentence], path: str | Path) -> int:
    """Write sentences as stanza NER JSON (a list of sentences of ``{"text", "ner"}``)."""
    data = [[{"text": token, "ner": tag} for token, tag in sentence] for sentence in sentences]
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return len(data)


_MDEE_LABELS = {"Person": "PER", "Place": "LOC", "Organisation": "ORG"}


def read_mdee(path: str | Path) -> Iterator[Sentence]:
    """MDEE's Wikipedia files: the hand-checked gold standard (``token<TAB>Class``) or the
    silver file (``token Class``), IO tags, no sentence breaks.  Sentences are cut after '.',
    '!' or '?'; IO tags become BIO (adjacent names of one class, which IO cannot separate,
    become one span)."""
    sentence: Sentence = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            parts = split_line(line)
            if len(parts) < 2 or not parts[0].strip():
                continue
            label = _MDEE_LABELS.get(parts[1].strip())
            sentence.append((parts[0], f"I-{label}" if label else "O"))
            if parts[0] in (".", "!", "?"):
                yield repair(sentence)
                sentence = []
    if sentence:
        yield repair(sentence)
