"""The declared pipeline: component order, exclude / disable / add, resources, field coverage,
and an import graph without cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import nlp_news
from nlp_news import tables
from nlp_news.doc import Article, Doc, Entity, Fact, Quote
from nlp_news.pipeline import DEFAULT_PIPELINE, Component, Pipeline, PipelineError
from nlp_news.pipeline.component import check_order
from nlp_news.pipeline.entity_ruler import EntityRuler

PACKAGE = Path(nlp_news.__file__).resolve().parent
TEXT = ("Kepala Dinas Pertanian Kabupaten Garut, Budi Santoso, mengatakan harga gabah naik "
        "Rp500-700 per kilogram sejak 3 Maret. Budi menyebut 1.200 petani di Garut ikut panen.")


@pytest.fixture(scope="module")
def rules_only():
    return Pipeline(ner=False)


#: The shipped order, written out here as well: changing DEFAULT_PIPELINE means changing this.
SHIPPED_ORDER = [
    "tokenize", "ner", "entity_rules", "datelines",
    "gazetteer_places", "canonical_names", "place_types", "entity_scores", "facts", "quotes",
    "fact_sources",
]


def test_default_order_is_declared_in_one_place(pipeline):
    assert list(DEFAULT_PIPELINE) == SHIPPED_ORDER
    assert pipeline.pipe_names == SHIPPED_ORDER  # the full pipeline leaves none out
    for name in SHIPPED_ORDER:  # each component in a module named after it
        assert (PACKAGE / "pipeline" / f"{name}.py").is_file(), name
    with pytest.raises(PipelineError, match="needs"):  # the order is checked, not assumed
        check_order([component for _, component in reversed(pipeline.components)])
    analysis = pipeline.analysis()
    assert analysis["ner"]["requires"] == ("doc.sentences",)
    assert "entity.canonical" in analysis["canonical_names"]["provides"]


def test_shorthands_and_exclude(rules_only):
    assert "ner" not in rules_only.pipe_names and "entity_rules" not in rules_only.pipe_names
    assert "gazetteer_places" in rules_only.pipe_names  # places still come from the gazetteer
    no_places = Pipeline(ner=False, gazetteer=False)
    assert no_places.pipe_names == ["tokenize", "datelines", "canonical_names", "entity_scores",
                                    "facts", "quotes",
                                    "fact_sources"]
    assert Pipeline(ner=False, exclude=["quotes", "fact_sources"]).pipe_names[-1] == "facts"
    with pytest.raises(PipelineError, match="unknown component"):
        Pipeline(ner=False, exclude=["nre"])
    with pytest.raises(PipelineError, match="'fact_sources' needs 'doc.quotes'"):
        Pipeline(ner=False, exclude=["quotes"])


def test_disable_skips_but_keeps_loaded(rules_only):
    article = Article(doc_id="a", text=TEXT, date=None)
    rules_only.disable_pipe("facts")
    try:
        (doc,) = rules_only([article])
        assert doc.facts == [] and doc.sentences
        assert "facts" in rules_only.pipe_names
    finally:
        rules_only.enable_pipe("facts")
    (doc,) = rules_only([Article(doc_id="a", text=TEXT)])
    assert doc.facts


def test_add_component_entity_ruler_and_function(tmp_path):
    nlp = Pipeline(ner=False)
    ruler = nlp.add_component("my_names", EntityRuler({"Budi Santoso": "PER",
                                                       "Dinas Pertanian": "ORG"}),
                              before="canonical_names")
    assert ruler.name == "my_names"
    assert nlp.pipe_names.index("my_names") == nlp.pipe_names.index("canonical_names") - 1
    seen = []
    nlp.add_component("spy", lambda doc: seen.append(len(doc.entities)) or doc)
    ann = nlp_news.annotate([TEXT], pipeline=nlp)
    ents = ann.entities
    budi = ents[ents["text"] == "Budi Santoso"].iloc[0]
    assert (budi.label, budi.origin, budi.canonical) == ("PER", "ruler", "Budi Santoso")
    assert "Garut" in set(ents["text"])  # the gazetteer still adds places
    assert seen == [len(ents)]
    with pytest.raises(PipelineError, match="unique name"):
        nlp.add_component("spy", lambda doc: doc)
    with pytest.raises(PipelineError, match="needs 'doc.sentences'"):
        nlp.add_component("early", EntityRuler({"X": "PER"}), first=True)
    assert "early" not in nlp.pipe_names


def test_a_failing_component_fails_the_article_not_the_batch():
    class Boom(Component):
        requires = ("doc.sentences",)

        def __call__(self, doc: Doc) -> Doc:
            if "meledak" in doc.text:
                raise RuntimeError("boom")
            return doc

    nlp = Pipeline(ner=False, gazetteer=False)
    nlp.add_component("boom", Boom(), after="tokenize")
    docs = nlp([Article(doc_id="a", text="Gudang itu meledak.", origin="f.jsonl:1"),
                Article(doc_id="b", text=TEXT)])
    assert docs[0].article.error == "f.jsonl:1: boom failed: RuntimeError: boom"
    assert not docs[0].facts and docs[1].facts


def test_resources_are_built_once_and_never_behind_the_callers_back(tmp_path, monkeypatch):
    from nlp_news.entities import gazetteer

    def refuse(*_args, **_kwargs):
        raise AssertionError("a gazetteer was loaded without being asked for")

    monkeypatch.setattr(gazetteer.Gazetteer, "load", classmethod(refuse))
    nlp = Pipeline(tmp_path, ner=False)  # a model folder without a gazetteer
    assert nlp.resources.gazetteer is None and nlp.resources.region_keys == frozenset()
    ann = nlp_news.annotate(["Menteri Luar Negeri Rusia Sergey Lavrov tiba."], pipeline=nlp)
    assert ann.documents["status"].tolist() == ["ok"]


#: The columns of the written tables, written out: a field added to a record must be added
#: here (and documented), or marked internal.
COLUMNS = {
    "entities": ["doc_id", "sent_index", "start_char", "end_char", "text", "label", "score",
                 "entity_id", "canonical", "canonical_id", "title", "origin", "place_type",
                 "region_code"],
    "facts": ["doc_id", "sent_index", "start_char", "end_char", "text", "kind", "value", "iso",
              "unit", "currency", "approx", "relative", "subject", "sentence", "entities",
              "source", "range_id", "range_part", "precision", "year_inferred"],
    "quotes": ["doc_id", "speaker", "speaker_entity_id", "cue", "kind", "text", "start_char",
               "end_char"],
}


def test_every_record_field_reaches_a_table_or_is_internal(rules_only, tmp_path):
    import pandas as pd

    ann = nlp_news.annotate([TEXT + ' "Panen tahun ini bagus," kata Budi.'], pipeline=rules_only)
    paths = ann.save(tmp_path)
    for name, record in (("entities", Entity), ("facts", Fact), ("quotes", Quote)):
        written = pd.read_csv(paths[name])
        assert len(written) > 0, name
        assert list(written.columns) == COLUMNS[name], name
        internal = set(tables.internal_fields(record))
        assert set(record.__dataclass_fields__) - internal == set(COLUMNS[name]) - {"doc_id"}
        assert not internal & set(written.columns)
    owners = {"entity": Entity, "fact": Fact, "quote": Quote}
    for name, info in Pipeline(ner=False).analysis().items():
        for item in info["provides"]:
            kind, _, attr = item.partition(".")
            if kind in owners:
                assert attr in owners[kind].__dataclass_fields__, (name, item)


def test_new_fact_columns_reach_the_table(rules_only):
    ann = nlp_news.annotate([{"id": "a", "text": TEXT, "date": "2024-03-10"}],
                            pipeline=rules_only)
    facts = ann.facts.set_index("text")
    low, high = facts.loc["Rp500"], facts.loc["700"]
    assert (low.range_id, low.range_part, high.range_id, high.range_part) == (1, "low", 1, "high")
    assert (low.value, high.value) == (500, 700)
    march = facts.loc["3 Maret"]
    assert (march.iso, march.precision, march.year_inferred) == ("2024-03-03", "day", True)
    single = facts.loc["1.200 petani"]
    assert single.range_id is pd_na() and single.range_part is pd_na()
    assert str(ann.facts["range_id"].dtype) == "Int64"


def pd_na():
    import pandas as pd

    return pd.NA


def _imports(tree: ast.AST):
    """Every import statement of ``tree``, also inside functions (a lazy import is still a
    dependency) and under ``if TYPE_CHECKING:`` (a cycle there is still a cycle: type
    checkers, documentation tools and a later real import follow it)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        else:
            yield from _imports(node)


