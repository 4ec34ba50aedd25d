"""The lean NER forward pass (nlp_news/pipeline/ner_forward.py) gives stanza's results."""

from __future__ import annotations

import numpy as np
import pytest

from nlp_news.pipeline.ner_forward import viterbi_batch

SENTENCES = [
    "Presiden Joko Widodo meresmikan Bendungan Sepaku Semoi di Kabupaten Penajam Paser Utara .",
    "Menteri Keuangan Sri Mulyani Indrawati bertemu Direktur Pelaksana IMF di Washington .",
    "Warga Kampung Melayu , Jakarta Timur , mengungsi ke Masjid Al-Ikhlas .",
    "PT Kereta Api Indonesia ( Persero ) menambah 12 perjalanan dari Stasiun Gambir .",
    "Kepala BPBD Jawa Tengah Bergas Penanggungan meninjau tanggul jebol di Demak .",
    "Gubernur Ridwan Kamil .",
    "Hujan .",
    "KPK memeriksa Bupati Kutai Kartanegara Rita Widyasari dan ajudannya di Samarinda , "
    "Kalimantan Timur , pada Selasa pagi hingga pukul 17.00 WITA bersama tim dari Polda "
    "Kalimantan Timur dan Badan Pemeriksa Keuangan .",
    "Timnas Indonesia kalah 0-2 dari Vietnam di Stadion My Dinh , Hanoi .",
    "Rp 5 miliar disalurkan Kementerian Sosial untuk korban gempa Cianjur .",
]


@pytest.fixture(scope="module")
def taggers():
    from nlp_news.models import model_paths
    from nlp_news.pipeline.ner import NerTagger

    paths = model_paths()
    if not paths.has_ner():
        pytest.skip(f"needs the NER model in {paths.root} (nlp-news train all)")
    return NerTagger(paths, forward="stanza"), NerTagger(paths, forward="lean")


def test_lean_forward_tags_as_stanza_does(taggers):
    stanza_tagger, lean = taggers
    sentences = [s.split() for s in SENTENCES]
    expected = stanza_tagger.tag_tokens(sentences)
    assert any(expected), "the model finds entities in these sentences"
    assert lean.tag_tokens(sentences) == expected
    assert lean.tag_tokens(sentences[::-1]) == expected[::-1]  # batch order does not matter
    assert [lean.tag_tokens([s])[0] for s in sentences] == expected


def test_a_small_cache_that_is_reset_changes_nothing(taggers):
    from nlp_news.pipeline.ner_forward import NerForward

    stanza_tagger, lean = taggers
    sentences = [s.split() for s in SENTENCES]
    small = NerForward(lean._trainer, cache_words=8)
    got = [[span[:3] for span in spans] for s in sentences for spans in small.tag([s])]
    assert got == stanza_tagger.tag_tokens(sentences)
    assert small.cache_words >= max(len(set(s)) for s in sentences)  # grew to fit a batch
    assert small.misses > len({w for s in sentences for w in s})  # the cache was reset


def test_unknown_characters_and_long_words(taggers):
    stanza_tagger, lean = taggers
    sentences = [["Ω≈ç√", "di", "Kota", "Bogor", "😀", "."],
                 ["Supercalifragilistik" * 5, "Andi", "Mallarangeng", "."]]
    assert lean.tag_tokens(sentences) == stanza_tagger.tag_tokens(sentences)


def test_batched_viterbi_equals_stanza_per_sentence():
    from stanza.models.common.crf import viterbi_decode

    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(6, 6))
    lengths = [9, 5, 5, 1]
    scores = rng.normal(size=(len(lengths), 9, 6))
    for b, n in enumerate(lengths):
        scores[b, n:] = 99.0  # padding must not leak into a shorter sentence
    paths = viterbi_batch(scores, lengths, transitions)
    for b, n in enumerate(lengths):
        assert paths[b] == [int(x) for x in viterbi_decode(scores[b, :n], transitions)[0]]


class _Runs:
    """Unpickling this would run code (it writes the file named ``marker``)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('ran')",))


@pytest.mark.parametrize("zip_format", [False, True])
def test_checkpoint_reader_refuses_what_would_run_code(tmp_path, zip_format):
    import pickle

    import torch

    from nlp_news.pipeline.ner_forward import read_checkpoint

    marker = tmp_path / "ran.txt"
    path = tmp_path / "evil.pt"
    torch.save({"model": {"w": torch.ones(2)}, "x": _Runs(marker)}, path,
               _use_new_zipfile_serialization=zip_format)
    with pytest.raises(pickle.UnpicklingError, match="builtins.exec is not allowed in a model"):
        read_checkpoint(str(path))
    assert not marker.exists()


def test_checkpoint_reader_reads_tensors_and_vocabularies(tmp_path):
    from collections import OrderedDict

    import torch

    from nlp_news.pipeline.ner_forward import read_checkpoint

    saved = {"model": OrderedDict(w=torch.arange(6.0).reshape(2, 3), b=torch.zeros(3)),
             "vocab": {"word": {"_id2unit": ["<PAD>", "banjir", "Jakarta"], "lower": True}},
             "config": {"hidden_dim": 8, "scheme": "bioes"}}
    path = tmp_path / "ok.pt"
    torch.save(saved, path, _use_new_zipfile_serialization=False)  # as stanza saves
    read = read_checkpoint(str(path))
    assert read["vocab"] == saved["vocab"] and read["config"] == saved["config"]
    assert all(torch.equal(read["model"][k], saved["model"][k]) for k in saved["model"])


def test_shipped_model_reads_as_torch_weights_only_reads_it():
    import torch

    from nlp_news.models import model_paths
    from nlp_news.pipeline.ner_forward import read_checkpoint

    paths = model_paths()
    if not paths.has_ner():
        pytest.skip(f"needs the NER model in {paths.root} (nlp-news train all)")
    for path in (paths.ner, paths.pretrain):
        ours, torchs = read_checkpoint(str(path)), torch.load(path, weights_only=True)
        assert ours.keys() == torchs.keys()
        for key in ours:
            if isinstance(ours[key], torch.Tensor):
                assert torch.equal(ours[key], torchs[key])
            elif key == "model":
                assert all(torch.equal(ours[key][k], torchs[key][k]) for k in torchs[key])
            else:
                assert ours[key] == torchs[key]


def test_checkpoint_reader_reads_sets_of_old_pickles(tmp_path):
    import torch

    from nlp_news.pipeline.ner_forward import read_checkpoint

    path = tmp_path / "set.pt"
    torch.save({"labels": {"PER", "LOC"}}, path, _use_new_zipfile_serialization=False)
    assert read_checkpoint(str(path)) == {"labels": {"PER", "LOC"}}
