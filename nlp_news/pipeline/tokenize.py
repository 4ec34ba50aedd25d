"""Tokens and sentences: spaCy's rule-based Indonesian tokenizer with sentence rules.

Only the article's content is tokenised: each line is cut into pieces around the excluded ranges
(header, dateline, boilerplate), and every piece is split into sentences.  Offsets are into the
original article text.
"""

from __future__ import annotations

from functools import cached_property

import regex

from .. import lexicon
from ..doc import Article, Doc, Sentence, Token
from .component import Component, register

_LINE = regex.compile(r"[^\n]+")


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


#: The spaCy tokenizer factory of nlp_news (registered when the first Tokenizer is built).
TOKENIZER_NAME = "nlp_news.indonesian_tokenizer.v1"


def _tokenizer_factory():
    """spaCy's Indonesian tokenizer with two additions, built with one load of its rules.

    - "Rp.", "Jl.", "pkl.", "No." ... stay one token, so no sentence ends after them;
    - text glued across punctuation by scrapers is split: "Dewi Lestari,2", "IDBYTES,2019",
      "2019,Kata", "(ABC).Kata" (digit,digit stays one number: "2,5").

    spaCy's Indonesian rules hold about 16,000 exceptions (hyphenated words), and spaCy
    re-loads all of them whenever a setting changes or a special case is added; setting
    everything first and the rules once makes the same tokenizer in a third of the time.
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
        glued = [rf"(?<=[{ALPHA}]),(?=[0-9])", rf"(?<=[0-9]),(?=[{ALPHA}])",
                 rf"(?<=[)\]])\.(?=[{ALPHA}])", rf"(?<=[{ALPHA}0-9])[)\]](?=\.[{ALPHA}])"]
        rules = dict(defaults.tokenizer_exceptions)
        for word in lexicon.table("abbreviations"):
            for form in {word, word.title(), word.upper()}:
                rules[f"{form}."] = [{ORTH: f"{form}."}]
        tokenizer = SpacyTokenizer(
            nlp.vocab, rules=None,
            prefix_search=util.compile_prefix_regex(defaults.prefixes).search,
            suffix_search=util.compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=util.compile_infix_regex([*defaults.infixes, *glued]).finditer,
            token_match=defaults.token_match, url_match=defaults.url_match)
        tokenizer.rules = rules
        return tokenizer

    return factory


class Tokenizer:
    """Cut an article's content into sentences of tokens (spaCy ``id`` rules + sentencizer)."""

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
            return self._sentences(article)

    def words(self, text: str) -> list[list[str]]:
        """The sentences of a plain text as lists of token strings (no article structure)."""
        with self._nlp.memory_zone():
            return [[tok.text for tok in sent if not tok.is_space]
                    for sent in self._nlp(text).sents]

    def _sentences(self, article: Article) -> list[Sentence]:
        text = article.text
        sentences: list[Sentence] = []
        segments = (piece for segment in content_segments(text, article.excluded)
                    for piece in pieces(text, *segment))
        for seg_start, seg_end in segments:
            spacy_doc = self._nlp(text[seg_start:seg_end])
            for sent in spacy_doc.sents:
                tokens = [
                    Token(tok.text, seg_start + tok.idx, seg_start + tok.idx + len(tok.text))
                    for tok in sent
                    if not tok.is_space
                ]
                if not tokens:
                    continue
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
