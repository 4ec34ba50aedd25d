"""Relabel the public NER training sets to the project's annotation guide (issue #35).

The public sets follow their own conventions, which differ from the guide's
(``../shared/guides/annotation.md``) and the project's decisions
(``docs/annotation-decisions.md``); the model learns theirs.  Where a program can tell reliably,
:class:`Relabeler` moves a training sentence's spans to the guide's conventions before training
(``nlp-news train ... --relabel``).  Each rule (its name is what the counts are kept by):

- ``title``: titles, ranks and honorifics at the start of a PER span go out of it ("AKBP
  Rina Sari" -> "Rina Sari"; the lexicon's ``[titles] words`` and ``[ranks_honorifics]
  words``, as :class:`~nlp_news.pipeline.leading_titles.TitleRule` cuts them at run time).  A
  title that is also a first name ("Putri", "Imam") stays when it stands alone before the name,
  except the honorifics of ``[ranks_honorifics] titles_not_names`` ("Pangeran", "Gus"); "MS
  Hidayat" keeps its initials; a span whose name would start with a place or organisation the
  training sets tag elsewhere ("Gubernur Jawa Barat X") is left as it is;
- ``title_only``: a PER span that is only a title ("Presiden") is dropped;
- ``legal_form``: a legal form ("Tbk", "(Persero)": ``[legal_forms]``) goes out of the ORG
  span it ends; a span that is only one is dropped;
- ``place_word``: a lower-case administrative word or descriptor before a place
  (``[ner_relabel] admin_words`` and ``descriptors``: "kota Medan", "kawasan Puncak") goes out
  of the LOC span; inside a span it splits it ("kecamatan A kabupaten B" -> "A", "B");
- ``admin_word``: a capitalised administrative word right before a place and after no
  capitalised word joins it ("Kota [Medan]" -> "[Kota Medan]": part of the official name; not
  "Wali Kota [Solo]");
- ``work_event``: a mention right after a word of ``[works_events] before`` (competitions,
  languages: "Liga [Spanyol]", "bahasa [Jawa]"; not ``[ner_relabel] cues_not_read``), of
  ``programme_before`` (ORG, PER: "indeks [Dow Jones]"), right before a word of ``after``
  ("[Roma] Masters"), opening with a word of ``first`` ("Festival Film ...", not "film"), a
  league (a capitalised "Liga" with a word of ``[ner_relabel] league_words``), or a stock index
  (``indices``) is dropped: events, works and languages are no entities, nor names inside them;
- ``app``: an app or platform after a word of ``[apps] before`` ("akun [Twitter]") is dropped;
- ``not_name``: a mention that is only a word of ``[not_names]`` ("Rupiah") is dropped (not a
  ticker in brackets: "( BUMI )");
- ``country``: an untagged country of the gazetteer that the training sets tag as LOC or ORG
  elsewhere and never as PER, with no capitalised word on either side (none before it but at
  the start), not after a cue of ``work_event`` or a team cue (``[team_cues]``), becomes LOC
  ("militer [Israel]": a country as actor or modifier is LOC; idner-news-2k leaves many
  untagged).

Products are not touched: no training span ends with a model code ("GC20") that names a product
(those that do are bands, teams and units: "AKB48", "McLaren F1", "TP4").  Dev and test sets are
never relabelled.  ``python -m nlp_news.training.ner_relabel`` prints the counts per set and
rule, and with ``--show N`` N random changed sentences before and after (shared text: to read,
never to commit).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import lexicon
from ..bio import Span, bio_spans, spans_to_bio
from ..entities.gazetteer import Gazetteer
from ..entities.names import is_title, norm
from ..pipeline.entity_rules import suffix_pattern, title_cut
from .ner_data import Sentence

#: The rules, in the order they run.
RULES = ("legal_form", "title", "title_only", "place_word", "admin_word", "work_event", "app",
         "not_name", "country")


def _cue_before(tokens: Sequence[str], start: int, cues: frozenset[str]) -> bool:
    """True when the one or two tokens right before ``start`` (lower-case) are a cue."""
    return any(start >= n and " ".join(tokens[start - n:start]).lower() in cues for n in (1, 2))


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


class _Joined:
    """A token span joined by spaces, so that character rules can run on it."""

    def __init__(self, tokens: Sequence[str]):
        self.text = " ".join(tokens)
        self.starts = []
        position = 0
        for token in tokens:
            self.starts.append(position)
            position += len(token) + 1

    def token_at(self, offset: int) -> int | None:
        """The token that starts at ``offset`` (None: none does)."""
        return self.starts.index(offset) if offset in self.starts else None

    def tokens_before(self, offset: int) -> int:
        """How many tokens end at or before ``offset``."""
        return sum(1 for start in self.starts if start < offset)


@dataclass(frozen=True)
class SetNames:
    """What the training sets tag: LOC and ORG mentions (key tuples) and each name's labels."""

    places_orgs: frozenset[tuple[str, ...]]
    labels: dict[str, frozenset[str]]

    @classmethod
    def of(cls, sentences: Iterable[Sentence]) -> SetNames:
        places_orgs: set[tuple[str, ...]] = set()
        labels: dict[str, set[str]] = {}
        for sentence in sentences:
            for start, end, label in bio_spans([tag for _, tag in sentence]):
                words = [token for token, _ in sentence[start:end]]
                labels.setdefault(" ".join(words), set()).add(label)
                if label != "PER":
                    places_orgs.add(tuple(norm(w) for w in words))
        return cls(frozenset(places_orgs),
                   {name: frozenset(found) for name, found in labels.items()})


