"""Character-span arithmetic over spaCy tokens."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

CharSpan = tuple[int, int]
EDGE_PUNCT = ",;:—–-"


def token_span(tokens: Iterable[Token]) -> CharSpan:
    toks = list(tokens)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree_span(token: Token) -> CharSpan:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def subtract(span: CharSpan, holes: Iterable[CharSpan]) -> list[CharSpan]:
    """span minus every hole, as ordered fragments."""
    pieces = [span]
    for hs, he in sorted(holes):
        next_pieces = []
        for s, e in pieces:
            if he <= s or hs >= e:
                next_pieces.append((s, e))
                continue
            if s < hs:
                next_pieces.append((s, hs))
            if he < e:
                next_pieces.append((he, e))
        pieces = next_pieces
    return pieces


def trim(text: str, span: CharSpan, strip_period: bool = True) -> CharSpan | None:
    """Drop white space and dangling punctuation at both ends; None when nothing is left."""
    s, e = span
    strip_chars = EDGE_PUNCT + (".!?" if strip_period else "")
    while s < e and (text[s].isspace() or text[s] in EDGE_PUNCT):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in strip_chars):
        e -= 1
    return (s, e) if e > s and any(c.isalnum() for c in text[s:e]) else None


def overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a: CharSpan, b: CharSpan) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def sentence_at(doc: Doc, char: int) -> Span | None:
    """The sentence holding character offset char (None between sentences or past the end)."""
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return None
