"""Run the notebooks in ``notebooks/`` on the bundled examples and save them with their
outputs, so that a reader browsing the repository sees the tables, plots and displaCy view.

    .venv/bin/python scripts/run_notebooks.py

The run uses only the articles this project wrote (``NLP_NEWS_NOTEBOOK_SAMPLE=0``: no text of
the shared corpora lands in the repository) and drops the per-cell timing metadata, so that a
re-run changes only what the outputs show.  ``tests/test_notebooks.py`` checks both and runs
the notebook afresh.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: The environment of a committed run: the bundled examples only, inline plots.
ENVIRONMENT = {"NLP_NEWS_NOTEBOOK_SAMPLE": "0",
               "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
CELL_TIMEOUT = 300


def run(path: Path) -> None:
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="nlp_news_nb_") as out:
        os.environ.update(ENVIRONMENT, NLP_NEWS_NOTEBOOK_OUT=out)
        nbclient.NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT,
                                allow_errors=False,
                                resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    print(f"ran {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    for notebook in NOTEBOOKS:
        run(notebook)
    sys.exit(0)
