"""Evaluate the attribution extractor against PolNeAR (who said what: source, cue, content).

Usage::

    .venv/bin/python bench/attribution_eval.py                  # all of dev
    .venv/bin/python bench/attribution_eval.py --limit 10 --json out/eval.json
    .venv/bin/python bench/attribution_eval.py --split train --data /path/to/polnear
    .venv/bin/python bench/attribution_eval.py --attributions combined   # the learned model + rules
    .venv/bin/python bench/attribution_eval.py --compare                # rules, model, combined, textacy

The data is read in place (default: ``<workspace>/shared/data/polnear``, i.e. two levels above this repo's
``bench/``); PolNeAR article text is never written anywhere by this script (the JSON report holds figures
and article ids only).

Metric definitions (all offsets are ``[start, end)`` code-point indices into the raw PolNeAR text):

* **Tokens.** Word tokens by the regex ``\\w+|[^\\w\\s]`` over the article text, each token identified by its
  character offsets. A role's token set is every token whose span overlaps (shares at least one character
  with) one of the role's fragments; a fragment that cuts a word in half still claims the whole word.
  *Word tokens* are those matched by ``\\w+``; the others are punctuation tokens.
* **Attribution match.** A predicted and a gold attribution match when the Jaccard index of their *content*
  token sets is >= 0.5. Matching is one-to-one and greedy: all candidate pairs are taken in order of
  decreasing Jaccard (ties: earlier gold, then earlier prediction), a pair is kept when neither side is
  already matched. Precision = matched / predicted, recall = matched / gold, micro-averaged over articles.
* **Exact content.** The same one-to-one matching, but a pair is a candidate only when the sets of *word*
  tokens of the two contents are identical (and non-empty), so punctuation (quotation marks, a final comma
  or full stop) never decides it.
* **Role token P/R/F1** (source, cue, content). For each article and role, the predicted token set is the
  union of that role's tokens over all predicted attributions, the gold set likewise; tp = |pred & gold|,
  fp = |pred - gold|, fn = |gold - pred|, summed over articles (micro). This counts unmatched attributions
  too (their predicted tokens are false positives, their gold tokens false negatives) and does not depend
  on the attribution matching: a token is right when it carries the right role label. The union avoids
  double-counting a source span shared by several attributions ("He said X ... and added Y").
* **Source on matched pairs.** Over the attribution-matched pairs: *presence accuracy* = share of pairs
  where both or neither have a source (a source = a non-empty source token set); *source token P/R/F1* =
  micro token counts summed over the matched pairs.
* **Speaker accuracy.** Over the attribution-matched pairs, the share whose speaker is right: the gold has a
  source and the predicted source token set shares at least one token with it, or neither has a source.
  (A prediction with no source for a gold source, or a source for a gold without one, is wrong.)
* **By quotation.** A gold attribution is *quoted* (direct or mixed) when its content text contains a
  double quotation mark (``" “ ” „ ‟ « »``), otherwise *unquoted* (indirect). Recall is reported per group;
  precision per group is reported the same way for predictions (by the predicted content's text).
* Undefined ratios (0/0) are reported as ``None`` / "n/a", never as 0 or 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from counterclaim.model import Article, Attribution

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
SPLITS = ("dev", "train")
ROLES = ("source", "cue", "content")
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
WORD_START_RE = re.compile(r"\w")
QUOTE_CHARS = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb')
MATCH_THRESHOLD = 0.5
OVERLAPS = ("0.3", "0.8")  # content Jaccard thresholds reported beside the main one (string keys: JSON)

Fragments = tuple[tuple[int, int], ...]
TokenSet = frozenset[int]


# --------------------------------------------------------------------------------------------- spans and tokens


@dataclass(frozen=True)
class SpanAttribution:
    """One attribution (gold or predicted) as sorted ``(start, end)`` character fragments per role."""

    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()

    def role(self, name: str) -> Fragments:
        return getattr(self, name)


def _fragments(pairs: Iterable[Sequence[int]]) -> Fragments:
    return tuple(sorted((int(s), int(e)) for s, e in pairs))


def gold_attributions(record: dict[str, Any]) -> list[SpanAttribution]:
    """The gold attributions of one PolNeAR record (roles as lists of ``[start, end]`` fragments)."""
    return [
        SpanAttribution(
            source=_fragments(a.get("source") or ()),
            cue=_fragments(a.get("cue") or ()),
            content=_fragments(a.get("content") or ()),
        )
        for a in record.get("attributions", ())
    ]


def predicted_attributions(attributions: Iterable[Attribution]) -> list[SpanAttribution]:
    """Convert extractor output; content is ``content_fragments`` when non-empty, else ``[content]``."""
    out = []
    for a in attributions:
        content = a.content_fragments or [a.content]
        out.append(
            SpanAttribution(
                source=_fragments([(a.source.start, a.source.end)] if a.source is not None else ()),
                cue=_fragments([(a.cue.start, a.cue.end)] if a.cue is not None else ()),
                content=_fragments((f.start, f.end) for f in content),
            )
        )
    return out


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens ``\\w+|[^\\w\\s]`` of ``text``, in order."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


class TokenIndex:
    """The tokens of one text, for mapping character fragments to token-id sets (ids = token positions)."""

    def __init__(self, text: str):
        self.text = text
        self.spans = tokenize(text)
        self._starts = [s for s, _ in self.spans]
        self._ends = [e for _, e in self.spans]
        self.is_word = [bool(WORD_START_RE.match(text, s)) for s, _ in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def tokens(self, fragments: Iterable[tuple[int, int]]) -> TokenSet:
        """Ids of the tokens that overlap any fragment (share at least one character with it)."""
        ids: set[int] = set()
        for start, end in fragments:
            if end <= start:
                continue
            lo = bisect_right(self._ends, start)  # first token ending after `start`
            hi = bisect_left(self._starts, end)  # first token starting at or after `end`
            ids.update(range(lo, hi))
        return frozenset(ids)

    def words(self, ids: Iterable[int]) -> TokenSet:
        """The word (``\\w+``) tokens among ``ids``, dropping punctuation tokens."""
        return frozenset(i for i in ids if self.is_word[i])

    def fragment_text(self, fragments: Iterable[tuple[int, int]]) -> str:
        return " ".join(self.text[s:e] for s, e in fragments)


@dataclass(frozen=True)
class TokenAttribution:
    """An attribution as token-id sets per role, plus what the metrics derive from them."""

    source: TokenSet
    cue: TokenSet
    content: TokenSet
    content_words: TokenSet
    quoted: bool

    @property
    def has_source(self) -> bool:
        return bool(self.source)

    def role(self, name: str) -> TokenSet:
        return getattr(self, name)


def is_quoted(content_text: str) -> bool:
    """True when the content text contains a double quotation mark (direct or mixed attribution)."""
    return any(ch in QUOTE_CHARS for ch in content_text)


def to_tokens(index: TokenIndex, attribution: SpanAttribution) -> TokenAttribution:
    content = index.tokens(attribution.content)
    return TokenAttribution(
        source=index.tokens(attribution.source),
        cue=index.tokens(attribution.cue),
        content=content,
        content_words=index.words(content),
        quoted=is_quoted(index.fragment_text(attribution.content)),
    )


# ----------------------------------------------------------------------------------------------------- matching


def jaccard(a: TokenSet, b: TokenSet) -> float:
    """|a & b| / |a | b|; 0.0 when both are empty (two empty contents never match)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def identical(a: TokenSet, b: TokenSet) -> float:
    """1.0 when the sets are equal and non-empty, else 0.0 (the score for exact-content matching)."""
    return 1.0 if a and a == b else 0.0


