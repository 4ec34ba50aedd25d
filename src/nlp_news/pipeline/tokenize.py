"""Tokens and sentences: spaCy's rule-based Indonesian tokenizer with sentence rules.

Only the article's content is tokenised: each line is cut into pieces around the excluded ranges
(header, dateline, boilerplate), and every piece is split into sentences.  Offsets are into the
original article text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache, cached_property

import regex

from .. import lexicon
from ..doc import Article, Doc, Sentence, Token
from .component import Component, register

_LINE = regex.compile(r"[^\n]+")

#: Invisible format characters that scrapers leave in text (left-to-right marks, zero-width
#: spaces and joiners, word joiners, byte-order marks): split off any word and, like spaces,
#: kept out of the tokens ("\u200eDKI Jakarta" gives "DKI", "Jakarta").
FORMAT_CHARS = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_FORMAT_ONLY = regex.compile(f"[{FORMAT_CHARS}]+")


def glued_infixes(alpha: str) -> list[str]:
    """Infix rules that split text glued across punctuation by scrapers (``alpha``: spaCy's
    letter class): "Dewi Lestari,2", "2019,Kata", "(ABC).Kata", list items "Jeddah;,b",
    and a format character inside a word."""
    return [rf"(?<=[{alpha}]),(?=[0-9])", rf"(?<=[0-9]),(?=[{alpha}])",
            rf"(?<=[)\]])\.(?=[{alpha}])", rf"(?<=[{alpha}0-9])[)\]](?=\.[{alpha}])",
            rf"(?<=[{alpha}0-9]);,?+(?=[{alpha}0-9])", f"[{FORMAT_CHARS}]"]


def is_format_only(text: str) -> bool:
    """True for a token made only of :data:`FORMAT_CHARS` (left out, like a space)."""
    return _FORMAT_ONLY.fullmatch(text) is not None


def content_segments(text: str, excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` to annotate: non-blank lines minus the excluded ranges."""
    segments = []
    ranges = sorted(excluded)
    for match in _LINE.finditer(text):
        start, end = match.span()
        for ex_start, ex_end in ranges:
            if ex_end <= start or ex_start >= end:
                continue
            if ex_start > start:
                segments.append((start, ex_start))
            start = max(start, ex_end)
            if start >= end:
                break
        if start < end:
            segments.append((start, end))
    return [(s, e) for s, e in segments if text[s:e].strip()]


#: Longest stretch of text given to spaCy at once (its ``max_length`` is 1,000,000): a longer
#: content segment is cut at a line break, else after a sentence end, else at a space.
MAX_PIECE = 100_000


