"""A calibrated confidence for every entity (the ``score`` column).

A mention the NER model tagged and no rule changed scores the model's probability of that
span and label (the CRF marginal, :func:`.pipeline.ner_forward.path_probability`), mapped by
a logistic calibration ``sigmoid(a * logit(p) + b)`` fitted on the real-article gold folds
(:func:`fit`, ``python benchmarks/score_calibration.py``); any other mention scores the
precision its source has on the same folds: ``rule`` (a model mention a rule changed),
``gazetteer``, ``dateline``.  The numbers live beside the model in
``score_calibration.json``; without that file the model's raw probability is the score and
other sources have none.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .doc import Doc, Entity

#: What mentions are scored by, besides the model's calibrated probability.
SOURCES = ("rule", "gazetteer", "dateline")


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Calibration:
    """``a``, ``b`` of the model's calibration and each other source's precision."""

    a: float = 1.0
    b: float = 0.0
    sources: dict[str, float] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | Path) -> Calibration:
        """The calibration file; a missing file gives the identity (raw probabilities)."""
        path = Path(path)
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(float(data["a"]), float(data["b"]),
                   {k: float(v) for k, v in data.get("sources", {}).items()})

    def model(self, p: float) -> float:
        """The calibrated probability of a model mention."""
        return 1 / (1 + math.exp(-(self.a * _logit(p) + self.b)))

    def score(self, doc: Doc) -> None:
        """Set ``score`` on every entity of ``doc``."""
        for ent in doc.entities:
            source, raw = mention_source(doc, ent)
            ent.score = (round(self.model(raw), 3) if raw is not None
                         else self.sources.get(source))


def mention_source(doc: Doc, ent: Entity) -> tuple[str, float | None]:
    """What a mention is scored by: ``("model", probability)`` for a model mention no rule
    changed, else ``(source, None)``: ``rule`` for a model mention a rule changed, or its
    origin (``gazetteer``, ``dateline``, ...)."""
    raw = doc.model_spans.get((ent.start_char, ent.end_char, ent.label))
    if ent.origin == "model":
        return ("model", raw) if raw is not None else ("rule", None)
    return ent.origin, None


def check_min_score(value: float | None) -> float | None:
    """``value`` if it is None or in [0, 1]; else ``ValueError`` (a usage error)."""
    if value is not None and not 0 <= value <= 1:
        raise ValueError(f"the minimum score must be in [0, 1], not {value}")
    return value


def fit(probs: Sequence[float], correct: Sequence[bool], steps: int = 500,
        rate: float = 0.5) -> tuple[float, float]:
    """``a``, ``b`` of ``sigmoid(a * logit(p) + b)`` fitted to ``correct`` by gradient
    descent on the log loss (two parameters: little to over-fit)."""
    xs = [_logit(p) for p in probs]
    ys = [1.0 if c else 0.0 for c in correct]
    a, b, n = 1.0, 0.0, max(len(xs), 1)
    for _ in range(steps):
        ga = gb = 0.0
        for x, y in zip(xs, ys, strict=True):
            q = 1 / (1 + math.exp(-(a * x + b)))
            ga += (q - y) * x
            gb += q - y
        a -= rate * ga / n
        b -= rate * gb / n
    return a, b


def bands(scores: Iterable[float | None], correct: Iterable[bool],
          edges: Sequence[float] = (0.5, 0.7, 0.9)) -> list[dict[str, float | int | str]]:
    """Precision and share of mentions per score band (for the model card)."""
    rows = [(s, c) for s, c in zip(scores, correct, strict=True) if s is not None]
    cuts = [0.0, *edges, 1.0000001]
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        inside = [c for s, c in rows if lo <= s < hi]
        out.append({"band": f"[{lo:g}, {min(hi, 1):g}{']' if hi > 1 else ')'}",
                    "mentions": len(inside),
                    "share": round(len(inside) / len(rows), 3) if rows else 0.0,
                    "precision": round(sum(inside) / len(inside), 3) if inside else 0.0})
    return out
