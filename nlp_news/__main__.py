"""``python -m nlp_news``: the same as the ``nlp-news`` command."""

from .cli import main

raise SystemExit(main())