class Relabeler:
    """The rules of the module docstring, with the lexicon's lists and a gazetteer's
    countries."""

    def __init__(self, countries: Iterable[str] = ()):
        titles = lexicon.table("titles")
        more = lexicon.table("ranks_honorifics")
        own = lexicon.table("ner_relabel")
        works = lexicon.table("works_events")
        apps = lexicon.table("apps")
        self.also_names = frozenset(titles["also_names"]) - frozenset(more["titles_not_names"])
        self.initials = frozenset(more["initials"])
        self.legal_forms = frozenset(lexicon.table("legal_forms")["words"])
        self.legal_suffix = suffix_pattern(self.legal_forms)
        self.admin_words = frozenset(own["admin_words"])
        self.place_words = self.admin_words | frozenset(own["descriptors"])
        self.work_before = frozenset(works["before"]) - frozenset(own["cues_not_read"])
        self.programme_before = frozenset(works["programme_before"])
        self.work_after = frozenset(works["after"])
        self.work_first = frozenset(works["first"]) - frozenset(works["works_before"]) - {"liga"}
        self.league_words = frozenset(own["league_words"])
        self.indices = frozenset(works["indices"])
        self.apps = frozenset(apps["names"])
        self.app_before = frozenset(apps["before"])
        self.not_names = frozenset(lexicon.table("not_names")["words"])
        team = lexicon.table("team_cues")
        self.team_before = frozenset(team["before"]) | frozenset(team["member_before"])
        self.countries = frozenset(tuple(name.split()) for name in countries)
        self.max_country = max((len(c) for c in self.countries), default=0)

    @classmethod
    def load(cls, gazetteer: Path | None = None) -> Relabeler:
        """With the countries of ``gazetteer`` (default: the model folder's)."""
        places = Gazetteer.load(gazetteer).places.values()
        return cls(p.name for p in places if p.place_type == "country")

    # -- the rules: each takes the tokens, one span, the tags and the set's names, and returns
    # the spans the span becomes

    def _legal_form(self, tokens: Sequence[str], span: Span, *_) -> list[Span]:
        start, end, label = span
        if label != "ORG":
            return [span]
        joined = _Joined(tokens[start:end])
        if joined.text.strip("() ").rstrip(".").lower() in self.legal_forms:
            return []
        found = self.legal_suffix.search(joined.text)
        cut = found.start() if found else 0
        return [(start, start + joined.tokens_before(cut), label)] if cut else [span]

    def _title(self, tokens: Sequence[str], span: Span, _tags, names: SetNames) -> list[Span]:
        start, end, label = span
        if label != "PER" or end - start < 2:
            return [span]
        first = tokens[start]
        if first.isupper() and len(first) > 1 and norm(first) in self.initials:
            return [span]  # "MS Hidayat": initials
        joined = _Joined(tokens[start:end])
        cut = title_cut(joined.text, self.also_names)
        at = joined.token_at(cut) if cut else None
        if not at:
            return [span]
        rest = tuple(norm(t) for t in tokens[start + at:end])
        if any(rest[:n] in names.places_orgs for n in range(1, len(rest))):
            return [span]  # "Gubernur Jawa Barat X": the name starts after a place
        return [(start + at, end, label)]

    def _title_only(self, tokens: Sequence[str], span: Span, *_) -> list[Span]:
        start, end, label = span
        text = " ".join(tokens[start:end])
        if label == "PER" and is_title(text) \
                and norm(tokens[start]) not in self.also_names:
            return []
        return [span]

    def _place_word(self, tokens: Sequence[str], span: Span, *_) -> list[Span]:
        start, end, label = span
        if label != "LOC" or not any(self._place_word_at(tokens, i) for i in range(start, end)):
            return [span]
        pieces: list[Span] = []
        piece = None
        for i in range(start, end):
            if self._place_word_at(tokens, i):
                if piece is not None:
                    pieces.append((piece, i, label))
                piece = None
            elif piece is None:
                piece = i
        if piece is not None:
            pieces.append((piece, end, label))
        if not pieces or any(not _capitalised(tokens[a]) for a, _, _ in pieces):
            return [span]  # "wilayah barat Sudan", "desa luwhaji": not sure where the name is
        return pieces

    def _place_word_at(self, tokens: Sequence[str], i: int) -> bool:
        token = tokens[i]
        return token.islower() and token in self.place_words

    def _admin_word(self, tokens: Sequence[str], span: Span, tags: Sequence[str], _names
                    ) -> list[Span]:
        start, end, label = span
        if label != "LOC" or start == 0 or tags[start - 1] != "O":
            return [span]
        word = tokens[start - 1]
        before = tokens[start - 2] if start >= 2 else ""
        if _capitalised(word) and not word.isupper() and word.lower() in self.admin_words \
                and not _capitalised(before):
            return [(start - 1, end, label)]
        return [span]

    def _is_work(self, tokens: Sequence[str], span: Span) -> bool:
        start, end, label = span
        words = tokens[start:end]
        if _cue_before(tokens, start, self.work_before):
            return True
        if label != "LOC" and _cue_before(tokens, start, self.programme_before):
            return True
        if end < len(tokens) and tokens[end].lower() in self.work_after:
            return True
        if len(words) > 1 and words[0].lower() in self.work_first:
            return True
        if "Liga" in words and any(w.lower() in self.league_words for w in words):
            return True
        return " ".join(words) in self.indices

    def _work_event(self, tokens: Sequence[str], span: Span, *_) -> list[Span]:
        return [] if self._is_work(tokens, span) else [span]

    def _app(self, tokens: Sequence[str], span: Span, *_) -> list[Span]:
        start, end, _label = span
        name = " ".join(tokens[start:end]).lower()
        return [] if name in self.apps and _cue_before(tokens, start, self.app_before) else [span]

    def _not_name(self, tokens: Sequence[str], span: Span, *_) -> list[Span]:
        start, end, _label = span
        in_brackets = start > 0 and tokens[start - 1] == "(" and tokens[end:end + 1] == [")"]
        name = " ".join(tokens[start:end]).rstrip(".").lower()
        return [] if name in self.not_names and not in_brackets else [span]

    def _countries(self, tokens: Sequence[str], tags: Sequence[str], names: SetNames
                   ) -> list[Span]:
        """The untagged countries the ``country`` rule tags (see the module)."""
        found: list[Span] = []
        i = 0
        while i < len(tokens):
            n = self._country_at(tokens, tags, i, names)
            if n:
                found.append((i, i + n, "LOC"))
            i += n or 1
        return found

    def _country_at(self, tokens: Sequence[str], tags: Sequence[str], i: int,
                    names: SetNames) -> int:
        for n in range(min(self.max_country, len(tokens) - i), 0, -1):
            name = tuple(tokens[i:i + n])
            if name not in self.countries or any(t != "O" for t in tags[i:i + n]):
                continue
            labels = names.labels.get(" ".join(name), frozenset())
            if not labels or "PER" in labels:
                return 0
            if (i > 0 and _capitalised(tokens[i - 1])) or \
                    (i + n < len(tokens) and _capitalised(tokens[i + n])):
                return 0
            if self._is_work(tokens, (i, i + n, "LOC")) or \
                    _cue_before(tokens, i, self.team_before):
                return 0
            return n
        return 0

    # -- sentences and sets ---------------------------------------------------------------------

    def relabel(self, sentence: Sentence, names: SetNames) -> tuple[Sentence, Counter]:
        """``sentence`` relabelled, and what changed: ``(rule, kind)`` counts, kind one of
        trimmed, dropped, split, extended, added."""
        tokens = [token for token, _ in sentence]
        spans = sorted(bio_spans([tag for _, tag in sentence]))
        changes: Counter = Counter()
        for rule in RULES:
            tags = spans_to_bio(len(tokens), spans)
            if rule == "country":
                added = self._countries(tokens, tags, names)
                changes[(rule, "added")] += len(added)
                spans = sorted(spans + added)
                continue
            method = getattr(self, f"_{rule}")
            out: list[Span] = []
            for span in spans:
                new = method(tokens, span, tags, names)
                if new != [span]:
                    changes[(rule, _kind(span, new))] += 1
                out.extend(new)
            spans = out
        changes = +changes
        if not changes:
            return sentence, changes
        return list(zip(tokens, spans_to_bio(len(tokens), spans), strict=True)), changes

    def relabel_set(self, sentences: Sequence[Sentence], names: SetNames | None = None
                    ) -> tuple[list[Sentence], Counter]:
        """A whole training set relabelled, with its ``(rule, kind)`` counts and the number of
        sentences changed (``("sentences", "changed")``).  ``names``: what the training sets
        tag (default: what this one does)."""
        names = names or SetNames.of(sentences)
        out: list[Sentence] = []
        total: Counter = Counter()
        for sentence in sentences:
            new, changes = self.relabel(sentence, names)
            if changes:
                total[("sentences", "changed")] += 1
            total.update(changes)
            out.append(new)
        return out, total


