"""HTML pages: the article body and its metadata, without navigation, ads or footers."""

from __future__ import annotations

import codecs
import re
from datetime import date

import trafilatura

from counterclaim.ingest.article import build_article, parse_date
from counterclaim.ingest.dateline import dateline_date
from counterclaim.ingest.decode import Rejected, decode, normalise_text
from counterclaim.model import Article

# HTML5 requires the declaration within the first 1024 bytes; allow some slack for old pages.
_CHARSET_WINDOW = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def article_from_html(data: bytes, source: str, published: date | None) -> Article:
    """Extract the main text with trafilatura; title, outlet, date and URL from page metadata.

    Metadata dates come from markup only (``extensive=False``): the extensive search guesses
    from free text and turns a footer's "Copyright 2024" into 2024-01-01.
    """
    html = decode(data, _declared_charset(data))
    if not html.strip():
        raise Rejected("empty document")
    body = trafilatura.extract(html, output_format="txt", include_comments=False)
    text = normalise_text(body or "")
    if not text:
        raise Rejected("no article text found in HTML")
    meta = trafilatura.extract_metadata(html, extensive=False)
    found = parse_date(meta.date) if meta.date else None
    return build_article(
        text,
        source,
        found or dateline_date(text) or published,
        outlet=meta.sitename,
        title=meta.title,
        url=meta.url,
    )


def _declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag declares, if Python knows it; pages in legacy encodings say so."""
    match = _META_CHARSET.search(data[:_CHARSET_WINDOW])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
