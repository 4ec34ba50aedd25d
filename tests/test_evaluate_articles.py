"""The real-article gold format, the annotators' notes, and `nlp-news evaluate articles`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from nlp_news import cli
from nlp_news.evaluate_articles import ArticleScorer, _Pred, evaluate_gold
from nlp_news.gold import (
    GoldArticle,
    GoldError,
    locate_notes,
    parse_gold,
    read_gold,
    text_checksum,
)
from nlp_news.readers import Record

from .conftest import shared_path

TEXT = ("Bupati Garut Rudy Gunawan meresmikan Jembatan Cimanuk pada Senin (2/9).\n\n"
        "Rudy mengatakan Dinas Pekerjaan Umum (DPU) Kabupaten Garut menghabiskan Rp3-5 miliar. "
        "Menurut DPU, 120 warga ikut bekerja.")


def _gold(mentions, facts=()):
    return GoldArticle(id="g1", record=Record(data={"text": TEXT}), text=TEXT,
                       published="2019-09-03", mentions=list(mentions), facts=list(facts))


def _span(needle, label, canonical=None, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "label": label,
            "canonical": canonical or needle}


def _pred(mention, label=None, group=None, shift=0):
    return _Pred(mention["start"], mention["end"] + shift, label or mention["label"],
                 TEXT[mention["start"]:mention["end"] + shift], group=group)


def test_scorer_counts_exact_overlap_and_categories():
    rudy = _span("Rudy Gunawan", "PER")
    rudy2 = _span("Rudy", "PER", "Rudy Gunawan", nth=1)
    garut = _span("Garut", "LOC")
    dpu = _span("Dinas Pekerjaan Umum (DPU) Kabupaten Garut", "ORG")
    dpu2 = _span("DPU", "ORG", "Dinas Pekerjaan Umum (DPU) Kabupaten Garut", nth=1)
    gold = _gold([garut, rudy, rudy2, dpu, dpu2])
    preds = [
        _pred(garut, group="e1"),                       # exact
        _pred(rudy, group="e2"), _pred(rudy2, group="e3"),  # exact, but split groups
        _pred(dpu, shift=-len(" Kabupaten Garut"), group="e4"),  # boundary
        _pred(dpu2, label="PER", group="e5"),           # wrong label
        _Pred(0, 6, "ORG", "Bupati"),                   # spurious
    ]
    scorer = ArticleScorer()
    scorer.add(gold, preds, [], excluded=[])
    report = scorer.report()
    assert report["entities"]["exact"]["tp"] == 3
    assert report["entities"]["exact"]["fn"] == 2
    assert report["entities"]["exact"]["fp"] == 3
    assert report["entities"]["overlap"]["tp"] == 4  # the boundary error overlaps
    assert report["entities"]["per_label_exact"]["PER"]["tp"] == 2
    assert report["errors"] == {"entity/boundary": 1, "entity/spurious": 1,
                                "entity/wrong_group": 1, "entity/wrong_label": 1}
    # the two Rudy mentions are one entity in the gold, two predicted: recall 0
    assert report["grouping"]["fn"] == 1 and report["grouping"]["tp"] == 0


def test_scorer_missed_and_excluded_entities():
    rudy = _span("Rudy Gunawan", "PER")
    garut = _span("Garut", "LOC")
    scorer = ArticleScorer()
    scorer.add(_gold([garut, rudy]), [], [], excluded=[(0, 10)])
    categories = [e["category"] for e in scorer.errors]
    assert categories == ["excluded", "missed"]
    assert scorer.errors[1]["context"].count("[[Rudy Gunawan]]") == 1


def test_scorer_facts_value_exact():
    money = TEXT.index("Rp3-5 miliar")
    gold_facts = [
        {"start": money, "end": money + 12, "kind": "money", "value": 3e9},
        {"start": money, "end": money + 12, "kind": "money", "value": 5e9},
        {"start": TEXT.index("Senin"), "end": TEXT.index("(2/9)") + 5, "kind": "date",
         "value": "2019-09-02"},
        {"start": TEXT.index("120"), "end": TEXT.index("120") + 9, "kind": "quantity",
         "value": 120},
    ]
    preds = [_Pred(money, money + 3, "money", "Rp3", value=3e9),
             _Pred(money + 4, money + 12, "money", "5 miliar", value=5e9),
             _Pred(TEXT.index("Senin"), TEXT.index("Senin") + 5, "date", "Senin",
                   value="2019-09-01"),
             _Pred(TEXT.index("120"), TEXT.index("120") + 3, "percent", "120", value=120.0)]
    scorer = ArticleScorer()
    scorer.add(_gold([], gold_facts), [], preds, excluded=[])
    report = scorer.report()
    assert report["facts"]["per_kind"]["money"]["f1"] == 1.0
    assert report["facts"]["per_kind"]["date"]["tp"] == 0
    assert report["errors"] == {"fact/wrong_kind": 1, "fact/wrong_value": 1}


def test_parse_gold_inline_and_reference(tmp_path):
    inline = parse_gold({"id": "x", "text": TEXT, "published": "2019-09-03",
                         "mentions": [_span("Garut", "LOC")]}, "g:1")
    assert inline.record.data["date"] == "2019-09-03"
    with pytest.raises(GoldError, match="outside the text"):
        parse_gold({"text": "pendek", "mentions": [{"start": 0, "end": 99, "label": "PER"}]},
                   "g:2")
    with pytest.raises(GoldError, match="label"):
        parse_gold({"text": TEXT, "mentions": [{"start": 0, "end": 3, "label": "MISC"}]}, "g:3")
    corpus = tmp_path / "data" / "news" / "indosum"
    corpus.mkdir(parents=True)
    (corpus / "articles.jsonl").write_text(
        json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    ref = {"corpus": "indosum", "line": 1, "sha256": text_checksum(TEXT)}
    gold = parse_gold({"id": "indosum:1", "ref": ref}, "g:4", shared=tmp_path)
    assert gold.text == TEXT and gold.record.data["id"] == "indosum:1"
    with pytest.raises(GoldError, match="does not match"):
        parse_gold({"ref": {**ref, "sha256": "0" * 64}}, "g:5", shared=tmp_path)
    with pytest.raises(GoldError, match="no line 2"):
        parse_gold({"ref": {**ref, "line": 2}}, "g:6", shared=tmp_path)


def test_locate_notes_offsets_ranges_and_unannotated_repeats():
    notes = {"mentions": [
        {"line": 0, "text": "Garut", "label": "LOC"},
        {"line": 0, "text": "Rudy Gunawan", "label": "PER"},
        {"line": 2, "text": "Dinas Pekerjaan Umum (DPU) Kabupaten Garut", "label": "ORG"},
        {"line": 2, "text": "Unknown Name", "label": "PER"},
    ], "facts": [
        {"line": 2, "text": "Rp3-5 miliar", "kind": "money", "value": 3e9},
        {"line": 2, "text": "Rp3-5 miliar", "kind": "money", "value": 5e9},
        {"line": 2, "text": "120 warga", "kind": "quantity", "value": "120"},
    ]}
    mentions, facts, problems = locate_notes(TEXT, notes)
    assert [TEXT[m["start"]:m["end"]] for m in mentions] == [
        "Garut", "Rudy Gunawan", "Dinas Pekerjaan Umum (DPU) Kabupaten Garut"]
    assert facts[0]["start"] == facts[1]["start"]  # both ends of a range share the span
    errors = [p for p in problems if not p.startswith("note:")]
    assert any("'Unknown Name' not found" in p for p in errors)
    assert any("value is a number" in p for p in errors)
    # 'Garut' inside the DPU name is covered; the 'Rudy' of line 2 is not 'Rudy Gunawan'
    assert not [p for p in problems if p.startswith("note:")]


def test_evaluate_articles_end_to_end(tmp_path, pipeline, capsys):
    gold_path = tmp_path / "gold.jsonl"
    mentions = [_span("Garut", "LOC"), _span("Rudy Gunawan", "PER"),
                _span("Rudy", "PER", "Rudy Gunawan", nth=1)]
    date = TEXT.index("Senin")
    facts = [{"start": date, "end": date + 11, "text": "Senin (2/9)", "kind": "date",
              "value": "2019-09-02", "unit": "", "approx": False}]
    gold_path.write_text(json.dumps({"id": "g1", "text": TEXT, "published": "2019-09-03",
                                     "mentions": mentions, "facts": facts}) + "\n",
                         encoding="utf-8")
    errors = tmp_path / "errors.tsv"
    assert cli.main(["evaluate", "articles", str(gold_path), "--errors", str(errors)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == 1 and report["failed_articles"] == []
    assert report["entities"]["per_label_exact"]["PER"]["tp"] == 2
    assert report["facts"]["per_kind"]["date"]["recall"] == 1.0
    table = pd.read_csv(errors, sep="\t")
    assert list(table.columns)[:3] == ["doc_id", "layer", "category"]
    # the same scores through the API
    golds = [parse_gold(json.loads(gold_path.read_text()), "g")]
    api_report, _ = evaluate_gold(golds, pipeline=pipeline)
    assert api_report["entities"] == report["entities"]


def test_evaluate_articles_bad_gold_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    assert cli.main(["evaluate", "articles", str(bad)]) == 2
    assert "neither 'text' nor 'ref'" in capsys.readouterr().err


def test_locate_notes_a_repeated_number_is_two_facts():
    text = "Kerja 8 jam lalu istirahat, lalu 8 jam lagi, dan 2-3 jam tidur."
    notes = {"facts": [{"line": 0, "text": "8 jam", "kind": "quantity", "value": 8},
                       {"line": 0, "text": "8 jam", "kind": "quantity", "value": 8},
                       {"line": 0, "text": "2-3 jam", "kind": "quantity", "value": 2},
                       {"line": 0, "text": "2-3 jam", "kind": "quantity", "value": 3}]}
    _, facts, problems = locate_notes(text, notes)
    assert not problems
    starts = [f["start"] for f in facts]
    assert starts[0] != starts[1] and starts[2] == starts[3]


GOLD_DIR = Path(__file__).resolve().parents[1] / "gold" / "real_articles"


def test_committed_gold_sets_resolve_and_follow_the_sampling_rules():
    shared_path("data/news/indosum/articles.jsonl")
    shared_path("data/news/click_id/articles.jsonl")
    splits = {name: list(read_gold(GOLD_DIR / f"{name}.jsonl"))
              for name in ("dev", "test", "second_pass", "train")}  # checksums checked
    main = splits["dev"] + splits["test"]
    assert len(main) >= 60 and len(splits["dev"]) >= 40
    assert sum(len(g.mentions) for g in main) >= 1200
    assert not {g.id for g in splits["dev"]} & {g.id for g in splits["test"]}
    assert {g.id for g in splits["second_pass"]} <= {g.id for g in main}
    # the NER training articles: drawn by the same rules, disjoint from the scoring halves
    train = splits["train"]
    assert len(train) >= 90 and not {g.id for g in train} & {g.id for g in main}
    train_sources = Counter(str(g.record.data.get("source", "")).lower() for g in train)
    assert max(train_sources.values()) * 5 <= len(train)
    assert not {"kompas.com", "tempo.co", "tribunnews.com", "fimela.com"} & set(train_sources)
    assert len(splits["second_pass"]) * 5 >= len(main)
    sources = Counter(str(g.record.data.get("source", "")).lower() for g in main)
    assert len(sources) >= 10 and max(sources.values()) * 5 <= len(main)
    assert not {"kompas.com", "tempo.co", "tribunnews.com", "fimela.com"} & set(sources)
    for gold in main + train:
        for mention in gold.mentions:
            span = gold.text[mention["start"]:mention["end"]]
            assert span == span.strip() and span, (gold.id, mention)


def test_cross_document_pairs_count_only_mentions_of_different_articles():
    scorer = ArticleScorer()
    # gold: KPK is one body in a, b and c; Budi (a) and Budi (c) are two people
    scorer.matched = [
        ("a", ("ORG", "Komisi Pemberantasan Korupsi"), "ORG:kpk"),
        ("a", ("ORG", "Komisi Pemberantasan Korupsi"), "ORG:kpk"),  # same article: no pair
        ("b", ("ORG", "Komisi Pemberantasan Korupsi"), "ORG:kpk"),
        ("c", ("ORG", "Komisi Pemberantasan Korupsi"), "ORG:komisi"),  # split from a, b
        ("a", ("PER", "Budi Santoso"), "PER:budi"),
        ("c", ("PER", "Budi Hartono"), "PER:budi"),  # wrongly merged
        ("b", ("LOC", "Garut"), None),  # no canonical_id: never "same"
        ("c", ("LOC", "Garut"), None),
    ]
    figures = scorer.cross_document()
    # gold pairs across articles: KPK a-b x2, a-c x2, b-c = 5; Garut b-c = 1 -> 6
    # predicted pairs: ORG:kpk a-b x2 = 2; PER:budi a-c = 1 -> 3, of which 2 right
    assert (figures["tp"], figures["fp"], figures["fn"]) == (2, 1, 4)


def test_gold_facts_without_offsets_match_by_kind_and_value():
    money = TEXT.index("Rp3-5 miliar")
    gold_facts = [{"text": "Rp3-5 miliar", "kind": "money", "value": 3e9},
                  {"text": "Rp3-5 miliar", "kind": "money", "value": 5e9},
                  {"text": "120 warga", "kind": "quantity", "value": 120}]
    preds = [_Pred(money, money + 3, "money", "Rp3", value=3e9),
             _Pred(money + 4, money + 12, "money", "5 miliar", value=5e9),
             _Pred(0, 6, "money", "Bupati", value=3e9)]  # a second 3e9: spurious
    scorer = ArticleScorer()
    scorer.add(_gold([], gold_facts), [], preds, excluded=[])
    report = scorer.report()
    assert report["facts"]["per_kind"]["money"] == {
        "precision": 0.6667, "recall": 1.0, "f1": 0.8, "tp": 2, "fp": 1, "fn": 0}
    assert report["facts"]["per_kind"]["quantity"]["fn"] == 1
    assert report["errors"] == {"fact/missed": 1, "fact/spurious": 1}
    missed = next(e for e in scorer.errors if e["category"] == "missed")
    assert missed["gold_text"] == "120 warga" and missed["gold_start"] is None


def test_evaluate_articles_takes_offsetless_facts_from_the_command_line(tmp_path, capsys):
    gold_path = tmp_path / "gold.jsonl"
    facts = [{"text": "Rp3-5 miliar", "kind": "money", "value": 5e9, "unit": "IDR",
              "approx": False}]
    gold_path.write_text(json.dumps({"id": "g1", "text": TEXT, "published": "2019-09-03",
                                     "mentions": [], "facts": facts}) + "\n", encoding="utf-8")
    assert cli.main(["evaluate", "articles", str(gold_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["facts"]["per_kind"]["money"]["tp"] == 1
    assert "cross_document" in report


def test_folds_and_ablation_score_the_same_articles_as_one_evaluation(pipeline):
    from nlp_news.evaluate_articles import cross_validate, fold_of

    golds = [_gold([_span("Garut", "LOC"), _span("Rudy Gunawan", "PER"),
                    _span("Rudy", "PER", "Rudy Gunawan", nth=1)])]
    single, _ = evaluate_gold(golds, pipeline=pipeline)
    report = cross_validate(golds, folds=1, ablate=["leading-title", "datelines"],
                            pipeline=pipeline)
    assert report["scores"]["exact_f1"] == {"mean": single["entities"]["exact"]["f1"],
                                            "spread": 0.0}
    gain = report["gain"]["leading-title"]  # an entity rule's id, or a component's name
    assert set(gain) >= {"exact_f1", "grouping_recall", "held_out_gain"}
    assert set(report["gain"]) == {"leading-title", "datelines"}
    assert not pipeline.get_pipe("entity_rules").skip  # every rule runs again afterwards
    # a fold is a hash of the id: stable, and every article in exactly one
    assert [fold_of(f"doc{i}", 5) for i in range(8)] == [fold_of(f"doc{i}", 5)
                                                         for i in range(8)]
    assert {fold_of(f"doc{i}", 3) for i in range(60)} == {0, 1, 2}


def test_ablating_an_unknown_component_is_a_usage_error(tmp_path, capsys):
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps({"id": "g1", "text": TEXT, "mentions": [], "facts": []})
                         + "\n", encoding="utf-8")
    assert cli.main(["evaluate", "articles", str(gold_path), "--ablate", "no_such_rule"]) == 2
    assert "no component or entity rule no_such_rule" in capsys.readouterr().err


def test_an_article_annotated_for_entities_only_scores_no_facts():
    gold = parse_gold({"id": "t1", "text": TEXT, "mentions": [_span("Garut", "LOC")]}, "t")
    assert not gold.facts_annotated
    scorer = ArticleScorer()
    money = TEXT.index("Rp3-5 miliar")
    scorer.add(gold, [_pred(_span("Garut", "LOC"))],
               [_Pred(money, money + 3, "money", "Rp3", value=3e9)], excluded=[])
    report = scorer.report()
    assert report["facts"]["micro"]["fp"] == 0 and report["entities"]["exact"]["f1"] == 1.0
