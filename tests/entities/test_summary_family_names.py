"""A full name is not merged into a longer name that merely ends with it."""

import pandas as pd

from nlp_news.doc import Article, Doc, Entity
from nlp_news.entities import EntitySummary

from ._docs import link


def test_two_word_name_is_not_folded_into_a_relatives_name():
    summary = EntitySummary()
    summary.add(pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["Joko Widodo", "Iriana Joko Widodo", "Widodo"],
        "label": ["PER", "PER", "PER"],
        "canonical": ["Joko Widodo", "Iriana Joko Widodo", "Widodo"],
    }))
    names = set(summary.frame()["canonical"])
    assert {"Joko Widodo", "Iriana Joko Widodo"} <= names


def test_within_article_full_names_stay_apart_but_surname_joins():
    text = "Ibu Iriana Joko Widodo mendampingi Joko Widodo. Putin menelepon Vladimir Putin."
    doc = Doc(Article(doc_id="d", text=text))

    def ent(name, label="PER"):
        start = text.index(name)
        return Entity(0, start, start + len(name), name, label)

    doc.entities = [ent("Iriana Joko Widodo"), Entity(0, 35, 46, "Joko Widodo", "PER"),
                    ent("Putin"), ent("Vladimir Putin")]
    link(doc)
    canon = [e.canonical for e in doc.entities]
    assert canon == ["Iriana Joko Widodo", "Joko Widodo", "Vladimir Putin", "Vladimir Putin"]


def test_country_in_brackets_is_not_an_alias():
    text = "Petenis Johanna Konta (Inggris) menang. Inggris menyambut kemenangan itu."
    doc = Doc(Article(doc_id="d", text=text))
    doc.entities = [Entity(0, 8, 21, "Johanna Konta", "PER"),
                    Entity(1, text.rindex("Inggris"), text.rindex("Inggris") + 7, "Inggris",
                           "LOC")]
    link(doc)
    assert [e.canonical for e in doc.entities] == ["Johanna Konta", "Inggris"]


def test_a_nickname_leaves_the_group_of_someone_elses_fuller_name():
    """"Jokowi" grouped with "Iriana Jokowi" by its last word joins Joko Widodo alone."""
    text = ("Presiden Joko Widodo hadir. Ibu Iriana Jokowi mendampingi. Relawan Jokowi Mania "
            "bersorak. Jokowi tersenyum, Widodo melambai.")
    doc = Doc(Article(doc_id="d", text=text))

    def ent(name, at=None):
        start = text.index(name) if at is None else at
        return Entity(0, start, start + len(name), name, "PER")

    doc.entities = [ent("Joko Widodo"), ent("Iriana Jokowi"), ent("Jokowi Mania"),
                    ent("Jokowi", text.rindex("Jokowi")), ent("Widodo", text.rindex("Widodo"))]
    link(doc)
    assert [e.canonical for e in doc.entities] == [
        "Joko Widodo", "Iriana Jokowi", "Jokowi Mania", "Joko Widodo", "Joko Widodo"]
