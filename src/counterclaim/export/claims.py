"""Joins over a counterclaim/1 document shared by the flat exports (CSV, GeoJSON).

The document is normalised (events point at attribution, entity and place ids); a spreadsheet or a map
wants each event next to who claimed it, that claimant's side and stance, and the proposition's verdict.
``DocumentIndex`` builds the lookups once so each export stays a simple loop over events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]

NOTE_CHARS = 300  # ACLED notes are a sentence or two; longer quotes are cut at a word boundary


def short_text(text: str | None, limit: int = NOTE_CHARS) -> str:
    """One line of at most ``limit`` characters: whitespace collapsed, cut at a word with an ellipsis."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def join_fragments(fragments: list[dict], gap: str = " ", text=lambda f: f.get("text") or "") -> str:
    """A quote's fragments as one string: ``gap`` where the article had text between them (the cue of "X, he
    said, Y"), nothing where they touch, so the words come out as the article wrote them."""
    out = ""
    for previous, fragment in zip([None, *fragments], fragments):
        touching = previous is not None and previous.get("end") == fragment.get("start")
        out += ("" if touching or not out else gap) + text(fragment)
    return out.strip()


def words(*texts: str | None) -> set[str]:
    """Lower-case word set of some texts, for the keyword tests of the mappings."""
    return {w for t in texts if t for w in re.findall(r"[a-z]+", t.lower())}


@dataclass(frozen=True)
class Claim:
    """One attribution claiming an event, or the outlet's own voice (``attribution`` None)."""

    attribution: str | None
    claimant: str  # speaker's canonical name, else the source phrase; "" for the outlet's own voice
    claimant_side: str | None
    stance: str | None  # the claimant's stance in the event's proposition, when it has one
    quote: str  # what was said (all quote fragments), or the event's own span for the outlet's voice


class DocumentIndex:
    """Id lookups over one document, plus the per-event joins the flat exports need."""

    def __init__(self, doc: Record) -> None:
        self.articles = {a["id"]: a for a in doc["articles"]}
        self.entities = {e["id"]: e for e in doc["entities"]}
        self.attributions = {a["id"]: a for a in doc["attributions"]}
        self.places = {p["id"]: p for p in doc["places"]}
        self.propositions = {p["id"]: p for p in doc["propositions"]}
        # Hand-built documents may omit events[].proposition; the proposition's events list says the same.
        self._prop_of_event: dict[str, str] = {}
        for prop in doc["propositions"]:
            for event_id in prop.get("events") or []:
                self._prop_of_event.setdefault(event_id, prop["id"])

    def entity(self, entity_id: str | None) -> Record | None:
        return self.entities.get(entity_id) if entity_id else None

    def place(self, event: Record) -> Record | None:
        return self.places.get(event.get("place") or "")

    def proposition(self, event: Record) -> Record | None:
        prop_id = event.get("proposition") or self._prop_of_event.get(event["id"])
        return self.propositions.get(prop_id) if prop_id else None

    def outlet(self, event: Record) -> str | None:
        return (self.articles.get(event["article"]) or {}).get("outlet")

    def claims(self, event: Record) -> list[Claim]:
        """Every claimant of ``event`` in ``claimed_by`` order; one own-voice claim when nobody claims it."""
        prop = self.proposition(event)
        stances = (prop or {}).get("stances") or []
        out: list[Claim] = []
        for attribution_id in event.get("claimed_by") or []:
            attribution = self.attributions.get(attribution_id) or {}
            source = attribution.get("source") or {}
            speaker = self.entity(source.get("entity"))
            stance = next((s for s in stances if s.get("attribution") == attribution_id), None)
            fragments = attribution.get("content_fragments") or [attribution.get("content") or {}]
            out.append(Claim(
                attribution=attribution_id,
                claimant=(speaker or {}).get("name") or source.get("text") or "",
                claimant_side=(speaker or {}).get("side"),
                stance=stance["stance"] if stance else None,
                quote=join_fragments(fragments),
            ))
        if not out:
            # The outlet's own stance on the proposition, recorded without an attribution in this article.
            stance = next((s for s in stances if s.get("attribution") is None
                           and s.get("article") == event["article"]), None)
            out.append(Claim(None, "", None, stance["stance"] if stance else None, event["span"]["text"]))
        return out
