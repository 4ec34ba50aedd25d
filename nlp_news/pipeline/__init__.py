"""The stanza pipeline stage: tokens and sentences (tokenize.py), named entities (ner.py)."""
