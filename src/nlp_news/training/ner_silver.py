"""Silver NER training sentences: unlabelled text tagged by an ensemble of teacher models.

Several separately trained taggers that vote make fewer mistakes than any one of them, but
running them all at annotation time would multiply the cost of NER.  Instead their agreement is
distilled into one model: raw sentences (news paragraphs from the word-vector corpus and the
Wikipedia text of the MDEE silver file, whose own automatic labels are ignored) are tagged by
every teacher, and a sentence is kept only when all teachers return exactly the same
entities.  Sentences identical to a dev sentence are never kept.  :func:`majority_vote`
keeps what most of several taggers find (``benchmarks/eval_ner_dev.py --vote`` scores such an
ensemble).
"""

from __future__ import annotations

import gzip
import logging
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..bio import Span, spans_to_bio
from .ner_data import Sentence, read_mdee

log = logging.getLogger(__name__)

NEWS_CORPUS = Path("news/wordvec_corpus/id_news_raw_text.txt.gz")
WIKI_TEXT = Path("ner/mdee_wikipedia_silver/15000_mdee_gazz.txt")
MIN_TOKENS, MAX_TOKENS = 6, 50
MAX_PER_OPENING = 2
Tokens = list[str]


def news_paragraphs(corpus: Path) -> list[str]:
    """Paragraphs (one per line) of the gzipped news corpus."""
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def news_sentences(corpus: Path, count: int, seed: int) -> list[Tokens]:
    """About ``count`` candidate sentences from randomly chosen news paragraphs."""
    from ..pipeline.tokenize import Tokenizer

    paragraphs = news_paragraphs(corpus)
    random.Random(seed).shuffle(paragraphs)
    tokenizer = Tokenizer()
    out: list[Tokens] = []
    for paragraph in paragraphs:
        out.extend(s for s in tokenizer.words(paragraph) if _usable(s))
        if len(out) >= count:
            break
    return out[:count]


def wiki_sentences(path: Path) -> list[Tokens]:
    """Sentences of the MDEE Wikipedia text (:func:`.ner_data.read_mdee`; the labels are
    dropped).  Many articles are stubs made from one template ("Sama dengan
    SD pada umumnya ..."): at most :data:`MAX_PER_OPENING` sentences share their first four
    tokens."""
    openings: Counter[tuple[str, ...]] = Counter()
    out: list[Tokens] = []
    for sentence in ([tok for tok, _ in tagged] for tagged in read_mdee(path)):
        opening = tuple(sentence[:4])
        if _usable(sentence) and openings[opening] < MAX_PER_OPENING:
            openings[opening] += 1
            out.append(sentence)
    return out


def _usable(tokens: Sequence[str]) -> bool:
    """Long enough to give context, short enough to batch, with a capitalised word after the
    first (a sentence with no capital inside rarely names anything)."""
    return (MIN_TOKENS <= len(tokens) <= MAX_TOKENS
            and any(tok[:1].isupper() for tok in tokens[1:]))


def agreed(sentences: Sequence[Tokens], taggers: Iterable) -> list[Sentence]:
    """The sentences on which every tagger finds the same, non-empty set of entities, as BIO."""
    votes = [[set(spans) for spans in tagger.tag_tokens(sentences)] for tagger in taggers]
    out: list[Sentence] = []
    for index, tokens in enumerate(sentences):
        first = votes[0][index]
        if first and all(v[index] == first for v in votes[1:]):
            out.append(list(zip(tokens, spans_to_bio(len(tokens), first), strict=True)))
    return out


def majority_vote(votes: Sequence[set[Span]]) -> set[Span]:
    """The spans that more than half of ``votes`` (one span set per model) contain; where two
    such spans overlap, the one with more votes (then the earlier, longer one) is kept."""
    counts = Counter(span for spans in votes for span in spans)
    winners = sorted((span for span, n in counts.items() if 2 * n > len(votes)),
                     key=lambda span: (-counts[span], span[0], -span[1]))
    kept: set[Span] = set()
    for span in winners:
        if not any(span[0] < other[1] and other[0] < span[1] for other in kept):
            kept.add(span)
    return kept


def silver(data_dir: Path, teachers: Sequence[Path], exclude: Iterable[Sentence],
           news: int = 8000, wiki: int = 4000, seed: int = 1234) -> list[Sentence]:
    """Silver sentences from ``news`` news and ``wiki`` Wikipedia candidates, tagged by the
    models in the ``teachers`` folders; sentences whose tokens equal one in ``exclude`` (the
    dev sets) are left out."""
    from ..models import model_paths
    from ..pipeline.ner import NerTagger

    if len(teachers) < 2:
        raise ValueError("silver data needs at least two teacher models to agree")
    banned = {tuple(tok for tok, _ in sentence) for sentence in exclude}
    candidates = news_sentences(data_dir / NEWS_CORPUS, news, seed)
    wiki_all = wiki_sentences(data_dir / WIKI_TEXT)
    random.Random(seed).shuffle(wiki_all)
    candidates += wiki_all[:wiki]
    candidates = [c for c in candidates if tuple(c) not in banned]
    taggers = [NerTagger(model_paths(folder)) for folder in teachers]
    kept = agreed(candidates, taggers)
    log.info("silver NER data: %d of %d candidate sentences agreed by %d teachers",
             len(kept), len(candidates), len(taggers))
    return kept
