"""NER micro F1 on the dev BIO files with and without gazetteer recovery of missed places.

    NLP_NEWS_MODELS=/path/to/models python benchmarks/gazetteer_dev.py [--data ../shared/data]

Each gold sentence is tagged by the shipped stanza model (``NerTagger.tag_tokens``); for the
"+ gazetteer" row, the sentence becomes an Article (tokens joined with spaces) whose gazetteer
names that overlap no predicted entity are added as LOC (:func:`recover_places`).  Scores are
exact-span micro P/R/F1 over PER/LOC/ORG (:func:`nlp_news.evaluate.score`).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from nlp_news import config
from nlp_news.doc import Article, Doc, Entity, Sentence, Token
from nlp_news.entities.gazetteer import RECOVER_TYPES, Gazetteer, recover_places
from nlp_news.evaluate import bio_spans, read_gold, score
from nlp_news.models import model_paths

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = ("idner2k_dev", "nerui_fold1_dev", "nergrit_dev")
HARMONISED = "ner/harmonised_PER_LOC_ORG"


def sentence_doc(tokens: list[str], spans: list[tuple[int, int, str]]) -> Doc:
    """A one-sentence Doc of space-joined tokens with the predicted spans as entities."""
    toks, pos = [], 0
    for tok in tokens:
        toks.append(Token(tok, pos, pos + len(tok)))
        pos += len(tok) + 1
    text = " ".join(tokens)
    sent = Sentence(0, 0, len(text), toks)
    ents = [Entity(0, toks[a].start_char, toks[b - 1].end_char,
                   text[toks[a].start_char:toks[b - 1].end_char], label) for a, b, label in spans]
    return Doc(Article("dev", text), [sent], ents)


def recovered_spans(tokens: list[str], spans: list[tuple[int, int, str]],
                    gazetteer: Gazetteer, types: tuple[str, ...] = RECOVER_TYPES
                    ) -> set[tuple[int, int, str]]:
    """The predicted spans plus the LOC spans recovered from the gazetteer."""
    doc = sentence_doc(tokens, spans)
    starts = {t.start_char: i for i, t in enumerate(doc.sentences[0].tokens)}
    ends = {t.end_char: i + 1 for i, t in enumerate(doc.sentences[0].tokens)}
    out = set(spans)
    for ent in recover_places(doc, gazetteer, types):
        out.add((starts[ent.start_char], ends[ent.end_char], "LOC"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=config.shared_dir() / "data")
    parser.add_argument("--models", type=Path, default=None)
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None,
                        help="JSON file keeping the model's predictions between runs")
    parser.add_argument("--types", default=",".join(RECOVER_TYPES),
                        help="place types to recover (comma-separated; add 'country')")
    args = parser.parse_args(argv)
    paths = model_paths(args.models)
    gazetteer = Gazetteer.load(args.gazetteer or ROOT / "models" / "gazetteer.tsv")
    cache = json.loads(args.cache.read_text()) if args.cache and args.cache.exists() else {}
    types = tuple(t.strip() for t in args.types.split(",") if t.strip())
    tagger = None
    results = {"recovered_types": types}
    for name in DEV_SETS:
        sentences = read_gold(args.data / HARMONISED / f"{name}.bio")
        tokens = [[tok for tok, _ in sent] for sent in sentences]
        gold = [bio_spans([tag for _, tag in sent]) for sent in sentences]
        start = time.perf_counter()
        if name not in cache:
            if tagger is None:
                from nlp_news.pipeline.ner import NerTagger

                tagger = NerTagger(paths)
            cache[name] = tagger.tag_tokens(tokens)
        tagged = [[tuple(s) for s in spans] for spans in cache[name]]
        base = [set(spans) for spans in tagged]
        plus = [recovered_spans(t, s, gazetteer, types)
                for t, s in zip(tokens, tagged, strict=True)]
        b, p = score(gold, base), score(gold, plus)
        results[name] = {"sentences": len(sentences), "model": b["micro"],
                         "model+gazetteer": p["micro"], "LOC model": b.get("LOC"),
                         "LOC model+gazetteer": p.get("LOC"),
                         "seconds": round(time.perf_counter() - start, 1)}
        print(f"{name:16} n={len(sentences):4}  model F1={b['micro']['f1']:.4f}  "
              f"+gazetteer F1={p['micro']['f1']:.4f}  (LOC {b['LOC']['f1']:.4f} -> "
              f"{p['LOC']['f1']:.4f}; P {b['LOC']['precision']:.3f}->{p['LOC']['precision']:.3f}"
              f", R {b['LOC']['recall']:.3f}->{p['LOC']['recall']:.3f})", flush=True)
    if args.cache:
        args.cache.write_text(json.dumps(cache))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
