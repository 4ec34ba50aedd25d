"""Legal forms ("Tbk", "Persero") tagged on their own are joined to their organisation."""

from nlp_news import lexicon
from nlp_news.doc import Entity
from nlp_news.pipeline.legal_forms import LegalFormRule

RULE = LegalFormRule(lexicon.table("legal_forms")["words"])


def _tag(text, *spans, sent=0):
    """Entities for the (surface, label) pairs, found left to right in ``text``."""
    out, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        pos = start + len(surface)
        out.append(Entity(sent, start, pos, surface, label))
    return out


def _rows(entities):
    return [(e.text, e.label, e.start_char, e.end_char) for e in entities]


def test_form_after_a_comma_joins_the_organisation():
    text = "Direktur PT Sinar Abadi, Tbk. Rina Wati hadir."
    out = RULE(text, _tag(text, ("PT Sinar Abadi", "ORG"), ("Tbk", "ORG"), ("Rina Wati", "PER")))
    assert _rows(out) == [("PT Sinar Abadi, Tbk", "ORG", 9, 28),
                          ("Rina Wati", "PER", 30, 39)]


def test_form_in_brackets_takes_the_closing_bracket():
    text = "PT Kapal Nusantara (Persero) membuka rute baru."
    out = RULE(text, _tag(text, ("PT Kapal Nusantara", "ORG"), ("Persero", "ORG")))
    assert _rows(out) == [("PT Kapal Nusantara (Persero)", "ORG", 0, 28)]


def test_form_alone_or_after_another_label_is_dropped():
    text = "Saham Tbk naik, kata Budi Persero kemarin."
    out = RULE(text, _tag(text, ("Tbk", "ORG"), ("Budi", "PER"), ("Persero", "ORG")))
    assert _rows(out) == [("Budi", "PER", 21, 25)]


def test_form_is_not_joined_across_words_or_sentences():
    text = "PT Dua Warna dan Tbk lain. PT Tiga Tbk."
    ents = _tag(text, ("PT Dua Warna", "ORG"), ("Tbk", "ORG"))
    assert _rows(RULE(text, ents)) == [("PT Dua Warna", "ORG", 0, 12)]
    ents = [Entity(0, 27, 34, "PT Tiga", "ORG"), Entity(1, 35, 38, "Tbk", "ORG")]
    assert _rows(RULE(text, ents)) == [("PT Tiga", "ORG", 27, 34)]


def test_names_that_only_contain_a_form_stay():
    text = "PT Telkom Tbk dan Persero Jaya bertemu."
    ents = _tag(text, ("PT Telkom Tbk", "ORG"), ("Persero Jaya", "PER"))
    assert RULE(text, ents) == ents
