"""Read the harmonised PER/LOC/ORG BIO files and write stanza's NER JSON format."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

Sentence = list[tuple[str, str]]

#: Labels the shipped NER model predicts; every other label in the sources becomes ``O``.
LABELS = ("PER", "LOC", "ORG")

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
                    yield _repair(sentence)
                    sentence = []
                continue
            parts = _columns(line)
            if len(parts) < 2:
                raise ValueError(f"{path}:{line_no}: expected 'token<TAB>tag', got {line!r}")
            token, tag = parts[0], parts[-1].strip()
            sentence.append((token, tag))
    if sentence:
        yield _repair(sentence)


def _columns(line: str) -> list[str]:
    """The columns of one ``token<TAB>tag`` line; a line without tabs splits at its last space
    (``token tag``, as in MDEE's silver file)."""
    return line.split("\t") if "\t" in line else line.rsplit(" ", 1)


def _repair(sentence: Sentence) -> Sentence:
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


def write_bio(sentences: Iterable[Sentence], path: str | Path) -> int:
    """Write sentences as ``token<TAB>BIO`` lines with a blank line between sentences."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for sentence in sentences:
            handle.writelines(f"{token}\t{tag}\n" for token, tag in sentence)
            handle.write("\n")
            count += 1
    return count


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
            parts = _columns(line)
            if len(parts) < 2 or not parts[0].strip():
                continue
            label = _MDEE_LABELS.get(parts[1].strip())
            sentence.append((parts[0], f"I-{label}" if label else "O"))
            if parts[0] in (".", "!", "?"):
                yield _repair(sentence)
                sentence = []
    if sentence:
        yield _repair(sentence)
