"""Where per-article extraction runs: in this process, or on a dask.distributed cluster.

Both engines take batches of articles and yield, batch by batch, the batch with each article's
``ArticleAnalysis`` (or an ``InputError`` when extraction failed), in the batch's order. Only these small
results travel: spaCy Docs never leave the process that parsed them, so memory stays flat however long the
input. Corpus-wide stages (resolve, reconcile) stay with the caller. The dask engine bounds the batches in
flight, so a cluster never holds more than a few batches of input.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Protocol

from .extract import extract_article
from .ingest.article import build_article
from .model import Article, ArticleAnalysis, InputError
from .nlp import load_pipeline, parse_articles

Result = ArticleAnalysis | InputError
Done = tuple[list[Article], list[Result]]  # a batch and its results, aligned


def extract_batch(articles: list[Article], model: str | None = None) -> list[Result]:
    """Parse and extract one batch; the model is loaded once per process (``load_pipeline`` is cached), which on
    a dask worker means once per worker. An article that fails is reported, the others go on."""
    nlp = load_pipeline(model)
    out: list[Result] = []
    for article, doc in parse_articles(nlp, articles, batch_size=max(1, len(articles))):
        try:
            out.append(extract_article(article, doc))
        except Exception as exc:  # one pathological article must not sink the batch
            out.append(InputError(article.origin or article.source,
                                  f"article {article.id!r}: extraction failed: {type(exc).__name__}: {exc}"))
    return out


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Engine(Protocol):
    def map(self, batches: Iterable[list[Article]]) -> Iterator[Done]: ...


class LocalEngine:
    """Extraction in this process, one batch at a time."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Done]:
        for batch in batches:
            yield batch, extract_batch(batch, self.model)


# An invented two-sentence report: extracting it loads what extraction loads lazily on first use (quantulum3's unit
# tables, dateparser's languages), so that a worker's first batch costs no more than its others.
WARM_UP_TEXT = ('Rebel fighters advanced about 3 kilometres (1.9 miles) near the town on Tuesday, a commander '
                'said. The army said the claims "do not correspond to reality."')


def _warm(model: str | None) -> None:
    extract_batch([build_article(WARM_UP_TEXT, "warm-up", date(2024, 5, 10))], model)


class DaskEngine:
    """Extraction on a dask.distributed cluster: the one at ``scheduler``, else a LocalCluster of ``workers``
    single-threaded processes (spaCy holds the GIL, so threads would not run in parallel).

    Results arrive in completion order; the caller restores input order. At most ``in_flight`` batches
    (default: two per worker, so none idles while a result travels back) are submitted at once.
    """

    def __init__(self, model: str | None = None, scheduler: str | None = None, workers: int | None = None,
                 in_flight: int | None = None) -> None:
        self.model, self.scheduler = model, scheduler
        self.workers = workers or os.cpu_count() or 1
        self.in_flight = in_flight

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Done]:
        from dask.distributed import Client, LocalCluster, as_completed

        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,  # any free port:
                                   dashboard_address=":0", silence_logs=logging.ERROR)  # no clash with a running one
            client = Client(cluster)
        try:
            client.run(_warm, self.model)  # every worker loads what it needs now, in parallel, not on its first batch
            limit = self.in_flight or 2 * max(1, len(client.scheduler_info()["workers"]))
            pending = iter(batches)
            running = as_completed()
            submitted: dict[str, list[Article]] = {}  # future key -> its batch, for the caller

            def submit(batch: list[Article]) -> None:
                future = client.submit(extract_batch, batch, self.model, pure=False)
                submitted[future.key] = batch
                running.add(future)

            for batch in islice(pending, limit):
                submit(batch)
            for future in running:
                results = future.result()
                future.release()
                if (batch := next(pending, None)) is not None:
                    submit(batch)
                yield submitted.pop(future.key), results
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
