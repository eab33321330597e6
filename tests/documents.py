"""Shapes of one document that every consumer must treat alike."""

from __future__ import annotations

from typing import Any

from counterclaim.export.stream import PER_ARTICLE, SECTIONS, DocumentStream


def as_stream(doc: dict[str, Any]) -> DocumentStream:
    """``doc`` packed article by article, as ``analyze`` hands it on (its attributions are grouped by article)."""
    stream = DocumentStream(head={k: v for k, v in doc.items() if k not in SECTIONS},
                            **{k: doc[k] for k in SECTIONS if k not in PER_ARTICLE})
    for article in doc["articles"]:
        stream.add(article, [a for a in doc["attributions"] if a["article"] == article["id"]])
    return stream
