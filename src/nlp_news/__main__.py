"""``python -m nlp_news``: the same as the ``nlp-news`` command."""

from .cli import run_program

run_program()
