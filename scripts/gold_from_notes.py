"""Turn annotators' notes into gold offsets, and check them.

    python scripts/gold_from_notes.py check NOTES.json
    python scripts/gold_from_notes.py build NOTES_DIR --split dev --out gold/real_articles/dev.jsonl
    python scripts/gold_from_notes.py build NOTES_DIR --split train --entities-only \
        --out gold/real_articles/train.jsonl
    python scripts/gold_from_notes.py build NOTES2_DIR --split any \
        --out gold/real_articles/second_pass.jsonl

Notes (one JSON file per article, named ``KEY.json`` after ``gold/real_articles/sample.tsv``) list
mentions and facts by line of the article text (the ``[Ln]`` numbers of the annotators' sheet) and
by their exact text, in reading order within each line::

    {"key": "a000",
     "mentions": [{"line": 0, "text": "Zulkifli Hasan", "label": "PER",
                   "canonical": "Zulkifli Hasan"}],
     "facts": [{"line": 2, "text": "Rp3-5 juta", "kind": "money", "value": 3000000,
                "unit": "IDR", "approx": false}],
     "decisions": ["..."]}

Each mention is looked up in its line from the end of the previous mention of that line, as a
whole word (a clitic ``-nya`` may follow); facts likewise, on their own cursor, except that a fact
with the text and kind of the previous fact on its line but another value (the other end of a
range) takes the same span. ``check`` prints every mention or fact not found and every other
occurrence of an annotated name that is left unannotated (to look at, not necessarily wrong).
``build`` writes the gold JSON Lines (see :mod:`nlp_news.gold`) with the text referenced, never
copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nlp_news import gold
from nlp_news.gold import corpus_line, locate_notes, record_text, text_checksum
from nlp_news.readers import Record


def sample_rows() -> dict[str, dict[str, str]]:
    return {row["key"]: row for row in gold.sample_rows()}


def article_text(row: dict[str, str]) -> str:
    record = Record(data=corpus_line(row["corpus"], int(row["line"])))
    text = record_text(record)
    if text_checksum(text) != row["sha256"]:
        raise SystemExit(f"{row['key']}: corpus text changed (checksum differs)")
    return text


def cmd_check(args: argparse.Namespace) -> int:
    notes = json.loads(Path(args.notes).read_text(encoding="utf-8"))
    row = sample_rows()[notes["key"]]
    mentions, facts, problems = locate_notes(article_text(row), notes)
    for problem in problems:
        print(problem)
    errors = [p for p in problems if not p.startswith("note:")]
    print(f"{notes['key']}: {len(mentions)} mentions, {len(facts)} facts, {len(errors)} errors")
    return 1 if errors else 0


def cmd_build(args: argparse.Namespace) -> int:
    rows = sample_rows()
    out_lines, failed = [], 0
    for key, row in rows.items():
        if args.split != "any" and row["split"] != args.split:
            continue
        path = Path(args.notes_dir) / f"{key}.json"
        if not path.is_file() and args.split == "any":
            continue
        if not path.is_file():
            print(f"{key}: no notes", file=sys.stderr)
            failed += 1
            continue
        notes = json.loads(path.read_text(encoding="utf-8"))
        text = article_text(row)
        mentions, facts, problems = locate_notes(text, notes)
        errors = [p for p in problems if not p.startswith("note:")]
        if errors:
            print(f"{key}: {len(errors)} errors, first: {errors[0]}", file=sys.stderr)
            failed += 1
            continue
        gold = {"id": f"{row['corpus']}:{row['line']}",
                "ref": {"corpus": row["corpus"], "line": int(row["line"]),
                        "sha256": row["sha256"]},
                "source": row["source"], "published": row["published"] or None,
                "mentions": mentions, "facts": facts}
        if args.entities_only:  # annotated for entities only: facts are not scored
            del gold["facts"]
        out_lines.append(json.dumps(gold, ensure_ascii=False))
    Path(args.out).write_text("\n".join(out_lines) + "\n", encoding="utf-8")
    print(f"{len(out_lines)} articles -> {args.out}; {failed} not built", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check")
    check.add_argument("notes")
    check.set_defaults(func=cmd_check)
    build = sub.add_parser("build")
    build.add_argument("notes_dir")
    build.add_argument("--split", choices=["dev", "test", "train", "any"], required=True,
                       help="the sample's articles of one split, or any article with notes")
    build.add_argument("--entities-only", action="store_true",
                       help="the notes annotate entities only (the NER training articles): "
                            "the gold lines carry no facts, and no facts are scored on them")
    build.add_argument("--out", required=True)
    build.set_defaults(func=cmd_build)
    args = parser.parse_args()
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
