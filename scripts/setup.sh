#!/usr/bin/env bash
# Set up nlp_news in ./.venv: torch (CPU build) first, then the package with its extras.
# Idempotent: re-running only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch before stanza: 2.13.0 is a CPU build; a plain "torch" would pull a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "nlp_news is set up in .venv (try: .venv/bin/nlp-news --help)" >&2
