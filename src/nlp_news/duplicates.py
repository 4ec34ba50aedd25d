"""Near-duplicate articles in a dump: wire copy re-posted, an article updated under a new id, a
page scraped twice.

Each article's text is cut into lower-case word shingles (:data:`SHINGLE` words), summarised
by a MinHash of :data:`NUM_PERM` permutations and looked up in a MinHash LSH index (both from
the maintained ``datasketch`` library), in input order: an article whose estimated Jaccard
similarity with an earlier article of the dump reaches the threshold (default
:data:`THRESHOLD`) is a near duplicate of the earliest such article (``duplicate_of``); any
other article becomes a possible original for the later ones.  An article of fewer than
:data:`MIN_WORDS` words is never anyone's duplicate nor original.  The hash of a shingle is
BLAKE2b (the same in every process and run), so a resumed or parallel run finds the same
duplicates.  Memory grows with the number of originals (the index's band keys and each one's
id), not with the text.
"""

from __future__ import annotations

import hashlib

import regex

#: Words per shingle.
SHINGLE = 5
#: MinHash permutations.
NUM_PERM = 64
#: The estimated Jaccard similarity of two articles' shingles from which one is a duplicate.
THRESHOLD = 0.8
#: Articles shorter than this (in words) are never compared.
MIN_WORDS = 50

_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _hash32(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=4).digest(), "little")


def _band_key(data: bytes) -> bytes:
    """A short, stable key for an LSH band (8 bytes instead of the band's raw values)."""
    return hashlib.blake2b(data, digest_size=8).digest()


def check_threshold(threshold: float) -> float:
    """``threshold`` if it is in (0, 1]; else ``ValueError`` (a usage error)."""
    if not 0 < threshold <= 1:
        raise ValueError(f"the duplicate threshold must be in (0, 1], not {threshold}")
    return threshold


class DuplicateFinder:
    """Mark near duplicates in input order (module docstring)."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        from datasketch import MinHashLSH

        self.threshold = check_threshold(threshold)
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, hashfunc=_band_key)
        self._ids: list[str] = []  # original n -> its doc id

    def __len__(self) -> int:
        return len(self._ids)

    def check(self, doc_id: str, text: str) -> str | None:
        """The id of the earliest earlier article ``text`` nearly duplicates, else None (and
        the article may be an original for later ones)."""
        from datasketch import MinHash

        words = _WORD.findall(text.lower())
        if len(words) < MIN_WORDS:
            return None
        shingles = {" ".join(words[i:i + SHINGLE]).encode("utf-8")
                    for i in range(len(words) - SHINGLE + 1)}
        minhash = MinHash(num_perm=self.num_perm, hashfunc=_hash32)
        minhash.update_batch(list(shingles))
        found = self._lsh.query(minhash)
        if found:
            return self._ids[min(found)]
        self._lsh.insert(len(self._ids), minhash, check_duplication=False)
        self._ids.append(doc_id)
        return None