def pieces(text: str, start: int, end: int, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """``[start, end)`` of ``text`` cut into ranges of at most ``limit`` characters, each cut
    where no token or sentence can span it (a line break, else ". ", else a space)."""
    out = []
    while end - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            cut = cut + 1 if cut >= limit // 2 else -1
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


#: Whitespace-separated chunks ("Jakarta,", "pemerintah") whose tokenisation stays cached
#: across articles: the dump's frequent ones, promoted as they are seen (see Tokenizer).
CACHE_CHUNKS = 50_000
#: Articles between promotions, and the occurrences a chunk needs since the last one.
PROMOTE_EVERY, PROMOTE_MIN = 25, 2
#: The spaCy tokenizer factory of nlp_news (registered when the first Tokenizer is built).
TOKENIZER_NAME = "nlp_news.indonesian_tokenizer.v1"


@cache
def _split_exceptions() -> tuple[dict, frozenset[str]]:
    """spaCy's Indonesian exceptions apart from the hyphenated words kept as one token, and
    those words (letters between the hyphens, one token equal to the word)."""
    from spacy.lang.id import Indonesian
    from spacy.symbols import ORTH

    rules, hyphenated = {}, set()
    for key, value in Indonesian.Defaults.tokenizer_exceptions.items():
        parts = key.split("-")
        if (len(parts) > 1 and all(part.isalpha() for part in parts)
                and value == [{ORTH: key}]):
            hyphenated.add(key)
        else:
            rules[key] = value
    return rules, frozenset(hyphenated)


def _tokenizer_factory():
    """spaCy's Indonesian tokenizer with two additions, built with one load of its rules.

    - "Rp.", "Jl.", "pkl.", "No." ... stay one token, so no sentence ends after them;
    - text glued across punctuation by scrapers is split: "Dewi Lestari,2", "IDBYTES,2019",
      "2019,Kata", "(ABC).Kata", "Jeddah;,b" (digit,digit stays one number: "2,5"), and
      invisible format characters are split off words (:func:`glued_infixes`).

    spaCy's Indonesian rules hold about 16,000 exceptions (hyphenated words), and spaCy
    re-loads all of them whenever a setting changes or a special case is added; setting
    everything first and the rules once makes the same tokenizer in a third of the time.
    And 15,573 of them only keep a hyphenated word one token ("abu-abu", "Sayur-Mayur"):
    those are looked up in a set by ``token_match`` instead of being loaded as special cases
    (loading them was two seconds of every start); where spaCy's special cases would join
    the pieces of such a word after other punctuation split its chunk ("laki-laki/usia",
    "sering,tiba-tiba"), :func:`join_hyphenated` joins them the same way.  The cut is the
    same (``tests/test_tokenizer_build.py``; every article of both dumps, checked).
    """
    from spacy import util
    from spacy.attrs import IS_PUNCT, IS_SPACE
    from spacy.lang.char_classes import ALPHA
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer as SpacyTokenizer

    def factory(nlp):
        defaults = nlp.Defaults
        # the lexical attributes spaCy computes for every new word: only the two this
        # tokenizer's sentencizer and callers read (is_punct, is_space); the other 21
        # (shape, like_num, like_url, ...) cost a third of tokenising and are never used
        nlp.vocab.lex_attr_getters = {key: getter for key, getter
                                      in nlp.vocab.lex_attr_getters.items()
                                      if key in (IS_PUNCT, IS_SPACE)}
        glued = glued_infixes(ALPHA)
        format_char = f"[{FORMAT_CHARS}]"
        rules, hyphenated = _split_exceptions()
        rules = dict(rules)
        default_match = defaults.token_match

        def token_match(string: str) -> bool:
            return string in hyphenated or bool(default_match and default_match(string))

        for word in lexicon.table("abbreviations"):
            for form in {word, word.title(), word.upper()}:
                rules[f"{form}."] = [{ORTH: f"{form}."}]
        tokenizer = SpacyTokenizer(
            nlp.vocab, rules=None,
            prefix_search=util.compile_prefix_regex([*defaults.prefixes, format_char]).search,
            suffix_search=util.compile_suffix_regex([*defaults.suffixes, format_char]).search,
            infix_finditer=util.compile_infix_regex([*defaults.infixes, *glued]).finditer,
            token_match=token_match, url_match=defaults.url_match,
            max_cache_size=CACHE_CHUNKS + 10_000)
        tokenizer.rules = rules
        return tokenizer

    return factory


def join_hyphenated(text: str, rows: list[list[int]],
                    words: frozenset[str]) -> list[list[int]]:
    """Join the pieces of a known hyphenated word that punctuation around it left split.

    ``rows`` are spaCy's ``[idx, length, is_space, is_punct]`` per token.  This is what spaCy
    does with special cases after cutting (``Tokenizer._apply_special_cases``): every
    sequence of tokens "word - word ..." spelling one of ``words`` is a candidate, the
    longest first, then the earliest; a candidate whose first or last token is taken by an
    earlier one is skipped, and each candidate takes its tokens either way; a candidate
    written without spaces becomes one token."""
    pieces = [text[idx:idx + length] for idx, length, _, _ in rows]
    candidates: list[tuple[int, int]] = []
    i, n = 0, len(rows)
    while i < n:
        # a run: word (- word)+, the tokens alternating
        if not pieces[i].isalpha():
            i += 1
            continue
        j = i
        while j + 2 < n and pieces[j + 1] == "-" and pieces[j + 2].isalpha():
            j += 2
        for a in range(i, j, 2):
            for b in range(a + 2, j + 1, 2):
                if "".join(pieces[a:b + 1]) in words:
                    candidates.append((a, b + 1))
        i = j + 1
    if not candidates:
        return rows
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: set[int] = set()
    joined: dict[int, int] = {}
    for start, end in candidates:
        if start not in taken and end - 1 not in taken:
            last = rows[end - 1]
            if last[0] + last[1] - rows[start][0] == sum(r[1] for r in rows[start:end]):
                joined[start] = end  # written without spaces: one token
        taken.update(range(start, end))
    out: list[list[int]] = []
    i = 0
    while i < n:
        end = joined.get(i)
        if end is None:
            out.append(rows[i])
            i += 1
        else:
            last = rows[end - 1]
            out.append([rows[i][0], last[0] + last[1] - rows[i][0], 0, 0])
            i = end
    return out


class Tokenizer:
    """Cut an article's content into sentences of tokens (spaCy ``id`` rules + sentencizer).

    Each article is cut inside a spaCy memory zone, so the strings of a long run do not pile
    up; but spaCy caches no tokenisation inside a zone, and re-cutting every word of every
    article was most of the tokenizer's time.  So the chunks seen at least
    :data:`PROMOTE_MIN` times in the last :data:`PROMOTE_EVERY` articles are tokenised once
    outside a zone, where spaCy keeps them and their cached cut, up to :data:`CACHE_CHUNKS`
    chunks: memory stays bounded, the tokens are the same (``tests/test_tokenizer_build.py``).
    """

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()
        self._promoted: set[str] = set()
        self._articles = 0

    @cached_property
    def _nlp(self):
        import spacy

        spacy.registry.tokenizers.register(TOKENIZER_NAME, func=_tokenizer_factory)
        nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
        nlp.add_pipe("sentencizer")
        return nlp

    def __call__(self, article: Article) -> list[Sentence]:
        # spaCy keeps every new string it sees; a memory zone frees them after each article,
        # so a long run's memory does not grow with the size of the dump
        with self._nlp.memory_zone():
            sentences = self._sentences(article)
        if len(self._promoted) < CACHE_CHUNKS:
            self._seen.update(article.text.split())
            self._articles += 1
            if self._articles % PROMOTE_EVERY == 0:
                self._promote()
        return sentences

    def _promote(self) -> None:
        """Tokenise the frequent chunks of the last articles outside a memory zone."""
        room = CACHE_CHUNKS - len(self._promoted)
        chunks = [chunk for chunk, n in self._seen.most_common()
                  if n >= PROMOTE_MIN and chunk not in self._promoted][:room]
        self._seen.clear()
        if chunks:
            self._nlp.tokenizer(" ".join(chunks))
            self._promoted.update(chunks)

    def words(self, text: str) -> list[list[str]]:
        """The sentences of a plain text as lists of token strings (no article structure)."""
        with self._nlp.memory_zone():
            return [[text[s:e] for s, e in sent] for sent in self._cut(text)]

    @cached_property
    def _punct_chars(self) -> frozenset[str]:
        return frozenset(self._nlp.get_pipe("sentencizer").punct_chars)

    def _cut(self, piece: str) -> Iterator[list[tuple[int, int]]]:
        """The sentences of ``piece`` as lists of token ``(start, end)`` (spaces left out),
        exactly as spaCy's tokenizer and sentencizer cut them, read from the Doc's arrays:
        no spaCy ``Token`` object is made (they were a third of the time).  A sentence starts
        at the first token after sentence punctuation that is neither punctuation nor one of
        the sentencizer's characters (``Sentencizer.predict``)."""
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH

        doc = self._nlp.tokenizer(piece)
        if not len(doc):
            return
        punct_chars = self._punct_chars
        sentence: list[tuple[int, int]] = []
        seen_period = False
        rows = doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT]).tolist()
        if "-" in piece:
            rows = join_hyphenated(piece, rows, _split_exceptions()[1])
        has_format = _FORMAT_ONLY.search(piece) is not None  # rare: no per-token check
        for idx, length, is_space, is_punct in rows:
            end = idx + length
            in_punct_chars = piece[idx:end] in punct_chars
            if seen_period and not is_punct and not in_punct_chars:
                if sentence:
                    yield sentence
                sentence = []
                seen_period = False
            elif in_punct_chars:
                seen_period = True
            if not is_space and not (has_format and is_format_only(piece[idx:end])):
                sentence.append((idx, end))
        if sentence:
            yield sentence

    def _sentences(self, article: Article) -> list[Sentence]:
        text = article.text
        sentences: list[Sentence] = []
        segments = (piece for segment in content_segments(text, article.excluded)
                    for piece in pieces(text, *segment))
        for seg_start, seg_end in segments:
            piece = text[seg_start:seg_end]
            for cut in self._cut(piece):
                tokens = [Token(piece[s:e], seg_start + s, seg_start + e) for s, e in cut]
                sentences.append(
                    Sentence(len(sentences), tokens[0].start_char, tokens[-1].end_char, tokens)
                )
        return sentences


@register
class Tokenize(Component):
    """Sentences of tokens over the article's content (excluded ranges left out)."""

    name = "tokenize"
    provides = ("doc.sentences",)

    def __init__(self, tokenizer: Tokenizer | None = None):
        self.tokenizer = tokenizer or Tokenizer()

    def __call__(self, doc: Doc) -> Doc:
        doc.sentences = self.tokenizer(doc.article)
        return doc
