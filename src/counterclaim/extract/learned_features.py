"""Token features and the network of the learned attribution tagger.

Why parse features: a convolutional tagger sees only a few words either side, yet whether a word belongs to the
content of "said" twenty words away is a question about the parse (is it under the verb's clausal complement?) and
about quotation marks (is it inside a quote that opened two sentences earlier?). So each token carries, besides
its spelling, hashed strings for its dependency path to the nearest cue-like verb and for its quotation state, all
read from the parse the rules already paid for. The network is then small and CPU-fast: hash embeddings + a few
maxout window layers, no torch, weights of a few MB.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy
from spacy.attrs import LEMMA, NORM, PREFIX, SHAPE, SUFFIX
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (LSTM, Maxout, Model, chain, clone, concatenate, expand_window, list2ragged, ragged2list,
                       residual, with_array, with_padded)
from thinc.layers import HashEmbed
from thinc.types import Floats2d, Ints2d

from .quotes import find_quotes

CACHE_KEY = "counterclaim_attr_feats"
LEXICAL = (NORM, PREFIX, SUFFIX, SHAPE, LEMMA)
N_PARSE = 9  # parse / quote columns built by `parse_columns`
N_COLUMNS = len(LEXICAL) + N_PARSE
MAX_CLIMB = 12


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _quote_state(doc: Doc) -> list[str]:
    """'out', 'open', 'close', 'in' (or 'in-short' for a scare-quoted phrase) per token."""
    state = ["out"] * len(doc)
    text = doc.text
    for q in find_quotes(text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        inner = "in" if q.is_full(text) else "in-short"
        for tok in span:
            state[tok.i] = inner
        state[span.start] = "open"
        if q.closed:
            state[span.end - 1] = "close"
    return state


def _cue_ancestors(heads: list[int], is_cue: list[bool]) -> list[tuple[int, int, int]]:
    """Per token: (nearest cue-like ancestor or the token itself, the path child just below it, depth); -1s when none
    within MAX_CLIMB. Memoised over heads, so linear in the doc length."""
    memo: list[tuple[int, int, int] | None] = [None] * len(heads)
    none = (-1, -1, 0)

    def solve(i: int) -> tuple[int, int, int]:
        chain = []
        while memo[i] is None:
            if is_cue[i]:
                memo[i] = (i, i, 0)
            elif heads[i] == i:
                memo[i] = none
            else:
                chain.append(i)
                i = heads[i]
                continue
        for j in reversed(chain):
            anchor, child, depth = memo[heads[j]]  # type: ignore[misc]
            if anchor < 0 or depth + 1 > MAX_CLIMB:
                memo[j] = none
            else:
                memo[j] = (anchor, j if anchor == heads[j] else child, depth + 1)
        return memo[chain[0]] if chain else memo[i]  # type: ignore[return-value]

    return [solve(i) for i in range(len(heads))]


def parse_columns(doc: Doc, cues: frozenset[str]) -> list[list[str]]:
    """The parse / quotation feature strings of every token (N_PARSE per token)."""
    quote = _quote_state(doc)
    toks = list(doc)
    lemma = [t.lemma_.lower() for t in toks]
    dep = [t.dep_ for t in toks]
    pos = [t.pos_ for t in toks]
    heads = [t.head.i for t in toks]
    is_cue = [lemma[i] in cues and pos[i] in ("VERB", "AUX", "NOUN", "ADJ", "ADP") for i in range(len(toks))]
    anchors = _cue_ancestors(heads, is_cue)
    rows = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        near = [i for i in range(start, end) if is_cue[i] and pos[i] != "ADJ" and pos[i] != "ADP"]
        for i in range(start, end):
            anchor, child, depth = anchors[i]
            if anchor < 0:
                path = path_lemma = "none"
            elif anchor == i:
                path, path_lemma = "self", "self|" + lemma[i]
            else:
                path = f"{dep[child]}|{'L' if i < anchor else 'R'}|{_bucket(depth)}"
                path_lemma = f"{dep[child]}|{lemma[anchor]}"
            if near:
                j = min(near, key=lambda k: abs(k - i))
                rel = ("L" if i < j else "R" if i > j else "C") + _bucket(abs(i - j))
            else:
                rel = "nocue"
            first = "first" if i == start else "after-colon" if i and toks[i - 1].text == ":" else "-"
            h = heads[i]
            rows.append([
                f"{pos[i]}|{dep[i]}",
                toks[i].tag_,
                f"{dep[i]}|{lemma[h]}",
                quote[i],
                path,
                path_lemma,
                rel,
                f"{first}|{quote[start]}",
                f"{dep[h]}|{lemma[heads[h]]}",
            ])
    return rows


def doc_features(doc: Doc, cues: frozenset[str]) -> numpy.ndarray:
    """uint64 feature ids, one row per token: the lexical attributes, then the hashed parse columns."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is not None:
        return cached
    lexical = doc.to_array(list(LEXICAL)).astype("uint64").reshape((len(doc), len(LEXICAL)))
    parse = numpy.array([[get_string_id(f"{k}={v}") for k, v in enumerate(row)] for row in parse_columns(doc, cues)],
                        dtype="uint64").reshape((len(doc), N_PARSE))
    return numpy.hstack([lexical, parse])


def cache_features(docs: Iterable[Doc], cues: frozenset[str]) -> None:
    """Compute features once (training reuses each doc every epoch)."""
    for doc in docs:
        doc.user_data[CACHE_KEY] = doc_features(doc, cues)


def _features(cues: Sequence[str]) -> Model[list[Doc], list[Ints2d]]:
    lemmas = frozenset(cues)

    def forward(model: Model, docs: list[Doc], is_train: bool):
        out = [model.ops.asarray2i(doc_features(doc, lemmas), dtype="uint64") for doc in docs]
        return out, lambda d_out: []

    return Model("attribution_features", forward)


@registry.architectures("counterclaim.AttributionTok2Vec.v2")
def attribution_tok2vec(width: int, embed_width: int, depth: int, window_size: int, rows: int,
                        cues: list[str], encoder_dropout: float = 0.0,
                        lstm_depth: int = 0) -> Model[list[Doc], list[Floats2d]]:
    """Hash-embed every feature column, mix them with a maxout layer, then residual maxout-window encoders and,
    with ``lstm_depth``, bidirectional LSTM layers over the whole article (residual too).

    Why the LSTM: a content span averages ~19 tokens and its edges depend on where the clause around the cue
    ends, further away than the window layers see (depth 4, window 2: 8 tokens either side)."""
    embeds = [HashEmbed(nO=embed_width, nV=rows if i < len(LEXICAL) else rows // 2, column=i, seed=i + 7)
              for i in range(N_COLUMNS)]
    embed = chain(
        _features(cues),
        list2ragged(),
        with_array(chain(concatenate(*embeds),
                         Maxout(width, embed_width * N_COLUMNS, nP=3, dropout=0.1, normalize=True))),
        ragged2list(),
    )
    layer = chain(expand_window(window_size=window_size),
                  Maxout(width, width * (2 * window_size + 1), nP=3, normalize=True,
                         dropout=encoder_dropout or None))
    model: Model[list[Doc], list[Floats2d]] = chain(embed, with_array(clone(residual(layer), depth)))
    if lstm_depth:
        model = chain(model, residual(with_padded(LSTM(width, width, bi=True, depth=lstm_depth,
                                                       dropout=encoder_dropout))))
    model.set_dim("nO", width)
    return model


__all__ = ["attribution_tok2vec", "cache_features", "doc_features", "parse_columns"]
