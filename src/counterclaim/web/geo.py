"""A place's page: its claims in date order (``reconcile.timeline``) and a small map of events near it.

The map is plain geometry for an inline SVG: an equirectangular plot with longitude scaled by the cosine
of the mean latitude, so distances look right at the scale of a front line. No tiles, no network: the
points, their labels and a scale bar are all there is.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from counterclaim.reconcile.timeline import timeline
from counterclaim.web.views import Index, Ref

NEARBY_KM = 300.0
WIDTH = 640
MARGIN = 48


@dataclass
class MapPoint:
    place: str
    name: str
    lat: float
    lon: float
    x: float
    y: float
    r: float
    events: int
    current: bool
    label_left: bool  # near the right edge the label goes to the left of the point


@dataclass
class MapView:
    width: int
    height: int
    points: list[MapPoint]
    scale_km: float
    scale_px: float


@dataclass
class PlaceView:
    id: str
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    feature: str | None
    precision: str | None
    gazetteer_id: str | None
    timeline: list[dict[str, Any]]
    map: MapView | None
    stories: list[Ref]


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _located(place: dict[str, Any]) -> bool:
    return isinstance(place.get("lat"), (int, float)) and isinstance(place.get("lon"), (int, float))


def event_map(index: Index, place_id: str, radius_km: float = NEARBY_KM) -> MapView | None:
    """This place and every located place with events within ``radius_km``; None when it has no coordinates.

    Country-level places are left out unless they are the page's own place: their point is a capital or a
    centroid, not where anything happened.
    """
    here = index.places.get(place_id)
    if here is None or not _located(here):
        return None
    counts = Counter(e.get("place") for e in index.doc["events"])
    centre = (here["lat"], here["lon"])
    chosen = [here] + [p for p in index.doc["places"] if p["id"] != place_id and _located(p) and counts[p["id"]]
                       and p.get("precision") != "country" and km_between(centre, (p["lat"], p["lon"])) <= radius_km]
    lats = [p["lat"] for p in chosen]
    lons = [p["lon"] for p in chosen]
    kx = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * kx, 0.2)
    span_y = max(max(lats) - min(lats), 0.2)
    scale = (WIDTH - 2 * MARGIN) / max(span_x, span_y * 1.6)  # pixels per degree of latitude
    height = int(min(480, max(220, span_y * scale + 2 * MARGIN)))
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    points = []
    for p in chosen:
        x = round(WIDTH / 2 + (p["lon"] - mid_lon) * kx * scale, 1)
        points.append(MapPoint(
            place=p["id"], name=p["name"], lat=p["lat"], lon=p["lon"], x=x,
            y=round(height / 2 - (p["lat"] - mid_lat) * scale, 1),
            r=round(5 + 3 * math.sqrt(counts[p["id"]]), 1), events=counts[p["id"]], current=p["id"] == place_id,
            label_left=x > WIDTH * 0.6))
    km_per_px = 111.32 / scale
    nice = _nice(km_per_px * WIDTH / 4)
    return MapView(WIDTH, height, points, nice, round(nice / km_per_px, 1))


def _nice(km: float) -> float:
    """A round length (1, 2 or 5 times a power of ten) no longer than ``km``."""
    power = 10 ** math.floor(math.log10(max(km, 1e-6)))
    return next(step * power for step in (5, 2, 1) if step * power <= km)


def place(index: Index, place_id: str) -> PlaceView | None:
    p = index.places.get(place_id)
    if p is None:
        return None
    by_summary: dict[str, list[str]] = {}
    for prop in index.doc["propositions"]:
        by_summary.setdefault(prop["summary"], []).append(prop["id"])
    rows = []
    for row in timeline(index.doc, {place_id}):
        found = by_summary.get(row.proposition or "", [])
        rows.append({**asdict(row), "proposition_id": found[0] if len(found) == 1 else None})
    stories = [Ref(s["id"], s.get("label") or s["id"]) for s in index.doc["stories"]
               if place_id in (s.get("places") or [])]
    return PlaceView(
        id=p["id"], name=p["name"], lat=p.get("lat"), lon=p.get("lon"), country_code=p.get("country_code"),
        admin1=p.get("admin1"), feature=p.get("feature"), precision=p.get("precision"),
        gazetteer_id=p.get("gazetteer_id"), timeline=rows, map=event_map(index, place_id), stories=stories)
