"""Build the report's data: pandas over the tables of an output folder, written as small files.

The site (``assets/``) is one page that loads its data on demand from ``data/*.js`` files, each
one call ``NLPNEWS.put(name, {...})`` holding JSON (``file://`` pages may load scripts but not
fetch files).  The overview needs only ``data/overview.js``; the entity list, an entity's page,
a block of 100 articles, a block of the article list and a block of facts of one kind are each
a file of their own, so a dump of any size opens at once and no file grows with the dump beyond
its block.

Entity mentions scoring under :data:`FADE_BELOW` are drawn faded; near duplicates
(``documents.duplicate_of``) are marked, can be hidden from the article list, and the entity
rankings count ``stories`` (articles without the near duplicates) beside all articles.

The page never turns data into markup: every text goes into the page as text (``textContent``),
and the charts are SVG files written here (:mod:`.svg`) shown as images.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__, output_folder, safe_files
from ..annotate import Annotations
from ..explore import drop_outlets, with_names
from . import svg
from .texts import text_source

#: Articles per ``data/article/N.js`` block, entities per ``data/entity/N.js`` block.
ARTICLES_PER_FILE = 100
ENTITIES_PER_FILE = 100
#: Rows per ``data/article-list/N.js`` block (the Articles page's list: no texts).
ARTICLE_LIST_PER_FILE = 10_000
#: Mentions scoring under this are drawn faded (the lowest band of :func:`..scores.bands`:
#: on the frozen test half, model mentions under 0.5 were 0.418 precise).
FADE_BELOW = 0.5
#: Rows per ``data/facts/K-N.js`` block (K: the kind's number in the overview's ``kinds``).
FACTS_PER_FILE = 10_000
#: Entities with a page of their own (most articles first); the others are named in articles.
MAX_ENTITIES = 5_000
#: What an entity page lists at most.
MAX_ARTICLES, MAX_WITH, MAX_FACTS, MAX_QUOTES, MAX_FORMS = 100, 15, 100, 50, 20
#: Error rows listed on the overview (all are counted).
MAX_ERRORS = 1_000
SENTENCE_CHARS = 300
#: Longest month axis drawn in full (30 years); beyond, only months with articles.
MAX_MONTHS = 360
LABELS = ("PER", "LOC", "ORG")
ASSETS = ("index.html", "report.js", "report.css")
#: The file that marks a report folder, which a later report may replace.
REPORT_MARKER = ".nlp_news_report"


@dataclass
class ReportSummary:
    """What :func:`build_report` wrote."""

    path: Path
    documents: int = 0
    entities: int = 0
    entity_pages: int = 0
    facts: int = 0
    files: int = 0
    seconds: float = 0.0
    texts: str = "shown"
    timings: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        return (f"report of {self.documents:,} articles, {self.entity_pages:,} entity pages, "
                f"{self.facts:,} facts in {self.seconds:.1f} s ({self.files:,} files; texts "
                f"{self.texts}) -> {self.path / 'index.html'}")


def _js(value: Any) -> str:
    """JSON as a JavaScript literal (U+2028/9 are line ends in older JavaScript)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                      default=str)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _clean(value: Any) -> Any:
    """A table cell as plain JSON: missing -> None, numpy scalars -> Python."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


class _Writer:
    def __init__(self, root: Path):
        self.root = root
        self.files = 0

    def data(self, name: str, value: Any) -> None:
        self._write(self.root / "data" / f"{name}.js",
                    f"NLPNEWS.put({_js(name)},{_js(value)});\n")

    def chart(self, name: str, text: str) -> str:
        self._write(self.root / "charts" / f"{name}.svg", text)
        return f"charts/{name}.svg"

    def _write(self, path: Path, text: str) -> None:
        """Write one file of the report; no link is followed (:mod:`..safe_files`)."""
        safe_files.make_dir(path.parent, self.root)
        with safe_files.create(path, text=True) as handle:
            handle.write(text)
        self.files += 1


_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def _month(date: Any) -> str | None:
    """``YYYY-MM`` of an ISO date, or None."""
    match = _MONTH.match(str(date)) if _clean(date) is not None else None
    return match.group(0) if match else None


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _option_text(value: Any) -> str:
    """A run option's value as a reader writes it: ``not set``, ``yes`` / ``no``, a file by
    its base name (the report names no folder of the user's)."""
    if value is None or value == {} or value == [] or value == "":
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict) and isinstance(value.get("file"), str):
        digest = value.get("sha256")
        return Path(value["file"]).name + (f" (sha256 {str(digest)[:12]}…)" if digest else "")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_option_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_option_text(v) for v in value)
    return str(value)


