"""The training helpers, on tiny data written here (no training is run in the tests)."""

import json

from nlp_news.training import ner_data, tokenizer_eval, tokenizer_train, wordvec

CONLLU = """# newdoc id = d1
# text = Bukunya ada di Bogor.
1-2\tBukunya\t_\t_\t_\t_\t_\t_\t_\t_
1\tBuku\tbuku\tNOUN\t_\t_\t0\troot\t_\t_
2\tnya\tdia\tPRON\t_\t_\t1\tnmod\t_\t_
3\tada\tada\tVERB\t_\t_\t1\tdep\t_\t_
4\tdi\tdi\tADP\t_\t_\t5\tcase\t_\t_
5\tBogor\tBogor\tPROPN\t_\t_\t3\tobl\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

# text = Hujan turun.
1\tHujan\thujan\tNOUN\t_\t_\t2\tnsubj\t_\t_
2\tturun\tturun\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_
"""


def test_read_bio_repairs_and_drops_other_labels(tmp_path):
    path = tmp_path / "x.bio"
    path.write_text("Ani\tI-PER\nke\tO\nJakarta\tB-LOC\nRaya\tI-LOC\n\n"
                    "3\tB-QUANTITY\nhari\tI-QUANTITY\nDPR\tB-ORG\n", encoding="utf-8")
    sents = list(ner_data.read_bio(path))
    assert sents == [[("Ani", "B-PER"), ("ke", "O"), ("Jakarta", "B-LOC"), ("Raya", "I-LOC")],
                     [("3", "O"), ("hari", "O"), ("DPR", "B-ORG")]]


def test_dedupe_and_stanza_json(tmp_path):
    a = [("Ani", "B-PER"), ("datang", "O")]
    sents = ner_data.dedupe([a, [("Budi", "B-PER")], list(a)])
    assert len(sents) == 2
    out = tmp_path / "t.json"
    assert ner_data.write_stanza_json(sents, out) == 2
    assert json.loads(out.read_text())[0] == [{"text": "Ani", "ner": "B-PER"},
                                              {"text": "datang", "ner": "O"}]


def test_wordvec_tokens_are_lower_case_and_keep_numbers():
    assert wordvec.tokenize_lower("Harga BBM naik 1.250,5 rupiah, kata Sri-Mulyani.") == [
        "harga", "bbm", "naik", "1.250,5", "rupiah", ",", "kata", "sri-mulyani", "."]


def test_ud_reader_uses_surface_tokens(tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (doc,) = tokenizer_eval.read_ud_docs(path)
    assert doc.text == "Bukunya ada di Bogor. Hujan turun."
    assert [doc.text[s:e] for s, e in doc.tokens] == [
        "Bukunya", "ada", "di", "Bogor", ".", "Hujan", "turun", "."]
    assert [doc.text[s:e] for s, e in doc.sentences] == ["Bukunya ada di Bogor.", "Hujan turun."]
    assert tokenizer_train.labels(doc) == "0000001000100100000120000010000012"


def test_spacy_segmenter_scores_perfectly_on_simple_text(tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    report = tokenizer_eval.evaluate(tokenizer_eval.spacy_segmenter(),
                                     list(tokenizer_eval.read_ud_docs(path)))
    assert report["tokens"]["f1"] == 1.0
    assert report["sentences"]["f1"] == 1.0
