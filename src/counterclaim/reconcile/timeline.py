"""A per-place timeline: every claim about control of or fighting at a place, in date order.

Works on a counterclaim/1 document (from an export or the store), so it needs no re-analysis. A place is found
by name, alternate spelling through the gazetteer ("Kiev" finds Kyiv), or a close fuzzy match.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ..extract.countries import fold


@dataclass
class TimelineRow:
    date: str | None
    precision: str
    claimant: str
    side: str | None
    claim: str
    event_type: str
    stance: str
    proposition: str | None
    status: str | None
    outlet: str | None
    article: str


def find_places(document: dict, query: str, gazetteer=None) -> list[dict]:
    wanted = fold(query.strip())
    names = {wanted}
    if gazetteer is not None:
        match = gazetteer.locate(query)
        if match is not None:
            names.add(fold(match.name))
    exact = [p for p in document["places"] if fold(p["name"]) in names or
             any(fold(m.get("text", "")) in names for m in p.get("mentions", []))]
    if exact:
        return exact
    return [p for p in document["places"] if fuzz.ratio(fold(p["name"]), wanted) >= 85]


def timeline(document: dict, place_ids: set[str]) -> list[TimelineRow]:
    entities = {e["id"]: e for e in document["entities"]}
    attributions = {a["id"]: a for a in document["attributions"]}
    articles = {a["id"]: a for a in document["articles"]}
    propositions = {p["id"]: p for p in document["propositions"]}
    stance_of: dict[tuple[str, str | None], tuple[dict, dict]] = {}
    for prop in document["propositions"]:
        for stance in prop["stances"]:
            stance_of[(prop["id"], stance.get("attribution"))] = (prop, stance)
    rows: list[TimelineRow] = []
    for event in document["events"]:
        if event.get("place") not in place_ids:
            continue
        prop_id = event.get("proposition")
        claims = event.get("claimed_by") or [None]
        for attribution_id in claims:
            attribution = attributions.get(attribution_id) if attribution_id else None
            speaker = (attribution.get("source") or {}).get("entity") if attribution else None
            entity = entities.get(speaker) if speaker else None
            prop, stance = stance_of.get((prop_id, attribution_id), (None, None)) if attribution_id else (
                propositions.get(prop_id or ""), None)
            article = articles[event["article"]]
            claimant = entity["name"] if entity else (
                (attribution.get("source") or {}).get("text") if attribution else None) or (
                f"{article.get('outlet') or 'the outlet'} (own voice)")
            rows.append(TimelineRow(
                date=event["date"].get("value"), precision=event["date"].get("precision", "unknown"),
                claimant=claimant, side=entity.get("side") if entity else None,
                claim=event["span"]["text"],
                event_type=event["type"] if not event.get("subtype") else f"{event['type']}/{event['subtype']}",
                stance=stance["stance"] if stance else event.get("modality", "asserted"),
                proposition=prop["summary"] if prop else None, status=prop["status"] if prop else None,
                outlet=article.get("outlet"), article=article["id"]))
    unique = {(r.article, r.claimant, r.claim, r.event_type): r for r in rows}
    return sorted(unique.values(), key=lambda r: ((r.date or "").split("/")[0], r.article, r.claimant))
