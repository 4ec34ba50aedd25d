"""The training helpers, on tiny data written here (training runs only on a few sentences)."""

import json

import pytest

from nlp_news.training import ner_data, tokenizer_eval, tokenizer_train, wordvec

from .conftest import shared_path

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


def test_name_titles_become_repeated_lower_case_sentences(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Sultan Hasanuddin\n\nSungai Kapuas (Kalimantan)\n", encoding="utf-8")
    sentences = wordvec.name_sentences([names], repeat=2)
    assert sentences == [["sultan", "hasanuddin"]] * 2 + [
        ["sungai", "kapuas", "(", "kalimantan", ")"]] * 2
    assert wordvec.name_sentences([names], repeat=0) == []


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


def test_spans_and_mention_replacement_keep_the_context():
    from random import Random

    from nlp_news.training import ner_augment

    sent = [("Rina", "B-PER"), ("Wati", "I-PER"), ("terbang", "O"), ("ke", "O"),
            ("Ambon", "B-LOC"), ("bersama", "O"), ("PT", "B-ORG"), ("Angin", "I-ORG")]
    assert ner_augment.spans(sent) == [(0, 2, "PER"), (4, 5, "LOC"), (6, 8, "ORG")]
    pools = [{"PER": [("Dodi",)], "LOC": [("Pulau", "Seram")], "ORG": [("Koperasi", "Tani")]}]
    new = ner_augment.replace_mentions(sent, pools, Random(0))
    assert new == [("Dodi", "B-PER"), ("terbang", "O"), ("ke", "O"), ("Pulau", "B-LOC"),
                   ("Seram", "I-LOC"), ("bersama", "O"), ("Koperasi", "B-ORG"),
                   ("Tani", "I-ORG")]
    assert ner_augment.mentions([sent])["LOC"] == [("Ambon",)]


def test_name_lists_drop_disambiguations_numbers_and_long_names(tmp_path):
    from random import Random

    from nlp_news.training import ner_augment

    path = tmp_path / "names.txt"
    path.write_text("Desa Sukamaju, Cibeber\nMerkurius (planet)\nPasukan 45\n"
                    "Satu Dua Tiga Empat Lima Enam\nLembaga Riset Laut\n", encoding="utf-8")
    assert ner_augment.read_names(path, Random(0)) == [("Lembaga", "Riset", "Laut")]


def test_running_average_is_the_mean_of_the_states():
    import torch

    from nlp_news.training.ner_average import RunningAverage

    avg = RunningAverage({"w": torch.tensor([1.0, 2.0]), "steps": torch.tensor(3)})
    avg.add({"w": torch.tensor([3.0, 4.0]), "steps": torch.tensor(4)})
    avg.add({"w": torch.tensor([5.0, 0.0]), "steps": torch.tensor(5)})
    assert avg.count == 3
    assert torch.allclose(avg.mean["w"], torch.tensor([3.0, 2.0]))
    assert "steps" not in avg.mean


def test_augmenting_the_real_training_mix_keeps_every_context_token():
    from nlp_news.training import ner_augment, ner_train

    data = shared_path("data")
    bio = data / ner_train.HARMONISED / "nerui_fold1_train.bio"
    sentences = list(ner_data.read_bio(bio))[:300]
    copies = ner_augment.augment(sentences, data, seed=7)
    originals = [s for s in sentences if ner_augment.spans(s)]
    assert len(copies) == len(originals) > 100
    changed = 0
    for old, new in zip(originals, copies, strict=True):
        assert [t for t, tag in old if tag == "O"] == [t for t, tag in new if tag == "O"]
        assert [x[2] for x in ner_augment.spans(old)] == [x[2] for x in ner_augment.spans(new)]
        changed += old != new
    assert changed > 0.9 * len(copies)
    assert copies == ner_augment.augment(sentences, data, seed=7)
    two = ner_augment.augment(sentences, data, seed=7, copies=2)
    assert two[:len(copies)] == copies  # a second copy only adds sentences
    assert len(two) == 2 * len(copies) and two[len(copies):] != copies


def test_weight_averaging_stage_runs_on_the_shipped_model(tmp_path):
    from nlp_news.models import model_paths
    from nlp_news.pipeline.ner import NerTagger
    from nlp_news.training.ner_average import AverageConfig, average

    sents = [[("Rina", "B-PER"), ("Wati", "I-PER"), ("tiba", "O"), ("di", "O"),
              ("Ambon", "B-LOC"), (".", "O")],
             [("Koperasi", "B-ORG"), ("Tani", "I-ORG"), ("Makmur", "I-ORG"), ("panen", "O"),
              ("di", "O"), ("Garut", "B-LOC"), (".", "O")]]
    train, dev = tmp_path / "train.json", tmp_path / "dev.json"
    ner_data.write_stanza_json(sents * 4, train)
    ner_data.write_stanza_json(sents, dev)
    paths = model_paths()
    out = tmp_path / "id_news.ner.pt"
    report = average(train, dev, paths.pretrain, paths.ner, out,
                     AverageConfig(steps=4, every=2, eval_interval=2, threads=1))
    assert set(report["evaluations"]) == {2, 4}
    assert report["best_dev"] >= report["start_dev"] > 0.5
    (tmp_path / "id_news.pretrain.pt").symlink_to(paths.pretrain)
    tagged = NerTagger(model_paths(tmp_path)).tag_tokens(
        [["Menteri", "Sri", "Mulyani", "berkunjung", "ke", "Surabaya", "."]])
    assert tagged == [[(1, 3, "PER"), (5, 6, "LOC")]]


def test_average_needs_positive_steps(tmp_path):
    from nlp_news.training.__main__ import main

    with pytest.raises(SystemExit, match="--average-steps must be positive"):
        main(["average", "--average-steps", "0", "--models", str(tmp_path),
              "--work", str(tmp_path / "w")])


class _FixedTagger:
    """A stand-in teacher that returns fixed spans for each sentence."""

    def __init__(self, spans):
        self.spans = spans

    def tag_tokens(self, sentences):
        return [self.spans[" ".join(s)] for s in sentences]


def test_silver_keeps_only_sentences_every_teacher_tags_alike():
    from nlp_news.training import ner_silver

    a = ["Wali", "Kota", "Rudi", "Hartono", "meninjau", "pasar", "di", "Blitar"]
    b = ["Dinas", "Perhubungan", "Kota", "Blitar", "menutup", "jalan", "itu"]
    c = ["Hujan", "deras", "turun", "sejak", "pagi", "hari", "di", "sana"]
    one = {" ".join(a): [(2, 4, "PER"), (7, 8, "LOC")], " ".join(b): [(0, 4, "ORG")],
           " ".join(c): []}
    two = {**one, " ".join(b): [(0, 2, "ORG"), (3, 4, "LOC")]}
    kept = ner_silver.agreed([a, b, c], [_FixedTagger(one), _FixedTagger(two)])
    assert kept == [[("Wali", "O"), ("Kota", "O"), ("Rudi", "B-PER"), ("Hartono", "I-PER"),
                     ("meninjau", "O"), ("pasar", "O"), ("di", "O"), ("Blitar", "B-LOC")]]


def test_silver_wiki_text_drops_labels_and_caps_template_sentences(tmp_path):
    from nlp_news.training import ner_silver

    stub = "Sekolah ini berada di Desa {} , Kabupaten Sleman .\n"
    text = "".join(stub.format(name) for name in ("Sumber", "Wedi", "Kalasan", "Mlati"))
    text += "Bandara baru itu dibangun oleh PT Angkasa Pura pada 2019 .\nsingkat .\n"
    path = tmp_path / "wiki.txt"
    path.write_text("".join(f"{tok} {'Place' if tok[0].isupper() else 'O'}\n"
                            for tok in text.split()), encoding="utf-8")
    sentences = ner_silver.wiki_sentences(path)
    assert [s[5] for s in sentences] == ["Sumber", "Wedi", "PT"]
    assert sentences[-1][:3] == ["Bandara", "baru", "itu"]


def test_plain_text_words_come_in_sentences():
    from nlp_news.pipeline.tokenize import Tokenizer

    words = Tokenizer().words("Harga cabai naik di Pasar Baru. Pedagang mengeluh, kata Rahmat.")
    assert words == [["Harga", "cabai", "naik", "di", "Pasar", "Baru", "."],
                     ["Pedagang", "mengeluh", ",", "kata", "Rahmat", "."]]


def test_silver_needs_two_teachers(tmp_path):
    from nlp_news.training import ner_silver

    with pytest.raises(ValueError, match="at least two teacher"):
        ner_silver.silver(tmp_path, [tmp_path], exclude=[])


class _NoPlaces:
    """A teacher that never tags places: the shipped model's tags without LOC."""

    def __init__(self, tagger):
        self.tagger = tagger
        self.dropped = 0

    def tag_tokens(self, sentences):
        out = []
        for spans in self.tagger.tag_tokens(sentences):
            out.append([span for span in spans if span[2] != "LOC"])
            self.dropped += len(out[-1]) < len(spans)
        return out


def test_silver_from_real_news_keeps_only_what_two_teachers_agree_on(monkeypatch):
    """Real news tagged by the shipped model and by a teacher that disagrees with it on every
    place: only the sentences they tag alike are kept (none with a place), and no sentence of
    the dev sets gets in."""
    from nlp_news.models import model_paths
    from nlp_news.pipeline import ner
    from nlp_news.training import ner_silver

    made, shipped = [], ner.NerTagger

    def teacher(paths, *args, **kwargs):
        made.append(shipped(paths) if not made else _NoPlaces(made[0]))
        return made[-1]

    monkeypatch.setattr(ner, "NerTagger", teacher)
    data = shared_path("data")
    models = model_paths().ner.parent
    dev = list(ner_data.read_bio(data / "ner/harmonised_PER_LOC_ORG/nerui_fold1_dev.bio"))
    kept = ner_silver.silver(data, [models, models], exclude=dev, news=60, wiki=40, seed=3)
    assert len(made) == 2 and made[1].dropped >= 5  # the teachers disagreed on some
    assert 10 <= len(kept) <= 100 - made[1].dropped
    assert all(any(tag != "O" for _, tag in s) for s in kept)
    assert not any(tag.endswith("LOC") for s in kept for _, tag in s)
    banned = {tuple(t for t, _ in s) for s in dev}
    assert not any(tuple(t for t, _ in s) in banned for s in kept)


def test_every_teacher_recipe_is_a_valid_train_ner_command():
    import shlex

    from nlp_news.training import ner_train
    from nlp_news.training.__main__ import build_parser

    parsed = {name: build_parser().parse_args(["ner", *options])
              for name, options in ner_train.TEACHERS.items()}
    assert parsed["augmented"].augment and parsed["augmented"].average_steps > 0
    assert parsed["mdee"].extra == ["mdee_gold"] and not parsed["mdee"].augment
    assert shlex.split(parsed["adam"].stanza_args)[-2:] == ["--second_lr", "0.001"]
    assert all(not args.teachers for args in parsed.values())


def _write_tiny_news_corpus(data_dir):
    """A gzipped corpus of this project's own sentences, laid out as in ../shared/data."""
    import gzip
    from itertools import product

    from nlp_news.training import charlm

    people = ["Rina Wati", "Dodi Saputra", "Made Arta", "Siti Aminah"]
    places = ["Ambon", "Kupang", "Bogor", "Pulau Seram"]
    lines = [f"{who} meresmikan pasar ikan baru di {where} pada hari Senin. "
             f"Warga {where} menyambut {who.split()[0]} dengan tarian adat.\n"
             for who, where in product(people, places)]
    corpus = data_dir / charlm.CORPUS
    corpus.parent.mkdir(parents=True)
    with gzip.open(corpus, "wt", encoding="utf-8") as out:
        for _ in range(15):
            out.writelines(lines)
            out.write("\n")


def test_small_character_language_models_train_load_and_feed_the_ner_tagger(tmp_path):
    """Tiny charlms, a few NER steps reading them, a tagger that loads all of it; without
    the charlm files the tagger fails with a clear message."""
    from stanza.models.common.char_model import CharacterLanguageModel

    from nlp_news.models import model_paths
    from nlp_news.pipeline.ner import ModelNotFoundError, NerTagger
    from nlp_news.training import charlm, ner_train

    _write_tiny_news_corpus(tmp_path / "data")
    models = tmp_path / "models"
    models.mkdir()
    config = charlm.CharlmConfig(hidden_dim=16, emb_dim=8, epochs=1)
    report = charlm.train(tmp_path / "data", tmp_path / "work", models, config)
    assert report["config"]["hidden_dim"] == 16
    dev = (tmp_path / "work" / "dev.txt").read_text(encoding="utf-8").splitlines()
    assert len(dev) == 240 // charlm.DEV_EVERY
    paths = model_paths(models)
    assert paths.has_charlm()
    forward = CharacterLanguageModel.load(str(paths.charlm_forward))
    backward = CharacterLanguageModel.load(str(paths.charlm_backward))
    assert forward.hidden_dim() == backward.hidden_dim() == 16
    assert forward.is_forward_lm and not backward.is_forward_lm

    sents = [[("Rina", "B-PER"), ("Wati", "I-PER"), ("tiba", "O"), ("di", "O"),
              ("Ambon", "B-LOC"), (".", "O")]]
    train, dev_json = tmp_path / "train.json", tmp_path / "dev.json"
    ner_data.write_stanza_json(sents * 4, train)
    ner_data.write_stanza_json(sents, dev_json)
    (models / "id_news.pretrain.pt").symlink_to(model_paths().pretrain)
    ner_train.train(train, dev_json, paths.pretrain, paths.ner, ner_train.NerConfig(
        max_steps=2, eval_interval=2, hidden_dim=8,
        charlm=(paths.charlm_forward, paths.charlm_backward)))
    tagger = NerTagger(paths)
    assert len(tagger.tag_tokens([["Dodi", "tiba", "di", "Kupang", "."]])) == 1
    for direction in charlm.DIRECTIONS:  # the paths stored at training too
        (models / f"id_news.charlm.{direction}.pt").rename(tmp_path / f"{direction}.pt")
    with pytest.raises(ModelNotFoundError, match="train charlm"):
        NerTagger(paths)


def test_train_ner_with_charlm_needs_the_charlm_files(tmp_path):
    from nlp_news.training import ner_train
    from nlp_news.training.__main__ import build_parser, charlm_pair

    args = build_parser().parse_args(["ner", "--charlm", "--models", str(tmp_path)])
    with pytest.raises(SystemExit, match="train charlm"):
        charlm_pair(args)
    (tmp_path / "id_news.charlm.forward.pt").write_bytes(b"")
    (tmp_path / "id_news.charlm.backward.pt").write_bytes(b"")
    pair = charlm_pair(args)
    options = ner_train.charlm_options(pair)
    assert options[0] == "--charlm" and options[-1] == str(pair[1])
    assert ner_train.charlm_options(None) == []
    assert charlm_pair(build_parser().parse_args(["ner", "--models", str(tmp_path)])) is None


def _doc(text, entities, origin="model"):
    """A one-sentence Doc of whitespace tokens with entities given as (text, label)."""
    import regex

    from nlp_news.doc import Article, Doc, Entity, Sentence, Token

    tokens = [Token(m.group(), m.start(), m.end()) for m in regex.finditer(r"\S+", text)]
    doc = Doc(Article(doc_id="d", text=text),
              sentences=[Sentence(0, 0, len(text), tokens)])
    for name, label in entities:
        start = text.index(name)
        doc.entities.append(Entity(0, start, start + len(name), name, label, origin=origin))
    return doc


def test_article_silver_keeps_consistent_aligned_sentences_as_bio():
    from nlp_news.training.ner_article_silver import doc_silver

    doc = _doc("Bupati Sleman Sri Purnomo meresmikan pasar baru di Kecamatan Depok kemarin .",
               [("Sleman", "LOC"), ("Sri Purnomo", "PER"), ("Depok", "LOC")])
    [sentence] = doc_silver(doc)
    assert [t for _, t in sentence][:4] == ["O", "B-LOC", "B-PER", "I-PER"]
    assert sentence[-3] == ("Depok", "B-LOC")


def test_article_silver_drops_sentences_the_checks_reject():
    from nlp_news.training.ner_article_silver import doc_silver

    text = "Warga Sleman menyambut Sri Purnomo di alun-alun , lalu Sleman bersih ."
    # the second "Sleman" is untagged while the article tags the first: inconsistent
    assert doc_silver(_doc(text, [("Sri Purnomo", "PER"), ("Sleman", "LOC")])) == []
    # a gazetteer place tagged PER
    text = "Kemarin Sleman bertemu warga desa di balai pertemuan kecamatan ."
    assert doc_silver(_doc(text, [("Sleman", "PER")]), {"Sleman"}) == []
    assert len(doc_silver(_doc(text, [("Sleman", "LOC")]), {"Sleman"})) == 1
    # an entity that ends inside a token ("Purnomonya"), a user-ruler mention, too short
    text = "Warga menyambut kedatangan Purnomonya di alun-alun kota kemarin ."
    assert doc_silver(_doc(text, [("Purnomo", "PER")])) == []
    text = "Warga menyambut kedatangan Purnomo di alun-alun kota kemarin ."
    assert doc_silver(_doc(text, [("Purnomo", "PER")], origin="ruler")) == []
    assert doc_silver(_doc("Purnomo datang .", [("Purnomo", "PER")])) == []


def test_article_silver_never_uses_gold_articles_or_name_dropping_sources():
    from nlp_news import config
    from nlp_news.gold import eligible_articles
    from nlp_news.training import ner_article_silver as silver

    gold = silver.gold_keys()
    assert len(silver.gold_keys(rows=silver.U_DRAW_ROWS)) == 72  # model U's silver draw
    assert len(gold) >= 112 and silver.gold_keys(rows=silver.U_DRAW_ROWS) < gold
    shared = shared_path("data").parent
    lines = eligible_articles(shared, gold)
    assert not {(c, n) for c, n, _ in lines} & gold
    assert not any(c == "click_id" and str(r.get("source", "")).lower()
                   in config.DROPPED_NAME_SOURCES for c, _, r in lines)
    assert len(lines) > 10000
    # the hand-annotated training articles are no scoring article either
    assert len(silver.gold_keys(splits=("train",))) >= 90
    assert not silver.gold_keys(splits=("train",)) & gold


def test_gold_articles_become_tagged_body_sentences(tmp_path):
    import json

    from nlp_news.training.ner_article_silver import gold_sentences

    text = ("Wali Kota Bogor Bima Arya meninjau Pasar Bogor pada Senin pagi.\n\n"
            "Ia didampingi Kepala Dinas Kesehatan. Semua pedagang hadir di sana.\n\n"
            "Menurut Bimanya, PT Pasar Kota akan merenovasi atap.")

    def span(needle, label, length=None):
        start = text.index(needle)
        return {"start": start, "end": start + (length or len(needle)), "label": label,
                "canonical": needle}

    # the last one ends inside a token (a mis-set offset): "Bimany" of "Bimanya"
    mentions = [span("Bogor", "LOC"), span("Bima Arya", "PER"), span("Bimanya", "PER", 6)]
    gold = tmp_path / "train.jsonl"
    gold.write_text(json.dumps({"id": "own", "text": text, "published": "2019-09-02",
                                "mentions": mentions, "facts": []}) + "\n", encoding="utf-8")
    sentences = gold_sentences(gold)
    tags = {" ".join(w for w, _ in s): [t for _, t in s] for s in sentences}
    first = next(s for s in sentences if s[0][0] == "Wali")
    assert [t for w, t in first if t != "O"] == ["B-LOC", "B-PER", "I-PER"]
    # a sentence with no mention is kept: the gold is exhaustive, so it teaches "nothing here"
    assert any(all(t == "O" for t in ts) for ts in tags.values())
    # the sentence whose mention ends inside a token is left out, not mis-tagged
    assert not any(s[0][0] == "Menurut" for s in sentences)


def _tiny_corpus(shared, texts):
    """A CLICK-ID-shaped corpus of ``texts`` under ``shared`` (one JSON record a line)."""
    from nlp_news import config

    path = shared / config.NEWS_CORPORA["click_id"]
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps({"id": str(i), "title": "", "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


def test_stored_silver_is_rebuilt_from_the_dump_and_checked(tmp_path):
    from nlp_news.gold import record_text, text_checksum
    from nlp_news.readers import Record
    from nlp_news.training import ner_article_silver as silver

    texts = ["Bupati Garut Rudy Gunawan meninjau pasar di Cibatu.",
             "Warga Kota Ambon menyambut Wali Kota Bodewin Wattimena."]
    corpus = _tiny_corpus(tmp_path, texts)
    rows = []
    for line, raw in enumerate(corpus.read_text("utf-8").splitlines(), 1):
        text = record_text(Record(data=json.loads(raw), origin="x", default_id=str(line)))
        words = text.rstrip(".").split() + ["."]
        offsets, at = [], 0
        for word in words:
            at = text.index(word, at)
            offsets.append([at, at + len(word)])
            at += len(word)
        tags = ["B-PER" if w in ("Rudy", "Bodewin") else "I-PER" if w in ("Gunawan",
                "Wattimena") else "O" for w in words]
        rows.append({"corpus": "click_id", "line": line, "text_sha256": text_checksum(text),
                     "tokens": offsets, "tags": tags, "words": words})
    stored = tmp_path / "silver.jsonl.gz"
    assert silver.write_stored(stored, rows, "test") == 2
    assert b"Gunawan" not in __import__("gzip").decompress(stored.read_bytes())  # no text
    rebuilt = silver.read_stored(stored, tmp_path)
    assert rebuilt[0][2:4] == [("Rudy", "B-PER"), ("Gunawan", "I-PER")]
    assert rebuilt[1][-3:] == [("Bodewin", "B-PER"), ("Wattimena", "I-PER"), (".", "O")]
    # the same bytes when stored again (gzip without a time stamp)
    again = tmp_path / "again.jsonl.gz"
    silver.write_stored(again, rows, "test")
    assert again.read_bytes() == stored.read_bytes()
    # an article whose text changed in the dump is refused, naming it
    _tiny_corpus(tmp_path / "other", [texts[0], texts[1].replace("Ambon", "Tual")])
    with pytest.raises(ValueError, match="click_id:2 is missing or has changed"):
        silver.read_stored(stored, tmp_path / "other")


def test_model_u_silver_rebuilds_its_7389_sentences():
    from nlp_news.training import ner_article_silver as silver

    shared_path("data/news/indosum/articles.jsonl")
    shared = shared_path("data/news/click_id/articles.jsonl").parents[3]
    sentences = silver.read_stored(silver.STORED_U, shared)
    assert len(sentences) == 7389
    assert sum(tag.startswith("B-") for s in sentences for _, tag in s) == 14727


def test_averaging_keeps_the_chosen_step(tmp_path):
    import torch

    from nlp_news.models import model_paths
    from nlp_news.training.ner_average import AverageConfig, average

    sents = [[("Rina", "B-PER"), ("tiba", "O"), ("di", "O"), ("Ambon", "B-LOC"), (".", "O")]]
    train, dev = tmp_path / "train.json", tmp_path / "dev.json"
    ner_data.write_stanza_json(sents * 4, train)
    ner_data.write_stanza_json(sents, dev)
    paths = model_paths()
    config = AverageConfig(steps=4, every=1, eval_interval=2, threads=1,
                           snapshots=tmp_path / "snap", keep_step=2)
    report = average(train, dev, paths.pretrain, paths.ner, tmp_path / "out.pt", config)
    assert report["kept_step"] == 2
    kept = torch.load(tmp_path / "out.pt", weights_only=False)["model"]
    step2 = torch.load(tmp_path / "snap" / "step_00002.pt", weights_only=False)["model"]
    assert all(torch.equal(kept[k], step2[k]) for k in step2)
    with pytest.raises(ValueError, match="keep_step 3"):
        average(train, dev, paths.pretrain, paths.ner, tmp_path / "o.pt",
                AverageConfig(steps=4, eval_interval=2, keep_step=3))


def test_train_shipped_runs_j_then_u_and_compares_the_result(tmp_path, monkeypatch):
    """`train shipped` = model J's recipe, then U's (stored silver, step 5,000 kept), with 2
    threads; the model it replaces is compared with the result by weights."""
    import shutil

    from nlp_news.models import model_paths, write_manifest
    from nlp_news.training import __main__ as cli
    from nlp_news.training import ner_article_silver, ner_average, ner_train

    models = tmp_path / "models"
    models.mkdir()
    for name in ("id_news.ner.pt", "id_news.pretrain.pt"):
        shutil.copyfile(model_paths().root / name, models / name)
    write_manifest(models)
    calls = []

    def prepare(args):
        calls.append(("prepare", args.what, args.silver_file, args.augment, args.threads))
        return tmp_path / "train.json", tmp_path / "dev.json"

    def stage1(train_json, dev_json, pretrain, out_model, config):
        calls.append(("stage1", config.max_steps, config.threads))
        return 1.0

    def stage2(train_json, dev_json, pretrain, start, out_model, config, charlm=None):
        calls.append(("average", config.steps, config.keep_step, config.lr, config.threads))
        shutil.copyfile(start, out_model)  # weights unchanged: "the same model"
        return {}

    monkeypatch.setattr(cli, "prepare_ner", prepare)
    monkeypatch.setattr(ner_train, "train", stage1)
    monkeypatch.setattr(ner_average, "average", stage2)
    report = cli.remake_shipped(cli.build_parser().parse_args(
        ["shipped", "--models", str(models), "--work", str(tmp_path / "work")]))
    assert calls == [("prepare", "ner", None, True, 2), ("stage1", 16000, 2),
                     ("average", 8000, None, 0.3, 2),
                     ("prepare", "average", ner_article_silver.STORED_U, True, 2),
                     ("average", 5000, 5000, 0.3, 2)]
    assert report["same_weights_as_before"] and report["same_bytes_as_manifest"]
    import torch

    changed = torch.load(models / "id_news.ner.pt", weights_only=False)
    first = next(iter(changed["model"]))
    changed["model"][first] = changed["model"][first] + 1e-6
    torch.save(changed, tmp_path / "changed.pt")
    assert not cli.same_weights(models / "id_news.ner.pt", tmp_path / "changed.pt")
