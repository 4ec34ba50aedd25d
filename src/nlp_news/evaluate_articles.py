"""Score the whole pipeline on gold-annotated real articles (``nlp-news evaluate articles``).

The articles go through :func:`nlp_news.annotate`, the code path of ``nlp-news annotate``, and
the output tables are compared with the gold (:mod:`nlp_news.gold`):

- entities: precision, recall and F1 of (start, end, label), exact and overlapping (one gold
  mention matches at most one predicted mention of its label that overlaps it), micro and per
  label;
- grouping: over gold mentions matched (overlap, same label), pairwise precision and recall of
  "same entity" (same ``entity_id`` predicted, same canonical name in the gold);
- cross-document grouping: the same over pairs of matched mentions of *different* articles
  ("same ``canonical_id``", resolved over all the articles scored together, against "same
  label and canonical name in the gold", whose canonical names are one per real-world
  entity across articles: ``docs/annotation-decisions.md``);
- facts: a gold fact is found when a predicted fact of its kind overlaps it with the same value
  (numbers equal to 1e-6 relative; dates and times by their ISO string), micro and per kind.

Every error can be written as a row (:data:`ERROR_COLUMNS`) with its category, so the biggest
categories can be counted and fixed first.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .doc import Doc
from .gold import LABELS, GoldArticle, read_gold

#: Columns of the ``--errors`` table: one row per error.
ERROR_COLUMNS = ["doc_id", "layer", "category", "label", "gold_text", "gold_start", "gold_end",
                 "pred_text", "pred_start", "pred_end", "gold_value", "pred_value", "context"]
ENTITY_CATEGORIES = ("missed", "spurious", "boundary", "wrong_label", "excluded", "wrong_group")
FACT_CATEGORIES = ("missed", "spurious", "wrong_value", "wrong_kind", "excluded")
_CONTEXT = 60


@dataclass
class _Pred:
    start: int
    end: int
    label: str
    text: str
    group: Any = None
    value: Any = None
    entity: str | None = None  # canonical_id: the entity across the articles


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 (0 where undefined) with the counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(_overlaps(start, end, s, e) for s, e in ranges)


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - _CONTEXT):start]
    right = text[end:end + _CONTEXT]
    return f"{left}[[{text[start:end]}]]{right}".replace("\n", " ")


def same_value(gold: Any, pred: _Pred) -> bool:
    """A predicted fact has the gold value: equal numbers, or equal ISO strings."""
    if isinstance(gold, str):
        return pred.value is not None and str(pred.value) == gold
    if isinstance(gold, int | float) and isinstance(pred.value, int | float):
        return math.isclose(float(gold), float(pred.value), rel_tol=1e-6, abs_tol=1e-9)
    return False


def _category(gold: dict, over: list[_Pred], label: str, excluded: Sequence[tuple[int, int]],
              same_label: str, other_label: str) -> tuple[str, _Pred | None]:
    """The error category of a gold item no prediction matched, and the prediction it is
    closest to: ``excluded``, ``same_label`` (a prediction of its label overlaps it),
    ``other_label`` (one of another label does) or ``missed``."""
    if _inside(gold["start"], gold["end"], excluded):
        return "excluded", None
    same = [p for p in over if p.label == label]
    if same:
        return same_label, same[0]
    if over:
        return other_label, over[0]
    return "missed", None


def _match_overlap(gold: Sequence[dict], preds: Sequence[_Pred], ok) -> dict[int, int]:
    """One-to-one matching gold index -> pred index of overlapping pairs with ``ok(g, p)``:
    exact spans first, then the largest overlap."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if _overlaps(g["start"], g["end"], p.start, p.end) and ok(g, p):
                exact = (g["start"], g["end"]) == (p.start, p.end)
                size = min(g["end"], p.end) - max(g["start"], p.start)
                pairs.append((not exact, -size, gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, pi in sorted(pairs):
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


class ArticleScorer:
    """Accumulates counts and error rows over articles."""

    def __init__(self) -> None:
        self.exact: Counter[tuple[str, str]] = Counter()  # (label, tp|fp|fn)
        self.overlap: Counter[tuple[str, str]] = Counter()
        self.pairs: Counter[str] = Counter()
        #: matched mentions: (doc_id, gold (label, canonical), predicted canonical_id)
        self.matched: list[tuple[str, tuple[str, str], str | None]] = []
        self.facts: Counter[tuple[str, str]] = Counter()
        self.errors: list[dict[str, Any]] = []
        self.n_articles = 0

    def _error(self, doc_id: str, text: str, layer: str, category: str, label: str,
               gold: dict | None = None, pred: _Pred | None = None) -> None:
        placed = gold is not None and "start" in gold
        start = gold["start"] if placed else (pred.start if pred else None)
        end = gold["end"] if placed else (pred.end if pred else None)
        self.errors.append({
            "doc_id": doc_id, "layer": layer, "category": category, "label": label,
            "gold_text": (text[gold["start"]:gold["end"]] if placed
                          else gold.get("text") if gold else None),
            "gold_start": gold["start"] if placed else None,
            "gold_end": gold["end"] if placed else None,
            "pred_text": pred.text if pred else None,
            "pred_start": pred.start if pred else None, "pred_end": pred.end if pred else None,
            "gold_value": (gold.get("value", gold.get("canonical")) if gold else None),
            "pred_value": (pred.value if pred and layer == "fact" else
                           (pred.group if pred else None)),
            "context": _context(text, start, end) if start is not None else None,
        })

    def add(self, gold: GoldArticle, entities: list[_Pred], facts: list[_Pred],
            excluded: Sequence[tuple[int, int]]) -> None:
        """Score one article's predicted entities and facts against its gold."""
        self.n_articles += 1
        self._add_entities(gold, entities, excluded)
        if gold.facts_annotated:
            self._add_facts(gold, facts, excluded)

    def _add_entities(self, gold: GoldArticle, preds: list[_Pred],
                      excluded: Sequence[tuple[int, int]]) -> None:
        doc_id, text = gold.id, gold.text
        gold_keys = {(m["start"], m["end"], m["label"]) for m in gold.mentions}
        pred_keys = {(p.start, p.end, p.label) for p in preds}
        for label in LABELS:
            g = {k for k in gold_keys if k[2] == label}
            p = {k for k in pred_keys if k[2] == label}
            self.exact[(label, "tp")] += len(g & p)
            self.exact[(label, "fp")] += len(p - g)
            self.exact[(label, "fn")] += len(g - p)
        matched = _match_overlap(gold.mentions, preds, lambda g, p: g["label"] == p.label)
        for label in LABELS:
            tp = sum(1 for gi in matched if gold.mentions[gi]["label"] == label)
            self.overlap[(label, "tp")] += tp
            self.overlap[(label, "fn")] += sum(
                1 for m in gold.mentions if m["label"] == label) - tp
            self.overlap[(label, "fp")] += sum(1 for p in preds if p.label == label) - tp
        # error rows: every gold mention not matched exactly, every prediction overlapping none
        for m in gold.mentions:
            if (m["start"], m["end"], m["label"]) in pred_keys:
                continue
            over = [p for p in preds if _overlaps(m["start"], m["end"], p.start, p.end)]
            category, pred = _category(m, over, m["label"], excluded, "boundary", "wrong_label")
            self._error(doc_id, text, "entity", category, m["label"], m, pred)
        for p in preds:
            if not any(_overlaps(m["start"], m["end"], p.start, p.end) for m in gold.mentions):
                self._error(doc_id, text, "entity", "spurious", p.label, None, p)
        for gi, pi in matched.items():
            m = gold.mentions[gi]
            self.matched.append((doc_id, (m["label"], m["canonical"]), preds[pi].entity))
        # grouping, pairwise over matched mentions
        items = sorted(matched.items())
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                (ga, pa), (gb, pb) = items[a], items[b]
                gold_same = gold.mentions[ga]["canonical"] == gold.mentions[gb]["canonical"] \
                    and gold.mentions[ga]["label"] == gold.mentions[gb]["label"]
                pred_same = preds[pa].group is not None and preds[pa].group == preds[pb].group
                self.pairs["tp"] += gold_same and pred_same
                self.pairs["fp"] += pred_same and not gold_same
                self.pairs["fn"] += gold_same and not pred_same
                if gold_same != pred_same:
                    what = "split" if gold_same else "merged"
                    m = gold.mentions[gb]
                    self._error(doc_id, text, "entity", "wrong_group", m["label"], m, preds[pb])
                    self.errors[-1]["gold_value"] = (
                        f"{what}: {m['canonical']} / {gold.mentions[ga]['canonical']}")
                    self.errors[-1]["pred_value"] = f"{preds[pb].group} / {preds[pa].group}"

    def _add_facts(self, gold: GoldArticle, preds: list[_Pred],
                   excluded: Sequence[tuple[int, int]]) -> None:
        doc_id, text = gold.id, gold.text
        placed = [f for f in gold.facts if "start" in f]
        matched = _match_overlap(
            placed, preds, lambda g, p: g["kind"] == p.label and same_value(g["value"], p))
        used = set(matched.values())
        # facts written without offsets ({"text", "kind", "value", ...}): matched by kind and
        # value to a prediction no other gold fact took, in the order they are listed
        for f in gold.facts:
            if "start" in f:
                continue
            hit = next((i for i, p in enumerate(preds) if i not in used
                        and p.label == f["kind"] and same_value(f["value"], p)), None)
            if hit is None:
                self.facts[(f["kind"], "fn")] += 1
                self._error(doc_id, text, "fact", "missed", f["kind"], f, None)
            else:
                self.facts[(f["kind"], "tp")] += 1
                used.add(hit)
        gold_placed = placed
        for gi, f in enumerate(gold_placed):
            kind = f["kind"]
            if gi in matched:
                self.facts[(kind, "tp")] += 1
                continue
            self.facts[(kind, "fn")] += 1
            over = [p for i, p in enumerate(preds) if i not in used
                    and _overlaps(f["start"], f["end"], p.start, p.end)]
            category, pred = _category(f, over, kind, excluded, "wrong_value", "wrong_kind")
            self._error(doc_id, text, "fact", category, kind, f, pred)
        for i, p in enumerate(preds):
            if i in used:
                continue
            self.facts[(p.label, "fp")] += 1
            if not any(_overlaps(f["start"], f["end"], p.start, p.end) for f in gold_placed):
                self._error(doc_id, text, "fact", "spurious", p.label, None, p)

    def cross_document(self) -> dict[str, float | int]:
        """Pairwise precision and recall of "same ``canonical_id``" against "same gold label
        and canonical name" over matched mentions of different articles (counted from the
        cluster sizes, not pair by pair)."""
        def cross_pairs(key) -> int:
            total: Counter = Counter()
            within: Counter = Counter()
            for item in self.matched:
                k = key(item)
                if k is not None:
                    total[k] += 1
                    within[(item[0], k)] += 1
            return (sum(n * (n - 1) // 2 for n in total.values())
                    - sum(n * (n - 1) // 2 for n in within.values()))

        same_gold = cross_pairs(lambda it: it[1])
        same_pred = cross_pairs(lambda it: it[2])
        both = cross_pairs(lambda it: (it[1], it[2]) if it[2] is not None else None)
        return prf(both, same_pred - both, same_gold - both)

    def report(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict."""
        def micro(counter: Counter, keys: Iterable[str]) -> dict:
            return prf(*(sum(counter[(k, c)] for k in keys) for c in ("tp", "fp", "fn")))

        def per(counter: Counter, keys: Iterable[str]) -> dict:
            return {k: prf(counter[(k, "tp")], counter[(k, "fp")], counter[(k, "fn")])
                    for k in keys}

        kinds = sorted({k for k, _ in self.facts})
        categories = Counter((e["layer"], e["category"]) for e in self.errors)
        return {
            "articles": self.n_articles,
            "entities": {
                "exact": micro(self.exact, LABELS), "overlap": micro(self.overlap, LABELS),
                "per_label_exact": per(self.exact, LABELS),
                "per_label_overlap": per(self.overlap, LABELS),
            },
            "grouping": prf(self.pairs["tp"], self.pairs["fp"], self.pairs["fn"]),
            "cross_document": self.cross_document(),
            "facts": {"micro": micro(self.facts, kinds), "per_kind": per(self.facts, kinds)},
            "errors": {f"{layer}/{cat}": n for (layer, cat), n in sorted(categories.items())},
        }


def _predictions(entities: pd.DataFrame, facts: pd.DataFrame
                 ) -> tuple[dict[str, list[_Pred]], dict[str, list[_Pred]]]:
    ents: dict[str, list[_Pred]] = defaultdict(list)
    for row in entities.itertuples(index=False):
        ents[row.doc_id].append(_Pred(int(row.start_char), int(row.end_char), row.label,
                                      row.text, group=row.entity_id if
                                      pd.notna(row.entity_id) else None,
                                      entity=row.canonical_id if
                                      pd.notna(row.canonical_id) else None))
    found: dict[str, list[_Pred]] = defaultdict(list)
    for row in facts.itertuples(index=False):
        if row.kind in ("date", "time"):
            value = row.iso if pd.notna(row.iso) else None
        else:
            value = float(row.value) if pd.notna(row.value) else None
        found[row.doc_id].append(_Pred(int(row.start_char), int(row.end_char), row.kind,
                                       row.text, value=value))
    return ents, found


def evaluate_gold(golds: Sequence[GoldArticle], *, pipeline: Any = None,
                  models: str | Path | None = None) -> tuple[dict[str, Any], pd.DataFrame]:
    """Annotate the gold articles and score them: (report, errors table)."""
    from .annotate import annotate

    ann = annotate([g.record for g in golds], pipeline=pipeline, models=models)
    ents, facts = _predictions(ann.entities, ann.facts)
    excluded = {doc.article.doc_id: doc.article.excluded for doc in ann.docs}
    failed = ann.documents.loc[ann.documents["status"] != "ok", "doc_id"].tolist()
    scorer = ArticleScorer()
    for gold in golds:
        scorer.add(gold, ents.get(gold.id, []), facts.get(gold.id, []),
                   excluded.get(gold.id, []))
    report = scorer.report()
    report["failed_articles"] = failed
    errors = pd.DataFrame.from_records(scorer.errors, columns=ERROR_COLUMNS)
    return report, errors


def evaluate_articles_file(gold: str | Path | Sequence[str | Path], *,
                           models: str | Path | None = None,
                           shared: str | Path | None = None, errors: str | Path | None = None,
                           pipeline: Any = None) -> dict[str, Any]:
    """``nlp-news evaluate articles``: score a gold file (or several together); write the
    error rows to ``errors`` (CSV, or TSV for a ``.tsv`` name) when given."""
    paths = [gold] if isinstance(gold, str | Path) else list(gold)
    golds = [g for path in paths for g in read_gold(path, shared)]
    report, table = evaluate_gold(golds, pipeline=pipeline, models=models)
    report["gold"] = str(paths[0]) if len(paths) == 1 else [str(p) for p in paths]
    if errors is not None:
        path = Path(errors)
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(path, index=False, sep="\t" if path.suffix == ".tsv" else ",")
    return report


# --------------------------------------------------------------------------- folds, ablation

#: What ``--folds`` / ``--ablate`` report for each fold (from :meth:`ArticleScorer.report`).
FOLD_MEASURES = ("exact_f1", "overlap_f1", "org_exact_f1", "grouping_recall",
                 "grouping_precision", "cross_document_recall", "cross_document_precision",
                 "facts_f1")


def fold_of(doc_id: str, folds: int) -> int:
    """The fold of an article: a hash of its id (the same on every machine and run)."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % folds


def _measures(report: dict[str, Any]) -> dict[str, float]:
    ents = report["entities"]
    return {
        "exact_f1": ents["exact"]["f1"], "overlap_f1": ents["overlap"]["f1"],
        "org_exact_f1": ents["per_label_exact"]["ORG"]["f1"],
        "grouping_recall": report["grouping"]["recall"],
        "grouping_precision": report["grouping"]["precision"],
        "cross_document_recall": report["cross_document"]["recall"],
        "cross_document_precision": report["cross_document"]["precision"],
        "facts_f1": report["facts"]["micro"]["f1"],
    }


def _mean_spread(values: Sequence[float]) -> dict[str, float]:
    """Mean and spread (the sample standard deviation; 0 for one value)."""
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / (len(values) - 1) if len(values) > 1 else 0.0
    return {"mean": round(mean, 4), "spread": round(math.sqrt(var), 4)}


def cross_validate(golds: Sequence[GoldArticle], *, folds: int = 1,
                   ablate: Sequence[str] = (), pipeline: Any = None,
                   models: str | Path | None = None) -> dict[str, Any]:
    """Score the gold articles fold by fold (:func:`fold_of`), with every component and rule
    and with each of ``ablate`` left out (component names or entity rule ids; ``"rules"``:
    every entity rule); report each measure's mean and spread over the folds, and each
    left-out one's gain (the full pipeline's score minus the score without it, per fold: mean
    and spread).  One whose mean gain is not larger than its spread shows no held-out gain.
    The NER model runs once; the components after it run once per setting."""
    import copy

    from .annotate import get_pipeline, summarize_entities, to_articles
    from .tables import build_tables

    if folds < 1:
        raise ValueError("--folds must be 1 or more")
    pipe = pipeline or get_pipeline(models)
    rules = pipe.get_pipe("entity_rules") if pipe.has_pipe("entity_rules") else None
    rule_ids = rules.rule_ids if rules is not None else []
    if "rules" in ablate:
        ablate = [n for n in ablate if n != "rules"] + rule_ids
    unknown = [name for name in ablate if name not in pipe.pipe_names and name not in rule_ids]
    if unknown:
        raise ValueError(f"--ablate: no component or entity rule {', '.join(unknown)} (the "
                         f"pipeline: {', '.join(pipe.pipe_names)}; the rules: "
                         f"{', '.join(rule_ids)})")
    split = "ner" if "ner" in pipe.pipe_names else None
    made = pipe.run_part([Doc(a) for a in to_articles([g.record for g in golds])],
                         until=split)
    by_fold: dict[int, list[GoldArticle]] = defaultdict(list)
    for gold in golds:
        by_fold[fold_of(gold.id, folds)].append(gold)
    knowledge = pipe.resources.name_knowledge
    scores: dict[str, list[dict[str, float]]] = {}
    for setting in ("all", *ablate):
        if rules is not None:
            rules.set_skip([setting] if setting in rule_ids else [])
        try:
            docs = pipe.run_part(copy.deepcopy(made), after=split,
                                 skip=(setting,) if setting in pipe.pipe_names else ())
        finally:
            if rules is not None:
                rules.set_skip([])
        built = build_tables(docs)
        excluded = {doc.article.doc_id: doc.article.excluded for doc in docs}
        per_fold = []
        for fold in sorted(by_fold):
            ids = {g.id for g in by_fold[fold]}
            ents = built["entities"][built["entities"]["doc_id"].isin(ids)].copy()
            summarize_entities(ents, built["documents"], knowledge)
            preds, facts = _predictions(ents, built["facts"])
            scorer = ArticleScorer()
            for gold in by_fold[fold]:
                scorer.add(gold, preds.get(gold.id, []), facts.get(gold.id, []),
                           excluded.get(gold.id, []))
            per_fold.append(_measures(scorer.report()))
        scores[setting] = per_fold
    report: dict[str, Any] = {
        "articles": len(golds), "folds": folds,
        "fold_sizes": [len(by_fold[f]) for f in sorted(by_fold)],
        "scores": {m: _mean_spread([f[m] for f in scores["all"]]) for m in FOLD_MEASURES},
    }
    if ablate:
        report["gain"] = {}
        for name in ablate:
            gain = {m: _mean_spread([a[m] - b[m] for a, b in zip(scores["all"], scores[name],
                                                                    strict=True)])
                    for m in FOLD_MEASURES}
            gain["held_out_gain"] = gain["exact_f1"]["mean"] > gain["exact_f1"]["spread"] \
                or gain["grouping_recall"]["mean"] > gain["grouping_recall"]["spread"]
            report["gain"][name] = gain
    return report
