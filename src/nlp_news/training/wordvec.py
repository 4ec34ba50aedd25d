"""Train lower-cased word vectors on the news corpus; convert them to stanza's pretrain format."""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

log = logging.getLogger(__name__)

# Tokens as the runtime tokenizer cuts them, closely enough for vector lookup: words with inner
# hyphens/apostrophes, numbers with '.'/',' groups, and single punctuation marks.
_TOKEN = regex.compile(r"\p{L}+(?:[-'’]\p{L}+)*|\d+(?:[.,]\d+)*|[^\p{L}\d\s]")


def tokenize_lower(text: str) -> list[str]:
    """Split a line into lower-cased tokens."""
    return _TOKEN.findall(text.lower())


class _Corpus:
    """Re-iterable sentences: one paragraph a line of the gzip corpus, plus extra token lists."""

    def __init__(self, corpus: Path, extra: list[list[str]]):
        self.corpus = corpus
        self.extra = extra

    def __iter__(self) -> Iterator[list[str]]:
        with gzip.open(self.corpus, "rt", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                tokens = tokenize_lower(line)
                if tokens:
                    yield tokens
        yield from self.extra


def name_sentences(paths: Iterable[Path], repeat: int) -> list[list[str]]:
    """Each line of the name lists (one title a line) as a lower-cased sentence, ``repeat`` times.

    Titles such as "Sultan Hasanuddin" give rare name words a vector from the other words of
    the names they occur in, so name parts of the same kind end up near each other; the
    repeat lets a word that occurs in a single title pass the ``min_count`` of 3 once it also
    occurs elsewhere.
    """
    sentences = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            tokens = tokenize_lower(line)
            if tokens:
                sentences.extend([tokens] * repeat)
    return sentences


def train_vectors(
    corpus: Path,
    out_txt: Path,
    extra_sentences: Iterable[list[str]] = (),
    dim: int = 100,
    epochs: int = 10,
    min_count: int = 3,
    seed: int = 1234,
    workers: int = 2,
) -> int:
    """Train skip-gram word2vec on the lower-cased corpus; write word2vec text format.

    Returns the vocabulary size.  Words are written most frequent first, so a later trim to the
    top N keeps the most useful ones.
    """
    from gensim.models import Word2Vec

    extra = [[token.lower() for token in sent] for sent in extra_sentences]
    model = Word2Vec(
        sentences=_Corpus(corpus, extra),
        vector_size=dim,
        window=5,
        min_count=min_count,
        sg=1,
        negative=10,
        epochs=epochs,
        seed=seed,
        workers=workers,
    )
    model.wv.save_word2vec_format(str(out_txt))
    return len(model.wv)


def convert_to_pretrain(vectors_txt: Path, out_pt: Path, max_vocab: int) -> int:
    """Convert word2vec text vectors to a stanza ``.pt`` pretrain, keeping ``max_vocab`` words."""
    from stanza.models.common.pretrain import Pretrain

    if out_pt.exists():
        out_pt.unlink()
    pretrain = Pretrain(str(out_pt), str(vectors_txt), max_vocab=max_vocab)
    return len(pretrain.vocab)
