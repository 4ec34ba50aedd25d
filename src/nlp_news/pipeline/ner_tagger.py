"""The project's stanza NER model as a tagger of pre-tokenised sentences, loaded from local
files only (the pipeline component around it is :mod:`.ner`; this module imports no component,
so :mod:`.resources` can load the model without the component machinery)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Sequence

from ..models import ModelPaths

log = logging.getLogger(__name__)


def import_stanza() -> None:
    """Import stanza, without IPython when IPython is not loaded: stanza's progress-bar helper
    imports IPython (a third of a second) only to ask whether it runs in a notebook, and a
    process that has not loaded IPython is not a notebook.  IPython stays importable after."""
    if "stanza" in sys.modules or "IPython" in sys.modules:
        return
    sys.modules["IPython"] = None  # type: ignore[assignment]  # an import of it fails at once
    try:
        import stanza  # noqa: F401
    finally:
        if sys.modules.get("IPython", 0) is None:
            del sys.modules["IPython"]


class ModelNotFoundError(FileNotFoundError):
    """The NER model files are missing."""


class NerTagger:
    """The project's stanza NER model, loaded from explicit model paths with no network.

    ``forward="lean"`` (the default) loads the model with stanza's own loader
    (``Trainer.load``, without the training optimizer it would also build) and runs it with
    :class:`~.ner_forward.NerForward`; a model that NerForward cannot run (one reading words
    through character language models) goes through stanza's pipeline instead.
    ``forward="stanza"`` always uses stanza's pipeline (pre-tokenised input + NER):
    ``download_method=None`` and a ``resources.json`` that names nothing keep it from reaching
    any network; the pretrain path is passed explicitly, because stanza silently falls back to
    random vectors without it.  ``int8`` quantizes the model's LSTMs and linear layers.
    """

    def __init__(self, paths: ModelPaths, batch_size: int = 64, forward: str = "lean",
                 int8: bool = False):
        if not paths.has_ner():
            raise ModelNotFoundError(
                f"NER model not found: expected {paths.ner} and {paths.pretrain} "
                "(re-make them with `nlp-news train all`)"
            )
        if forward not in FORWARDS:
            raise ValueError(f"forward must be one of {FORWARDS}, not {forward!r}")
        import_stanza()
        self.batch_size = batch_size
        self.int8 = int8
        self._lean = None
        self._pipeline = None
        if forward == "lean" and not paths.has_charlm():
            from stanza.models.common.exceptions import (
                BackwardCharlmNotFoundError,
                ForwardCharlmNotFoundError,
            )

            from .ner_forward import NerForward, load_trainer

            try:
                self._trainer = load_trainer(paths)
                self._lean = NerForward(self._trainer)
            except (ForwardCharlmNotFoundError, BackwardCharlmNotFoundError, ValueError) as why:
                # a model that reads character language models: stanza's pipeline runs it,
                # or says which files are missing
                log.info("NER through stanza's pipeline: %s", why)
        if self._lean is None:
            self._pipeline = self._stanza_pipeline(paths, batch_size)
            self._trainer = self._pipeline.processors["ner"].trainers[0]
        self.forward = "lean" if self._lean is not None else "stanza"
        if int8:
            from .ner_forward import quantize

            quantize(self._trainer.model)

    @staticmethod
    def _stanza_pipeline(paths: ModelPaths, batch_size: int):
        import stanza
        from stanza.models.common.exceptions import (
            BackwardCharlmNotFoundError,
            ForwardCharlmNotFoundError,
        )

        paths.resources_dir.mkdir(parents=True, exist_ok=True)
        resources = paths.resources_dir / "resources.json"
        if not resources.exists():
            resources.write_text("{}\n", encoding="utf-8")
        charlm = ({"ner_forward_charlm_path": str(paths.charlm_forward),
                   "ner_backward_charlm_path": str(paths.charlm_backward)}
                  if paths.has_charlm() else {})
        stanza_logger = logging.getLogger("stanza")
        level = stanza_logger.level
        stanza_logger.setLevel(logging.ERROR)  # hides the harmless "Unsupported language" note
        try:
            return stanza.Pipeline(
                lang="id",
                dir=str(paths.resources_dir),
                processors="tokenize,ner",
                tokenize_pretokenized=True,
                ner_model_path=str(paths.ner),
                ner_pretrain_path=str(paths.pretrain),
                ner_batch_size=batch_size,
                **charlm,
                download_method=None,
                allow_unknown_language=True,
                use_gpu=False,
                logging_level="ERROR",
            )
        except (ForwardCharlmNotFoundError, BackwardCharlmNotFoundError, KeyError) as error:
            # stanza catches its own "charlm not found" and then fails on the language lookup
            missing = (ForwardCharlmNotFoundError, BackwardCharlmNotFoundError)
            cause = error if isinstance(error, missing) else error.__context__
            if not isinstance(cause, missing):
                raise
            raise ModelNotFoundError(
                f"the NER model {paths.ner} reads words through character language models: "
                f"expected {paths.charlm_forward} and {paths.charlm_backward} (re-make them "
                "with `nlp-news train charlm`)") from cause
        finally:
            stanza_logger.setLevel(level)

    def word_ranks(self) -> dict[str, int]:
        """Lower-cased words of the word vectors by frequency rank (the pretrain's ids)."""
        vocab = self._trainer.vocab["word"]
        return dict(vocab._unit2id)

    def tag_tokens(self, sentences: Sequence[Sequence[str]], probabilities: bool = False
                   ) -> list[list[tuple]]:
        """Tag pre-tokenised sentences; per sentence, ``(first_token, last_token + 1, label)``
        and, with ``probabilities`` and the lean forward pass, the model's probability of the
        span as a fourth item.

        Sentences go to stanza sorted by length, in batches of at most ``batch_size``
        sentences and :data:`MAX_BATCH_TOKENS` padded tokens: stanza pads every sentence of a
        batch to the longest one, so one very long sentence among short ones would cost time
        and memory (which would then grow with the size of a dump)."""
        out: list[list[tuple]] = [[] for _ in sentences]
        for batch in length_batches([len(s) for s in sentences], self.batch_size,
                                    MAX_BATCH_TOKENS):
            if self._lean is not None:
                for index, spans in zip(batch, self._lean.tag([sentences[i] for i in batch]),
                                        strict=True):
                    out[index] = spans if probabilities else [s[:3] for s in spans]
                continue
            doc = self._pipeline([list(sentences[i]) for i in batch])
            for index, sent in zip(batch, doc.sentences, strict=True):
                out[index] = [(ent.tokens[0].id[0] - 1, ent.tokens[-1].id[-1], ent.type)
                              for ent in sent.ents]
        return out


#: How the model runs: "lean" (:mod:`.ner_forward`, the default) or "stanza" (its pipeline).
FORWARDS = ("lean", "stanza")
#: Padded tokens (sentences x longest sentence) per stanza call.
MAX_BATCH_TOKENS = 4096


def length_batches(lengths: Sequence[int], max_sentences: int,
                   max_tokens: int) -> Iterator[list[int]]:
    """Indices of ``lengths`` sorted by length, cut into batches of at most ``max_sentences``
    items whose size once padded (count x longest) stays within ``max_tokens``; a single
    item longer than ``max_tokens`` forms a batch of its own."""
    batch: list[int] = []
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        if batch and (len(batch) >= max_sentences
                      or (len(batch) + 1) * lengths[index] > max_tokens):
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch
