"""Explore annotated news: rankings, co-occurrence, facts about an entity, timelines, plots.

Every function takes the tables of :class:`~nlp_news.Annotations` (``entities``, ``facts``,
``documents``, ``entity_summary``) and returns a :class:`pandas.DataFrame` or a matplotlib
:class:`~matplotlib.figure.Figure`; no model is needed.  The notebook
``notebooks/explore_news.ipynb`` shows them on real articles::

    ann = nlp_news.annotate(Path("examples/articles.jsonl"))
    ents = with_names(ann.entities, ann.entity_summary)   # one name per entity across articles
    top_entities(ents, label="PER")
    facts_mentioning(ann.facts, ents, "Hamas")

Entity names: a column ``name`` when present (see :func:`with_names`), else ``canonical`` (one
name per entity within an article), else the mention ``text``.  matplotlib is imported only by
the plotting functions (``pip install nlp_news[notebooks]``).
"""

from __future__ import annotations

import json
import os
import random
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import config, lexicon

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [  # noqa: F822  (PEOPLE_UNITS: the module's __getattr__)
    "ENTITY_COLORS", "LABEL_NAMES", "PEOPLE_UNITS", "biggest_amounts", "choose_entity",
    "cooccurrence", "drop_outlets", "entity_names", "facts_mentioning", "find_data",
    "indosum_sample", "people_counts", "people_units", "plot_cooccurrence", "plot_timeline",
    "plot_top_entities", "timeline", "top_entities", "with_names",
]

#: Readable names of the entity labels (plot titles).
LABEL_NAMES: dict[str, str] = {"PER": "People", "LOC": "Places", "ORG": "Organisations"}
#: Colours per label, shared by the bar charts and displaCy (``options={"colors": ...}``).
ENTITY_COLORS: dict[str, str] = {"PER": "#f4a261", "LOC": "#8ecae6", "ORG": "#b5e48c"}


@cache
def people_units() -> frozenset[str]:
    """Units of ``quantity`` facts that count people ("2.350 warga", "31.000 orang"):
    ``[people_units]`` of the lexicon (also ``PEOPLE_UNITS``, read on first use)."""
    return frozenset(lexicon.table("people_units"))


def __getattr__(name: str) -> Any:
    if name == "PEOPLE_UNITS":
        return people_units()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_FACT_COLUMNS = ["doc_id", "sent_index", "kind", "text", "value", "unit", "currency", "iso",
                 "subject", "sentence"]


# --------------------------------------------------------------------------- data


def find_data(relative: str | Path, start: str | Path | None = None) -> Path | None:
    """``relative`` resolved against ``start`` (default: the working directory) or one of its
    parents, then against this repository's root; the first that exists, else None.

    ``find_data("examples")`` finds the bundled examples from the repository root or from
    ``notebooks/``.
    """
    here = Path(start or Path.cwd()).resolve()
    roots = [here, *here.parents, config.REPOSITORY]
    for root in roots:
        path = root / relative
        if path.exists():
            return path
    return None


def indosum_sample(n: int = 300, path: str | Path | None = None, *, seed: int = 0
                   ) -> list[dict[str, Any]]:
    """Up to ``n`` IndoSum articles (dicts for :func:`nlp_news.annotate`); ``[]`` when absent.

    ``path`` defaults to ``$NLP_NEWS_INDOSUM`` or IndoSum in the shared folder
    (:func:`nlp_news.config.corpus_path`).  The sample is random but fixed by ``seed``
    (articles spread over the whole dump, in file order).
    """
    if path is None:
        env = os.environ.get("NLP_NEWS_INDOSUM")
        path = Path(env) if env else config.corpus_path("indosum")
    if path is None or not Path(path).is_file() or n <= 0:
        return []
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    keep = sorted(random.Random(seed).sample(range(len(lines)), min(n, len(lines))))
    return [json.loads(lines[i]) for i in keep]


# --------------------------------------------------------------------------- names


def entity_names(entities: pd.DataFrame) -> pd.Series:
    """One display name per entity row: ``name``, else ``canonical``, else the mention text."""
    names = pd.Series(pd.NA, index=entities.index, dtype="string")
    for column in ("name", "canonical", "text"):
        if column in entities:
            names = names.fillna(entities[column].astype("string"))
    return names


