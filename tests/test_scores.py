"""Entity scores (#38): CRF marginals, calibration, sources, --min-score."""

import itertools
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from nlp_news.doc import Article, Doc, Entity
from nlp_news.models import model_paths
from nlp_news.pipeline.ner_forward import forward_backward, path_probability, viterbi_batch
from nlp_news.scores import Calibration, bands, check_min_score, fit


def test_span_probabilities_equal_brute_force_sums_over_all_paths():
    rng = np.random.default_rng(7)
    tags, lengths = 3, [4, 2]
    scores = rng.normal(size=(2, 4, tags))
    transitions = rng.normal(size=(tags, tags))
    alpha, beta, scale = forward_backward(scores, lengths, transitions)
    paths = viterbi_batch(scores, lengths, transitions)
    for b, length in enumerate(lengths):
        def weight(path, b=b):
            return np.exp(sum(scores[b, t, path[t]] for t in range(len(path)))
                          + sum(transitions[path[t - 1], path[t]] for t in range(1, len(path))))
        every = list(itertools.product(range(tags), repeat=length))
        z = sum(weight(p) for p in every)
        best = paths[b]
        assert max(every, key=weight) == tuple(best)
        for start, end in [(0, 0), (0, length - 1), (length - 1, length - 1)]:
            want = sum(weight(p) for p in every
                       if p[start:end + 1] == tuple(best[start:end + 1])) / z
            got = path_probability(scores[b], transitions, alpha[b], beta[b], scale[b], best,
                                   start, end)
            assert np.isclose(got, want)


def test_each_mention_scores_by_its_source():
    text = "Presiden Joko Widodo tiba di Bogor bersama Basuki."
    doc = Doc(Article(doc_id="d", text=text))
    jokowi = Entity(0, 9, 20, "Joko Widodo", "PER")
    bogor = Entity(0, 29, 34, "Bogor", "LOC", origin="gazetteer")
    basuki = Entity(0, 43, 49, "Basuki", "ORG")  # a rule relabelled the model's PER
    doc.entities = [jokowi, bogor, basuki]
    doc.model_spans = {(9, 20, "PER"): 0.99, (43, 49, "PER"): 0.9}
    cal = Calibration(a=0.5, b=0.0, sources={"rule": 0.85, "gazetteer": 0.96})
    cal.score(doc)
    assert jokowi.score == pytest.approx(round(cal.model(0.99), 3))
    assert 0.9 < jokowi.score < 0.99  # a < 1 pulls an over-confident model in
    assert (bogor.score, basuki.score) == (0.96, 0.85)
    assert Calibration().model(0.7) == pytest.approx(0.7)  # no file: the raw probability


def test_the_calibration_fit_is_monotone_and_pulls_overconfidence_in():
    probs = [0.99] * 80 + [0.6] * 20
    correct = [True] * 72 + [False] * 8 + [True] * 8 + [False] * 12
    a, b = fit(probs, correct)
    cal = Calibration(a, b)
    assert cal.model(0.99) < 0.99 and cal.model(0.6) < cal.model(0.99)
    table = bands([cal.model(p) for p in probs], correct)
    assert sum(row["mentions"] for row in table) == 100


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_a_min_score_outside_zero_one_is_refused(bad):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        check_min_score(bad)


needs_model = pytest.mark.skipif(not model_paths().has_ner(),
                                 reason="NER model not in models/ (or $NLP_NEWS_MODELS)")


@needs_model
def test_min_score_drops_low_scores_and_the_tables_follow(tmp_path):
    dump = tmp_path / "in.jsonl"
    dump.write_text(json.dumps({"id": "a", "text": (
        "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Mahathir Mohamad di Istana "
        "Bogor, Jawa Barat, Senin. Ketua Umum Partai Gelombang Biru Saja hadir, kata "
        "Wakil Sekjen Majelis Ulama Kampung Sebelah kepada wartawan.")}) + "\n",
        encoding="utf-8")
    outs = {}
    for name, extra in (("all", []), ("sure", ["--min-score", "0.95"])):
        out = tmp_path / name
        result = subprocess.run([sys.executable, "-m", "nlp_news", "annotate", str(dump),
                                 "--out", str(out), *extra], capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        outs[name] = out
    every = pd.read_csv(outs["all"] / "entities.csv")
    sure = pd.read_csv(outs["sure"] / "entities.csv")
    assert every["score"].notna().all() and every["score"].between(0, 1).all()
    assert (sure["score"] >= 0.95).all() and len(sure) < len(every)
    docs = pd.read_csv(outs["sure"] / "documents.csv")
    assert docs.loc[0, "n_entities"] == len(sure)
    summary = pd.read_csv(outs["all"] / "entity_summary.csv")
    assert summary["mean_score"].between(0, 1).all()
    bad = subprocess.run([sys.executable, "-m", "nlp_news", "annotate", str(dump), "--out",
                          str(tmp_path / "bad"), "--min-score", "2"], capture_output=True,
                         text=True, timeout=300)
    assert bad.returncode == 2 and "[0, 1]" in bad.stderr
