"""The NER model's forward pass and decoding, run directly on token lists.

stanza's pipeline builds a ``Document`` for every call, re-maps every token through its
vocabularies, prepares character-LM inputs the model does not use, runs the character LSTM over
every word of every sentence, and decodes each sentence's tags in a Python loop.  This module
runs the same trained ``NERTagger`` (its modules and weights, loaded by stanza) without that:

- per distinct word, its vocabulary ids and its character-LSTM vector are computed once and
  kept in a bounded cache (a word's character vector depends on its characters only, so this
  changes no result; news vocabulary is repetitive, so most words are found there);
- a batch is packed once, goes through the input transform, the word BiLSTM and the output
  layer, and the CRF's Viterbi decoding runs for the whole batch at once in numpy;
- the tags are turned into spans by stanza's own helpers (``fix_singleton_tags``,
  ``decode_from_bioes``), as its pipeline does.

The results equal stanza's pipeline output (``tests/test_ner_forward.py`` compares them token by
token), up to floating-point summation order in a batch of a different composition.
"""

from __future__ import annotations

import _compat_pickle
import functools
import pickle
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Distinct words whose ids and character vectors are kept (about 1 KB each).
CACHE_WORDS = 40_000


class NerForward:
    """Tag batches of pre-tokenised sentences with a loaded stanza NER ``Trainer``."""

    def __init__(self, trainer: Any, cache_words: int = CACHE_WORDS):
        import torch
        from stanza.models.common.vocab import PAD_ID, UNK_ID, VOCAB_PREFIX_SIZE
        from stanza.models.ner.trainer import fix_singleton_tags
        from stanza.models.ner.utils import decode_from_bioes

        model = trainer.model
        model.eval()
        args = model.args
        unsupported = [name for name, on in (
            ("charlm", args.get("charlm")), ("bert_model", args.get("bert_model")),
            ("connect_output_layers", args.get("connect_output_layers")),
            ("multiple output layers", len(model.tag_clfs) != 1),
            ("char attention", getattr(getattr(model, "charmodel", None), "attn", False)),
            ("no word embedding", not args.get("word_emb_dim"))) if on]
        if unsupported or "word" not in trainer.vocab:
            raise ValueError(f"NerForward does not run this model ({', '.join(unsupported)})")
        self.torch = torch
        self.model = model
        self.vocab = trainer.vocab
        self.lowercase = args.get("lowercase", True)
        self.char_lowercase = args.get("char_lowercase", False)
        self.use_chars = bool(args.get("char")) and args.get("char_emb_dim", 0) > 0
        self.has_delta = "delta" in self.vocab and model.delta_emb is not None
        self.pad_id, self.unk_id, self.prefix = PAD_ID, UNK_ID, VOCAB_PREFIX_SIZE
        self.transitions = model.crits[0]._transitions.detach().cpu().numpy()
        tag_vocab = self.vocab["tag"]
        predict = trainer.args.get("predict_tagset", 0)
        self.tag_names = []
        for i in range(self.transitions.shape[0]):
            name = tag_vocab.unmap([(max(i, self.prefix),)])[0]
            self.tag_names.append(name[predict] if isinstance(name, list) else name)
        self.fix_singleton_tags, self.decode_from_bioes = fix_singleton_tags, decode_from_bioes
        self.cache_words = cache_words
        self._word_index: dict[str, int] = {}
        self._ids = torch.zeros((cache_words, 2), dtype=torch.long)
        width = 2 * args["char_hidden_dim"] if self.use_chars else 0
        self._chars = torch.zeros((cache_words, width))
        self.lookups = self.misses = 0

    # ------------------------------------------------------------------ words

    def _add_words(self, words: list[str]) -> None:
        """Ids and character vectors of ``words`` (distinct, not yet cached) into the cache."""
        torch = self.torch
        if len(words) > self.cache_words:  # one batch of more distinct words: grow
            self.cache_words = len(words)
            self._ids = torch.zeros((len(words), 2), dtype=torch.long)
            self._chars = torch.zeros((len(words), self._chars.shape[1]))
        if len(self._word_index) + len(words) > self.cache_words:
            self._word_index.clear()
        start = len(self._word_index)
        word_vocab = self.vocab["word"]
        keys = [w.lower() if self.lowercase else w for w in words]
        static = word_vocab.map(keys)
        ids = torch.tensor([static, self.vocab["delta"].map(keys) if self.has_delta
                            else [self.pad_id] * len(words)], dtype=torch.long).T
        if self.has_delta:  # a word known to the embedding and unknown to delta adds nothing
            unknown = (ids[:, 1] == self.unk_id) & (ids[:, 0] != self.unk_id)
            ids[unknown, 1] = self.pad_id
        self._ids[start:start + len(words)] = ids
        if self.use_chars:
            self._chars[start:start + len(words)] = self._char_vectors(words)
        for offset, word in enumerate(words):
            self._word_index[word] = start + offset

    def _char_vectors(self, words: list[str]) -> Any:
        """The character BiLSTM's final states for each word, as the model computes them."""
        torch, charmodel = self.torch, self.model.charmodel
        from torch.nn.utils.rnn import pack_padded_sequence

        char_vocab = self.vocab["char"]
        case = str.lower if self.char_lowercase else None
        chars = [char_vocab.map(list(case(w) if case else w)) for w in words]
        order = sorted(range(len(words)), key=lambda i: -len(chars[i]))
        lengths = [max(len(chars[i]), 1) for i in order]
        padded = torch.zeros((len(words), lengths[0]), dtype=torch.long)
        for row, i in enumerate(order):
            padded[row, :len(chars[i])] = torch.tensor(chars[i], dtype=torch.long)
        embs = pack_padded_sequence(charmodel.char_emb(padded), lengths, batch_first=True)
        layers = charmodel.num_dir * self.model.args["char_num_layers"]
        hidden = self.model.args["char_hidden_dim"]
        h0 = charmodel.charlstm_h_init.expand(layers, len(words), hidden).contiguous()
        c0 = charmodel.charlstm_c_init.expand(layers, len(words), hidden).contiguous()
        _, (h, _) = charmodel.charlstm(embs, lengths, hx=(h0, c0))
        vectors = h[-2:].transpose(0, 1).reshape(len(words), -1)
        out = torch.empty_like(vectors)
        out[torch.tensor(order)] = vectors
        return out

    def _rows(self, tokens: list[str]) -> Any:
        """Cache rows of ``tokens``, adding the words not cached yet."""
        index = self._word_index
        new = list(dict.fromkeys(t for t in tokens if t not in index))
        self.lookups += len(tokens)
        self.misses += len(new)
        if new:
            self._add_words(new)
            if any(t not in index for t in tokens):  # the cache was reset: add them all
                self._word_index.clear()
                self._add_words(list(dict.fromkeys(tokens)))
        return self.torch.tensor([index[t] for t in tokens], dtype=self.torch.long)

    # ------------------------------------------------------------------ batches

    def tag(self, sentences: Sequence[Sequence[str]]
            ) -> list[list[tuple[int, int, str, float]]]:
        """Per sentence, its entities as ``(first_token, last_token + 1, label, probability)``
        (the CRF marginal of the span and label, :func:`path_probability`)."""
        if not sentences:
            return []
        torch, model = self.torch, self.model
        from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

        order = sorted(range(len(sentences)), key=lambda i: -len(sentences[i]))
        lengths = [len(sentences[i]) for i in order]
        if lengths[-1] == 0:
            raise ValueError("an empty sentence cannot be tagged")
        tokens = [t for i in order for t in sentences[i]]
        with torch.inference_mode():
            rows = self._rows(tokens)
            ids = self._ids[rows]
            features = model.word_emb(ids[:, 0])
            if self.has_delta:
                features = features + model.delta_emb(ids[:, 1])
            if self.use_chars:
                features = torch.cat([features, self._chars[rows]], 1)
            if model.input_transform is not None:
                features = model.input_transform(features)
            padded = torch.nn.utils.rnn.pad_sequence(features.split(lengths), batch_first=True)
            packed = pack_padded_sequence(padded, lengths, batch_first=True)
            hidden, layers = model.args["hidden_dim"], 2 * model.args["num_layers"]
            h0 = model.taggerlstm_h_init.expand(layers, len(lengths), hidden).contiguous()
            c0 = model.taggerlstm_c_init.expand(layers, len(lengths), hidden).contiguous()
            output, _ = model.taggerlstm(packed, lengths, hx=(h0, c0))
            logits = model.tag_clfs[0](output.data)
            scores = pad_packed_sequence(PackedSequence(logits, output.batch_sizes),
                                         batch_first=True)[0].numpy()
        paths = viterbi_batch(scores, lengths, self.transitions)
        # the probabilities in float64, so that their rounding does not show in the score
        scores64, transitions64 = scores.astype(np.float64), self.transitions.astype(np.float64)
        alpha, beta, scale = forward_backward(scores64, lengths, transitions64)
        out: list[list[tuple[int, int, str, float]]] = [[] for _ in sentences]
        names = self.tag_names
        for row, i in enumerate(order):
            tags = self.fix_singleton_tags([names[t] for t in paths[row]])
            out[i] = [(e["start"], e["end"] + 1, e["type"],
                       path_probability(scores64[row], transitions64, alpha[row], beta[row],
                                        scale[row], paths[row], e["start"], e["end"]))
                      for e in self.decode_from_bioes(tags)]
        return out