def with_names(entities: pd.DataFrame, summary: pd.DataFrame | None = None) -> pd.DataFrame:
    """``entities`` with a ``name`` column: the same name for one entity across articles.

    The ``canonical`` name is per article ("Putin" in an article that never says "Vladimir
    Putin"); ``summary`` (``Annotations.entity_summary``) names each entity of the dump once,
    and each mention's ``canonical_id`` is the key of its summary row.  (Tables written before
    ``canonical_id`` existed are matched through the summary's ``aliases``.)  Without a
    summary, ``name`` is the canonical name.
    """
    out = entities.copy()
    names = entity_names(entities.drop(columns=["name"], errors="ignore"))
    keyed = (summary is not None and "canonical_id" in summary and "canonical_id" in entities
             and entities["canonical_id"].notna().any())
    if keyed:
        lookup_id = dict(zip(summary["canonical_id"], summary["canonical"], strict=True))
        names = entities["canonical_id"].map(lookup_id).astype("string").fillna(names)
    elif summary is not None and len(summary) and len(entities):
        lookup: dict[tuple[str, str], str] = {}
        for row in summary.itertuples(index=False):  # most mentioned first: it wins ties
            aliases = str(row.aliases).split("; ") if pd.notna(row.aliases) else []
            for alias in (row.canonical, *aliases):
                lookup.setdefault((str(row.label), str(alias)), str(row.canonical))
        keys = zip(entities["label"].astype(str), names.astype(str), strict=True)
        mapped = [lookup.get(key) for key in keys]
        names = pd.Series(mapped, index=entities.index, dtype="string").fillna(names)
    out["name"] = names
    return out


_DOMAIN = re.compile(r"\.(?:co\.id|com|id|net|org)\b", re.IGNORECASE)


def _outlet_key(name: str) -> str:
    """"CNNIndonesia.com", "cnn indonesia" -> "cnnindonesia"."""
    name = _DOMAIN.sub("", str(name).casefold())
    return "".join(ch for ch in name if ch.isalnum())


