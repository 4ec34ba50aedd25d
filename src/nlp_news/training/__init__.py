"""Re-make every model that nlp_news ships, from the public data in ``../shared/data``.

Entry point: ``python -m nlp_news.training`` (also ``nlp-news train``).
"""
