"""Building ``Article`` values: content-derived ids and publication dates."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from counterclaim.model import Article


def parse_date(value: str) -> date | None:
    """The date part of an ISO date or datetime (``Z`` and offsets allowed), else None."""
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def clean(value: str | None) -> str | None:
    """Metadata strings are stripped, and an empty one means absent."""
    return (value or "").strip() or None


def build_article(
    text: str,
    source: str,
    published: date | None,
    *,
    article_id: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    origin: str | None = None,
) -> Article:
    """Wrap already-normalised, non-empty text; without an explicit id, derive one from the text.

    The derived id is a prefix of the text hash, so the same document gets the same id on
    every run no matter where it was read from. ``origin`` (default: ``source``) is the path or path:line.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=article_id or digest[:16],
        source=source,
        text=text,
        text_sha256=digest,
        published=published,
        outlet=clean(outlet),
        title=clean(title),
        url=clean(url),
        origin=origin or source,
    )
