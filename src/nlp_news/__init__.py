"""nlp_news: Indonesian news articles -> tables of who, where, which organisation, how much, when.

>>> import nlp_news
>>> ann = nlp_news.annotate(["Presiden Joko Widodo tiba di Surabaya pada Senin (3/6)."])
>>> ann.entities[["text", "label"]]          # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .annotate import Annotations, Pipeline, annotate  # noqa: E402
from .readers import Record, read_articles  # noqa: E402

__all__ = ["Annotations", "Pipeline", "Record", "__version__", "annotate", "read_articles"]
