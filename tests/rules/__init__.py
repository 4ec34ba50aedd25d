"""Tests of the rule layers (nlp_news.rules)."""
