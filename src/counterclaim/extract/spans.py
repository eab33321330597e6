"""Character-span arithmetic over spaCy tokens, and cached views of a parsed Doc."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

CharSpan = tuple[int, int]
EDGE_PUNCT = ",;:—–-"


def token_span(tokens: Iterable[Token]) -> CharSpan:
    toks = list(tokens)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def subtree_span(token: Token) -> CharSpan:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def clause_tokens(head: Token) -> set[int]:
    """Indices of the tokens in the relative and participle clauses hung on ``head`` ("the spokesman, who did not
    name the villages"): they describe what the phrase names without being its name."""
    return {t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}


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


def of_objects(token: Token) -> list[Token]:
    """The objects of the "of" phrases hung on a word: 'the armed forces of Armenia' -> [Armenia]."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
            if g.dep_ == "pobj"]


def inside(a: CharSpan, b: CharSpan) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def adjacent_runs(tokens: Iterable[Token]) -> list[list[Token]]:
    """The tokens grouped into runs of neighbours in the text, in text order: the names among a phrase's words."""
    runs: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.i):
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


# ``doc.text``, ``doc.ents`` and ``doc.sents`` are rebuilt from every token on each access, and the rules read
# them hundreds of times per article (a third of extraction time). A parsed Doc is never edited afterwards, so
# each is computed once and kept in the Doc's user_data. The cached Spans point back at the Doc, a reference
# cycle: call ``forget_views`` when done with the Doc, or it (and its token arrays) waits for a full garbage
# collection, which comes ever more rarely as a run's results pile up.
_TEXT, _ENTS, _SENTS, _WORDS = "counterclaim.text", "counterclaim.ents", "counterclaim.sents", "counterclaim.words"


def doc_text(doc: Doc) -> str:
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    if _ENTS not in doc.user_data:
        doc.user_data[_ENTS] = tuple(doc.ents)
    return doc.user_data[_ENTS]


def doc_sents(doc: Doc) -> tuple[list[Span], list[int]]:
    """The sentences, and their start offsets for bisection."""
    if _SENTS not in doc.user_data:
        sents = list(doc.sents)
        doc.user_data[_SENTS] = sents, [s.start_char for s in sents]
    return doc.user_data[_SENTS]


def doc_words(doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
    """Every token's text, and the texts of tokens that stand somewhere other than at a sentence's start."""
    if _WORDS not in doc.user_data:
        doc.user_data[_WORDS] = (frozenset(t.text for t in doc),
                                 frozenset(t.text for t in doc if not t.is_sent_start))
    return doc.user_data[_WORDS]


def forget_views(doc: Doc) -> None:
    """Drop the cached views, breaking their cycle with the Doc so that it is freed as soon as it is dropped."""
    for key in (_TEXT, _ENTS, _SENTS, _WORDS):
        doc.user_data.pop(key, None)


def sentence_at(doc: Doc, char: int) -> Span | None:
    """The sentence holding character offset char (None between sentences or past the end)."""
    sents, starts = doc_sents(doc)
    i = bisect_right(starts, char) - 1
    return sents[i] if i >= 0 and char < sents[i].end_char else None
