"""Geocode each article's toponyms against the offline gazetteer and pick each article's focus place.

A candidate the NER model tagged as a place but the gazetteer does not know is kept with null coordinates (never
guessed); an untagged candidate (a proper name in a place slot) needs the gazetteer to agree, and a name that is a
speaker's name is never a place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..extract.countries import country_of, fold, is_demonym
from ..ingest.dateline import WIRE_DATELINE, dateline_places
from ..model import ArticleAnalysis, Span
from ..resolve import PERSON_TYPES, slug
from ..resolve.gazetteer import km_between


@dataclass
class PlaceBook:
    places: dict[str, dict] = field(default_factory=dict)  # place id -> export dict
    # (article, start, end) -> place id, for the article last added: reconcile asks about one article at a time
    at: dict[tuple[str, int, int], str] = field(default_factory=dict)
    focus: dict[str, str] = field(default_factory=dict)  # article id -> its main place

    def of(self, article: str, span: Span | None) -> str | None:
        return self.at.get((article, span.start, span.end)) if span is not None else None

    def near(self, article: str, span: Span | None, within: Span) -> str | None:
        """The known place nearest an unknown one in the event's own words: "near the village of X in the Y
        district", X missing from the gazetteer, happened in Y, not wherever the article is about."""
        if span is None:
            return None
        found = [(abs(start - span.start), place) for (aid, start, end), place in self.at.items()
                 if aid == article and within.start <= start and end <= within.end and not self.is_country(place)]
        return min(found)[1] if found else None

    def is_country(self, place_id: str | None) -> bool:
        return bool(place_id) and self.places[place_id].get("precision") == "country"


def _place_dict(match, name: str, region=None) -> tuple[str, dict]:
    """The export record of a place; one the gazetteer lacks but the text puts in a known region sits at that
    region's point with precision "region", one with neither has no coordinates."""
    if match is None:
        place_id = f"place:{slug(name)}"
        return place_id, {"id": place_id, "name": name, "lat": region and region.lat, "lon": region and region.lon,
                          "country_code": region and region.country_code, "admin1": region and region.admin1,
                          "feature": None, "gazetteer_id": None, "precision": "region" if region else "unknown",
                          "mentions": []}
    number = (match.gazetteer_id or "").rsplit(":", 1)[-1]
    place_id = f"place:{slug(match.name)}" + (f"-{number}" if number else "")
    return place_id, {"id": place_id, "name": match.name, "lat": match.lat, "lon": match.lon,
                      "country_code": match.country_code, "admin1": match.admin1, "feature": match.feature,
                      "gazetteer_id": match.gazetteer_id, "precision": match.precision, "mentions": []}


def add_places(book: PlaceBook, analysis: ArticleAnalysis, gazetteer) -> None:
    """Geocode one article's toponyms into ``book`` and set its focus."""
    book.at.clear()
    article = analysis.article
    # a person's mentions, with the words of their own name ("an official in Marib" names an official, not Marib)
    people = [(m, _own_name(s.name)) for s in analysis.speakers if s.type in PERSON_TYPES for m in s.mentions]
    # "Kasongo" alone is the speaker; "North Kivu" is still a place when a speaker is "the Kivu Bulletin", and
    # "Marib" when one is "an official in Marib"
    names = {w for s in analysis.speakers if s.type in PERSON_TYPES for w in _own_name(s.name)}
    # a name the article uses for a speaker, an armed group or the outlet is not a place
    # (a country whose forces fight is still a place: "the commander of Russian forces in Ukraine")
    # ("Israel says" in a headline leaves "missiles fired at Israel" a place)
    not_places = {s.name for s in analysis.speakers if s.type != "country"} | {
        f for f in analysis.forces if not country_of(f)} | {article.outlet or ""}
    countries = _countries(analysis, gazetteer)
    # the town a report is filed from is one ("LASHIO, Aug 10 (Shan Report)"), however far from a country named
    filed_from = {fold(p) for p in dateline_places(article.text)}
    # country codes too, so that a town in a country named only by adjective ("Congolese army") is corroborated
    context = [t.span.text for t in analysis.toponyms] + sorted(countries)  # the codes
    found: list[tuple[int, str]] = []  # (start, place id) of this article's mentions
    pending: list[tuple[Span, str, object]] = []  # untagged names the gazetteer lacks: places if named so elsewhere
    for toponym in analysis.toponyms:
        span = toponym.span
        name = span.text.strip(" []«»\"'")
        if len(name) < 3 or not name[:1].isupper() or name in names or is_demonym(name) or (
                name in not_places):
            continue
        if any(m.start < span.end and span.start < m.end and set(name.split()) <= set(own) for m, own in people):
            continue
        match = gazetteer.locate(name, context) if gazetteer is not None else None
        if match is not None and fold(name) not in filed_from and _stray(match, countries):
            match = None  # a small town abroad that shares the name ("Concord" in a photo credit)
        region = _named_region(article.text, span, gazetteer)
        if match is not None and _outside(match, region):
            match = None  # "Sverdlovo in the Bryansk region": not a village of that name in another country
        if match is None and not toponym.tagged:
            pending.append((span, name, region))
            continue
        found.append((span.start, _mention(book, article.id, span, *_place_dict(match, name, region))))
    for span, name, region in pending:  # "to retake Kalundu", tagged a person, after "the port of Kalundu"
        place_id, record = _place_dict(None, name, region)
        if place_id in book.places:
            found.append((span.start, _mention(book, article.id, span, place_id, record)))
    book.focus.update(_focus(analysis, sorted(found), book))


