"""Token features of the learned attribution tagger, beside its word pieces.

Why parse features: the encoder reads the words, a window at a time, but whether a word belongs to the content of
"said" twenty words away is also a question about the parse (is it under the verb's clausal complement?) and about
quotation marks (is it inside a quote that opened two sentences earlier?). So each token carries, besides its
spelling, hashed strings for its dependency path to the nearest cue-like verb and for its quotation state, all read
from the parse the rules already paid for.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, NORM, ORTH, POS, PREFIX, SHAPE, SUFFIX, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .quotes import find_quotes
from .spans import doc_sents, doc_text

LEXICAL = (NORM, PREFIX, SUFFIX, SHAPE, LEMMA)
N_PARSE = 9  # parse / quote columns built by `parse_columns`
N_COLUMNS = len(LEXICAL) + N_PARSE
MAX_CLIMB = 12


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


def _quote_state(doc: Doc) -> list[str]:
    """'out', 'open', 'close', 'in' (or 'in-short' for a scare-quoted phrase) per token."""
    state = ["out"] * len(doc)
    text = doc_text(doc)
    # archive copy's ''doubled'' marks stay out: the tagger was trained without them (see quotes.parse_text)
    for q in (q for q in find_quotes(text) if q.width == 1):
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


def token_strings(doc: Doc, attrs: tuple[int, ...]) -> list[list[str]]:
    """Per attribute, its string for every token, read from one array (making a Token per word cost more than
    the rest of the features)."""
    ids = doc.to_array(list(attrs)).reshape((len(doc), len(attrs))).T.tolist()
    strings = doc.vocab.strings
    out = []
    for column in ids:
        names = {h: strings[h] for h in set(column)}
        out.append([names[h] for h in column])
    return out


def parse_columns(doc: Doc, cues: frozenset[str]) -> list[list[str]]:
    """The parse / quotation feature strings of every token (N_PARSE per token)."""
    quote = _quote_state(doc)
    lemma, dep, pos, tag, text = token_strings(doc, (LEMMA, DEP, POS, TAG, ORTH))
    lemma = [w.lower() for w in lemma]
    heads = (doc.to_array(HEAD).astype("int64") + numpy.arange(len(doc))).tolist()
    is_cue = [lemma[i] in cues and pos[i] in ("VERB", "AUX", "NOUN", "ADJ", "ADP") for i in range(len(doc))]
    anchors = _cue_ancestors(heads, is_cue)
    rows = []
    for sent in doc_sents(doc)[0]:
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
            first = "first" if i == start else "after-colon" if i and text[i - 1] == ":" else "-"
            h = heads[i]
            rows.append([
                f"{pos[i]}|{dep[i]}",
                tag[i],
                f"{dep[i]}|{lemma[h]}",
                quote[i],
                path,
                path_lemma,
                rel,
                f"{first}|{quote[start]}",
                f"{dep[h]}|{lemma[heads[h]]}",
            ])
    return rows


# Per parse column, feature string -> the hash of "k=string". The strings recur (tags, paths, head lemmas), so
# looking them up replaces most of the hashing that was half the time of building the features; a table that grows
# past HASHED_MAX (new head lemmas in a long batch) starts again, to keep memory flat.
_HASHED: list[dict[str, int]] = [{} for _ in range(N_PARSE)]
HASHED_MAX = 100_000


def _hashed_column(column: int, values: tuple[str, ...]) -> list[int]:
    table = _HASHED[column]
    new = set(values).difference(table)
    if len(table) + len(new) > HASHED_MAX:
        table.clear()
        new = set(values)
    table.update((v, get_string_id(f"{column}={v}")) for v in new)
    return [table[v] for v in values]


def doc_features(doc: Doc, cues: frozenset[str]) -> numpy.ndarray:
    """uint64 feature ids, one row per token: the lexical attributes, then the hashed parse columns."""
    lexical = doc.to_array(list(LEXICAL)).astype("uint64").reshape((len(doc), len(LEXICAL)))
    columns = list(zip(*parse_columns(doc, cues))) or [()] * N_PARSE
    parse = numpy.array([_hashed_column(k, v) for k, v in enumerate(columns)], dtype="uint64").T
    return numpy.hstack([lexical, parse.reshape((len(doc), N_PARSE))])
