"""Turn a read :class:`~nlp_news.readers.Record` into an :class:`~nlp_news.doc.Article`.

Finds the text (``text`` or ``paragraphs``), the id, publication date, title and source; in raw
article text it recognises the header (title line, date line, ``Reporter :``, ``Editor :``), the
dateline (``JAKARTA, KOMPAS.com -``) and boilerplate lines (``BACA JUGA: ...``), and records them
as excluded ranges: they stay in the text, so offsets still point into the original, but no
entity or fact is taken from them.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import regex

from . import lexicon, pubdate
from .doc import Article
from .readers import MAX_ARTICLE_CHARS, Record, missing_columns, resolve_fields


def _header_labels() -> dict[str, str]:
    """Header labels (``reporter``, ``editor``, ...) -> the field each one fills."""
    return lexicon.table("article")["header_labels"]


@cache
def _header_line() -> regex.Pattern[str]:
    return regex.compile(
        r"^\s*(?P<label>" + "|".join(regex.escape(k) for k in _header_labels())
        + r")\s*:\s*(?P<value>.+?)\s*$",
        regex.IGNORECASE,
    )


@cache
def _boilerplate() -> regex.Pattern[str]:
    starts = lexicon.table("article")["boilerplate_starts"]
    return regex.compile(r"^\s*(?:" + "|".join(regex.escape(s) for s in starts) + r")",
                         regex.IGNORECASE)


@cache
def _outlets() -> frozenset[str]:
    return frozenset(lexicon.table("outlets")["names"])


# "LINGGAUPOS.CO.ID –", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "Liputan6.com, Jakarta -"
_WORD = r"(?:\p{Lu}[\p{L}\d.]*|\([^)\n]{2,30}\))"
_DATELINE = regex.compile(
    r"^\s*(?P<line>\p{Lu}[\p{L}\d.]*(?:,?\s+" + _WORD + r"){0,3}\s+[-–—](?:\s?[-–—])?\s+)"
    r"(?=[\p{Lu}\"“])"
)
_LINE = regex.compile(r"[^\n]*")
#: The parts of a dateline: "Jakarta", "CNN Indonesia" / "(ANTARA News)" / "TEMPO.CO"
_DATELINE_PART = regex.compile(r"\((?P<paren>[^()\n]+)\)|(?P<plain>[^,()\n]+)")
_DOMAIN = regex.compile(r"\.(?:com|co|net|id|org|tv)\b", regex.IGNORECASE)
_HEADER_SCAN_LINES = 8
_MAX_HEADER_LINE = 200
#: Lines above the first header line (date, ``Reporter :``) that can be the title.
_MAX_TITLE_LINES = 2
#: A line ending so is a sentence of the body, not a title ("... katanya, " / "Selasa (3/9).")
_LINK_END = regex.compile(r"[.:!?)\]](?:\s*+,)?(?=\s)")
_SENTENCE_ENDS = (".", ",", "!", "?", ";", ":", '"', "”")


def _text_of(data: dict[str, Any], text_column: str | None) -> str | None:
    text = data.get(text_column) if text_column is not None else None
    if text is None and "paragraphs" in data:
        paragraphs = data["paragraphs"]
        if isinstance(paragraphs, str):
            try:
                paragraphs = json.loads(paragraphs)
            except json.JSONDecodeError:
                paragraphs = [paragraphs]
        if isinstance(paragraphs, list):
            text = "\n\n".join(str(p) for p in paragraphs if p is not None)
    return text


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without the newline."""
    return [m.span() for m in _LINE.finditer(text) if m.start() < len(text) or m.end() > m.start()]