def viterbi_batch(scores: np.ndarray, lengths: Sequence[int],
                  transitions: np.ndarray) -> list[list[int]]:
    """The best tag path of each sentence of a padded batch (``scores``: batch x time x tags),
    as stanza's ``viterbi_decode`` finds it sentence by sentence."""
    batch, steps, _ = scores.shape
    trellis = scores[:, 0].copy()
    back = np.zeros((batch, steps, scores.shape[2]), dtype=np.int64)
    finals = np.zeros_like(trellis)
    lengths_a = np.asarray(lengths)
    done = lengths_a == 1
    finals[done] = trellis[done]
    for t in range(1, steps):
        v = trellis[:, :, None] + transitions[None]
        back[:, t] = v.argmax(1)
        trellis = scores[:, t] + v.max(1)
        ends = lengths_a == t + 1
        finals[ends] = trellis[ends]
    paths = []
    for b, length in enumerate(lengths):
        best = [int(finals[b].argmax())]
        for t in range(length - 1, 0, -1):
            best.append(int(back[b, t, best[-1]]))
        best.reverse()
        paths.append(best)
    return paths


def forward_backward(scores: np.ndarray, lengths: Sequence[int], transitions: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The CRF's scaled forward and backward variables of a padded batch, batched like
    :func:`viterbi_batch` (no start or end transitions, as stanza's CRF has none).

    In probability space with a normaliser per step (the scaled forward-backward algorithm:
    a matrix product per step instead of a log-sum-exp over every pair of tags): ``alpha[b, t]``
    is the distribution of sentence ``b``'s tag at ``t`` given its tokens up to ``t``,
    ``beta[b, t]`` the matching backward variable, ``scale[b, t]`` the step's normaliser
    (:func:`path_probability` reads the three)."""
    batch, steps, tags = scores.shape
    lengths_a = np.asarray(lengths)
    shift = transitions.max()
    moves = np.exp(transitions - shift)
    emit = np.exp(scores - scores.max(axis=2, keepdims=True))
    alpha = np.empty_like(emit)
    scale = np.empty((batch, steps))
    step = emit[:, 0]
    for t in range(steps):
        if t:
            step = (alpha[:, t - 1] @ moves) * emit[:, t]
        total = step.sum(axis=1)
        total[total == 0] = 1.0
        scale[:, t] = total
        alpha[:, t] = step / total[:, None]
    beta = np.ones_like(emit)
    for t in range(steps - 2, -1, -1):
        back = ((emit[:, t + 1] * beta[:, t + 1]) @ moves.T) / scale[:, t + 1, None]
        beta[:, t] = np.where((t < lengths_a - 1)[:, None], back, 1.0)
    return alpha, beta, scale


def path_probability(scores: np.ndarray, transitions: np.ndarray, alpha: np.ndarray,
                     beta: np.ndarray, scale: np.ndarray, path: Sequence[int], start: int,
                     end: int) -> float:
    """The model's probability that the tags ``path[start..end]`` (a decoded entity) are the
    sentence's tags there: the CRF marginal of the span with its label, from one sentence's
    rows of :func:`forward_backward`."""
    shift = transitions.max()
    p = alpha[start, path[start]]
    for t in range(start + 1, end + 1):
        p *= (np.exp(transitions[path[t - 1], path[t]] - shift)
              * np.exp(scores[t, path[t]] - scores[t].max()) / scale[t])
    return float(min(1.0, p * beta[end, path[end]]))


class _RestrictedUnpickler(pickle.Unpickler):
    """pickle's C unpickler that resolves only the globals torch's weights-only loader allows
    (tensors, storages, dtypes, ``OrderedDict``, ...): anything else is an error, so a model
    file cannot run code, as with ``torch.load(weights_only=True)``, whose pure-Python
    unpickler takes most of a second on the vocabularies of our two files."""

    def find_class(self, module: str, name: str) -> Any:
        # protocol-2 pickles (stanza's) name Python 2 modules (``__builtin__``): map them as
        # pickle's own find_class does
        module, name = _compat_pickle.NAME_MAPPING.get((module, name), (module, name))
        module = _compat_pickle.IMPORT_MAPPING.get(module, module)
        allowed = _allowed_globals().get(f"{module}.{name}")
        if allowed is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a model file")
        return allowed


class _RestrictedPickle:
    """The ``pickle_module`` torch.load reads a checkpoint with: only the restricted
    unpickler."""

    Unpickler = _RestrictedUnpickler

    @staticmethod
    def load(file: Any, **kwargs: Any) -> Any:
        return _RestrictedUnpickler(file, **kwargs).load()


@functools.cache
def _allowed_globals() -> dict[str, Any]:
    from torch import _weights_only_unpickler

    return dict(_weights_only_unpickler._get_allowed_globals())


def read_checkpoint(path: str) -> Any:
    """A stanza checkpoint (a dict of tensors, vocabularies and config), read on the CPU with
    :class:`_RestrictedUnpickler`; with torch's own weights-only loader if this torch lacks
    the allow-list it is built from."""
    import torch

    try:
        _allowed_globals()
    except (ImportError, AttributeError):
        return torch.load(path, map_location="cpu", weights_only=True)
    return torch.load(path, map_location="cpu", weights_only=False,
                      pickle_module=_RestrictedPickle)


def load_trainer(paths: Any) -> Any:
    """The NER model as stanza's ``Trainer.load`` builds it (config, vocabularies, word
    vectors, weights), on the CPU, in eval mode, without the optimizer ``Trainer()`` also
    builds for training (a second and a half of every start), and with both files read by
    :func:`read_checkpoint` (0.1 s instead of 0.9 s).  Models with a transformer or adapter
    weights, which nlp_news does not train, go through stanza's own ``Trainer.load``.
    ``paths``: a :class:`~nlp_news.models.ModelPaths`."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner.model import NERTagger
    from stanza.models.ner.trainer import Trainer
    from stanza.models.ner.vocab import MultiVocab

    trainer = Trainer.__new__(Trainer)
    no_charlm = {"charlm_forward_file": None, "charlm_backward_file": None}
    checkpoint = read_checkpoint(str(paths.ner))
    config = checkpoint["config"]
    if (config.get("bert_model") or checkpoint.get("bert_lora")
            or any(key.startswith(("bert_model.", "crit.")) for key in checkpoint["model"])):
        trainer.load(str(paths.ner), Pretrain(str(paths.pretrain)), args=no_charlm)
    else:
        vectors = read_checkpoint(str(paths.pretrain))  # its vocabulary is the model's "word"
        trainer.args = {**config, **no_charlm}
        trainer.vocab = MultiVocab.load_state_dict(checkpoint["vocab"])
        trainer.model = NERTagger(trainer.args, trainer.vocab, emb_matrix=vectors["emb"],
                                  foundation_cache=None, bert_model=None, bert_tokenizer=None,
                                  force_bert_saved=False, peft_name=None)
        trainer.model.load_state_dict(checkpoint["model"], strict=False)
    if trainer.args.get("predict_tagset") is None:
        trainer.args["predict_tagset"] = 0
    trainer.model = trainer.model.to("cpu")
    trainer.model.eval()
    return trainer


def quantize(model: Any) -> Any:
    """Quantize ``model``'s LSTMs and linear layers to 8-bit weights, in place
    (``torch.ao.quantization.quantize_dynamic``: activations stay float, quantized per batch)."""
    import torch

    return torch.ao.quantization.quantize_dynamic(
        model, {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8, inplace=True)
