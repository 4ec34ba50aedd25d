"""The tokenizer built in one load of its rules (pipeline/tokenize.py) cuts text exactly as the
straightforward build does: spaCy's ``blank("id")``, then each special case and the extra infix
rules added one by one (the build before, three times slower to start)."""

from __future__ import annotations

import itertools
import json

import pytest

from nlp_news import config, lexicon
from nlp_news.pipeline.tokenize import Tokenizer

from .conftest import shared_path

OWN_TEXT = (
    "JAKARTA, KABARCONTOH.ID - Harga cabai di Jl. Merdeka No. 5 naik Rp.5.000 per kg,kata "
    "pedagang.Dewi Lestari,2 anaknya ikut berjualan sejak 2019,Kata dia. (ABC).Kata BPS, "
    "inflasi 2,5 persen; abu-abu, sayur-mayur dan kupu-kupu? \"Tidak!\" ujarnya pkl. 10.00 WIB "
    "di https://contoh.id/berita?id=1 atau info@contoh.id #harga @pedagang 3,5% (yoy)."
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
    glued = [rf"(?<=[{ALPHA}]),(?=[0-9])", rf"(?<=[0-9]),(?=[{ALPHA}])",
             rf"(?<=[)\]])\.(?=[{ALPHA}])", rf"(?<=[{ALPHA}0-9])[)\]](?=\.[{ALPHA}])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *glued]).finditer
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def both():
    return reference_nlp(), Tokenizer()._nlp


def cut(nlp, text):
    return [(t.text, t.idx, t.is_sent_start) for t in nlp(text)]


def test_own_text_is_cut_the_same(both):
    reference, built = both
    assert cut(built, OWN_TEXT) == cut(reference, OWN_TEXT)
    tokens = [t for t, _, _ in cut(built, OWN_TEXT)]
    assert {"Jl.", "No.", "pkl.", "abu-abu", "2,5"} <= set(tokens)
    assert tokens[tokens.index("Lestari") + 1] == ","  # the glued-text infix still applies


@pytest.mark.parametrize("corpus", sorted(config.NEWS_CORPORA))
def test_real_articles_are_cut_the_same(both, corpus):
    path = shared_path(str(config.NEWS_CORPORA[corpus]))
    reference, built = both
    with path.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, 1500):
            record = json.loads(line)
            text = record.get("text") or "\n\n".join(record.get("paragraphs") or [])
            if isinstance(text, str) and text:
                assert cut(built, text) == cut(reference, text), record.get("id")
