"""Conversions between counterclaim/1 document records and row values, both ways.

Kept apart from the write logic so that the save and load sides can be read next to each
other: whatever ``*_values`` splits into columns, the matching ``*_record`` puts back.
"""

from __future__ import annotations

from typing import Any

from counterclaim.export.document import date_dict
from counterclaim.store.models import (
    ArticleRow,
    AttributionRow,
    EntityRow,
    EventRow,
    PlaceRow,
    PropositionRow,
    StanceRow,
    StoryRow,
    VerificationNoteRow,
)

Record = dict[str, Any]


def _rest(record: Record, *taken: str) -> Record:
    return {k: v for k, v in record.items() if k not in taken}


def _span(prefix: str, span: Record | None) -> Record:
    span = span or {}
    return {f"{prefix}_text": span.get("text"), f"{prefix}_start": span.get("start"), f"{prefix}_end": span.get("end")}


def article_values(a: Record) -> Record:
    return {
        "id": a["id"],
        "source": a["source"],
        "url": a.get("url"),
        "title": a.get("title"),
        "outlet": a["outlet"],
        "published": a["published"]["value"],
        "published_precision": a["published"]["precision"],
        "language": a.get("language"),
        "text_sha256": a["text_sha256"],
        "text": a["text"],
    }


def article_record(row: ArticleRow, notes: list[Record]) -> Record:
    return {
        "id": row.id,
        "source": row.source,
        "url": row.url,
        "title": row.title,
        "outlet": row.outlet,
        "published": date_dict(row.published, row.published_precision),
        "language": row.language,
        "text_sha256": row.text_sha256,
        "verification_notes": notes,
        "text": row.text,
    }


def note_values(article_id: str, n: Record) -> Record:
    span = n["span"]
    return {
        "article": article_id,
        "kind": n["kind"],
        "text": span["text"],
        "start": span["start"],
        "end": span["end"],
        "applies_to": list(n.get("applies_to", [])),
    }


def note_record(row: VerificationNoteRow) -> Record:
    return {
        "kind": row.kind,
        "span": {"text": row.text, "start": row.start, "end": row.end},
        "applies_to": list(row.applies_to),
    }


def entity_values(e: Record) -> Record:
    """Columns of a new entity; ``affiliation`` is set in a second pass (it may point forward)."""
    return {
        "id": e["id"],
        "name": e["name"],
        "type": e["type"],
        "side": e["side"],
        "title": e.get("title"),
        "affiliation": None,
        "aliases": list(e.get("aliases", [])),
    }


def entity_record(row: EntityRow, mentions: list[Record]) -> Record:
    return {
        "id": row.id,
        "name": row.name,
        "type": row.type,
        "aliases": list(row.aliases),
        "title": row.title,
        "affiliation": row.affiliation,
        "side": row.side,
        "mentions": mentions,
    }


def attribution_values(a: Record) -> Record:
    source = a["source"]
    date = a.get("date") or date_dict(None, "unknown")
    return {
        "id": a["id"],
        "article": a["article"],
        **_span("source", source),
        "source_entity": source.get("entity") if source else None,
        **_span("cue", a["cue"]),
        **_span("content", a["content"]),
        "content_fragments": [dict(s) for s in a.get("content_fragments", [])],
        "kind": a["kind"],
        "channel": a.get("channel"),
        "via": a.get("via"),
        "via_text": a.get("via_text"),
        "date_value": date["value"],
        "date_precision": date["precision"],
        "date_text": date.get("text"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "confidence": a.get("confidence"),
    }


def attribution_record(row: AttributionRow) -> Record:
    source = None
    if row.source_start is not None:
        source = {
            "text": row.source_text, "start": row.source_start, "end": row.source_end, "entity": row.source_entity,
        }
    record: Record = {
        "id": row.id,
        "article": row.article,
        "source": source,
        "cue": {"text": row.cue_text, "start": row.cue_start, "end": row.cue_end},
        "content": {"text": row.content_text, "start": row.content_start, "end": row.content_end},
        "content_fragments": list(row.content_fragments),
        "kind": row.kind,
        "channel": row.channel,
        "via": row.via,
        "via_text": row.via_text,
        "date": date_dict(row.date_value, row.date_precision, row.date_text, row.date_start, row.date_end),
    }
    if row.confidence is not None:  # the schema allows a missing confidence, not a null one
        record["confidence"] = row.confidence
    return record


def event_values(e: Record) -> Record:
    return {"id": e["id"], "article": e["article"], "type": e["type"], "data": _rest(e, "id", "article", "type")}


def event_record(row: EventRow) -> Record:
    return {"id": row.id, "article": row.article, "type": row.type, **row.data}


def place_values(p: Record) -> Record:
    columns = {"id": p["id"], "name": p["name"], "lat": p["lat"], "lon": p["lon"]}
    return {**columns, "data": _rest(p, *columns)}


def place_record(row: PlaceRow) -> Record:
    return {"id": row.id, "name": row.name, "lat": row.lat, "lon": row.lon, **row.data}


def proposition_values(p: Record) -> Record:
    return {
        "id": p["id"],
        "summary": p["summary"],
        "type": p["type"],
        "status": p["status"],
        "data": _rest(p, "id", "summary", "type", "status", "stances"),
    }


def proposition_record(row: PropositionRow, stances: list[Record]) -> Record:
    columns = {"id": row.id, "summary": row.summary, "type": row.type, "status": row.status}
    return {**columns, "stances": stances, **row.data}


def stance_values(proposition_id: str, s: Record) -> Record:
    return {
        "proposition": proposition_id,
        "entity": s["entity"],
        "attribution": s.get("attribution"),
        "article": s.get("article"),
        "stance": s["stance"],
        "against_interest": s.get("against_interest"),
        "evidence": s.get("evidence"),
        "data": _rest(s, "entity", "attribution", "article", "stance", "against_interest", "evidence"),
    }


def stance_record(row: StanceRow) -> Record:
    record: Record = {
        "entity": row.entity,
        "attribution": row.attribution,
        "article": row.article,
        "stance": row.stance,
        "evidence": row.evidence,
    }
    if row.against_interest is not None:  # boolean in the schema: absent rather than null
        record["against_interest"] = row.against_interest
    return {**record, **(row.data or {})}


def story_values(s: Record) -> Record:
    return {"id": s["id"], "data": _rest(s, "id", "articles")}


def story_record(row: StoryRow, articles: list[str]) -> Record:
    return {"id": row.id, "articles": articles, **row.data}
