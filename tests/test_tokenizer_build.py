"""The tokenizer built in one load of its rules (pipeline/tokenize.py) cuts text exactly as the
straightforward build does: spaCy's ``blank("id")``, then each special case and the extra infix
rules added one by one (the build before, three times slower to start)."""

from __future__ import annotations

import itertools
import json

import pytest

from nlp_news import config, lexicon
from nlp_news.doc import Article
from nlp_news.pipeline import tokenize
from nlp_news.pipeline.tokenize import Tokenizer

from .conftest import shared_path

OWN_TEXT = (
    "JAKARTA, KABARCONTOH.ID - Harga cabai di Jl. Merdeka No. 5 naik Rp.5.000 per kg,kata "
    "pedagang.Dewi Lestari,2 anaknya ikut berjualan sejak 2019,Kata dia. (ABC).Kata BPS, "
    "inflasi 2,5 persen; abu-abu, sayur-mayur dan kupu-kupu? \"Tidak!\" ujarnya pkl. 10.00 WIB "
    "di https://contoh.id/berita?id=1 atau info@contoh.id #harga @pedagang 3,5% (yoy). Syarat: "
    "a) KTP;,b) KK;,c) surat 2;,3. Pemprov \u200eDKI Jakarta dan kata\u200bkunci\u200e."
)


def reference_nlp():
    """The tokenizer as it was built before: defaults, then each change applied in turn."""
    import spacy
    from spacy.lang.char_classes import ALPHA
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("id")
    for word in lexicon.table("abbreviations"):
        for form in {word, word.title(), word.upper()}:
            nlp.tokenizer.add_special_case(f"{form}.", [{ORTH: f"{form}."}])
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    glued = tokenize.glued_infixes(ALPHA)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *glued]).finditer
    format_char = f"[{tokenize.FORMAT_CHARS}]"
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes,
                                                        format_char]).search
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes,
                                                        format_char]).search
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def both():
    return reference_nlp(), Tokenizer()


def cut(nlp, text):
    """The reference's sentences of (token, offset), spaces left out."""
    sentences = ([(t.text, t.idx) for t in sent if not _left_out(t)] for sent in nlp(text).sents)
    return [sentence for sentence in sentences if sentence]


def _left_out(token):
    """Spaces and invisible format characters are no tokens of the pipeline."""
    return token.is_space or tokenize.is_format_only(token.text)


def built_cut(tokenizer, text):
    with tokenizer._nlp.memory_zone():
        return [[(text[s:e], s) for s, e in sent] for sent in tokenizer._cut(text)]


def test_own_text_is_cut_the_same(both):
    reference, built = both
    assert built_cut(built, OWN_TEXT) == cut(reference, OWN_TEXT)
    tokens = [t for sent in built_cut(built, OWN_TEXT) for t, _ in sent]
    assert {"Jl.", "No.", "pkl.", "abu-abu", "2,5"} <= set(tokens)
    assert tokens[tokens.index("Lestari") + 1] == ","  # the glued-text infix still applies


@pytest.mark.parametrize("text", [
    "Dua korban (laki-laki/remaja) dan anak-anak selamat.",  # split by "/" and brackets
    "Ia datang,tiba-tiba pergi.Mata-mata itu kabur.",  # glued commas and full stops
    "Upaya pencegahan-bahkan main-main-isu-isu sensitif ditolak.",  # overlapping words
    "Lensa ultra-wide-angle dan laki - laki serta kupu-kupu.",  # a longer run; spaced
    "Pertemuan year-on-year/yoy naik, sehari-hari; (rata-rata).",
])
def test_hyphenated_words_split_by_punctuation_are_joined_as_spacy_did(both, text):
    """The hyphenated words no longer loaded as special cases (tokenize.join_hyphenated)
    come out as spaCy's special cases made them."""
    reference, built = both
    assert built_cut(built, text) == cut(reference, text)


@pytest.mark.slow  # with its twin: 4,600 real articles cut twice
@pytest.mark.parametrize("corpus", sorted(config.NEWS_CORPORA))
def test_real_articles_are_cut_the_same(both, corpus):
    path = shared_path(str(config.NEWS_CORPORA[corpus]))
    reference, built = both
    with path.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, 1500):
            record = json.loads(line)
            text = record.get("text") or "\n\n".join(record.get("paragraphs") or [])
            if isinstance(text, str) and text:
                assert built_cut(built, text) == cut(reference, text), record.get("id")


def reference_sentences(nlp, text):
    """Sentences of token (text, start, end) as the pipeline cut them before: spaCy's
    sentencizer over each content line, spaces left out."""
    out = []
    for segment in tokenize.content_segments(text, []):
        for start, end in tokenize.pieces(text, *segment):
            for sent in nlp(text[start:end]).sents:
                tokens = [(t.text, start + t.idx, start + t.idx + len(t.text))
                          for t in sent if not _left_out(t)]
                if tokens:
                    out.append(tokens)
    return out


def ours(tokenizer, text):
    return [[(t.text, t.start_char, t.end_char) for t in s.tokens]
            for s in tokenizer(Article(doc_id="x", text=text))]


def test_promoted_chunks_change_no_token(both, monkeypatch):
    """Chunks cached across articles (Tokenizer._promote) cut as before, article after
    article; the cache stays within its bound."""
    monkeypatch.setattr(tokenize, "PROMOTE_EVERY", 1)
    monkeypatch.setattr(tokenize, "PROMOTE_MIN", 1)
    monkeypatch.setattr(tokenize, "CACHE_CHUNKS", 25)
    reference, _ = both
    tokenizer = Tokenizer()
    texts = [OWN_TEXT, OWN_TEXT.upper(), OWN_TEXT.replace(" ", "  "), OWN_TEXT]
    for text in texts * 2:
        assert ours(tokenizer, text) == reference_sentences(reference, text)
    assert 0 < len(tokenizer._promoted) <= 25


@pytest.mark.slow  # with its twin: 4,600 real articles cut twice
@pytest.mark.parametrize("corpus", sorted(config.NEWS_CORPORA))
def test_real_articles_give_the_same_sentences(both, corpus):
    path = shared_path(str(config.NEWS_CORPORA[corpus]))
    reference, _ = both
    tokenizer = Tokenizer()  # promotes as in a run
    with path.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, 800):
            record = json.loads(line)
            text = record.get("text") or "\n\n".join(record.get("paragraphs") or [])
            if isinstance(text, str) and text.strip():
                assert ours(tokenizer, text) == reference_sentences(reference, text), \
                    record.get("id")
    assert tokenizer._promoted
