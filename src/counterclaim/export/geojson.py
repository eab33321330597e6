"""The GeoJSON export (RFC 7946): one Point per located event, with every claim about it.

Map tools (QGIS, kepler.gl, geojson.io) take a FeatureCollection directly; putting the claims in the
feature keeps "who says this happened here" one click away. Events whose place has no coordinates
cannot be drawn: they are left out and counted in the ``counterclaim:skipped`` foreign member.
"""

from __future__ import annotations

from typing import Any

from counterclaim.export import acled
from counterclaim.export.claims import DocumentIndex, Record

SKIPPED = "counterclaim:skipped"


def _party(index: DocumentIndex, entity_id: str | None, side: str | None) -> dict[str, Any]:
    entity = index.entity(entity_id)
    return {"id": entity_id, "name": (entity or {}).get("name"), "side": (entity or {}).get("side") or side}


def _feature(index: DocumentIndex, event: Record, place: Record) -> dict[str, Any]:
    prop = index.proposition(event)
    status = (prop or {}).get("status")
    date = event.get("date") or {}
    claims = [
        {"attribution": c.attribution, "claimant": c.claimant or None, "claimant_side": c.claimant_side,
         "stance": c.stance, "status": status, "proposition": (prop or {}).get("id"), "quote": c.quote}
        for c in index.claims(event)
    ]
    properties = {
        "event": event["id"], "article": event["article"], "outlet": index.outlet(event),
        "type": event["type"], "subtype": event.get("subtype"), "plover": event.get("plover"),
        "modality": event.get("modality") or "asserted",
        "date": date.get("value"), "precision": date.get("precision", "unknown"),
        "place": place["id"], "place_name": place["name"], "place_relation": event.get("place_relation"),
        "admin1": place.get("admin1"), "country": place.get("country_code"),
        "geo_precision": acled.geo_precision(place, event),
        "actor": _party(index, event.get("actor"), event.get("actor_side")),
        "target": _party(index, event.get("target"), None),
        "magnitude": event.get("magnitude"), "proposition": (prop or {}).get("id"), "status": status,
        "claims": claims,
    }
    point = [float(place["lon"]), float(place["lat"])]  # RFC 7946: longitude first
    return {"type": "Feature", "id": event["id"], "geometry": {"type": "Point", "coordinates": point},
            "properties": properties}


def to_geojson(doc: Record) -> dict[str, Any]:
    """A FeatureCollection in event order; the claims list holds one own-voice entry (attribution null)
    for an event that no attribution claims."""
    index = DocumentIndex(doc)
    features: list[dict[str, Any]] = []
    skipped = 0
    for event in doc["events"]:
        place = index.place(event)
        if place is None or not acled.has_point(place):
            skipped += 1
            continue
        features.append(_feature(index, event, place))
    return {"type": "FeatureCollection", "features": features, SKIPPED: skipped}
