"""The analyze job: inputs -> articles -> parses -> per-article analyses -> corpus -> export and store.

Pure stages are composed here; this module owns only ordering, batching and error accounting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .extract import extract_article
from .ingest import iter_inputs
from .model import Article, ArticleAnalysis, Corpus, InputError
from .nlp import load_pipeline, parse_articles
from .reconcile import reconcile
from .resolve import resolve
from .resolve.gazetteer import default_gazetteer


@dataclass
class RunReport:
    corpus: Corpus
    errors: list[InputError] = field(default_factory=list)
    duplicates: int = 0


def analyze_articles(
    articles: Iterable[Article],
    model: str | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_article: Callable[[Article], None] = lambda a: None,
) -> tuple[list[ArticleAnalysis], list[InputError]]:
    """Parse and extract every article; an article that fails is reported, the others go on."""
    nlp = load_pipeline(model)
    analyses: list[ArticleAnalysis] = []
    errors: list[InputError] = []
    for article, doc in parse_articles(nlp, articles):
        try:
            analyses.append(extract_article(article, doc))
        except Exception as exc:  # one pathological article must not sink the batch
            error = InputError(article.source, f"extraction failed: {type(exc).__name__}: {exc}")
            errors.append(error)
            on_error(error)
        on_article(article)
    return analyses, errors


def run(
    inputs: Iterable[str],
    published: date | None = None,
    model: str | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    on_article: Callable[[Article], None] = lambda a: None,
) -> RunReport:
    errors: list[InputError] = []
    seen: dict[str, str] = {}
    duplicates = 0

    def good_articles() -> Iterator[Article]:
        nonlocal duplicates
        for item in iter_inputs(inputs, published=published):
            if isinstance(item, InputError):
                errors.append(item)
                on_error(item)
                continue
            if item.id in seen:
                duplicates += 1
                if seen[item.id] != item.text_sha256:
                    error = InputError(item.source, f"duplicate article id {item.id!r} with different text")
                    errors.append(error)
                    on_error(error)
                continue
            seen[item.id] = item.text_sha256
            yield item

    analyses, failed = analyze_articles(good_articles(), model, on_error, on_article)
    corpus = reconcile(resolve(analyses), default_gazetteer())
    return RunReport(corpus=corpus, errors=errors + failed, duplicates=duplicates)
