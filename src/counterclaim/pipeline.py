"""The analyze job: inputs -> articles -> per-article analyses (streamed, in batches) -> corpus -> export and store.

Pure stages are composed here; this module owns only ordering, batching, checkpoints and error accounting.
Inputs are read lazily and extracted batch by batch by an engine (``engines``), so only the per-article
analyses are held (packed, see ``packing``), never the parses. With a store, each batch's analyses are checkpointed as soon as they
exist and a rerun reuses every checkpoint whose fingerprint still matches, so an interrupted run loses at most
the batches in flight and stored articles are never parsed twice. Resolve and reconcile then run over all the
analyses of the inputs, in input order, exactly as without a store.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from . import __version__
from .engines import Engine, LocalEngine, batched
from .extract.learned import attribution_mode, model_version
from .model import Article, ArticleAnalysis, Corpus, InputError
from .packing import PackedAnalyses, pack_analysis
from .reconcile import reconcile
from .resolve import resolve
from .resolve.gazetteer import default_gazetteer
from .store.codec import decode_analysis, encode_analysis, fingerprint

DEFAULT_BATCH_SIZE = 64


@dataclass
class RunReport:
    corpus: Corpus
    errors: list[InputError] = field(default_factory=list)
    duplicates: int = 0
    parsed: int = 0  # articles parsed in this run
    reused: int = 0  # articles whose checkpointed analysis was reused
    read: set[str] = field(default_factory=set)  # origins (path, path:line) that gave an article this run
    seconds: dict[str, float] = field(default_factory=dict)  # wall: extract (with ingest), resolve, gazetteer, reconcile


def extractor_key(model: str | None) -> str:
    """What, besides the article, decides an analysis: a checkpoint made under another key is stale."""
    mode = attribution_mode()
    if mode != "rules":  # a retrained tagger makes other analyses
        mode += f" {model_version()}"
    return f"counterclaim {__version__}; model {model or 'default'}; attributions {mode}"


class _Checkpoints:
    """The store's analyses for this run's extractor, or nothing when running without a store."""

    def __init__(self, store, model: str | None) -> None:
        self.store, self.key = store, extractor_key(model)
        self.known = store.analysis_fingerprints() if store is not None else {}
        self.prints: dict[str, str] = {}

    def has(self, article: Article) -> bool:
        if self.store is None:
            return False
        self.prints[article.id] = fingerprint(article, self.key)
        return self.known.get(article.id) == self.prints[article.id]

    def save(self, analyses: list[ArticleAnalysis]) -> None:
        if self.store is not None:
            self.store.save_analyses([(a.article.id, self.prints[a.article.id], encode_analysis(a)) for a in analyses])

    def load(self, ids: list[str], chunk: int = 500) -> dict[str, bytes]:
        """The checkpointed analyses of ``ids``, packed, read and decoded a chunk at a time."""
        out: dict[str, bytes] = {}
        if self.store is None:
            return out
        for start in range(0, len(ids), chunk):
            loaded = self.store.load_analyses(ids[start:start + chunk])
            out.update((aid, pack_analysis(decode_analysis(loaded.pop(aid)))) for aid in list(loaded))
        return out


def run(
    inputs: Iterable[str],
    published: date | None = None,
    model: str | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_article: Callable[[Article], None] = lambda a: None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    store=None,
    engine: Engine | None = None,
) -> RunReport:
    """Analyse ``inputs``; ``store`` (a ``Store``) enables checkpoints and resume, ``engine`` picks where
    extraction runs (default: this process)."""
    from .ingest import iter_inputs

    started = time.perf_counter()
    report = RunReport(corpus=Corpus([], []))
    checkpoints = _Checkpoints(store, model)
    seen: dict[str, str] = {}
    order: list[str] = []  # input order of the articles, which resolve's entity ids depend on
    reuse: list[str] = []

    def to_parse() -> Iterator[Article]:
        for item in iter_inputs(inputs, published=published):
            if isinstance(item, InputError):
                report.errors.append(item)
                on_error(item)
                continue
            report.read.add(item.origin)
            if item.id in seen:
                report.duplicates += 1
                if seen[item.id] != item.text_sha256:
                    error = InputError(item.origin, f"duplicate article id {item.id!r} with different text")
                    report.errors.append(error)
                    on_error(error)
                continue
            seen[item.id] = item.text_sha256
            order.append(item.id)
            if checkpoints.has(item):
                reuse.append(item.id)
                on_article(item)
                continue
            yield item

    analyses: dict[str, bytes] = {}  # packed: the corpus is held compressed from extraction to export
    failed: list[InputError] = []
    for batch, results in (engine or LocalEngine(model)).map(batched(to_parse(), batch_size)):
        done = [r for r in results if isinstance(r, ArticleAnalysis)]
        checkpoints.save(done)
        analyses.update((a.article.id, pack_analysis(a)) for a in done)
        for article, result in zip(batch, results):
            if isinstance(result, InputError):
                failed.append(result)
                on_error(result)
            on_article(article)
    report.parsed = len(analyses)
    loaded = checkpoints.load(reuse)
    report.reused = len(loaded)
    analyses.update(loaded)
    ordered = PackedAnalyses.of_packed([analyses.pop(aid) for aid in order if aid in analyses])
    report.seconds["extract"] = time.perf_counter() - started
    report.errors += failed
    started = time.perf_counter()
    gazetteer = default_gazetteer()  # read from the user's cache (<1 s; ~10 s to build the first time): timed apart
    report.seconds["gazetteer"] = time.perf_counter() - started
    started = time.perf_counter()
    corpus = resolve(ordered, gazetteer)
    report.seconds["resolve"] = time.perf_counter() - started
    started = time.perf_counter()
    report.corpus = reconcile(corpus, gazetteer)
    report.seconds["reconcile"] = time.perf_counter() - started
    return report
