"""The -nya rule on tagged names (no model needed: word ranks are given by hand)."""

from nlp_news.doc import Entity
from nlp_news.pipeline.clitics import CliticRule

RANKS = {"ke": 5, "barat": 40, "instagram": 300, "instagramnya": 2000, "hanya": 20,
         "han": 9000, "kenya": 8000, "catalunya": 9500}


def _ent(text, label, start=0):
    return Entity(0, start, start + len(text), text, label)


def test_stem_needs_a_known_more_frequent_word_of_three_letters():
    rule = CliticRule(RANKS)
    assert rule.stem_length("Tepi Baratnya") == len("Tepi Barat")
    assert rule.stem_length("Instagramnya") == len("Instagram")
    assert rule.stem_length("Kenya") is None          # "ke": too short
    assert rule.stem_length("Catalunya") is None      # "catalu": no word
    assert rule.stem_length("Hanya") is None          # "hanya" is more frequent than "han"
    assert rule.stem_length("Jakarta") is None


def test_multi_word_names_are_trimmed_and_lone_words_need_a_second_mention():
    rule = CliticRule(RANKS)
    ents = [_ent("Tepi Baratnya", "LOC", 10), _ent("Instagramnya", "PER", 40),
            _ent("Kenya", "LOC", 60)]
    out = rule(ents)
    assert [(e.text, e.label, e.start_char, e.end_char) for e in out] == [
        ("Tepi Barat", "LOC", 10, 20), ("Kenya", "LOC", 60, 65)]


def test_lone_word_takes_the_label_of_its_plain_mention():
    rule = CliticRule(RANKS)
    out = rule([_ent("Instagram", "ORG", 0), _ent("Instagramnya", "PER", 30)])
    assert [(e.text, e.label, e.end_char) for e in out] == [
        ("Instagram", "ORG", 9), ("Instagram", "ORG", 39)]
