"""The notebooks run top to bottom (headless, with nbclient), and are committed with the
outputs of a run on the bundled examples (``python scripts/run_notebooks.py`` makes them).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_BYTES = 400_000
#: IndoSum articles the notebook annotates under test (users get 300): keeps the run well under
#: 5 minutes on 2 busy cores (about 1.5 min; annotating is most of it).
TEST_SAMPLE = "40"
#: Seconds any one cell may take (the annotate cell is the long one).
CELL_TIMEOUT = 200


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_with_outputs_of_the_examples(path):
    """Committed as `scripts/run_notebooks.py` saves it: every cell ran, without errors, on
    the bundled examples only (no shared-corpus text), small, and with no local paths."""
    nbformat = pytest.importorskip("nbformat", reason="needs nbformat (pip install .[notebooks])")
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert path.stat().st_size < MAX_BYTES
    code = [c for c in nb.cells if c.cell_type == "code"]
    stale = [i for i, c in enumerate(code) if c.execution_count is None]
    assert not stale, f"code cells {stale} did not run: `python scripts/run_notebooks.py`"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    outputs = [o for c in code for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = json.dumps([o for o in outputs if "image/png" not in o.get("data", {})])
    assert "NLP_NEWS_NOTEBOOK_SAMPLE=0" in text, "the outputs must be of the examples only"
    assert not re.search(r"(?:/work|/tmp|/home|/root|[A-Z]:\\\\)[/\\\\]", text)
    if path.name == "explore_news.ipynb":
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 3
        html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
        assert 'class="entities"' in html  # the displaCy view


@pytest.mark.slow
def test_explore_notebook_runs_top_to_bottom(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat", reason="needs nbformat (pip install .[notebooks])")
    nbclient = pytest.importorskip("nbclient", reason="needs nbclient (pip install .[notebooks])")
    pytest.importorskip("ipykernel", reason="needs ipykernel (pip install .[notebooks])")
    pytest.importorskip("matplotlib", reason="needs matplotlib (pip install .[notebooks])")
    from nlp_news.models import model_paths

    if not model_paths().has_ner():
        pytest.skip(f"needs the NER model in {model_paths().root} (nlp-news train all)")

    monkeypatch.setenv("NLP_NEWS_NOTEBOOK_SAMPLE", TEST_SAMPLE)
    monkeypatch.setenv("NLP_NEWS_NOTEBOOK_OUT", str(tmp_path / "out"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    path = ROOT / "notebooks" / "explore_news.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=CELL_TIMEOUT, allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )  # kernelspec argv "python" runs as this interpreter (jupyter_client uses sys.executable)
    start = time.perf_counter()
    client.execute()
    print(f"notebook ran in {time.perf_counter() - start:.0f} s")

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert 'class="entities"' in html and html.count('class="entity"') >= 3  # displaCy marks
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3                               # bar charts, heatmap, timeline
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {
        "documents.csv", "entities.csv", "facts.csv", "quotes.csv", "entity_summary.csv"}