def _run_record(out: Path) -> dict[str, Any]:
    """The run's record for the overview; its options as ``[name, readable value]`` rows."""
    marker = output_folder.read_marker(out) or {}
    run = output_folder.run_record(marker) or {}
    inputs = [Path(str(i.get("input"))).name for i in run.get("inputs", [])
              if isinstance(i, dict) and i.get("input") is not None]
    options = run.get("options") if isinstance(run.get("options"), dict) else {}
    return {"status": marker.get("status"), "nlp_news": marker.get("nlp_news"),
            "options": [[str(k), _option_text(v)] for k, v in options.items()],
            "inputs": inputs, "counts": run.get("counts") or {},
            "seconds": run.get("seconds"), "finished": run.get("finished")}


def _score(value: Any) -> float | None:
    """A score cell, rounded to 3 places, or None."""
    value = _clean(value)
    return None if value is None else round(float(value), 3)


def _originals(doc_ids: list[str], duplicate_of: list[str | None]) -> list[int | None]:
    """For each document, the position of the article it duplicates: the first other
    document with the id in ``duplicate_of`` (None when it is no duplicate or the id is not
    in the report)."""
    at: dict[str, list[int]] = defaultdict(list)  # an id's first two positions
    for n, doc_id in enumerate(doc_ids):
        if len(at[doc_id]) < 2:
            at[doc_id].append(n)
    return [None if of is None else next((p for p in at.get(of, []) if p != n), None)
            for n, of in enumerate(duplicate_of)]


def _short_origin(origin: str | None, error: str | None) -> tuple[str | None, str | None]:
    """A row's origin (``PATH:LINE``) and error (which names it) with the input's folder left
    out: the report names input files by their base names only."""
    if not origin or "/" not in origin:
        return origin, error
    folder, short = origin.rsplit("/", 1)
    return short, error.replace(folder + "/", "") if error else error


def _with_positions(table: pd.DataFrame, doc_ids: list[str],
                    counts: pd.Series | None = None) -> pd.DataFrame:
    """``table`` with ``n``, the position of its article in ``documents``.

    The tables are written in the order of the documents.  With ``counts`` (the documents'
    ``n_entities`` or ``n_facts``) that agree with the table, article ``n`` owns the next
    ``counts[n]`` rows, so two articles with the same id (two dumps in one run) keep their
    own rows even side by side.  Otherwise each row goes to the next document, from the
    previous row's on, with its ``doc_id``.  Rows matching no document are dropped.
    """
    ids = table["doc_id"].astype(str).tolist()
    if counts is not None:
        sizes = counts.fillna(0).astype("int64").tolist()
        expected = [d for d, k in zip(doc_ids, sizes, strict=True) for _ in range(k)]
        if expected == ids:
            positions = [n for n, k in enumerate(sizes) for _ in range(k)]
            return table.assign(n=pd.array(positions, dtype="int64"))
    positions: list[int] = []
    at = 0
    for doc_id in ids:
        if at < len(doc_ids) and doc_ids[at] == doc_id:
            positions.append(at)
            continue
        found = next((i for i in range(at, len(doc_ids)) if doc_ids[i] == doc_id), -1)
        if found >= 0:
            at = found
        elif doc_id in doc_ids:  # out of order: the first document with the id
            found = doc_ids.index(doc_id)
        positions.append(found)
    out = table.assign(n=pd.array(positions, dtype="int64"))
    return out[out["n"] >= 0]