def _module_imports(path: Path, module: str) -> set[str]:
    """Modules of nlp_news that ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in _imports(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("nlp_news"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists()
                          or (PACKAGE.parent / sub.replace(".", "/")).is_dir() else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("nlp_news"))
    return found


def _import_graph() -> dict[str, set[str]]:
    """Every module of nlp_news -> the modules of nlp_news it imports."""
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        module = ".".join(parts)
        graph[module] = _module_imports(path, module)
    return graph


def _check_no_cycles(graph: dict[str, set[str]]) -> None:
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if nxt == node:
                continue
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_import_graph_has_no_cycles():
    _check_no_cycles(_import_graph())


def test_package_parts_import_each_other_one_way():
    """The same over the package's parts (its top-level modules and subpackages): a module of
    ``training`` that imports ``evaluate`` while ``evaluate`` imports another module of
    ``training`` is no cycle of modules, but the two parts depend on each other."""
    def part(module: str) -> str:
        return ".".join(module.split(".")[:2])

    parts: dict[str, set[str]] = {}
    for module, imported in _import_graph().items():
        parts.setdefault(part(module), set()).update(
            part(other) for other in imported if part(other) != part(module))
    _check_no_cycles(parts)


#: Run in a fresh interpreter: import every module of nlp_news but training (the rule layers
#: included: they build their patterns when a pipeline asks for them) and print the files of
#: the package and of the model folder opened meanwhile.
_IMPORT_ALL = """
import builtins, importlib, io, pathlib, sys
opened = []
real_open = io.open
def spy(file, *args, **kwargs):
    opened.append(str(file))
    return real_open(file, *args, **kwargs)
