"""Train a stanza tokenizer on the UD data, for the comparison with the default spaCy rules.

MWT labels are folded into plain token labels: nlp_news tags surface tokens ("bukunya"), as the
NER data does, so no MWT model is needed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .tokenizer_eval import GoldDoc, read_ud_docs

UD = Path("ud")
TRAIN_FILES = ("UD_Indonesian-CSUI/id_csui-ud-train.conllu",
               "UD_Indonesian-GSD/id_gsd-ud-dev.conllu")
TEST_FILES = ("UD_Indonesian-CSUI/id_csui-ud-test.conllu",
              "UD_Indonesian-GSD/id_gsd-ud-test.conllu",
              "UD_Indonesian-PUD/id_pud-ud-test.conllu")


def labels(doc: GoldDoc) -> str:
    """stanza's character labels: 1 ends a token, 2 ends a sentence, 0 otherwise."""
    out = ["0"] * len(doc.text)
    sentence_ends = {end for _, end in doc.sentences}
    for _, end in doc.tokens:
        out[end - 1] = "2" if end in sentence_ends else "1"
    return "".join(out)


def write_split(docs: list[GoldDoc], stem: Path) -> tuple[Path, Path]:
    """Write ``stem.txt`` (one document a paragraph) and ``stem.toklabels``."""
    txt, lab = stem.with_suffix(".txt"), stem.with_suffix(".toklabels")
    txt.write_text("\n\n".join(d.text for d in docs) + "\n", encoding="utf-8")
    lab.write_text("\n\n".join(labels(d) for d in docs) + "\n", encoding="utf-8")
    return txt, lab


def train(data_dir: Path, work: Path, out_model: Path, steps: int = 2000, seed: int = 1234
          ) -> float:
    """Train on CSUI train + GSD dev (the last 10% held out for model selection)."""
    work.mkdir(parents=True, exist_ok=True)
    docs = [d for f in TRAIN_FILES for d in read_ud_docs(data_dir / UD / f)]
    cut = max(1, len(docs) // 10)
    train_txt, train_lab = write_split(docs[:-cut], work / "train")
    dev_txt, dev_lab = write_split(docs[-cut:], work / "dev")
    no_mwt = work / "mwt.json"
    no_mwt.write_text("[]", encoding="utf-8")  # the trainer needs a file, even an empty one
    cmd = [sys.executable, "-m", "stanza.models.tokenizer", "--mode", "train",
           "--txt_file", str(train_txt), "--label_file", str(train_lab),
           "--mwt_json_file", str(no_mwt),
           "--dev_txt_file", str(dev_txt), "--dev_label_file", str(dev_lab),
           "--lang", "id", "--shorthand", "id_nlpnews", "--save_dir", str(out_model.parent),
           "--save_name", out_model.name, "--steps", str(steps), "--seed", str(seed),
           "--no_use_mwt", "--cpu"]
    start = time.time()
    subprocess.run(cmd, check=True)
    return time.time() - start
