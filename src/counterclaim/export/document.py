"""Turn a ``Corpus`` into a counterclaim/1 document (plain dicts, JSON-ready).

The field layout mirrors ``schema/counterclaim-1.schema.json``; the store reads rows back
through the same helpers so that a save/load round trip gives an identical document.
"""

from __future__ import annotations

from typing import Any

from counterclaim import SCHEMA_ID, __version__
from counterclaim.export.stream import DocumentStream
from counterclaim.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    Corpus,
    DateRef,
    Entity,
    Span,
    VerificationNote,
)

DEFAULT_GENERATOR: dict[str, Any] = {"name": "counterclaim", "version": __version__}


def date_dict(
    value: str | None,
    precision: str,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> dict[str, Any]:
    """A schema ``date``; the phrase fields appear only when there is a phrase.

    One canonical form for "no phrase" keeps exports from the corpus and from the store equal.
    """
    out: dict[str, Any] = {"value": value, "precision": precision}
    if text is not None or start is not None or end is not None:
        out.update(text=text, start=start, end=end)
    return out


def span_dict(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def attribution_order(attribution: dict[str, Any]) -> tuple[str, int, int, str]:
    """Text order: by article, then where the attribution begins (its earliest span)."""
    starts = [attribution["cue"]["start"], attribution["content"]["start"]]
    if attribution.get("source"):
        starts.append(attribution["source"]["start"])
    return attribution["article"], min(starts), attribution["cue"]["start"], attribution["id"]


def note_order(note: dict[str, Any]) -> tuple[int, int, str]:
    return note["span"]["start"], note["span"]["end"], note["kind"]


def mention_order(mention: dict[str, Any]) -> tuple[str, int, int]:
    return mention["article"], mention["start"], mention["end"]


def _date(ref: DateRef | None) -> dict[str, Any]:
    if ref is None:
        return date_dict(None, "unknown")
    return date_dict(ref.value, ref.precision, ref.text, ref.start, ref.end)


def _note(note: VerificationNote) -> dict[str, Any]:
    return {"kind": note.kind, "span": span_dict(note.span), "applies_to": list(note.applies_to)}


def _article(article: Article, notes: list[VerificationNote]) -> dict[str, Any]:
    published = (
        date_dict(article.published.isoformat(), "day")
        if article.published
        else date_dict(None, "unknown")
    )
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "published": published,
        "language": article.language,
        "text_sha256": article.text_sha256,
        "verification_notes": sorted((_note(n) for n in notes), key=note_order),
        "text": article.text,
    }


def _attribution(attribution: Attribution) -> dict[str, Any]:
    source = None
    if attribution.source is not None:
        source = {**span_dict(attribution.source), "entity": attribution.speaker}
    return {
        "id": attribution.id,
        "article": attribution.article,
        "source": source,
        "cue": span_dict(attribution.cue),
        "content": span_dict(attribution.content),
        "content_fragments": [span_dict(s) for s in attribution.content_fragments],
        "kind": attribution.kind,
        "channel": attribution.channel,
        "via": attribution.via,
        "via_text": attribution.via_span.text if attribution.via_span else None,
        "date": _date(attribution.date),
        "confidence": attribution.confidence,
    }


def _entity(entity: Entity) -> dict[str, Any]:
    # A set first: the store keeps one row per (entity, article, start, end).
    mentions = {(m.article, m.start, m.end) for m in entity.mentions}
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "title": entity.title,
        "affiliation": entity.affiliation,
        "side": entity.side,
        "mentions": [{"article": a, "start": s, "end": e} for a, s, e in sorted(mentions)],
    }


def _copy(value: Any) -> Any:
    """A fresh copy of a JSON-ready tree, so that the document does not alias the corpus. Not ``copy.deepcopy``:
    its memo of every object copied is, for a large corpus, a peak of its own, and it is three times slower."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value  # str, number, bool, None: immutable


def _attributions(analysis: ArticleAnalysis) -> list[dict[str, Any]]:
    """An article's attributions in text order."""
    return sorted((_attribution(a) for a in analysis.attributions), key=attribution_order)


def to_document(corpus: Corpus, generator: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the counterclaim/1 document for ``corpus``.

    Beyond the schema, articles carry ``text`` (and ``url``) and attributions carry
    ``content_fragments`` and ``via_text``, which the web UI and the store need.
    """
    return {
        "schema": SCHEMA_ID,
        "generator": _copy(DEFAULT_GENERATOR if generator is None else generator),
        "articles": [_article(a.article, a.notes) for a in corpus.analyses],
        "entities": [_entity(e) for e in sorted(corpus.entities, key=lambda e: e.id)],
        "attributions": [record for a in corpus.analyses for record in _attributions(a)],
        "events": _copy(list(corpus.events)),
        "places": _copy(corpus.places),
        "propositions": _copy(corpus.propositions),
        "stories": _copy(corpus.stories),
    }


def stream_document(corpus: Corpus, generator: dict[str, Any] | None = None) -> DocumentStream:
    """The same document as ``to_document``, as a ``DocumentStream``, taking ``corpus`` apart as it goes.

    Each analysis is dropped as soon as its article is packed, and the corpus-wide sections move into the stream
    uncopied, so the corpus and the document are never both whole in memory. ``corpus`` is left empty.
    """
    stream = DocumentStream(
        head={"schema": SCHEMA_ID, "generator": _copy(DEFAULT_GENERATOR if generator is None else generator)},
        entities=[_entity(e) for e in sorted(corpus.entities, key=lambda e: e.id)],
        events=corpus.events, places=corpus.places, propositions=corpus.propositions, stories=corpus.stories)
    corpus.entities, corpus.events, corpus.places, corpus.propositions, corpus.stories = [], [], [], [], []
    analyses, corpus.analyses = corpus.analyses, []
    analyses.reverse()  # popped from the end, in corpus order
    while analyses:
        analysis = analyses.pop()
        stream.add(_article(analysis.article, analysis.notes), _attributions(analysis))
    return stream
