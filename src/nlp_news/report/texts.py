"""The article texts of an output folder, read again from the run's inputs.

The tables hold offsets, not texts (a dump's text is the user's, and often large).  A finished
``nlp-news annotate`` run records its inputs with their SHA-256 in the folder's marker
(:func:`nlp_news.output_folder.write_marker`); the report reads the inputs again with the run's
options and rebuilds each :class:`~nlp_news.doc.Article` (text, excluded header and
boilerplate), in the order of the ``documents`` table.  When an input is gone or changed, or
the folder has no run record (tables saved from the Python API), the report says so and shows
the tables without the text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import output_folder
from ..article import article_from_record
from ..doc import Article
from ..readers import InputError, check_inputs, read_articles


@dataclass
class TextSource:
    """Where the texts come from, or why there are none (``reason``)."""

    inputs: list[str]
    options: dict[str, Any]
    reason: str | None = None

    def articles(self) -> Iterator[Article]:
        """The run's articles again, in input order (nothing when ``reason`` is set)."""
        if self.reason:
            return
        columns = self.options.get("columns")
        records = read_articles(self.inputs, text_column=self.options.get("text_column"),
                                input_format=self.options.get("input_format"),
                                tsv_quotes=bool(self.options.get("tsv_quotes")),
                                columns=columns if isinstance(columns, dict) else None,
                                sheet=self.options.get("sheet"))
        for record in records:
            yield article_from_record(record, self.options.get("text_column"))


def _malformed(out: Path, options: dict[str, Any]) -> TextSource:
    return TextSource([], options, f"the run record of {out.resolve().name} is malformed: "
                                   "texts are not shown")


def text_source(out: Path) -> TextSource:
    """The inputs of the run in ``out``, checked like ``annotate``'s inputs (each must be a
    regular file or a folder: a marker naming ``/dev/zero`` is refused unread) and against
    their recorded checksums.  Reasons name inputs by their base names only."""
    run = output_folder.run_record(output_folder.read_marker(out))
    if run is None or not isinstance(run.get("inputs"), list):
        return TextSource([], {}, f"{out.resolve().name} has no record of its inputs (made by "
                                  "an older nlp-news or by the Python API): texts are not shown")
    options = run.get("options") if isinstance(run.get("options"), dict) else {}
    recorded = run["inputs"]
    if not all(isinstance(i, dict) and isinstance(i.get("input"), str)
               and isinstance(i.get("files"), list | None) for i in recorded):
        return _malformed(out, options)
    inputs = [i["input"] for i in recorded]
    if "-" in inputs:
        return TextSource([], options, "the run read standard input: texts are not shown")
    missing = [name for name in inputs if not os.path.exists(name)]
    if missing:
        return TextSource([], options, f"input {Path(missing[0]).name} is gone: texts are "
                                       "not shown")
    input_format = options.get("input_format")
    try:
        check_inputs(inputs, input_format=input_format if isinstance(input_format, str)
                     else None, exclude=out)
        now = output_folder.input_fingerprints(inputs, out.resolve())
    except (InputError, OSError) as exc:
        return TextSource([], options, f"cannot read the inputs again "
                                       f"({_base_names(str(exc), inputs)}): texts are not shown")
    for before, after in zip(recorded, now, strict=False):
        if before.get("files") != after.get("files"):
            return TextSource([], options, f"input {Path(after['input']).name} changed since "
                                           "the run: texts are not shown")
    return TextSource(inputs, options)


def _base_names(text: str, inputs: list[str]) -> str:
    """``text`` with each input's folder left out of its path."""
    for name in sorted(inputs, key=len, reverse=True):
        text = text.replace(name, Path(name).name)
    return text
