"""Property tests: random and adversarial input never crashes, hangs or loses a record."""

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import nlp_news
from nlp_news.article import article_from_record
from nlp_news.readers import read_articles

_settings = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])

json_line = st.one_of(
    st.binary(max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.dictionaries(st.sampled_from(["id", "text", "title", "date", "paragraphs", "x"]),
                    st.one_of(st.text(max_size=60), st.integers(), st.none(),
                              st.lists(st.text(max_size=20), max_size=3)),
                    max_size=5).map(lambda d: json.dumps(d).encode()),
)


@_settings
@given(lines=st.lists(json_line, max_size=12))
@example(lines=[b'{"":null,"":"","paragraphs":0}'])  # paragraphs that are not text
def test_jsonl_every_line_accounted_for(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("p") / "x.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    records = list(read_articles(path))
    raw_lines = path.read_bytes().split(b"\n")
    nonblank = [ln for ln in raw_lines if ln.strip()]
    if len(records) == 1 and records[0].error and "binary file" in records[0].error:
        return  # mostly control bytes: one error for the whole file
    if path.read_bytes().startswith(b"\x1f\x8b"):  # gzip's magic number, but no gzip stream
        assert records[-1].error and "cannot read file" in records[-1].error
        assert str(path) in records[-1].error
        return
    assert len(records) == len(nonblank)
    for record in records:
        article = article_from_record(record)  # never raises
        assert article.status in ("ok", "error")
        assert article.error is None or str(path) in article.error or "input" in article.error


@_settings
@given(texts=st.lists(st.text(max_size=300), min_size=1, max_size=6))
def test_annotate_random_texts_one_row_each(texts):
    pipeline = _pipeline()
    ann = nlp_news.annotate(texts, pipeline=pipeline)
    assert len(ann.documents) == len(texts)
    for row in ann.facts.itertuples():
        doc = int(row.doc_id.removeprefix("doc")) - 1
        assert texts[doc][row.start_char:row.end_char] == row.text


@_settings
@given(data=st.binary(max_size=400))
def test_text_files_of_random_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("t") / "a.txt"
    path.write_bytes(data)
    (record,) = read_articles(path)
    article = article_from_record(record)
    assert article.doc_id == "a"
    if article.error:
        assert str(path) in article.error


_PIPE = []


def _pipeline():
    if not _PIPE:
        _PIPE.append(nlp_news.Pipeline(ner=False))
    return _PIPE[0]
