import pandas as pd
import pytest

import nlp_news
from nlp_news import tables
from nlp_news.writers import read_table


def test_tables_have_fixed_schema_even_when_empty(rules_pipeline):
    ann = nlp_news.annotate([], pipeline=rules_pipeline)
    for name, schema in tables.ALL_SCHEMAS.items():
        df = ann.tables[name]
        assert list(df.columns) == list(schema)
        assert {c: str(t) for c, t in df.dtypes.items()} == schema


def test_every_input_gets_one_document_row(rules_pipeline):
    inputs = ["Harga cabai naik 20 persen di Medan.", {"text": ""}, {"judul": "tanpa teks"},
              {"id": "k", "text": "Pada 5 Mei 2023 sebanyak 12 orang hadir."}, 42]
    ann = nlp_news.annotate(inputs, pipeline=rules_pipeline)
    docs = ann.documents
    assert list(docs["doc_id"]) == ["doc1", "doc2", "doc3", "k", "doc5"]
    assert list(docs["status"]) == ["ok", "error", "error", "ok", "error"]
    assert docs.loc[1, "error"] == "input:2: empty article"
    assert docs.loc[3, "n_sentences"] == 1 and docs.loc[3, "n_tokens"] == 9


def test_offsets_point_into_original_text(rules_pipeline, example_txt):
    text = example_txt.read_text(encoding="utf-8")
    ann = nlp_news.annotate([text], pipeline=rules_pipeline)
    assert len(ann.facts) > 5
    for row in ann.facts.itertuples():
        assert text[row.start_char:row.end_char] == row.text
    # nothing from the header or the BACA JUGA line
    baca = text.index("BACA JUGA")
    assert not ((ann.facts.start_char >= baca) & (ann.facts.start_char < baca + 90)).any()
    assert (ann.facts.start_char > text.index("KABARCONTOH.ID")).all()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_save_and_read_back(tmp_path, rules_pipeline, example_jsonl, fmt):
    ann = nlp_news.annotate(example_jsonl, pipeline=rules_pipeline)
    paths = ann.save(tmp_path, fmt)
    assert sorted(p.name for p in paths.values()) == sorted(
        f"{n}.{fmt}" for n in ("documents", "entities", "facts", "quotes", "entity_summary"))
    assert not list(tmp_path.glob(".*partial"))
    for name, schema in tables.ALL_SCHEMAS.items():
        back = read_table(paths[name], schema)
        pd.testing.assert_frame_equal(back, ann.tables[name], check_dtype=True)
    loaded = nlp_news.Annotations.load(tmp_path)
    pd.testing.assert_frame_equal(loaded.facts, ann.facts)
    with pytest.raises(ValueError, match="loaded from files"):
        loaded.to_spacy()


def test_no_sentence_break_after_abbreviations():
    from nlp_news.doc import Article
    from nlp_news.pipeline.tokenize import Tokenizer

    text = "Harganya Rp. 7.000.000 per unit. Rapat dimulai pkl. 10.00 WIB di Jl. Sudirman No. 5."
    sentences = Tokenizer()(Article(doc_id="t", text=text))
    assert [text[s.start_char:s.end_char] for s in sentences] == [
        "Harganya Rp. 7.000.000 per unit.",
        "Rapat dimulai pkl. 10.00 WIB di Jl. Sudirman No. 5."]
    assert "Rp." in [t.text for t in sentences[0].tokens]


def test_annotate_runs_torch_on_one_thread_unless_asked(pipeline):
    import torch

    from nlp_news import annotate
    from nlp_news.annotate import get_pipeline

    torch.set_num_threads(2)
    annotate(["Bupati Garut meninjau banjir."], pipeline=pipeline)
    assert torch.get_num_threads() == 1
    get_pipeline(threads=2)
    assert torch.get_num_threads() == 2
    annotate(["Bupati Garut meninjau banjir."], pipeline=pipeline, threads=None)
    assert torch.get_num_threads() == 2
    torch.set_num_threads(1)