def _mention(book: PlaceBook, article_id: str, span: Span, place_id: str, record: dict) -> str:
    """Record one mention of a place (the place too, the first time)."""
    book.places.setdefault(place_id, record)["mentions"].append(
        {"article": article_id, "start": span.start, "end": span.end, "text": span.text})
    book.at[(article_id, span.start, span.end)] = place_id
    return place_id


LINKING_WORDS = {"of", "in", "from", "at", "near", "for"}


def _own_name(name: str) -> list[str]:
    """The words of a speaker's name up to a preposition: "resident of X" names a resident, not X."""
    words = name.split()
    cut = next((i for i, w in enumerate(words) if w in LINKING_WORDS), len(words))
    return words[:cut]


# "X in the Y region", "X, in Y province": the region the text itself puts a place in
IN_REGION = re.compile(r"\s*,?\s+in\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
                       r"(region|province|oblast|governorate|state|district)\b")


def _named_region(text: str, span: Span, gazetteer):
    """The gazetteer's region the text puts the place at span in, if any."""
    named = IN_REGION.match(text, span.end) if gazetteer is not None else None
    region = gazetteer.locate(f"{named.group(1)} {named.group(2)}") if named is not None else None
    return region if region is not None and region.feature == "region" and region.country_code else None


def _outside(match, region) -> bool:
    """The gazetteer's place lies in another country than the region the text names around it."""
    return region is not None and match.feature not in ("country", "region") \
        and region.country_code != match.country_code


def finish_places(book: PlaceBook) -> PlaceBook:
    """Once every article is in: each place's mentions in document order."""
    for place in book.places.values():
        place["mentions"].sort(key=lambda m: (m["article"], m["start"]))
    return book


def _countries(analysis: ArticleAnalysis, gazetteer) -> dict[str, tuple[float | None, float | None]]:
    """ISO code -> a point (the gazetteer's) of each country the article names (as places or in words such as
    "Russian")."""
    codes: dict[str, tuple[float | None, float | None]] = {}
    if gazetteer is None:
        return codes
    names = {country_of(t.span.text) for t in analysis.toponyms} | {country_of(f) for f in analysis.forces}
    for name in filter(None, names):
        match = gazetteer.locate(name)
        if match is not None and match.country_code:
            codes[match.country_code] = (match.lat, match.lon)
    return codes


NEIGHBOURHOOD_KM = 2000  # a town this close to a named country may lie across its border ("the crossing with Chad")


def _stray(match, countries: dict[str, tuple[float | None, float | None]]) -> bool:
    """A small town in a country the article does not name, far from every country it names ("Concord" in a photo
    credit of a report on Ukraine), not one across a named country's border."""
    if not countries or match.precision == "country" or match.country_code in countries or (
            match.population or 0) >= 1_000_000:
        return False
    if match.lat is None or match.lon is None:
        return True
    return all(lat is None or km_between(match.lat, match.lon, lat, lon) > NEIGHBOURHOOD_KM
               for lat, lon in countries.values())


# Where words were spoken, not where anything happened: "told a news briefing in New Delhi", "told reporters in X"
SPOKEN_AT = re.compile(r"\b(?:briefing|conference|reporters|journalists|parliament|address|speech|interview|"
                       r"summit|visit|talks)\s+(?:in|at)\s+(?:the\s+)?$", re.I)


def _focus(analysis: ArticleAnalysis, found: list[tuple[int, str]], book: PlaceBook) -> dict[str, str]:
    """The place an article is mostly about: its mentions (3 in the first sentence, else 1), plus 2 for every
    event placed there and 2 when the title names it. Countries only when nothing smaller is named. A wire
    dateline's city is where the report was filed, and a briefing's where it was given: neither counts."""
    article = analysis.article
    datelines = [m.span() for m in WIRE_DATELINE.finditer(article.text[:2000])]
    lede_end = max([article.text.find(". ") + 1] + [e for _, e in datelines]) or len(article.text)
    weights: Counter[str] = Counter()
    for start, place_id in found:
        if any(s <= start < e for s, e in datelines) or SPOKEN_AT.search(article.text, max(0, start - 40), start):
            continue
        weights[place_id] += 3 if start < lede_end else 1
    for event in analysis.events:
        place_id = book.of(article.id, event.place)
        if place_id:
            weights[place_id] += 2
    for place_id in set(weights) if article.title else ():
        if book.places[place_id]["name"] in article.title:
            weights[place_id] += 2
    local = {p: w for p, w in weights.items() if not book.is_country(p) and not country_of(book.places[p]["name"])}
    pool = local or weights
    if not pool:
        return {}
    return {article.id: max(sorted(pool), key=lambda p: pool[p])}
