"""Small bar charts as plain SVG, made here (no charting library, nothing to vendor).

The report's charts are few and simple (counts by month, by source, by status), so a hundred
lines of our own beat a vendored library: the site stays small, works from ``file://``, and the
pages show them as ``<img>`` files, which a browser never runs code from.  Every label is
XML-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax import saxutils

#: Characters XML 1.0 does not allow (escaping cannot keep them): dropped from labels.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """``text`` as XML character data: markup escaped, characters XML forbids dropped."""
    return saxutils.escape(_NOT_XML.sub("", text))

BAR = "#457b9d"
_FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def _num(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.2g}"


def column_chart(points: Sequence[tuple[str, float]], *, width: int = 640, height: int = 180,
                 title: str = "", color: str = BAR) -> str:
    """Vertical bars over an ordered axis (months, days): ``points`` are (label, value).

    At most about a dozen axis labels are written, evenly spaced, so a long range stays
    readable; every bar has a tooltip with its label and value.
    """
    left, right, top, bottom = 44, 8, 18 if title else 8, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max((v for _, v in points), default=0) or 1
    n = max(len(points), 1)
    step = plot_w / n
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    if title:
        parts.append(f'<text x="{left}" y="12" {_FONT} font-weight="bold">{escape(title)}</text>')
    base = top + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" '
                 'stroke="#999"/>')
    parts.append(f'<text x="{left - 4}" y="{top + 9}" {_FONT} text-anchor="end">'
                 f'{_num(top_value)}</text>')
    parts.append(f'<text x="{left - 4}" y="{base}" {_FONT} text-anchor="end">0</text>')
    every = max(1, -(-n // 12))
    for i, (label, value) in enumerate(points):
        h = plot_h * value / top_value
        x = left + i * step
        parts.append(f'<rect x="{x + step * 0.1:.1f}" y="{base - h:.1f}" '
                     f'width="{max(step * 0.8, 0.5):.1f}" height="{h:.1f}" fill="{color}">'
                     f'<title>{escape(f"{label}: {_num(value)}")}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{base + 14}" {_FONT} '
                         f'text-anchor="middle">{escape(str(label))}</text>')
    if not points:
        parts.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" {_FONT} '
                     'text-anchor="middle">no dates</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(rows: Sequence[tuple[str, float]], *, width: int = 640, title: str = "",
              color: str = BAR, label_width: int = 180) -> str:
    """Horizontal bars, one per (label, value) row, in the given order."""
    row_h, top = 18, 20 if title else 4
    height = top + row_h * max(len(rows), 1) + 4
    top_value = max((v for _, v in rows), default=0) or 1
    plot_w = width - label_width - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    if title:
        parts.append(f'<text x="0" y="13" {_FONT} font-weight="bold">{escape(title)}</text>')
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        w = plot_w * value / top_value
        text = str(label) if len(str(label)) <= 30 else str(label)[:29] + "…"
        parts.append(f'<text x="{label_width - 6}" y="{y + 13}" {_FONT} text-anchor="end">'
                     f'{escape(text)}<title>{escape(str(label))}</title></text>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{max(w, 0.5):.1f}" '
                     f'height="{row_h - 6}" fill="{color}"/>')
        parts.append(f'<text x="{label_width + w + 4:.1f}" y="{y + 13}" {_FONT}>'
                     f'{_num(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)