def match_one_to_one(
    gold: Sequence[TokenSet],
    pred: Sequence[TokenSet],
    score: Callable[[TokenSet, TokenSet], float] = jaccard,
    threshold: float = MATCH_THRESHOLD,
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching of gold to predicted sets.

    Every pair scoring >= ``threshold`` is a candidate; candidates are taken by decreasing score (ties: lower
    gold index, then lower prediction index) and kept when neither side is matched yet. Returns
    ``(gold_index, pred_index, score)`` triples in the order they were taken.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s >= threshold and s > 0:
                candidates.append((-s, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for neg, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, -neg))
    return pairs


# ------------------------------------------------------------------------------------------------------ tallies


@dataclass
class PRF:
    """Micro counts: true positives, predicted total, gold total. Ratios are None when undefined (0/0)."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def __iadd__(self, other: "PRF") -> "PRF":
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        return self

    @classmethod
    def of_sets(cls, pred: TokenSet, gold: TokenSet) -> "PRF":
        return cls(len(pred & gold), len(pred), len(gold))

    @property
    def precision(self) -> float | None:
        return self.tp / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        """2tp / (n_pred + n_gold), i.e. the harmonic mean of P and R, 0 when either is 0."""
        total = self.n_pred + self.n_gold
        return 2 * self.tp / total if total else None

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "n_pred": self.n_pred, "n_gold": self.n_gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class QuoteGroup:
    """Counts for one quotation group. Gold and predictions are grouped separately (each by its own content
    text), so recall and precision have separate numerators."""

    n_gold: int = 0
    matched_gold: int = 0
    n_pred: int = 0
    matched_pred: int = 0

    def __iadd__(self, other: "QuoteGroup") -> "QuoteGroup":
        self.n_gold += other.n_gold
        self.matched_gold += other.matched_gold
        self.n_pred += other.n_pred
        self.matched_pred += other.matched_pred
        return self

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched_gold, self.n_gold)

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched_pred, self.n_pred)

    def as_dict(self) -> dict[str, Any]:
        return {"n_gold": self.n_gold, "matched_gold": self.matched_gold, "recall": self.recall,
                "n_pred": self.n_pred, "matched_pred": self.matched_pred, "precision": self.precision}


@dataclass
class Tally:
    """Everything the metrics are computed from; add article tallies with ``+=``."""

    n_articles: int = 0
    attribution: PRF = field(default_factory=PRF)  # tp = Jaccard-matched pairs
    exact: PRF = field(default_factory=PRF)  # tp = exact-content matched pairs
    roles: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    source_presence_agree: int = 0  # matched pairs where both or neither have a source
    speaker_correct: int = 0  # matched pairs whose source tokens overlap the gold source (or both have none)
    matched_source: PRF = field(default_factory=PRF)  # source tokens over matched pairs
    quoted: QuoteGroup = field(default_factory=QuoteGroup)  # direct / mixed
    unquoted: QuoteGroup = field(default_factory=QuoteGroup)  # indirect
    offset_mismatches: int = 0  # predicted spans whose .text disagrees with the article text
    # attribution matching at the looser and stricter content overlaps the GenderGapTracker paper reports (0.3, 0.8)
    at_overlap: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in OVERLAPS})

    def __iadd__(self, other: "Tally") -> "Tally":
        self.n_articles += other.n_articles
        self.attribution += other.attribution
        for k in OVERLAPS:
            self.at_overlap[k] += other.at_overlap[k]
        self.exact += other.exact
        for r in ROLES:
            self.roles[r] += other.roles[r]
        self.source_presence_agree += other.source_presence_agree
        self.speaker_correct += other.speaker_correct
        self.matched_source += other.matched_source
        self.quoted += other.quoted
        self.unquoted += other.unquoted
        self.offset_mismatches += other.offset_mismatches
        return self

    @property
    def n_matched(self) -> int:
        return self.attribution.tp

    @property
    def source_presence_accuracy(self) -> float | None:
        """Share of matched pairs where both or neither side has a source."""
        return _ratio(self.source_presence_agree, self.n_matched)

    @property
    def speaker_accuracy(self) -> float | None:
        """Share of matched pairs whose predicted source overlaps the gold source (or neither has one)."""
        return _ratio(self.speaker_correct, self.n_matched)

    def as_dict(self) -> dict[str, Any]:
        return {
            "n_articles": self.n_articles,
            "n_gold": self.attribution.n_gold,
            "n_pred": self.attribution.n_pred,
            "n_matched": self.n_matched,
            "n_exact": self.exact.tp,
            "attribution": self.attribution.as_dict(),
            "attribution_at_overlap": {k: self.at_overlap[k].as_dict() for k in OVERLAPS},
            "exact_content": self.exact.as_dict(),
            "role_tokens": {r: self.roles[r].as_dict() for r in ROLES},
            "matched_pairs": {
                "source_presence_accuracy": self.source_presence_accuracy,
                "source_presence_agree": self.source_presence_agree,
                "source_tokens": self.matched_source.as_dict(),
                "speaker_accuracy": self.speaker_accuracy,
                "speaker_correct": self.speaker_correct,
            },
            "by_quotation": {"quoted": self.quoted.as_dict(), "unquoted": self.unquoted.as_dict()},
            "offset_mismatches": self.offset_mismatches,
        }


Pairs = list[tuple[int, int, float]]


def match_attributions(
    gold: Sequence[TokenAttribution], pred: Sequence[TokenAttribution], threshold: float = MATCH_THRESHOLD,
) -> Pairs:
    """Attribution-level matching: content token sets with Jaccard >= ``threshold``, one-to-one, greedy."""
    return match_one_to_one([g.content for g in gold], [p.content for p in pred], jaccard, threshold)


def match_exact_content(gold: Sequence[TokenAttribution], pred: Sequence[TokenAttribution]) -> Pairs:
    """Exact-content matching: identical non-empty sets of content *word* tokens (punctuation ignored)."""
    return match_one_to_one([g.content_words for g in gold], [p.content_words for p in pred], identical, 1.0)


def role_token_counts(gold: Sequence[TokenAttribution], pred: Sequence[TokenAttribution], role: str) -> PRF:
    """Token counts for one role in one article, matching-independent.

    pred / gold = union of the role's token sets over all predicted / gold attributions of the article, so
    tokens of unmatched predictions are false positives and tokens of missed gold attributions false
    negatives; a source shared by several attributions counts once.
    """
    pred_union: TokenSet = frozenset().union(*(p.role(role) for p in pred))
    gold_union: TokenSet = frozenset().union(*(g.role(role) for g in gold))
    return PRF.of_sets(pred_union, gold_union)


def matched_source_counts(
    gold: Sequence[TokenAttribution], pred: Sequence[TokenAttribution], pairs: Pairs,
) -> tuple[int, PRF]:
    """Over matched pairs: (pairs where both or neither have a source, source token counts summed per pair)."""
    agree = 0
    counts = PRF()
    for gi, pi, _ in pairs:
        g, p = gold[gi], pred[pi]
        agree += g.has_source == p.has_source
        counts += PRF.of_sets(p.source, g.source)
    return agree, counts


def speaker_agreement(gold: Sequence[TokenAttribution], pred: Sequence[TokenAttribution], pairs: Pairs) -> int:
    """Matched pairs whose predicted source shares a token with the gold source, or where neither has a source."""
    return sum(bool(gold[gi].source & pred[pi].source) if gold[gi].has_source else not pred[pi].has_source
               for gi, pi, _ in pairs)


def quote_groups(
    gold: Sequence[TokenAttribution], pred: Sequence[TokenAttribution], pairs: Pairs,
) -> tuple[QuoteGroup, QuoteGroup]:
    """(quoted, unquoted) groups: gold grouped by gold content text, predictions by predicted content text."""
    matched_g = {gi for gi, _, _ in pairs}
    matched_p = {pi for _, pi, _ in pairs}
    groups = []
    for quoted in (True, False):
        gold_ids = [i for i, g in enumerate(gold) if g.quoted == quoted]
        pred_ids = [i for i, p in enumerate(pred) if p.quoted == quoted]
        groups.append(QuoteGroup(
            n_gold=len(gold_ids), matched_gold=sum(i in matched_g for i in gold_ids),
            n_pred=len(pred_ids), matched_pred=sum(i in matched_p for i in pred_ids),
        ))
    return groups[0], groups[1]


def score_article(
    text: str,
    gold: Sequence[SpanAttribution],
    pred: Sequence[SpanAttribution],
    threshold: float = MATCH_THRESHOLD,
) -> Tally:
    """Tally one article: matching, exact matching, role tokens, source on matched pairs, quotation groups."""
    index = TokenIndex(text)
    g_tok = [to_tokens(index, a) for a in gold]
    p_tok = [to_tokens(index, a) for a in pred]
    pairs = match_attributions(g_tok, p_tok, threshold)
    agree, source_counts = matched_source_counts(g_tok, p_tok, pairs)
    quoted, unquoted = quote_groups(g_tok, p_tok, pairs)
    return Tally(
        n_articles=1,
        attribution=PRF(len(pairs), len(p_tok), len(g_tok)),
        exact=PRF(len(match_exact_content(g_tok, p_tok)), len(p_tok), len(g_tok)),
        roles={r: role_token_counts(g_tok, p_tok, r) for r in ROLES},
        source_presence_agree=agree,
        speaker_correct=speaker_agreement(g_tok, p_tok, pairs),
        matched_source=source_counts,
        quoted=quoted,
        unquoted=unquoted,
        at_overlap={k: PRF(len(match_attributions(g_tok, p_tok, float(k))), len(p_tok), len(g_tok))
                    for k in OVERLAPS},
    )


def count_offset_mismatches(text: str, attributions: Iterable[Attribution]) -> int:
    """Predicted spans whose ``.text`` is not ``text[start:end]`` (a sign the extractor's offsets drifted)."""
    bad = 0
    for a in attributions:
        spans = [a.cue, a.content, *a.content_fragments]
        if a.source is not None:
            spans.append(a.source)
        bad += sum(1 for s in spans if s is not None and text[s.start:s.end] != s.text)
    return bad


# --------------------------------------------------------------------------------------------------------- data


def load_records(data_dir: Path, split: str = "dev", limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` records (all when None) of ``<data_dir>/<split>.jsonl``, each with ``_line``."""
    path = Path(data_dir) / f"{split}.jsonl"
    records = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(records) >= limit:
                break
            if line.strip():
                rec = json.loads(line)
                rec["_line"] = lineno
                records.append(rec)
    return records


_ID_RE = re.compile(r"^(?:\w+/)?(?P<outlet>[a-z]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


def record_to_article(record: dict[str, Any], split: str = "dev") -> Article:
    """An ``Article`` with the record's text unchanged (PolNeAR offsets point into the raw text)."""
    text = record["text"]
    outlet = published = None
    m = _ID_RE.match(record["id"])
    if m:
        outlet = m["outlet"]
        try:
            published = date.fromisoformat(m["date"])
        except ValueError:
            published = None
    return Article(
        id=record["id"],
        source=f"polnear/{split}.jsonl:{record.get('_line', '?')}",
        text=text,
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        published=published,
        outlet=outlet,
        language="en",
    )


# ------------------------------------------------------------------------------------------------------- runner


def oracle_predictions(records: Sequence[dict[str, Any]]) -> Iterator[tuple[list[SpanAttribution], int]]:
    """Gold spans as predictions (sanity check of the metric code: every figure must come out 1.0)."""
    for rec in records:
        yield gold_attributions(rec), 0


def extractor_predictions(
    records: Sequence[dict[str, Any]], split: str, nlp: Any, batch_size: int = 16, attributions: str | None = None,
) -> Iterator[tuple[list[SpanAttribution], int]]:
    """Run ``nlp.pipe`` + ``extract_article`` over the records; yields (predictions, offset mismatches)."""
    from counterclaim.extract import extract_article, parse_input

    articles = [record_to_article(r, split) for r in records]
    docs = nlp.pipe((parse_input(a.text) for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs):
        analysis = (extract_article(article, doc, attributions=attributions) if attributions
                    else extract_article(article, doc))
        yield (predicted_attributions(analysis.attributions),
               count_offset_mismatches(article.text, analysis.attributions))


def evaluate(
    records: Sequence[dict[str, Any]],
    predictions: Iterable[tuple[list[SpanAttribution], int]],
    threshold: float = MATCH_THRESHOLD,
) -> tuple[Tally, list[dict[str, Any]]]:
    """Score every record against its predictions; returns the total tally and per-article counts."""
    total = Tally()
    per_article = []
    for rec, (pred, mismatches) in zip(records, predictions, strict=True):
        t = score_article(rec["text"], gold_attributions(rec), pred, threshold)
        t.offset_mismatches = mismatches
        total += t
        per_article.append({"id": rec["id"], "n_gold": t.attribution.n_gold, "n_pred": t.attribution.n_pred,
                            "n_matched": t.n_matched, "n_exact": t.exact.tp})
    return total, per_article


def run(
    data_dir: Path = DEFAULT_DATA,
    split: str = "dev",
    limit: int | None = None,
    oracle: bool = False,
    batch_size: int = 16,
    model: str | None = None,
    attributions: str | None = None,
) -> dict[str, Any]:
    """Load, predict, score; returns the report (figures, counts, timing; no article text)."""
    t0 = time.perf_counter()
    records = load_records(data_dir, split, limit)
    nlp = None
    if not oracle:
        from counterclaim.nlp import load_pipeline

        nlp = load_pipeline(model)
    t_loaded = time.perf_counter()
    if oracle:
        preds: Iterable[tuple[list[SpanAttribution], int]] = oracle_predictions(records)
    else:
        preds = extractor_predictions(records, split, nlp, batch_size, attributions)
    tally, per_article = evaluate(records, preds)
    t_end = time.perf_counter()
    process_s = t_end - t_loaded
    return {
        "split": split,
        "data": str(data_dir),
        "mode": "oracle" if oracle else "extractor",
        "attributions": None if oracle else attributions or "default",
        "model": (f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
                  if nlp is not None else None),
        "limit": limit,
        "match_threshold": MATCH_THRESHOLD,
        **tally.as_dict(),
        "timing": {
            "wall_s": t_end - t0,
            "load_s": t_loaded - t0,
            "process_s": process_s,
            "articles_per_s": len(records) / process_s if process_s > 0 else None,
        },
        "articles": per_article,
    }


# ------------------------------------------------------------------------------------------------------- output


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def render(report: dict[str, Any], file: Any = None) -> None:
    """Print the report as tables (rich when available, else plain text)."""
    prf_rows = [
        ("attribution (content Jaccard >= 0.5)", report["attribution"]),
        *((f"attribution (content Jaccard >= {k})", report["attribution_at_overlap"][k]) for k in OVERLAPS),
        ("exact content (word tokens)", report["exact_content"]),
        *((f"{r} tokens (all attributions)", report["role_tokens"][r]) for r in ROLES),
        ("source tokens (matched pairs)", report["matched_pairs"]["source_tokens"]),
    ]
    q = report["by_quotation"]
    timing = report["timing"]
    title = f"PolNeAR {report['split']}: {report['n_articles']} articles, mode={report['mode']}"
    if report.get("model"):
        title += f", model={report['model']}"
    facts = [
        ("gold attributions", str(report["n_gold"])),
        ("predicted attributions", str(report["n_pred"])),
        ("matched (Jaccard >= 0.5)", str(report["n_matched"])),
        ("matched (exact content)", str(report["n_exact"])),
        ("source presence accuracy (matched)", _fmt(report["matched_pairs"]["source_presence_accuracy"])),
        ("speaker accuracy (matched)", _fmt(report["matched_pairs"]["speaker_accuracy"])),
        ("predicted spans with offset mismatch", str(report["offset_mismatches"])),
        ("wall time", f"{timing['wall_s']:.2f} s (load {timing['load_s']:.2f} s, "
                      f"process {timing['process_s']:.2f} s)"),
        ("articles/s (process)", "n/a" if timing["articles_per_s"] is None else f"{timing['articles_per_s']:.1f}"),
    ]
    quote_rows = [
        ("quoted (direct/mixed)", q["quoted"]),
        ("unquoted (indirect)", q["unquoted"]),
    ]
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover - rich is a dependency; plain text keeps the script usable
        out = file or sys.stdout
        print(title, file=out)
        print(f"{'metric':40} {'P':>6} {'R':>6} {'F1':>6} {'tp':>7} {'pred':>7} {'gold':>7}", file=out)
        for name, m in prf_rows:
            print(f"{name:40} {_fmt(m['precision']):>6} {_fmt(m['recall']):>6} {_fmt(m['f1']):>6} "
                  f"{m['tp']:>7} {m['n_pred']:>7} {m['n_gold']:>7}", file=out)
        for name, m in quote_rows:
            print(f"{name:40} gold {m['n_gold']:>5} recall {_fmt(m['recall'])}  "
                  f"pred {m['n_pred']:>5} precision {_fmt(m['precision'])}", file=out)
        for name, v in facts:
            print(f"{name:40} {v}", file=out)
        return

    console = Console(file=file, width=110)
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    for col in ("P", "R", "F1", "tp", "pred", "gold"):
        table.add_column(col, justify="right")
    for name, m in prf_rows:
        table.add_row(name, _fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f1"]),
                      str(m["tp"]), str(m["n_pred"]), str(m["n_gold"]))
    console.print(table)

    qt = Table(title="by quotation (content contains a double quotation mark)", title_justify="left")
    for col, just in (("group", "left"), ("gold", "right"), ("recall", "right"),
                      ("pred", "right"), ("precision", "right")):
        qt.add_column(col, justify=just)
    for name, m in quote_rows:
        qt.add_row(name, str(m["n_gold"]), _fmt(m["recall"]), str(m["n_pred"]), _fmt(m["precision"]))
    console.print(qt)

    ft = Table(show_header=False, box=None)
    ft.add_column()
    ft.add_column(justify="right")
    for name, v in facts:
        ft.add_row(name, v)
    console.print(ft)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Evaluate counterclaim's attribution extractor on PolNeAR.")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help=f"folder holding <split>.jsonl (default: {DEFAULT_DATA})")
    p.add_argument("--split", choices=SPLITS, default="dev", help="which split to score (default: dev)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="score only the first N articles")
    p.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the figures as JSON")
    p.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (default: 16)")
    p.add_argument("--model", default=None, help="spaCy model name passed to load_pipeline (default: its own)")
    p.add_argument("--attributions", choices=("rules", "model", "combined"), default=None,
                   help="attribution finder for extract_article (default: its own default)")
    p.add_argument("--compare", action="store_true",
                   help="score rules, model, combined and textacy side by side, with the model's extra time")
    # Sanity check of the metric code: gold spans as predictions; every figure must be 1.0.
    p.add_argument("--oracle", action="store_true", help=argparse.SUPPRESS)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.limit is not None and args.limit < 0:
        print("--limit must be >= 0", file=sys.stderr)
        return 2
    path = args.data / f"{args.split}.jsonl"
    if not path.is_file():
        print(f"no data at {path} (use --data PATH)", file=sys.stderr)
        return 2
    if args.compare:
        from attribution_compare import compare, render as render_compare
        from counterclaim.nlp import load_pipeline

        report = compare(load_records(args.data, args.split, args.limit), args.split, load_pipeline(args.model))
        render_compare(report)
    else:
        report = run(args.data, args.split, args.limit, args.oracle, args.batch_size, args.model, args.attributions)
        render(report)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