def _parse_header(article: Article, lines: list[tuple[int, int]]) -> int:
    """Recognise a raw header at the top of the text; return the index of the first body line."""
    text = article.text
    nonblank = [(i, s, e) for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    # a header is a few short lines at the very top: it ends before the first long line
    top = []
    for i, s, e in nonblank[:_HEADER_SCAN_LINES]:
        if len(text[s:e].strip()) > _MAX_HEADER_LINE:
            break
        top.append((i, s, e))
    found: dict[int, tuple[str, str]] = {}
    for i, s, e in top:
        line = text[s:e].strip()
        match = _header_line().match(line)
        if match:
            found[i] = (_header_labels()[match["label"].lower()], match["value"])
        elif not found and pubdate.is_date_line(line) and not line.endswith("."):
            found[i] = ("date", line)
    if not found or max(found) == nonblank[-1][0]:  # a header needs a body after it
        return 0
    last = max(found)
    title_lines = [(i, s, e) for i, s, e in top if i < min(found)]
    if len(title_lines) > _MAX_TITLE_LINES or any(  # body text above: not a header
            text[s:e].rstrip().endswith(_SENTENCE_ENDS) for _, s, e in title_lines):
        return 0
    if len(title_lines) == 1 and not article.title:
        article.title = text[title_lines[0][1]:title_lines[0][2]].strip()
    for key, value in found.values():
        if key == "date":
            if article.date is None:
                article.date_raw = value
                article.date = pubdate.parse_pub_date(value)
        elif getattr(article, key) is None:
            setattr(article, key, value)
    header_end = lines[last][1]
    article.excluded.append((0, header_end))
    return last + 1


def _mark_body(article: Article, lines: list[tuple[int, int]], first_body: int) -> None:
    text = article.text
    dateline_done = False
    for s, e in lines[first_body:]:
        line = text[s:e]
        if not line.strip():
            continue
        if _boilerplate().match(line):
            end = _boilerplate_end(line)
            if end:
                article.excluded.append((s, s + end))
            continue
        if not dateline_done:
            dateline_done = True
            match = _DATELINE.match(line)
            if match and line.split(None, 1)[0].lower().rstrip(",") in lexicon.calendar_words():
                match = None  # "Desember - Februari 2020 ..." opens a sentence: no dateline
            if match:
                article.excluded.append((s, s + match.end("line")))
                article.dateline = _dateline_parts(text, s, s + match.end("line"))


def _boilerplate_end(line: str) -> int:
    """Where a link line ("BACA JUGA: ...") ends: the whole line, but in a long line (the
    scraper glued the next sentence on) only up to the link's end (``:``, ``.``, a bracket),
    and nothing when that is not found early."""
    if len(line) <= _MAX_HEADER_LINE:
        return len(line)
    match = _LINK_END.search(line, 0, _MAX_HEADER_LINE)
    return match.end() if match else 0


def _is_outlet(part: str, bracketed: bool) -> bool:
    return bracketed or bool(_DOMAIN.search(part)) or part.lower() in _outlets()


def _dateline_parts(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The place (LOC) and the outlet or agency (ORG) of the dateline ``text[start:end]``:
    ``(start, end, label)`` spans. A part in brackets, with a domain or in the lexicon's
    ``[outlets] names`` is the outlet; of two parts the other one is the place."""
    body = regex.sub(r"[\s\-–—]+$", "", text[start:end])
    parts = []
    for m in _DATELINE_PART.finditer(body):
        group = "paren" if m.group("paren") is not None else "plain"
        raw = m.group(group)
        lead = len(raw) - len(raw.lstrip())
        piece = raw.strip()
        if piece:
            s = start + m.start(group) + lead
            parts.append((s, s + len(piece), _is_outlet(piece, group == "paren")))
    if not parts or len(parts) > 2:
        return []
    if len(parts) == 2 and parts[0][2] == parts[1][2]:  # "Place, Outlet" unless told otherwise
        parts = [(parts[0][0], parts[0][1], parts[0][2] and parts[1][2]),
                 (parts[1][0], parts[1][1], True)]
    return [(s, e, "ORG" if outlet else "LOC") for s, e, outlet in parts]


#: Longest article annotated (characters; :data:`.readers.MAX_ARTICLE_CHARS`, where a line too
#: long for it is refused unread); a longer one gets an error row.  Long articles are
#: tokenized in pieces (:data:`.pipeline.tokenize.MAX_PIECE`), so the limit only bounds one
#: worker's memory (one article's tokens and entities are held at once).


def _value(data: dict[str, Any], fields: dict[str, str], attribute: str) -> Any:
    """The record's value for an article attribute, None when missing or empty."""
    value = data.get(fields[attribute]) if attribute in fields else None
    return None if value == "" else value


def _fields(record: Record, text_column: str | None) -> dict[str, str]:
    """Which field of the record holds what: the reader's, or found by name."""
    return (record.fields if record.fields is not None
            else resolve_fields(record.data, {"text": text_column} if text_column else None))


def record_id_and_text(record: Record, text_column: str | None = None) -> tuple[str, str]:
    """The id and raw text an input record gives its article ("" for no text), without
    building the article (for the driver's near-duplicate check)."""
    data = record.data or {}
    fields = _fields(record, text_column)
    raw_id = _value(data, fields, "id") if data else None
    text = None if record.error else _text_of(data, fields.get("text"))
    return (str(raw_id) if raw_id is not None else record.default_id,
            text if isinstance(text, str) else "")


def article_from_record(record: Record, text_column: str | None = None) -> Article:
    """Build the Article for one record; problems go to ``Article.error``, never raise.

    Which field holds what is the reader's (``record.fields``) or, for a record made here
    (the Python API), found by name (:func:`.readers.resolve_fields`; ``text_column`` names
    the text's field explicitly)."""
    data = record.data
    fields = _fields(record, text_column)
    raw_id = _value(data, fields, "id") if data else None
    doc_id = str(raw_id) if raw_id is not None else record.default_id
    article = Article(doc_id=doc_id, text="", origin=record.origin)
    if record.error:
        article.error = record.error
        return article
    text = _text_of(data, fields.get("text"))
    if text is None:
        missing = missing_columns(list(data), fields, {"text": text_column})
        where = repr(fields.get("text", "paragraphs"))
        article.error = f"{record.origin}: {missing or 'no text in ' + where}"
        return article
    if not isinstance(text, str):
        article.error = (f"{record.origin}: {fields.get('text', 'paragraphs')!r} is "
                         f"{type(text).__name__}, not text")
        return article
    if len(text) > MAX_ARTICLE_CHARS:
        article.error = (f"{record.origin}: article of {len(text):,} characters is over the "
                         f"limit of {MAX_ARTICLE_CHARS:,}; split it into several records")
        return article
    article.text = text
    if not text.strip():
        article.error = f"{record.origin}: empty article"
        return article
    title = _value(data, fields, "title")
    article.title = str(title) if title is not None else None
    article.url = _value(data, fields, "url")
    article.source = _value(data, fields, "source")
    article.reporter = _value(data, fields, "reporter")
    article.editor = _value(data, fields, "editor")
    date_raw = _value(data, fields, "date")
    if date_raw is not None:
        article.date_raw = str(date_raw)
        parsed = pubdate.parse_pub_date(date_raw, _value(data, fields, "time"))
        article.date = pubdate.reconcile_with_url(parsed, article.url)
    known = {"paragraphs", *fields.values()}
    article.metadata = {k: v for k, v in data.items() if k not in known}
    lines = _lines(text)
    first_body = _parse_header(article, lines)
    _mark_body(article, lines, first_body)
    if article.date is None and article.date_raw:
        article.metadata["date_unparsed"] = article.date_raw
    return article