def drop_outlets(entities: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """``entities`` without the news outlets: names that look like a web address
    ("DailySocial.id", "Suara.com") or that are the ``source`` of one of the ``documents``
    ("CNN Indonesia" in the dateline "Jakarta, CNN Indonesia -" of every CNN article).

    Outlets name themselves in most of their articles, so they top every ranking and every
    co-occurrence without saying anything about the news.
    """
    sources: set[str] = set()
    if documents is not None and "source" in documents:
        sources = {_outlet_key(s) for s in documents["source"].dropna().unique()}
    sources.discard("")
    names = entity_names(entities).fillna("")
    web = names.str.contains(_DOMAIN).fillna(False).astype(bool)
    outlet = names.map(lambda n: _outlet_key(n) in sources).astype(bool)
    return entities[~(web | outlet)]


def _named(entities: pd.DataFrame, labels: str | Iterable[str] | None) -> pd.DataFrame:
    """doc_id, sent_index, label, name of the entities with one of ``labels``."""
    df = pd.DataFrame({"doc_id": entities["doc_id"], "label": entities["label"],
                       "name": entity_names(entities)})
    if "sent_index" in entities:
        df["sent_index"] = entities["sent_index"]
    if labels is not None:
        labels = [labels] if isinstance(labels, str) else list(labels)
        df = df[df["label"].isin(labels)]
    return df.dropna(subset=["doc_id", "name"])


# --------------------------------------------------------------------------- rankings


def top_entities(entities: pd.DataFrame, label: str | Iterable[str] | None = None, n: int = 15,
                 by: str = "documents") -> pd.DataFrame:
    """The ``n`` most frequent entities: name, label, mentions, documents.

    ``by="documents"`` ranks by the number of articles naming the entity (one long article does
    not dominate), ``by="mentions"`` by the number of mentions.  Ties go alphabetically.
    """
    if by not in ("documents", "mentions"):
        raise ValueError(f"by must be 'documents' or 'mentions', not {by!r}")
    df = _named(entities, label)
    if df.empty:
        return pd.DataFrame({"name": pd.Series(dtype="string"),
                             "label": pd.Series(dtype="string"),
                             "mentions": pd.Series(dtype="int64"),
                             "documents": pd.Series(dtype="int64")})
    # a name with two labels (model disagreement) counts under its most frequent label
    grouped = df.groupby("name", sort=False)
    out = pd.DataFrame({
        "label": grouped["label"].agg(lambda s: s.value_counts().index[0]),
        "mentions": grouped.size(),
        "documents": grouped["doc_id"].nunique(),
    }).rename_axis("name").reset_index()
    other = "mentions" if by == "documents" else "documents"
    out = out.sort_values([by, other, "name"], ascending=[False, False, True], kind="stable")
    return out.head(n).reset_index(drop=True)


def cooccurrence(entities: pd.DataFrame, labels: str | Iterable[str] | None = ("PER", "ORG", "LOC"),
                 top: int = 20) -> pd.DataFrame:
    """How many articles name both entities, for the ``top`` entities by number of articles.

    A square DataFrame indexed by name on both axes, in ranking order; the diagonal is the
    number of articles naming the entity.
    """
    df = _named(entities, labels)
    names = top_entities(df, n=top)["name"].tolist()
    matrix = pd.DataFrame(0, index=pd.Index(names, name="name"),
                          columns=pd.Index(names, name="with"), dtype="int64")
    if not names:
        return matrix
    per_doc = df[df["name"].isin(names)].groupby("doc_id")["name"].agg(lambda s: sorted(set(s)))
    pairs: Counter[tuple[str, str]] = Counter()
    for group in per_doc:
        for name in group:
            pairs[(name, name)] += 1
        for a, b in combinations(group, 2):
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
    for (a, b), count in pairs.items():
        matrix.loc[a, b] = count
    return matrix


# --------------------------------------------------------------------------- facts


def biggest_amounts(facts: pd.DataFrame, kind: str = "money", n: int = 10,
                    currency: str | None = None, unit: str | Iterable[str] | None = None
                    ) -> pd.DataFrame:
    """The ``n`` largest facts of one ``kind`` (money, percent, quantity) with their context.

    Columns: doc_id, text, value, unit, currency, subject, sentence.  Amounts in different
    currencies are not comparable: pass ``currency="IDR"`` (or "USD", ...) to rank one of them;
    ``unit`` keeps quantities with that unit (or one of those units), case-insensitively.
    Relative amounts ("naik 20 persen") are kept; facts without a value are dropped.
    """
    df = facts[facts["kind"] == kind]
    if currency is not None:
        df = df[df["currency"] == currency]
    if unit is not None:
        units = {unit.lower()} if isinstance(unit, str) else {u.lower() for u in unit}
        df = df[df["unit"].str.lower().isin(units).fillna(False).astype(bool)]
    df = df[df["value"].notna()].sort_values("value", ascending=False, kind="stable")
    columns = [c for c in ("doc_id", "text", "value", "unit", "currency", "subject", "sentence")
               if c in df]
    return df[columns].head(n).reset_index(drop=True)


def people_counts(facts: pd.DataFrame, n: int = 10,
                  units: Iterable[str] | None = None) -> pd.DataFrame:
    """The ``n`` largest counts of people ("2.350 warga", "31.000 orang"): quantity facts
    whose unit is one of ``units`` (default: :data:`PEOPLE_UNITS`)."""
    return biggest_amounts(facts, kind="quantity", n=n,
                           unit=people_units() if units is None else units)


def _matching_names(entities: pd.DataFrame, name: str) -> set[str]:
    """Names of the entities called ``name``: as a display/canonical name or as a mention."""
    wanted = name.casefold()
    names = entity_names(entities)
    hit = names.str.casefold() == wanted
    for column in ("canonical", "text"):
        if column in entities:
            hit |= (entities[column].astype("string").str.casefold() == wanted).fillna(False)
    return set(names[hit.fillna(False).astype(bool)].dropna())


def facts_mentioning(facts: pd.DataFrame, entities: pd.DataFrame, name: str,
                     kinds: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Every fact in a sentence that names the entity ``name``.

    ``name`` matches an entity's name (``name``/``canonical`` column) or any of its mentions,
    case-insensitively: "Putin" finds the sentences naming "Vladimir Putin" too when the
    article links them.  ``kinds`` keeps some fact kinds only ("money", ("percent",
    "quantity"), ...).  Columns: the entity's ``name`` and the facts' doc_id, sent_index, kind,
    text, value, unit, currency, iso, subject, sentence.
    """
    df = _named(entities, None)
    df = df[df["name"].isin(_matching_names(entities, name))]
    sentences = df[["doc_id", "sent_index", "name"]].drop_duplicates(["doc_id", "sent_index"])
    columns = [c for c in _FACT_COLUMNS if c in facts]
    out = facts[columns]
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        out = out[out["kind"].isin(kinds)]
    out = sentences.merge(out, on=["doc_id", "sent_index"], how="inner")
    return out.sort_values(["doc_id", "sent_index"], kind="stable").reset_index(drop=True)


def choose_entity(entities: pd.DataFrame, facts: pd.DataFrame,
                  preferred: Sequence[str] = (), label: str | Iterable[str] | None = None,
                  kinds: Iterable[str] = ("money", "percent")) -> str | None:
    """An entity worth exploring: the first of ``preferred`` found in the data, else the one
    with the most facts of ``kinds`` in its sentences (then the most articles).  None when
    there is no entity.  (Bare numbers, scores and minutes make sports teams win when every
    kind counts, hence money and percentages by default.)"""
    for name in preferred:
        if _matching_names(entities, name):
            return name
    df = _named(entities, label)
    if df.empty:
        return None
    ranking = top_entities(df, n=len(df))
    facts = facts[facts["kind"].isin(list(kinds))]
    if "sent_index" in df and len(facts):
        per_sentence = facts.groupby(["doc_id", "sent_index"]).size().rename("n_facts")
        sentences = df.drop_duplicates(["doc_id", "sent_index", "name"])
        counted = sentences.join(per_sentence, on=["doc_id", "sent_index"])
        n_facts = counted.groupby("name")["n_facts"].sum()
        ranking["n_facts"] = ranking["name"].map(n_facts).fillna(0)
        ranking = ranking.sort_values(["n_facts", "documents"], ascending=False, kind="stable")
    return str(ranking["name"].iloc[0])


# --------------------------------------------------------------------------- timeline


def _publication_days(documents: pd.DataFrame) -> pd.Series:
    """doc_id -> publication day (a naive Timestamp at midnight), NaT when unknown."""
    day = pd.to_datetime(documents["date"].astype("string").str.slice(0, 10), errors="coerce",
                         format="%Y-%m-%d")
    return pd.Series(day.to_numpy(), index=documents["doc_id"].astype(str))


def timeline(facts: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame, name: str
             ) -> pd.DataFrame:
    """The mentions of an entity and the facts in its sentences, by publication date.

    One row per mention (``kind="mention"``) and per fact (its kind: money, percent, date, ...),
    sorted by date: date (publication day), doc_id, title, kind, text, event_date (the ISO date a
    ``date`` fact names, e.g. when an announced meeting takes place), sentence (of the facts).
    Articles without a publication date are left out.
    """
    days = _publication_days(documents)
    titles = documents.set_index(documents["doc_id"].astype(str))["title"]
    columns = ["date", "doc_id", "title", "kind", "text", "event_date", "sentence"]
    matched = entities[entity_names(entities).isin(_matching_names(entities, name))]
    mentions = pd.DataFrame({"doc_id": matched["doc_id"].astype(str), "kind": "mention",
                             "text": matched["text"], "event_date": None, "sentence": None})
    found = facts_mentioning(facts, entities, name)
    dated = pd.DataFrame({"doc_id": found["doc_id"].astype(str), "kind": found["kind"],
                          "text": found["text"], "sentence": found.get("sentence")})
    if "iso" in found:
        dated["event_date"] = found["iso"].where(found["kind"] == "date")
    out = pd.concat([mentions, dated], ignore_index=True)
    out["date"] = out["doc_id"].map(days)
    out["title"] = out["doc_id"].map(titles)
    out = out[out["date"].notna()]
    order = out["kind"].ne("mention")  # on one day, mentions first
    out = out.assign(_order=order).sort_values(["date", "doc_id", "_order"], kind="stable")
    out = out[columns].reset_index(drop=True)
    out["date"] = pd.to_datetime(out["date"])
    return out


def _auto_freq(dates: pd.Series) -> str:
    span = (dates.max() - dates.min()).days if len(dates) else 0
    if span <= 45:
        return "D"
    if span <= 270:
        return "W"
    return "MS"


# --------------------------------------------------------------------------- plots


def _figure(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    return fig, ax


def _short(name: str, width: int = 28) -> str:
    return textwrap.shorten(str(name), width=width, placeholder="…")


def plot_top_entities(entities: pd.DataFrame, labels: str | Sequence[str] = ("PER", "LOC", "ORG"),
                      n: int = 10, by: str = "documents", title: str | None = None) -> Figure:
    """Horizontal bar charts of the ``n`` most frequent entities, one panel per label."""
    import matplotlib.pyplot as plt

    labels = [labels] if isinstance(labels, str) else list(labels)
    fig, axes = plt.subplots(1, len(labels), figsize=(4.6 * len(labels), 0.32 * n + 1.6),
                             layout="constrained", squeeze=False)
    n_docs = entities["doc_id"].nunique()
    for ax, label in zip(axes[0], labels, strict=True):
        top = top_entities(entities, label=label, n=n, by=by)
        names = [_short(x) for x in top["name"]][::-1]
        values = top[by].tolist()[::-1]
        ax.barh(names, values, color=ENTITY_COLORS.get(label, "#999999"), edgecolor="#555555")
        for y, v in enumerate(values):
            ax.text(v, y, f" {v}", va="center", fontsize=8)
        ax.set_title(f"{LABEL_NAMES.get(label, label)} ({label})")
        ax.set_xlabel("articles naming it" if by == "documents" else "mentions")
        ax.margins(x=0.15)
        ax.tick_params(axis="y", labelsize=9)
        if not values:
            ax.text(0.5, 0.5, "none found", ha="center", va="center", transform=ax.transAxes)
            ax.set_yticks([])
    fig.suptitle(title or f"Most frequent entities in {n_docs} article(s)")
    return fig


def plot_cooccurrence(matrix: pd.DataFrame, ax: Axes | None = None, title: str | None = None,
                      annotate: bool = True) -> Figure:
    """A heatmap of :func:`cooccurrence`: articles naming both entities (diagonal left blank)."""
    import numpy as np

    size = max(5.0, 0.42 * len(matrix) + 2.5)
    fig, ax = _figure(ax, (size + 1.2, size))
    values = np.array(matrix.to_numpy(dtype=float), copy=True)
    np.fill_diagonal(values, np.nan)
    image = ax.imshow(np.ma.masked_invalid(values), cmap="YlOrRd", vmin=0)
    names = [_short(x, 24) for x in matrix.index]
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.set_xlabel("entity")
    ax.set_ylabel("entity")
    ax.set_title(title or "Articles naming both entities")
    if annotate and len(matrix) <= 30:
        top = np.nanmax(values) if np.isfinite(values).any() else 0
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v) and v > 0:
                ax.text(j, i, int(v), ha="center", va="center", fontsize=7,
                        color="white" if v > top * 0.6 else "black")
    fig.colorbar(image, ax=ax, shrink=0.7, label="articles")
    return fig


def plot_timeline(events: pd.DataFrame, name: str = "", freq: str | None = None,
                  ax: Axes | None = None) -> Figure:
    """Bars: mentions of the entity per period; line: facts in its sentences per period.

    ``events`` is :func:`timeline`'s table; ``freq`` a pandas period ("D", "W", "MS"), chosen
    from the date span when None.
    """
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    fig, ax = _figure(ax, (9, 3.6))
    if events.empty:
        ax.text(0.5, 0.5, f"no dated mention of {name}", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    freq = freq or _auto_freq(events["date"])
    is_mention = events["kind"] == "mention"
    counts = pd.DataFrame({
        "mentions": events[is_mention].groupby(pd.Grouper(key="date", freq=freq)).size(),
        "facts": events[~is_mention].groupby(pd.Grouper(key="date", freq=freq)).size(),
    }).fillna(0)
    width = {"D": 0.8, "W": 5.5}.get(freq, 25)
    ax.bar(counts.index, counts["mentions"], width=width, color=ENTITY_COLORS["LOC"],
           edgecolor="#555555", label="mentions")
    with_facts = counts[counts["facts"] > 0]
    ax.plot(with_facts.index, with_facts["facts"], "D", color="#d62828", markersize=6,
            label="facts in its sentences")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = float(max(counts["mentions"].max(), counts["facts"].max(), 1))
    ax.set_ylim(0, top * 1.35 + 0.5)  # headroom for the legend
    pad = pd.Timedelta(days={"D": 3, "W": 14}.get(freq, 45))
    ax.set_xlim(counts.index.min() - pad, counts.index.max() + pad)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    per = {"D": "day", "W": "week", "MS": "month"}.get(freq, freq)
    ax.set_ylabel(f"count per {per}")
    ax.set_xlabel("publication date")
    ax.set_title(f"{name}: mentions and facts over time" if name else "Mentions over time")
    ax.legend(loc="upper left", frameon=False, ncol=2)
    return fig
