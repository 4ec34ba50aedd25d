"""Score tokenisers against Universal Dependencies test files: token and sentence F1, speed.

Each treebank's sentences are joined into documents (at ``# newdoc`` marks, or every 20
sentences) with a space between sentences; a tokenizer sees only that raw text.  Tokens and
sentences are compared as character spans: a predicted span counts when it is exactly a gold one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Spans = list[tuple[int, int]]
#: A tokenizer under test: raw text -> (token spans, sentence spans).
Segmenter = Callable[[str], tuple[Spans, Spans]]


@dataclass
class GoldDoc:
    text: str
    tokens: Spans
    sentences: Spans


def _surface_tokens(block: list[str]) -> tuple[str | None, list[str], bool]:
    text, tokens, newdoc, skip_until = None, [], False, 0
    for line in block:
        if line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
        elif line.startswith("# newdoc"):
            newdoc = True
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            ident = cols[0]
            if "-" in ident:
                start, end = ident.split("-")
                skip_until = int(end)
                tokens.append(cols[1])
            elif "." in ident:
                continue
            elif int(ident) > skip_until:
                tokens.append(cols[1])
    return text, tokens, newdoc


def read_ud_docs(path: str | Path, sentences_per_doc: int = 20) -> Iterator[GoldDoc]:
    """Gold documents (raw text + token and sentence spans) from a CoNLL-U file."""
    blocks, block = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    doc = GoldDoc("", [], [])
    count = 0
    for block in blocks:
        text, tokens, newdoc = _surface_tokens(block)
        if text is None:
            continue
        if (newdoc or count >= sentences_per_doc) and doc.text:
            yield doc
            doc, count = GoldDoc("", [], []), 0
        offset = len(doc.text) + (1 if doc.text else 0)
        doc.text = f"{doc.text} {text}" if doc.text else text
        pos = 0
        spans = []
        for token in tokens:
            found = text.find(token, pos)
            if found < 0:  # token text differs from the raw text: skip it
                continue
            spans.append((offset + found, offset + found + len(token)))
            pos = found + len(token)
        doc.tokens.extend(spans)
        doc.sentences.append((offset, offset + len(text)))
        count += 1
    if doc.text:
        yield doc


def _f1(gold: Spans, pred: Spans) -> dict[str, float]:
    g, p = set(gold), set(pred)
    tp = len(g & p)
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(segment: Segmenter, docs: list[GoldDoc]) -> dict[str, object]:
    """Token and sentence P/R/F1 of ``segment`` over ``docs``, with tokens per second."""
    gold_tok, pred_tok, gold_sent, pred_sent = [], [], [], []
    elapsed = 0.0
    for i, doc in enumerate(docs):
        start = time.perf_counter()
        tokens, sentences = segment(doc.text)
        elapsed += time.perf_counter() - start
        gold_tok += [(i, *s) for s in doc.tokens]
        pred_tok += [(i, *s) for s in tokens]
        gold_sent += [(i, *s) for s in doc.sentences]
        pred_sent += [(i, *s) for s in sentences]
    return {
        "tokens": _f1(gold_tok, pred_tok),
        "sentences": _f1(gold_sent, pred_sent),
        "tokens_per_second": round(len(pred_tok) / elapsed) if elapsed else None,
    }


def spacy_segmenter() -> Segmenter:
    """nlp_news's default: spaCy's Indonesian rules + sentencizer (the runtime Tokenizer)."""
    from ..doc import Article
    from ..pipeline.tokenize import Tokenizer

    tokenizer = Tokenizer()

    def segment(text: str) -> tuple[Spans, Spans]:
        sentences = tokenizer(Article(doc_id="ud", text=text))
        tokens = [(t.start_char, t.end_char) for s in sentences for t in s.tokens]
        return tokens, [(s.start_char, s.end_char) for s in sentences]

    return segment


def stanza_segmenter(model_path: str | Path, resources_dir: str | Path) -> Segmenter:
    """A stanza tokenizer model loaded from a local file."""
    import stanza

    pipe = stanza.Pipeline(lang="id", dir=str(resources_dir), processors="tokenize",
                           tokenize_model_path=str(model_path), download_method=None,
                           allow_unknown_language=True, use_gpu=False, logging_level="ERROR")

    def segment(text: str) -> tuple[Spans, Spans]:
        doc = pipe(text)
        tokens = [(t.start_char, t.end_char) for s in doc.sentences for t in s.tokens]
        sentences = [(s.tokens[0].start_char, s.tokens[-1].end_char) for s in doc.sentences]
        return tokens, sentences

    return segment
