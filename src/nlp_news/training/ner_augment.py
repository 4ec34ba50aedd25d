"""Mention replacement: extra NER training sentences with other names in the same slots.

Each training sentence that has entities gets a copy in which every entity is replaced by a
random name of the same label (Dai & Adel 2020, "An Analysis of Simple Data Augmentation for
Named Entity Recognition").  Half of the replacements come from the training mentions
themselves, half from name lists (Indonesian DBpedia persons, organisations and places), so the
tagger sees many more name shapes in the contexts that signal PER, LOC and ORG.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from pathlib import Path

import regex

from ..bio import bio_spans
from .ner_data import LABELS, Sentence

Name = tuple[str, ...]

#: Name lists (under the shared data folder) and the label their names get.
DBPEDIA = Path("gazetteer/dbpedia_id_names_mdee")
NAME_LISTS = {"PER": "original_person.txt", "ORG": "original_organization.txt",
              "LOC": "original_place.txt"}
#: DBpedia's organisation list is mostly schools; keep a few so they do not crowd out the rest.
_SCHOOL = regex.compile(r"^(?:SD|SDN|SDS|SMP|SMPN|SMA|SMAN|SMK|SMKN|MI|MIN|MIS|MTs|MTsN|MA|"
                        r"MAN|SLB|TK)\b")
_KEEP_SCHOOLS = 0.05
_MAX_TOKENS = 5


def spans(sentence: Sentence) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` of a BIO sentence, in order (token indices)."""
    return sorted(bio_spans([tag for _, tag in sentence]))


def mentions(sentences: Iterable[Sentence]) -> dict[str, list[Name]]:
    """Distinct entity mentions of the sentences, by label."""
    found: dict[str, set[Name]] = {label: set() for label in LABELS}
    for sentence in sentences:
        for start, end, label in spans(sentence):
            found[label].add(tuple(token for token, _ in sentence[start:end]))
    return {label: sorted(names) for label, names in found.items()}


def read_names(path: Path, rng: random.Random) -> list[Name]:
    """Names of one list, one per line, split on spaces.

    Left out: names with a comma or parenthesis (DBpedia disambiguations such as
    "Kupang, Tapin Utara, Tapin"), with a digit, longer than five tokens, and most schools.
    """
    names: set[Name] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.strip()
        if not name or regex.search(r"[,()\d?]", name):
            continue
        if _SCHOOL.match(name) and rng.random() > _KEEP_SCHOOLS:
            continue
        tokens = tuple(name.split())
        if len(tokens) <= _MAX_TOKENS:
            names.add(tokens)
    return sorted(names)


def replace_mentions(sentence: Sentence, pools: Sequence[dict[str, list[Name]]],
                     rng: random.Random) -> Sentence:
    """A copy of ``sentence`` with each entity replaced by a name from a random pool."""
    out: Sentence = []
    position = 0
    for start, end, label in spans(sentence):
        out.extend(sentence[position:start])
        pool = rng.choice(pools)[label]
        name = rng.choice(pool) if pool else tuple(t for t, _ in sentence[start:end])
        out.extend((token, ("B-" if i == 0 else "I-") + label) for i, token in enumerate(name))
        position = end
    out.extend(sentence[position:])
    return out


def augment(sentences: Sequence[Sentence], data_dir: Path, seed: int = 1234,
            copies: int = 1) -> list[Sentence]:
    """``copies`` mention-replaced copies of every sentence that has entities.

    The first copy does not depend on ``copies``: more copies only add sentences."""
    rng = random.Random(seed)
    external = {label: read_names(data_dir / DBPEDIA / filename, rng)
                for label, filename in NAME_LISTS.items()}
    pools = (mentions(sentences), external)
    with_entities = [s for s in sentences if spans(s)]
    return [replace_mentions(s, pools, rng) for _ in range(copies) for s in with_entities]