def _rows(df: pd.DataFrame, columns: list[str]) -> list[list[Any]]:
    return [[_clean(v) for v in row] for row in df[columns].itertuples(index=False, name=None)]


class _Report:
    def __init__(self, out: Path, to: Path, title: str, max_entities: int):
        self.out, self.to, self.title = out, to, title
        self.max_entities = max_entities
        self.write = _Writer(to)
        ann = Annotations.load(out)
        self.docs = ann.documents.reset_index(drop=True)
        self.docs["n"] = range(len(self.docs))
        self.docs["month"] = self.docs["date"].map(_month)
        doc_ids = self.docs["doc_id"].astype(str).tolist()
        self.docs["dup"] = pd.array([_clean(of) or None for of in self.docs["duplicate_of"]],
                                    dtype="object")  # "" (a table written by hand): none
        self.docs["dup_n"] = pd.array(_originals(doc_ids, list(self.docs["dup"])),
                                      dtype="Int64")
        self.docs["story"] = self.docs["dup"].isna()
        self.summary = ann.entity_summary.copy()
        self.ents = _with_positions(with_names(ann.entities, ann.entity_summary), doc_ids,
                                    self.docs["n_entities"])
        self.facts = _with_positions(ann.facts.copy(), doc_ids, self.docs["n_facts"])
        self.quotes = _with_positions(ann.quotes.copy(), doc_ids)
        self.sources = sorted(self.docs["source"].dropna().astype(str).unique().tolist())
        months = sorted(self.docs["month"].dropna().unique().tolist())
        self.months = _months_between(months[0], months[-1]) if months else []
        if len(self.months) > MAX_MONTHS:  # a stray date far off: only the months with news
            self.months = months
        self._choose_entities()

    # ------------------------------------------------------------------ entities

    def _choose_entities(self) -> None:
        s = self.summary
        s["stories"] = s["stories"].fillna(s["documents"])  # tables written before stories
        s = s.sort_values(["documents", "mentions", "canonical"], ascending=[False, False, True],
                          kind="stable").reset_index(drop=True)
        kept = drop_outlets(s, self.docs)
        s["outlet"] = ~s.index.isin(kept.index)
        self.listed = s.head(self.max_entities).copy()
        self.listed["id"] = range(len(self.listed))
        if "canonical_id" in self.listed and self.ents.get("canonical_id") is not None \
                and self.ents["canonical_id"].notna().any():  # the entity's summary row
            key = dict(zip(self.listed["canonical_id"], self.listed["id"], strict=True))
            names = self.ents["canonical_id"].tolist()
        else:  # tables written before canonical_id: by label and name
            key = dict(zip(zip(self.listed["label"], self.listed["canonical"], strict=True),
                           self.listed["id"], strict=True))
            names = zip(self.ents["label"].astype(str), self.ents["name"].astype(str),
                        strict=True)
        self.ents["id"] = pd.array([key.get(k, -1) for k in names], dtype="int64")

    def entity_list(self) -> None:
        mentions = self.ents[self.ents["id"] >= 0]
        per_doc = mentions.drop_duplicates(["id", "n"]).merge(
            self.docs[["n", "source", "month", "story"]], on="n")
        source_i = {s: i for i, s in enumerate(self.sources)}
        month_i = {m: i for i, m in enumerate(self.months)}
        per_doc["s"] = per_doc["source"].map(lambda v: source_i.get(v, -1) if pd.notna(v)
                                             else -1)
        per_doc["m"] = per_doc["month"].map(lambda v: month_i.get(v, -1) if pd.notna(v)
                                            else -1)
        cells = per_doc.groupby(["id", "s", "m"])["story"].agg(["size", "sum"])
        counts: dict[int, list[int]] = defaultdict(list)
        for (eid, s, m), k, stories in cells.itertuples(name=None):
            counts[int(eid)].extend((int(s), int(m), int(k), int(stories)))
        # cells: (source, month, articles, stories) by fours; stories leave out near duplicates
        rows = [[int(r.id), r.canonical, r.label, int(r.mentions), int(r.documents),
                 _clean(r.first_date), _clean(r.last_date), int(bool(r.outlet)),
                 counts.get(int(r.id), []), int(r.stories), _score(r.mean_score)]
                for r in self.listed.itertuples(index=False)]
        self.write.data("entities", {"sources": self.sources, "months": self.months,
                                     "rows": rows})

    def entity_pages(self) -> None:
        ents, docs = self.ents, self.docs
        listed = ents[ents["id"] >= 0]
        doc_info = docs.set_index("n")[["title", "date", "source", "month", "dup"]]
        forms = listed.groupby(["id", "text"]).size().rename("k").reset_index()
        forms = forms.sort_values(["id", "k"], ascending=[True, False]).groupby("id").head(
            MAX_FORMS)
        in_doc = listed.groupby(["id", "n"]).size().rename("k").reset_index()
        in_doc = in_doc.join(doc_info, on="n")
        timeline = in_doc.dropna(subset=["month"]).groupby(["id", "month"])["k"].sum()
        articles = in_doc.sort_values(["id", "date", "n"], ascending=[True, False, True],
                                      na_position="last").groupby("id").head(MAX_ARTICLES)
        # the entities most often named in the same articles
        everyone = ents.assign(code=ents.groupby(["label", "name"], sort=False).ngroup())
        everyone = everyone.drop_duplicates(["code", "n"])[["code", "n", "id", "name",
                                                              "label"]]
        pairs = in_doc[["id", "n"]].merge(everyone.rename(columns={"id": "with_id"}), on="n")
        pairs = pairs[pairs["with_id"] != pairs["id"]]
        together = pairs.groupby(["id", "code", "with_id", "name", "label"]).size()
        together = together.rename("k").reset_index().sort_values(
            ["id", "k", "name"], ascending=[True, False, True]).groupby("id").head(MAX_WITH)
        # the facts in the sentences that name it, and the quotes it said
        sentences = listed[listed["sent_index"] >= 0].drop_duplicates(["id", "n", "sent_index"])
        facts = sentences[["id", "n", "sent_index"]].merge(self.facts, on=["n", "sent_index"])
        facts = facts.join(doc_info[["date"]], on="n").sort_values(
            ["id", "date", "n", "start_char"], ascending=[True, False, True, True],
            na_position="last").groupby("id").head(MAX_FACTS)
        speakers = ents[ents["id"] >= 0].drop_duplicates(["n", "entity_id"])[
            ["n", "entity_id", "id"]].rename(columns={"entity_id": "speaker_entity_id"})
        quotes = self.quotes.merge(speakers, on=["n", "speaker_entity_id"])
        quotes = quotes.join(doc_info[["date"]], on="n").sort_values(
            ["id", "date"], ascending=[True, False], na_position="last").groupby("id").head(
            MAX_QUOTES)

        def grouped(df: pd.DataFrame, columns: list[str]) -> dict[int, list[list[Any]]]:
            out: dict[int, list[list[Any]]] = defaultdict(list)
            for eid, *row in df[["id", *columns]].itertuples(index=False, name=None):
                out[int(eid)].append([_clean(v) for v in row])
            return out

        page_forms = grouped(forms, ["text", "k"])
        page_articles = grouped(articles, ["n", "title", "date", "source", "dup", "k"])
        page_with = grouped(together, ["with_id", "name", "label", "k"])
        page_facts = grouped(facts, ["n", "start_char", "kind", "text", "value", "unit",
                                     "currency", "iso", "sentence"])
        page_quotes = grouped(quotes, ["n", "start_char", "kind", "cue", "text"])
        per_month: dict[int, dict[str, int]] = defaultdict(dict)
        for (eid, month), k in timeline.items():
            per_month[int(eid)][month] = int(k)
        block: dict[str, Any] = {}
        for r in self.listed.itertuples(index=False):
            eid = int(r.id)
            months = per_month.get(eid, {})
            chart = None
            if months and self.months:
                axis = [m for m in self.months if min(months) <= m <= max(months)]
                points = [(m, months.get(m, 0)) for m in axis]
                chart = self.write.chart(f"entity/{eid}", svg.column_chart(
                    points, width=560, height=150, title="mentions by month"))
            block[str(eid)] = {
                "name": r.canonical, "label": r.label, "mentions": int(r.mentions),
                "documents": int(r.documents), "stories": int(r.stories),
                "mean_score": _score(r.mean_score), "first": _clean(r.first_date),
                "last": _clean(r.last_date), "outlet": bool(r.outlet),
                "aliases": [a for a in str(_clean(r.aliases) or "").split("; ") if a],
                "forms": page_forms.get(eid, []), "chart": chart,
                "articles": page_articles.get(eid, []), "with": page_with.get(eid, []),
                "facts": [[*row[:-1], (row[-1] or "")[:SENTENCE_CHARS]]
                          for row in page_facts.get(eid, [])],
                "quotes": page_quotes.get(eid, []),
            }
            if len(block) == ENTITIES_PER_FILE:
                self.write.data(f"entity/{eid // ENTITIES_PER_FILE}", block)
                block = {}
        if block:
            self.write.data(f"entity/{int(self.listed['id'].iloc[-1]) // ENTITIES_PER_FILE}",
                            block)

    # ------------------------------------------------------------------ facts

    def fact_blocks(self) -> dict[str, Any]:
        kinds: dict[str, Any] = {}
        facts = self.facts.sort_values(["kind", "n", "start_char"], kind="stable")
        for index, (kind, df) in enumerate(facts.groupby("kind", sort=True)):
            rows = _rows(df, ["n", "start_char", "end_char", "text", "value", "unit",
                              "currency", "iso", "subject", "approx", "sentence"])
            for row in rows:
                row[-1] = (row[-1] or "")[:SENTENCE_CHARS]
            blocks = 0
            for start in range(0, len(rows), FACTS_PER_FILE):
                self.write.data(f"facts/{index}-{blocks}", rows[start:start + FACTS_PER_FILE])
                blocks += 1
            units = df["unit"].dropna().value_counts().head(40)
            currencies = df["currency"].dropna().value_counts()
            kinds[str(kind)] = {"file": index, "count": len(rows), "blocks": blocks,
                                "units": [[str(u), int(k)] for u, k in units.items()],
                                "currencies": [[str(c), int(k)] for c, k in currencies.items()]}
        return kinds

    # ------------------------------------------------------------------ articles

    def article_blocks(self) -> str:
        source = text_source(self.out)
        articles = source.articles()
        reason = source.reason
        by_doc: dict[str, dict[int, list[list[Any]]]] = {}
        for name, df, columns in (
                ("ents", self.ents, ["start_char", "end_char", "label", "text", "name", "id",
                                     "origin", "sent_index", "score"]),
                ("facts", self.facts, ["start_char", "end_char", "kind", "text", "value",
                                       "unit", "currency", "iso", "subject"]),
                ("quotes", self.quotes, ["start_char", "end_char", "speaker", "kind", "cue",
                                         "speaker_entity_id"])):
            table: dict[int, list[list[Any]]] = defaultdict(list)
            ordered = df.sort_values(["n", "start_char"], kind="stable")
            for n, *row in ordered[["n", *columns]].itertuples(index=False, name=None):
                table[int(n)].append([_clean(v) for v in row])
            by_doc[name] = table
        for rows in by_doc["ents"].values():
            for row in rows:
                row[-1] = _score(row[-1])
        block: dict[str, Any] = {}
        columns = ["doc_id", "title", "date", "source", "url", "reporter", "editor", "status",
                   "error", "origin", "dateline_place", "dateline_source", "n_sentences",
                   "n_tokens", "n_entities", "n_facts", "dup", "dup_n"]
        for row in self.docs[["n", *columns]].itertuples(index=False, name=None):
            n, values = int(row[0]), [_clean(v) for v in row[1:]]
            entry: dict[str, Any] = dict(zip(columns, values, strict=True))
            entry["origin"], entry["error"] = _short_origin(entry["origin"], entry["error"])
            article = None
            if reason is None:
                article = next(articles, None)
                if article is None or article.doc_id != entry["doc_id"]:
                    found = "the inputs end" if article is None else repr(article.doc_id)
                    reason = (f"the inputs no longer match the tables at article {n + 1} "
                              f"({entry['doc_id']!r} expected, {found} read): texts from "
                              "there on are not shown")
                    article = None
            entry["text"] = article.text if article is not None else None
            entry["excluded"] = ([list(r) for r in article.excluded] if article is not None
                                 else [])
            entry["no_text"] = None if article is not None else reason
            entry["ents"] = by_doc["ents"].get(n, [])
            entry["facts"] = by_doc["facts"].get(n, [])
            entry["quotes"] = by_doc["quotes"].get(n, [])
            block[str(n)] = entry
            if len(block) == ARTICLES_PER_FILE:
                self.write.data(f"article/{n // ARTICLES_PER_FILE}", block)
                block = {}
        if block:
            self.write.data(f"article/{(len(self.docs) - 1) // ARTICLES_PER_FILE}", block)
        return reason or "shown"

    def article_list(self) -> int:
        """The Articles page's list (no texts) in blocks; returns the number of blocks."""
        rows = _rows(self.docs, ["n", "doc_id", "title", "date", "source", "status",
                                 "n_entities", "n_facts", "dup", "dup_n"])
        blocks = 0
        for start in range(0, len(rows), ARTICLE_LIST_PER_FILE):
            self.write.data(f"article-list/{blocks}", rows[start:start + ARTICLE_LIST_PER_FILE])
            blocks += 1
        return blocks

    # ------------------------------------------------------------------ overview

    def overview(self, kinds: dict[str, Any], texts: str, list_blocks: int) -> None:
        docs = self.docs
        status = docs["status"].fillna("?").value_counts()
        errors = docs[docs["status"] != "ok"].head(MAX_ERRORS)
        by_source = docs["source"].fillna("(no source)").value_counts()
        by_month = docs["month"].dropna().value_counts()
        charts = {
            "months": self.write.chart("articles-by-month", svg.column_chart(
                [(m, int(by_month.get(m, 0))) for m in self.months],
                title="articles by publication month")),
            "sources": self.write.chart("articles-by-source", svg.bar_chart(
                [(str(s), int(k)) for s, k in by_source.head(20).items()],
                title="articles by source (top 20)")),
            "kinds": self.write.chart("facts-by-kind", svg.bar_chart(
                [(k, v["count"]) for k, v in sorted(kinds.items(),
                                                     key=lambda kv: -kv[1]["count"])],
                title="facts by kind")),
        }
        top = {}
        for label in LABELS:  # by stories: a story re-posted ten times counts once
            rows = self.listed[(self.listed["label"] == label) & ~self.listed["outlet"]]
            rows = rows.sort_values(["stories", "documents"], ascending=False, kind="stable")
            top[label] = [[int(r.id), r.canonical, int(r.documents), int(r.stories),
                           _score(r.mean_score)] for r in rows.head(10).itertuples(index=False)]
        self.write.data("overview", {
            "title": self.title, "made": dt.datetime.now().isoformat(timespec="seconds"),
            "nlp_news": __version__, "folder": self.out.resolve().name,
            "run": _run_record(self.out), "texts": texts,
            "totals": {"documents": len(docs), "entities": len(self.ents),
                       "distinct_entities": len(self.summary),
                       "entity_pages": len(self.listed), "facts": len(self.facts),
                       "quotes": len(self.quotes),
                       "duplicates": int((~docs["story"]).sum())},
            "fade_below": FADE_BELOW,
            "status": [[str(s), int(k)] for s, k in status.items()],
            "errors": [[n, doc_id, *_short_origin(origin, error)] for n, doc_id, origin, error
                       in _rows(errors, ["n", "doc_id", "origin", "error"])],
            "n_errors": int((docs["status"] != "ok").sum()),
            "n_sources": len(by_source),
            "first": min(self.months) if self.months else None,
            "last": max(self.months) if self.months else None,
            "charts": charts, "top": top, "kinds": kinds,
            "blocks": {"articles": ARTICLES_PER_FILE, "entities": ENTITIES_PER_FILE,
                       "list": list_blocks},
        })


