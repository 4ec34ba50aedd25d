"""Store model U's silver sentences as data (``training/data/model_u_silver.jsonl.gz``).

Model U (``models/README.md``) was trained on the silver sentences that the pipeline of commit
4e52091 (model J and the rules of 2026-12-02) made from 800 random articles of the news dumps.
The rules have changed since, so this script re-runs that draw with that commit's code and
stores, for each kept sentence in order, its article (corpus, line, text checksum), token
offsets and tags (no text).  ``nlp-news train shipped`` rebuilds the sentences from the dumps
with :func:`nlp_news.training.ner_article_silver.read_stored`.

Run it from the repository, with ``../shared`` beside it (about 3 minutes)::

    git worktree add --detach build/u_code 4e52091
    mkdir -p build/u_models && cp -r models/* build/u_models/
    git show 900738a:models/id_news.ner.pt > build/u_models/id_news.ner.pt   # model J
    python scripts/store_model_u_silver.py build/u_code build/u_models
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from nlp_news.training import ner_article_silver

#: Runs under the old code: article_silver of 4e52091, recording where each sentence is.
LOCATE = r'''
import hashlib, json, random, sys
from pathlib import Path
from nlp_news.training import ner_article_silver as nas
from nlp_news.training.ner_train import dev_sentences
from nlp_news.annotate import get_pipeline
from nlp_news.article import article_from_record
from nlp_news.pipeline.core import batched
from nlp_news.readers import Record

data_dir, models, out_path = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
lines = nas.eligible_lines(data_dir.parent, nas.gold_keys())
random.Random(1234).shuffle(lines)
chosen = lines[:800]
pipe = get_pipeline(models)
places = set(pipe.resources.gazetteer.places)
banned = {tuple(t for t, _ in s) for s in dev_sentences(data_dir)}
records = (Record(data=rec, origin=f"{c}:{n}", default_id=f"{c}:{n}") for c, n, rec in chosen)
seen, rows, done = set(), [], 0
for batch in batched((article_from_record(r) for r in records), 32):
    for doc in pipe(batch):
        corpus, line, _ = chosen[done]
        done += 1
        by_words = {}
        for s in doc.sentences:
            by_words.setdefault(tuple(t.text for t in s.tokens), s)
        for sent in nas.doc_silver(doc, places):
            key = tuple(t for t, _ in sent)
            if key in banned or key in seen:
                continue
            seen.add(key)
            rows.append({"corpus": corpus, "line": line,
                         "text_sha256": hashlib.sha256(doc.text.encode()).hexdigest(),
                         "tokens": [[t.start_char, t.end_char] for t in by_words[key].tokens],
                         "tags": [tag for _, tag in sent], "words": list(key)})
out_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_code", type=Path, help="a checkout of commit 4e52091")
    parser.add_argument("models", type=Path, help="a model folder holding model J")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=ner_article_silver.STORED_U)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        located = Path(tmp) / "located.jsonl"
        env = {**os.environ, "PYTHONPATH": str(args.old_code.resolve())}
        subprocess.run([sys.executable, "-c", LOCATE, str(args.data.resolve()),
                        str(args.models.resolve()), str(located)], check=True, env=env,
                       cwd=args.old_code)
        rows = [json.loads(line) for line in located.read_text("utf-8").splitlines()]
    n = ner_article_silver.write_stored(
        args.out, rows, "model U's silver sentences: the pipeline of 4e52091 with model J on "
        "800 random articles (scripts/store_model_u_silver.py)")
    print(f"{args.out}: {n} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
