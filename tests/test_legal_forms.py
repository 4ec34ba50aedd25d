"""Legal forms ("Tbk", "Persero") stay out of organisation spans (guide); alone, they go."""

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


def test_form_tagged_inside_the_organisation_is_cut_off():
    text = "Saham PT Sinar Abadi Tbk naik, PT Kapal Nusantara (Persero) dan PT Dua, Tbk. turun."
    out = RULE(text, _tag(text, ("PT Sinar Abadi Tbk", "ORG"),
                          ("PT Kapal Nusantara (Persero)", "ORG"), ("PT Dua, Tbk.", "ORG")))
    assert _rows(out) == [("PT Sinar Abadi", "ORG", 6, 20),
                          ("PT Kapal Nusantara", "ORG", 31, 49),
                          ("PT Dua", "ORG", 64, 70)]


def test_form_tagged_alone_is_dropped():
    text = "Direktur PT Sinar Abadi, Tbk. Rina Wati hadir. PT Kapal Nusantara (Persero) buka."
    out = RULE(text, _tag(text, ("PT Sinar Abadi", "ORG"), ("Tbk", "ORG"), ("Rina Wati", "PER"),
                          ("PT Kapal Nusantara", "ORG"), ("Persero", "ORG")))
    assert _rows(out) == [("PT Sinar Abadi", "ORG", 9, 23), ("Rina Wati", "PER", 30, 39),
                          ("PT Kapal Nusantara", "ORG", 47, 65)]


def test_names_that_only_contain_a_form_stay():
    text = "PT Telkomtbk, Persero Jaya dan Budi Tbk bertemu."
    ents = _tag(text, ("PT Telkomtbk", "ORG"), ("Persero Jaya", "ORG"), ("Budi Tbk", "PER"))
    assert RULE(text, ents) == ents
