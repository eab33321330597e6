"""The CSV export: one row per event claim, ACLED's columns first, then who claimed it and how it stands.

A row is an event as one attribution claims it (an event in the outlet's own voice gives one row with
an empty claimant), so a spreadsheet can filter by claimant, side or stance without joining tables.
Quotes come from news text, which is untrusted: a cell that a spreadsheet would run as a formula is
neutralised with a leading apostrophe (OWASP's CSV injection advice). Numeric columns are written as
numbers and never prefixed, so a negative longitude stays a number.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from counterclaim.export import acled
from counterclaim.export.claims import DocumentIndex, Record, short_text

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities",
)
OWN_COLUMNS = (
    "claimant", "claimant_side", "stance", "status", "proposition_id", "article_id", "attribution_id",
    "modality", "type", "subtype", "plover", "date_value", "date_precision", "country_code",
)
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS
NUMERIC_COLUMNS = frozenset({"time_precision", "latitude", "longitude", "geo_precision", "fatalities"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix ``'`` to text a spreadsheet would read as a formula (=, +, -, @, tab, CR first)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _actor(index: DocumentIndex, entity_id: str | None, side: str | None) -> tuple[str, str | None]:
    """(name for the actor column, side): the entity's name, else its side's name."""
    entity = index.entity(entity_id)
    side = (entity or {}).get("side") or side
    return (entity or {}).get("name") or side or "", side


def claim_rows(doc: Record) -> list[dict[str, Any]]:
    """Rows in document order of events, claims in ``claimed_by`` order; values are raw (not neutralised)."""
    index = DocumentIndex(doc)
    rows: list[dict[str, Any]] = []
    for event in doc["events"]:
        place = index.place(event)
        located = acled.has_point(place)
        actor1, actor_side = _actor(index, event.get("actor"), event.get("actor_side"))
        actor2, _ = _actor(index, event.get("target"), None)
        kind, sub_kind = acled.event_type(event, place, actor_side)
        date = event.get("date") or {}
        day, time_precision = acled.event_date(date.get("value"), date.get("precision", "unknown"))
        prop = index.proposition(event)
        for claim in index.claims(event):
            rows.append({
                "event_id_cnty": event["id"], "event_date": day, "time_precision": time_precision,
                "event_type": kind, "sub_event_type": sub_kind, "actor1": actor1, "actor2": actor2,
                "admin1": (place or {}).get("admin1") or "", "location": (place or {}).get("name") or "",
                "latitude": float(place["lat"]) if located else None,
                "longitude": float(place["lon"]) if located else None,
                "geo_precision": acled.geo_precision(place, event), "source": index.outlet(event) or "",
                "source_scale": "", "notes": short_text(claim.quote), "fatalities": acled.fatalities(event),
                "claimant": claim.claimant, "claimant_side": claim.claimant_side or "", "stance": claim.stance or "",
                "status": (prop or {}).get("status") or "", "proposition_id": (prop or {}).get("id") or "",
                "article_id": event["article"], "attribution_id": claim.attribution or "",
                "modality": event.get("modality") or "asserted", "type": event["type"],
                "subtype": event.get("subtype") or "", "plover": event.get("plover") or "",
                "date_value": date.get("value") or "", "date_precision": date.get("precision") or "unknown",
                "country_code": (place or {}).get("country_code") or "",
            })
    return rows


def _cell(column: str, value: Any) -> Any:
    if value is None:
        return ""
    if column in NUMERIC_COLUMNS:
        return value  # csv writes int/float with repr: a number, never prefixed
    return neutralise(str(value))


def to_csv(doc: Record) -> str:
    """The CSV text (UTF-8 when written, ``\\n`` line ends, header row first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in claim_rows(doc):
        writer.writerow([_cell(column, row[column]) for column in COLUMNS])
    return buffer.getvalue()
