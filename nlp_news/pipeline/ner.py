"""Named entities with the project's own stanza NER model, loaded from local files only."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..doc import Entity, Sentence
from ..models import ModelPaths

log = logging.getLogger(__name__)


class ModelNotFoundError(FileNotFoundError):
    """The NER model files are missing."""


class NerTagger:
    """A stanza pipeline (pre-tokenised input + NER) built from explicit model paths.

    ``download_method=None`` and a ``resources.json`` that names nothing keep stanza from
    reaching any network; the pretrain path is passed explicitly, because stanza silently falls
    back to random vectors without it.
    """

    def __init__(self, paths: ModelPaths, batch_size: int = 256):
        if not paths.has_ner():
            raise ModelNotFoundError(
                f"NER model not found: expected {paths.ner} and {paths.pretrain} "
                "(re-make them with `nlp-news train all`)"
            )
        import stanza

        paths.resources_dir.mkdir(parents=True, exist_ok=True)
        resources = paths.resources_dir / "resources.json"
        if not resources.exists():
            resources.write_text("{}\n", encoding="utf-8")
        stanza_logger = logging.getLogger("stanza")
        level = stanza_logger.level
        stanza_logger.setLevel(logging.ERROR)  # hides the harmless "Unsupported language" note
        try:
            self._pipeline = stanza.Pipeline(
                lang="id",
                dir=str(paths.resources_dir),
                processors="tokenize,ner",
                tokenize_pretokenized=True,
                ner_model_path=str(paths.ner),
                ner_pretrain_path=str(paths.pretrain),
                ner_batch_size=batch_size,
                download_method=None,
                allow_unknown_language=True,
                use_gpu=False,
                logging_level="ERROR",
            )
        finally:
            stanza_logger.setLevel(level)

    def tag_tokens(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, int, str]]]:
        """Tag pre-tokenised sentences; per sentence, ``(first_token, last_token + 1, label)``."""
        if not sentences:
            return []
        doc = self._pipeline([list(tokens) for tokens in sentences])
        out = []
        for sent in doc.sentences:
            spans = []
            for ent in sent.ents:
                first = ent.tokens[0].id[0] - 1
                last = ent.tokens[-1].id[-1]
                spans.append((first, last, ent.type))
            out.append(spans)
        return out

    def tag(self, text: str, sentences: Sequence[Sentence]) -> list[Entity]:
        """Entities of ``sentences`` (of an article whose text is ``text``)."""
        tagged = self.tag_tokens([[t.text for t in s.tokens] for s in sentences])
        return list(entities_from_spans(text, sentences, tagged))


def entities_from_spans(text, sentences, tagged):
    """Turn token-index spans into :class:`Entity` objects with offsets into ``text``."""
    for sentence, spans in zip(sentences, tagged, strict=True):
        for first, last, label in spans:
            start = sentence.tokens[first].start_char
            end = sentence.tokens[last - 1].end_char
            yield Entity(sentence.index, start, end, text[start:end], label)
