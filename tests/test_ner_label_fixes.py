"""Reviewed corrections of the NER training labels: file format, application, safety checks."""

import json

import pytest

from nlp_news.training import ner_data, ner_label_fixes
from nlp_news.training.ner_train import DEV_SETS, HARMONISED, TRAIN_SETS, prepare, read_set

from .conftest import shared_path

SENTENCES = [
    [("Rina", "B-PER"), ("bekerja", "O"), ("di", "O"), ("Bank", "B-LOC"), ("Sulteng", "I-LOC"),
     (".", "O")],
    [("Pada", "O"), ("Juni", "B-PER"), ("hujan", "O"), ("turun", "O"), ("di", "O"),
     ("Palu", "O"), (".", "O")],
    [("Dodi", "B-PER"), ("pulang", "O"), ("ke", "O"), ("Garut", "B-LOC"), (".", "O")],
]


def _fixes_file(tmp_path, rows):
    path = tmp_path / "fixes.tsv"
    lines = ["\t".join(ner_label_fixes.COLUMNS)] + ["\t".join(map(str, row)) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(name, index, spans, kinds="label"):
    tokens = [token for token, _ in SENTENCES[index]]
    return (name, index, len(tokens), ner_label_fixes.checksum(tokens),
            ner_label_fixes.format_spans(spans), kinds)


def test_fixes_replace_the_labels_of_their_sentences_only(tmp_path):
    path = _fixes_file(tmp_path, [
        _row("nergrit_train", 0, [(0, 1, "PER"), (3, 5, "ORG")], "label"),
        _row("nergrit_train", 1, [(5, 6, "LOC")], "spurious,missing"),
        _row("idner2k_train", 2, []),  # another set: not applied to nergrit
    ])
    fixes = ner_label_fixes.read_fixes(path)
    assert fixes[("nergrit_train", 1)].kinds == ("spurious", "missing")
    fixed, changed = ner_label_fixes.apply_fixes("nergrit_train", SENTENCES, fixes)
    assert changed == 2
    assert [tag for _, tag in fixed[0]] == ["B-PER", "O", "O", "B-ORG", "I-ORG", "O"]
    assert [tag for _, tag in fixed[1]] == ["O", "O", "O", "O", "O", "B-LOC", "O"]
    assert fixed[2] == SENTENCES[2]
    assert [token for token, _ in fixed[1]] == [token for token, _ in SENTENCES[1]]
    _, changed = ner_label_fixes.apply_fixes("idner2k_train", SENTENCES, fixes)
    assert changed == 1


def test_a_fix_for_other_words_is_refused_with_its_line(tmp_path):
    row = list(_row("nergrit_train", 0, [(0, 1, "PER")]))
    row[1] = 2  # points at another sentence: the checksum no longer matches
    fixes = ner_label_fixes.read_fixes(_fixes_file(tmp_path, [row]))
    with pytest.raises(ValueError, match="line 2 does not match sentence 2 of nergrit_train"):
        ner_label_fixes.apply_fixes("nergrit_train", SENTENCES, fixes)


@pytest.mark.parametrize("spans, message", [
    ("0-1:MISC", "malformed span"),
    ("4-9:LOC", "span .4-9:LOC. outside the sentence"),
    ("0-2:PER 1-3:LOC", "overlapping"),
])
def test_malformed_rows_name_the_file_and_line(tmp_path, spans, message):
    row = list(_row("nergrit_train", 0, []))
    row[4] = spans
    path = _fixes_file(tmp_path, [_row("nergrit_train", 1, []), row])
    with pytest.raises(ValueError, match=rf"fixes.tsv, line 3: {message}"):
        ner_label_fixes.read_fixes(path)


def test_spans_round_trip_through_their_text_form():
    spans = ((0, 2, "ORG"), (5, 6, "LOC"))
    assert ner_label_fixes.format_spans(spans) == "0-2:ORG 5-6:LOC"
    assert ner_label_fixes.parse_spans("0-2:ORG 5-6:LOC", 6) == spans
    assert ner_label_fixes.parse_spans(ner_label_fixes.format_spans(()), 3) == ()


def test_prepare_applies_fixes_to_training_sets_only(tmp_path):
    folder = tmp_path / "data" / HARMONISED
    folder.mkdir(parents=True)
    for name in TRAIN_SETS + DEV_SETS:
        ner_data.write_bio(SENTENCES, folder / f"{name}.bio")
    # the first training set's copy is the one kept when repeats are dropped
    path = _fixes_file(tmp_path, [_row(TRAIN_SETS[0], 1, [(5, 6, "LOC")], "spurious,missing")])
    train_json, dev_json = prepare(tmp_path / "data", tmp_path / "work", label_fixes=path)

    def tags(json_path):
        return [[word["ner"] for word in sentence]
                for sentence in json.loads(json_path.read_text(encoding="utf-8"))]

    fixed = ["O", "O", "O", "O", "O", "B-LOC", "O"]
    original = [tag for _, tag in SENTENCES[1]]
    assert fixed in tags(train_json) and original not in tags(train_json)
    assert original in tags(dev_json) and fixed not in tags(dev_json)


def test_the_shipped_fixes_parse_and_name_training_sets_only():
    fixes = ner_label_fixes.read_fixes()
    assert len(fixes) > 500
    assert {name for name, _ in fixes} <= set(TRAIN_SETS)
    assert all(set(fix.kinds) <= {"missing", "spurious", "label", "boundary"}
               for fix in fixes.values())


def test_the_shipped_fixes_match_the_shared_training_sets():
    shared_path(f"data/{HARMONISED}/{TRAIN_SETS[0]}.bio")
    data = shared_path("data")
    fixes = ner_label_fixes.read_fixes()
    total = 0
    for name in TRAIN_SETS:
        _, changed = ner_label_fixes.apply_fixes(name, read_set(data, name), fixes)
        total += changed
    assert total == len(fixes)
