"""The training-label audit: disagreement kinds, halves, and a tiny end-to-end run."""

import csv
import json

from nlp_news.training import ner_audit
from nlp_news.training.__main__ import main as train_main
from nlp_news.training.ner_label_fixes import checksum
from nlp_news.training.ner_train import DEV_SETS, HARMONISED, TRAIN_SETS

TOKENS = ["Bupati", "Rina", "Wati", "meresmikan", "Pasar", "Baru", "di", "Ambon", "."]


def test_disagreements_name_each_kind_once():
    gold = {(1, 3, "PER"), (4, 6, "LOC"), (7, 8, "LOC")}
    predicted = {(0, 3, "PER"), (4, 6, "ORG"), (3, 4, "PER")}
    rows = ner_audit.disagreements(TOKENS, gold, predicted)
    assert [(r["kind"], r["gold"], r["predicted"]) for r in rows] == [
        ("boundary", "Rina Wati", "Bupati Rina Wati"),
        ("label", "Pasar Baru", "Pasar Baru"),
        ("missed", "Ambon", ""),
        ("extra", "", "meresmikan"),
    ]
    assert rows[1]["gold_label"] == "LOC" and rows[1]["predicted_label"] == "ORG"
    assert rows[2]["context"].endswith("[[ Ambon ]] .")
    assert ner_audit.disagreements(TOKENS, gold, gold) == []


def test_halves_split_by_position_and_cover_everything():
    even, odd = ner_audit.halves(5)
    assert even == [0, 2, 4] and odd == [1, 3]


def _bio(sentences):
    return "\n\n".join("\n".join(f"{tok}\t{tag}" for tok, tag in s) for s in sentences) + "\n"


def test_audit_trains_on_each_half_and_tags_the_other(tmp_path, capsys):
    """Two stanza steps per half on the project's own sentences: every training sentence is
    tagged by the half that did not see it, and each disagreement is a row of the table."""
    from nlp_news.models import model_paths

    people = ["Rina", "Dodi", "Sari", "Made", "Yusuf", "Lina"]
    places = ["Ambon", "Garut", "Kupang", "Jambi", "Sorong", "Palu"]
    sentences = [[(p, "B-PER"), ("tiba", "O"), ("di", "O"), (c, "B-LOC"), (".", "O")]
                 for p in people for c in places[:2]]
    in_file = [sentences[0], *sentences]  # a repeat: trained and tagged once
    folder = tmp_path / "data" / HARMONISED
    folder.mkdir(parents=True)
    for name in TRAIN_SETS + DEV_SETS:
        (folder / f"{name}.bio").write_text(_bio(sentences[:4] if name in DEV_SETS
                                                 else in_file), encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    (models / "id_news.pretrain.pt").symlink_to(model_paths().pretrain)
    work = tmp_path / "work"
    assert train_main(["audit", "--data", str(tmp_path / "data"), "--models", str(models),
                       "--work", str(work), "--no-augment", "--max-steps", "2",
                       "--stanza-args=--hidden_dim 8 --char_hidden_dim 8"]) == 0
    report = json.loads(capsys.readouterr().out)["audit"]
    assert set(report) == set(TRAIN_SETS)
    for entry in report.values():
        assert entry["sentences"] == len(sentences) and entry["gold_spans"] == 2 * len(sentences)
        assert 0.0 <= entry["held_out_micro_f1"] <= 1.0
    with (work / "audit" / "disagreements.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == sum(sum(e["disagreements"].values()) for e in report.values())
    assert {r["kind"] for r in rows} <= {"label", "boundary", "missed", "extra"}
    for row in rows:  # named by position in the set's file, as the label fixes are
        position = int(row["sentence"])
        assert position != 1  # the repeat
        assert row["checksum"] == checksum([tok for tok, _ in in_file[position]])
    assert (work / "audit" / "half0" / "models" / "id_news.ner.pt").exists()
    assert (work / "audit" / "half1" / "models" / "id_news.ner.pt").exists()
