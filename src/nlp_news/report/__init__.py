"""``nlp-news report``: a static, offline HTML report of an annotated dump.

:func:`build_report` reads an output folder of ``nlp-news annotate`` and writes a site of one
page (``index.html``, ``report.js``, ``report.css`` from ``assets/``) and its data files; it
opens from ``file://`` with no network and no server.
"""

from .build import ReportSummary, build_report

__all__ = ["ReportSummary", "build_report"]
