"""The shipped stanza NER model: offline loading, real entities, evaluation command."""

import json
import subprocess
import sys
import textwrap

import pytest

import nlp_news
from nlp_news.evaluate import bio_spans, score, spans_to_bio
from nlp_news.models import model_paths

from .conftest import shared_path

#: For the tests that run the shipped model (the pure-logic tests below run without it).
needs_model = pytest.mark.skipif(not model_paths().has_ner(),
                                 reason="NER model not in models/ (nlp-news train all)")

OWN_TEXT = (
    "Presiden Rusia Vladimir Putin menerima Menteri Luar Negeri Indonesia Retno Marsudi di "
    "Moskow pada Selasa. Pertemuan itu juga dihadiri pejabat Kementerian Luar Negeri Rusia. "
    "Sementara itu, Gubernur Jawa Timur Khofifah Indar Parawansa meninjau banjir di Surabaya "
    "bersama tim Badan Nasional Penanggulangan Bencana (BNPB)."
)


def _found(ann, label):
    return set(ann.entities.loc[ann.entities["label"] == label, "text"])


@needs_model
def test_model_finds_entities_in_own_text(pipeline):
    ann = nlp_news.annotate([OWN_TEXT], pipeline=pipeline)
    per, loc, org = _found(ann, "PER"), _found(ann, "LOC"), _found(ann, "ORG")
    assert {"Vladimir Putin", "Retno Marsudi", "Khofifah Indar Parawansa"} <= per
    assert {"Moskow", "Surabaya"} <= loc
    assert any("Badan Nasional Penanggulangan Bencana" in o for o in org) or "BNPB" in org
    for row in ann.entities.itertuples():
        assert OWN_TEXT[row.start_char:row.end_char] == row.text