builtins.open = io.open = spy
package = pathlib.Path(sys.argv[1])
for path in sorted(package.rglob("*.py")):
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    if parts[1:2] == ["training"] or parts[-1] == "__main__":
        continue
    importlib.import_module(".".join(parts))
from nlp_news.models import DEFAULT_DIR
ours = (package.resolve(), DEFAULT_DIR.resolve())
for name in opened:
    path = pathlib.Path(name).resolve()
    if any(path.is_relative_to(folder) for folder in ours) and path.suffix != ".py":
        print(path)
"""


def test_importing_nlp_news_reads_no_resource():
    """Word lists, rules, models and the gazetteer are read when a pipeline is built from its
    Config (or a function needs them), never as a side effect of an import."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _IMPORT_ALL, str(PACKAGE)], check=True,
                         capture_output=True, text=True).stdout
    assert out.split() == []


def test_dateline_parts_are_entities_and_documents_columns(rules_only):
    text = "Bandung, KABARCONTOH Indonesia -- Harga beras di Pasar Kosambi naik Rp2.000."
    ann = nlp_news.annotate([{"id": "d", "text": text}], pipeline=rules_only)
    dateline = ann.entities[ann.entities["origin"] == "dateline"]
    assert dateline[["text", "label", "sent_index"]].values.tolist() == [
        ["Bandung", "LOC", -1], ["KABARCONTOH Indonesia", "ORG", -1]]
    doc = ann.documents.iloc[0]
    assert (doc.dateline_place, doc.dateline_source) == ("Bandung", "KABARCONTOH Indonesia")
    assert not (ann.facts["start_char"] < 33).any()  # the dateline stays out of the facts


def test_a_pipeline_without_ner_does_not_load_the_model(monkeypatch):
    from nlp_news.pipeline import ner_tagger

    def refuse(*args, **kwargs):
        raise AssertionError("the NER model was loaded")

    monkeypatch.setattr(ner_tagger.NerTagger, "__init__", refuse)
    pipe = Pipeline(exclude=["ner"])  # = ner=False: its fixers go with it
    assert pipe.pipe_names == Pipeline(ner=False).pipe_names
    assert "ner" not in pipe.pipe_names and "entity_rules" not in pipe.pipe_names
    (doc,) = pipe([Article(doc_id="a", text=TEXT)])
    assert doc.article.error is None and doc.facts
    assert "ner_tagger" not in pipe.resources.__dict__