def _is_report(folder: Path) -> bool:
    """Whether ``folder`` holds a report's marker (a regular file, not a link)."""
    try:
        safe_files.read_text(folder / REPORT_MARKER)
    except (OSError, ValueError):
        return False
    return True


def _copy_assets(to: Path) -> int:
    folder = resources.files("nlp_news.report") / "assets"
    for name in ASSETS:
        with safe_files.create(to / name) as handle:
            handle.write((folder / name).read_bytes())
    return len(ASSETS)


def build_report(out: str | Path, to: str | Path | None = None, *, title: str | None = None,
                 max_entities: int = MAX_ENTITIES,
                 progress: Callable[[str], None] | None = None) -> ReportSummary:
    """Write the HTML report of the output folder ``out`` into ``to`` (default
    ``OUT/report``) and return what it wrote.  Open ``TO/index.html`` in a browser; it needs
    no network and no server.

    ``out`` is a folder of ``nlp-news annotate`` (any ``--format``) or of
    :meth:`nlp_news.Annotations.save`.  The article texts are read again from the run's
    inputs when they are still there and unchanged (:mod:`.texts`).
    """
    import time

    start = time.perf_counter()
    out = Path(out)
    if not out.is_dir():
        raise ValueError(f"{out}: no such output folder")
    if not any((out / f"documents.{fmt}").is_file() for fmt in ("csv", "parquet", "jsonl")):
        raise ValueError(f"{out}: is not an output folder of nlp-news (no documents table)")
    if to is None and (out / "report").is_symlink():  # planted: --to may be a link
        raise ValueError(f"{out / 'report'}: is a symbolic link; give a folder as --to")
    to = Path(to) if to is not None else out / "report"
    if to.exists() and not to.is_dir():
        raise ValueError(f"{to}: is not a folder; choose another --to")
    if to.is_dir():
        if not _is_report(to) and any(to.iterdir()):
            raise ValueError(f"{to}: is not empty and is not a report of nlp-news; choose "
                             "another --to")
        for sub in ("data", "charts"):
            safe_files.remove_tree(to / sub)
    to.mkdir(parents=True, exist_ok=True)
    safe_files.write_atomic(to / REPORT_MARKER,
                            "a report of nlp-news: `nlp-news report` replaces it\n")
    say = progress or (lambda message: None)
    timings: dict[str, float] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        say(name)
        t0 = time.perf_counter()
        result = fn()
        timings[name] = round(time.perf_counter() - t0, 2)
        return result

    report = step("reading tables", lambda: _Report(out, to, title or out.resolve().name,
                                                     max_entities))
    step("entity list", report.entity_list)
    step("entity pages", report.entity_pages)
    kinds = step("facts", report.fact_blocks)
    texts = step("articles", report.article_blocks)
    list_blocks = step("article list", report.article_list)
    step("overview", lambda: report.overview(kinds, texts, list_blocks))
    files = report.write.files + _copy_assets(to)
    return ReportSummary(path=to, documents=len(report.docs), entities=len(report.ents),
                         entity_pages=len(report.listed), facts=len(report.facts), files=files,
                         seconds=time.perf_counter() - start, texts=texts, timings=timings)
