"""Our event vocabulary in ACLED's terms: event types, time and geo precision codes, fatalities.

ACLED is what conflict analysts already load into their tools, so the CSV export speaks its column
conventions; the mapping is to the *nearest* ACLED category, and our own type stays in the CSV beside it.
ACLED codes each event once from all sources; we code each claim, so the same event appears once per
claimant and totals over the CSV count claims, not events.
"""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from counterclaim.export.claims import Record, words
from counterclaim.extract.countries import country_of

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
STRATEGIC = "Strategic developments"
ARMED_CLASH = (BATTLES, "Armed clash")

# type or "type/subtype" -> (event_type, sub_event_type). advance and capture are territorial gains and depend
# on who gains (``territory``); attacks by aircraft or on civilians are refined in ``event_type``.
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "counterattack": ARMED_CLASH,
    "attack": ARMED_CLASH,
    "defeat": ARMED_CLASH,
    "encirclement": ARMED_CLASH,
    "casualties": ARMED_CLASH,
    "other/fighting": ARMED_CLASH,
    "other/holding": ARMED_CLASH,
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "withdrawal": (STRATEGIC, "Non-violent transfer of territory"),  # ACLED's code for a pull-out as such
    "replacement": (STRATEGIC, "Change to group/activity"),  # a change of commander
    "other": (STRATEGIC, "Other"),
}
TERRITORIAL = {"advance", "capture"}
AIR_WORDS = {"air", "airstrike", "airstrikes", "aircraft", "airplane", "airplanes", "jet", "jets", "warplane",
             "warplanes", "drone", "drones", "helicopter", "helicopters", "bomber", "bombers", "airforce"}
CIVILIAN_WORDS = {"civilian", "civilians", "displaced", "residents", "villagers", "refugees", "worshippers"}
KILL_WORDS = {"kill", "kills", "killed", "killing", "dead", "died", "die", "dies", "death", "deaths", "fatalities",
              "slain", "perished", "lives"}
WOUND_WORDS = {"wound", "wounds", "wounded", "wounding", "injure", "injured", "injuring", "injuries", "hurt"}

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "year": 3, "unknown": 3}


@lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    """countryinfo's canonical country name (what ``country_of`` returns) -> ISO 3166 alpha-2."""
    codes: dict[str, str] = {}
    for entry in (resources.files("countryinfo") / "data").iterdir():
        if entry.name.endswith(".json"):
            record = json.loads(entry.read_text(encoding="utf-8"))
            code = (record.get("ISO") or {}).get("alpha2")
            if record.get("name") and code:
                codes[record["name"]] = code
    return codes


def territory(side: str | None, place: Record | None) -> tuple[str, str]:
    """ACLED's code for a gain of ground by ``side``.

    A side that names a country is a state (the same test the side resolver uses); ACLED files a state's
    gain on its own soil as "Government regains territory" and a non-state or foreign state's gain as
    "Non-state actor overtakes territory". Without a side we cannot tell, so it is a plain clash.
    """
    if not side:
        return ARMED_CLASH
    country = country_of(side)
    if country is None:
        return BATTLES, "Non-state actor overtakes territory"
    home = _alpha2().get(country)
    where = (place or {}).get("country_code")
    if home and where and home != where:
        return BATTLES, "Non-state actor overtakes territory"
    return BATTLES, "Government regains territory"


def event_type(event: Record, place: Record | None, actor_side: str | None) -> tuple[str, str]:
    """(event_type, sub_event_type) for one of our events."""
    kind, subtype = event["type"], event.get("subtype")
    if kind in TERRITORIAL:
        return territory(actor_side, place)
    said = words(event["span"].get("text"), (event.get("trigger") or {}).get("text"), event.get("actor_text"))
    if kind in ("attack", "shelling") and said & AIR_WORDS:
        return REMOTE, "Air/drone strike"
    if kind == "attack" and said & CIVILIAN_WORDS:
        return CIVILIANS, "Attack"
    return EVENT_TYPES.get(f"{kind}/{subtype}") or EVENT_TYPES.get(kind) or EVENT_TYPES["other"]


def _bounds(part: str, last: bool) -> date | None:
    """First (or last) day of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    try:
        bits = [int(b) for b in part.split("-")]
        if len(bits) == 3:
            return date(*bits)
        if len(bits) == 2:
            first = date(bits[0], bits[1], 1)
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1) if last else first
        if len(bits) == 1:
            return date(bits[0], 12, 31) if last else date(bits[0], 1, 1)
    except ValueError:
        return None
    return None


def event_date(value: str | None, precision: str) -> tuple[str, int]:
    """(ISO day, time_precision): a period is coded at its middle day, as ACLED does for vague dates.

    A period longer than a day is at least precision 2 whatever our precision says; an unresolved date
    gives an empty day with the coarsest code.
    """
    code = TIME_PRECISION.get(precision, 3)
    if not value:
        return "", 3
    start_text, _, end_text = value.partition("/")
    start, end = _bounds(start_text, False), _bounds(end_text or start_text, True)
    if start is None or end is None or end < start:
        return "", 3
    if end > start:
        code = max(code, 2)
    return (start + (end - start) // 2).isoformat(), code


def geo_precision(place: Record | None, event: Record) -> int | None:
    """ACLED's 1 (the town itself), 2 (near it, or the article's focus place), 3 (a region or country)."""
    if place is None or not has_point(place):
        return None
    if place.get("feature") in ("region", "country") or place.get("precision") in ("region", "country"):
        return 3
    if (event.get("place_relation") not in (None, "in", "on") or place.get("precision") == "near"
            or event.get("place_inferred")):
        return 2
    return 1


def has_point(place: Record | None) -> bool:
    """Finite coordinates inside the WGS 84 ranges."""
    lat, lon = (place or {}).get("lat"), (place or {}).get("lon")
    return (isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and math.isfinite(lat)
            and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180)


def fatalities(event: Record) -> int:
    """Reported deaths: a counted magnitude on an event worded as killing, not wounding; else 0 (ACLED's default)."""
    magnitude = event.get("magnitude") or {}
    count = magnitude.get("count")
    if not isinstance(count, (int, float)) or not math.isfinite(count) or count < 0:
        return 0
    said = words(event["span"].get("text"), (event.get("trigger") or {}).get("text"), magnitude.get("text"))
    if said & KILL_WORDS and not said & WOUND_WORDS:
        return int(count)
    return 0