@needs_model
def test_loading_and_annotating_open_no_network_connection(tmp_path):
    """Sockets are blocked before stanza is imported: any connection attempt fails the run."""
    script = textwrap.dedent(f"""
        import socket
        def _blocked(*args, **kwargs):
            raise RuntimeError("network access attempted")
        socket.socket.connect = _blocked
        socket.socket.connect_ex = _blocked
        socket.create_connection = _blocked
        socket.getaddrinfo = _blocked
        import nlp_news
        ann = nlp_news.annotate([{OWN_TEXT!r}])
        print(sorted(set(ann.entities["text"])))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                 "STANZA_RESOURCES_DIR": str(tmp_path / "none")})
    assert result.returncode == 0, result.stderr
    assert "Vladimir Putin" in result.stdout


@needs_model
def test_missing_pretrain_is_an_error_not_silent(tmp_path):
    from nlp_news.pipeline.ner import ModelNotFoundError, NerTagger

    (tmp_path / "id_news.ner.pt").write_bytes(model_paths().ner.read_bytes())
    with pytest.raises(ModelNotFoundError, match="id_news.pretrain.pt"):
        NerTagger(model_paths(tmp_path))


@needs_model
def test_shared_example_article_entities(pipeline):
    path = shared_path("examples/linggaupos_putin_hamas_2024-02-21.txt")
    ann = nlp_news.annotate(path, pipeline=pipeline)
    per, loc, org = _found(ann, "PER"), _found(ann, "LOC"), _found(ann, "ORG")
    assert {"Putin", "Vladimir Putin"} <= per
    assert "Bogdanov" in per or "Mikhail Bogdanov" in per
    assert {"Hamas", "TASS"} <= org
    assert {"Moskow", "Rusia", "Israel", "Suriah", "Lebanon", "Iran", "Jalur Gaza"} <= loc


@needs_model
def test_shared_example_article_fatah_is_an_organisation(pipeline):
    path = shared_path("examples/linggaupos_putin_hamas_2024-02-21.txt")
    ann = nlp_news.annotate(path, pipeline=pipeline)
    assert "Fatah" in _found(ann, "ORG")


@needs_model
def test_evaluate_command(tmp_path):
    gold = tmp_path / "gold.bio"
    gold.write_text(
        "Gubernur\tO\nAnies\tB-PER\nBaswedan\tI-PER\ntiba\tO\ndi\tO\nBandung\tB-LOC\n.\tO\n\n"
        "Kantor\tO\nKomisi\tB-ORG\nPemberantasan\tI-ORG\nKorupsi\tI-ORG\nberada\tO\ndi\tO\n"
        "Jakarta\tB-LOC\n.\tO\n", encoding="utf-8")
    pred = tmp_path / "pred.bio"
    result = subprocess.run([sys.executable, "-m", "nlp_news", "evaluate", "ner", str(gold),
                             "--predictions", str(pred)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["sentences"] == 2
    assert report["micro"]["support"] == 4
    # the model tags both sentences exactly as the gold, and the file holds its own tags
    predicted = [line.split("\t") for block in pred.read_text(encoding="utf-8").split("\n\n")
                 for line in block.splitlines()]
    expected = [line.split("\t") for line in gold.read_text(encoding="utf-8").splitlines()
                if line]
    assert predicted == expected
    assert report["micro"]["f1"] == 1.0

    # a gold that says otherwise about one entity scores it as missed and as wrong
    gold.write_text(gold.read_text(encoding="utf-8").replace("Bandung\tB-LOC", "Bandung\tB-ORG"),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "nlp_news", "evaluate", "ner", str(gold)],
                            capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert report["micro"]["precision"] == report["micro"]["recall"] == 0.75


def test_span_scoring():
    assert bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"]) == {
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG")}
    assert bio_spans(["S-PER", "B-LOC", "E-LOC"]) == {(0, 1, "PER"), (1, 3, "LOC")}
    assert spans_to_bio(4, {(1, 3, "ORG")}) == ["O", "B-ORG", "I-ORG", "O"]
    report = score([{(0, 2, "PER"), (3, 4, "LOC")}], [{(0, 2, "PER"), (3, 5, "LOC")}])
    assert report["PER"]["f1"] == 1.0
    assert report["LOC"]["f1"] == 0.0
    assert report["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}


def test_length_batches_sort_and_bound_padding():
    from nlp_news.pipeline.ner import length_batches

    lengths = [5, 300, 2, 40, 40, 7, 1, 12]
    batches = list(length_batches(lengths, max_sentences=3, max_tokens=100))
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(lengths)
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) * max(lengths[i] for i in batch) <= 100 or len(batch) == 1
    assert [1] in batches  # the 300-token sentence stands alone


@needs_model
def test_tagging_in_length_batches_keeps_sentence_order(pipeline):
    tagger = pipeline.get_pipe("ner").tagger
    short = ["Joko", "Widodo", "tiba", "di", "Surabaya", "."]
    long = ["Ia", "berkata", "bahwa"] + ["rapat", "itu", "panjang", ","] * 60 + ["Medan", "."]
    sentences = [long, short, ["Hari", "ini", "cerah", "."], short]
    tagged = tagger.tag_tokens(sentences)
    assert len(tagged) == 4 and tagged[2] == []
    assert tagged[1] == tagged[3] and (0, 2, "PER") in tagged[1] and (4, 5, "LOC") in tagged[1]
    assert tagged == [tagger.tag_tokens([s])[0] for s in sentences]


def test_majority_vote_keeps_spans_most_models_share():
    from nlp_news.training.ner_silver import majority_vote

    a = {(0, 2, "PER"), (4, 5, "LOC")}
    b = {(0, 2, "PER"), (4, 6, "ORG")}
    c = {(0, 1, "PER"), (4, 6, "ORG"), (8, 9, "LOC")}
    assert majority_vote([a, b, c]) == {(0, 2, "PER"), (4, 6, "ORG")}
    assert majority_vote([a, b]) == {(0, 2, "PER")}
    assert majority_vote([a]) == a
    # two overlapping spans can each have a majority only with ties broken by votes
    assert majority_vote([{(0, 3, "ORG")}, {(0, 3, "ORG"), (1, 2, "LOC")}, {(1, 2, "LOC")},
                          {(0, 3, "ORG"), (1, 2, "LOC")}, {(0, 3, "ORG")}]) == {(0, 3, "ORG")}


@needs_model
def test_clitic_nya_is_not_part_of_a_name(pipeline):
    texts = ["Artis itu mengunggah foto liburannya di akun Instagramnya pada Minggu malam.",
             "Warga Palestina di Tepi Barat berunjuk rasa. Israel memperluas permukiman di "
             "seluruh Tepi Baratnya sejak 1967.",
             "Pelari asal Kenya itu menang di Catalunya."]
    ann = nlp_news.annotate(texts, pipeline=pipeline)
    found = set(ann.entities["text"])
    assert not any(text.endswith("nya") for text in found - {"Kenya", "Catalunya"})
    assert {"Tepi Barat", "Kenya", "Catalunya"} <= found
    second = ann.entities[(ann.entities["doc_id"] == "doc2")
                          & (ann.entities["start_char"] > texts[1].index("seluruh"))]
    assert list(second["text"]) == ["Tepi Barat"]