def _kind(span: Span, new: list[Span]) -> str:
    if not new:
        return "dropped"
    if len(new) > 1:
        return "split"
    start, end, _ = new[0]
    return "extended" if end - start > span[1] - span[0] else "trimmed"


def counts_table(counts: dict[str, Counter]) -> str:
    """The counts of each set as a Markdown table: a row per rule and kind, a column per set."""
    keys = sorted({key for c in counts.values() for key in c},
                  key=lambda k: (k[0] != "sentences", RULES.index(k[0]) if k[0] in RULES else -1,
                                 k[1]))
    names = list(counts)
    lines = ["| rule | change | " + " | ".join(names) + " |",
             "|---|---|" + "---|" * len(names)]
    for rule, kind in keys:
        cells = " | ".join(f"{counts[n][(rule, kind)]:,}" for n in names)
        lines.append(f"| {rule} | {kind} | {cells} |")
    return "\n".join(lines)


def counts_json(counts: dict[str, Counter]) -> dict[str, dict[str, int]]:
    """The counts with ``rule:kind`` keys, for a JSON report."""
    return {name: {f"{rule}:{kind}": n for (rule, kind), n in sorted(c.items())}
            for name, c in counts.items()}


def _show(name: str, index: int, before: Sentence, after: Sentence) -> str:
    def marked(sentence: Sentence) -> str:
        out = []
        for start, end, label in sorted(bio_spans([tag for _, tag in sentence])):
            out.append(f"[{' '.join(t for t, _ in sentence[start:end])}]{label}")
        return "; ".join(out)
    return (f"{name}:{index}\n  {' '.join(t for t, _ in before)}\n  before: {marked(before)}\n"
            f"  after:  {marked(after)}")


def main(argv: list[str] | None = None) -> int:
    from .. import config
    from ..models import model_paths
    from . import ner_data

    parser = argparse.ArgumentParser(prog="python -m nlp_news.training.ner_relabel",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=config.shared_dir() / "data",
                        help="the shared data folder")
    parser.add_argument("--models", type=Path, default=None,
                        help="model folder whose gazetteer names the countries")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print N random changed sentences before and after")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    relabeler = Relabeler.load(model_paths(args.models).gazetteer)
    sets = {name: ner_data.read_set(args.data, name) for name in ner_data.TRAIN_SETS}
    names = SetNames.of(s for sentences in sets.values() for s in sentences)
    counts: dict[str, Counter] = {}
    changed: list[tuple[str, int, Sentence, Sentence]] = []
    for name, sentences in sets.items():
        relabelled, counts[name] = relabeler.relabel_set(sentences, names)
        changed.extend((name, i, a, b) for i, (a, b) in enumerate(zip(sentences, relabelled,
                                                                       strict=True)) if a != b)
    print(json.dumps(counts_json(counts), indent=2) if args.json else counts_table(counts))
    for item in random.Random(args.seed).sample(changed, min(args.show, len(changed))):
        print(_show(*item))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
