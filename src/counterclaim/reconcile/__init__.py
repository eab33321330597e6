"""Cross-source reconciliation: places, event sides and dates, propositions with stances, and stories.

``reconcile(corpus, gazetteer)`` fills ``corpus.events``, ``places``, ``propositions`` and ``stories`` (as
counterclaim/1 dicts; the events packed per article, ``packing.PackedRecords``) and adds the party and outlet
entities they point to. Pure apart from gazetteer lookups.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import NamedTuple

from ..export.document import date_dict
from ..extract.countries import country_of, fold, is_demonym
from ..extract.event_lexicon import CIVILIAN_WORDS, PLOVER
from ..model import ArticleAnalysis, Attribution, Corpus, DateRef, Entity, Event
from ..packing import PackedRecords
from ..resolve import slug
from .places import PlaceBook, add_places, finish_places
from .propositions import (
    WINDOW_DAYS,
    ClaimRef,
    DayIndex,
    EventRef,
    Reading,
    is_rebuttal,
    opposes,
    read_event,
    rebutted,
    rebutted_families,
    status,
    summary,
)
from .sides import SideBook, side_local_officials
from .stories import group_stories

__all__ = ["against_interest", "reconcile"]


def _event_date(event: Event, claim: Attribution | None, analysis: ArticleAnalysis) -> tuple[DateRef, str]:
    """(date, basis): the stated date; else the date of the claim; else the week before publication."""
    if event.date is not None and event.date.value:
        return event.date, "stated"
    if claim is not None and claim.date is not None and claim.date.value:
        return claim.date, "speech"
    published = analysis.article.published
    if published is None:
        return DateRef(None, "unknown"), "published"
    return DateRef(f"{(published - timedelta(days=6)).isoformat()}/{published.isoformat()}", "week"), "published"


def _day(ref: DateRef, analysis: ArticleAnalysis) -> date | None:
    value = (ref.value or "").split("/")[-1]
    try:
        return date.fromisoformat(value) if len(value) == 10 else analysis.article.published
    except ValueError:
        return analysis.article.published


def _magnitude(m) -> dict | None:
    if m is None:
        return None
    return {"text": m.text, "start": m.start, "end": m.end, "kind": m.kind, "value": m.value, "unit": m.unit,
            "km": m.km, "km2": m.km2, "count": m.count, "qualifier": m.qualifier}


def _outlet_entity(name: str | None, sides: SideBook) -> Entity | None:
    if not name:
        return None
    key = name.lower()
    if key not in sides.outlets:  # one scan of the entities per outlet name, not per stance
        found = next((e for e in sides.entities.values() if e.type == "media" and e.name.lower() == key), None)
        if found is None:
            entity = Entity(id=f"media:{slug(name)}", name=name, type="media")
            found = sides.entities.setdefault(entity.id, entity)
        sides.outlets[key] = found
    return sides.outlets[key]


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the propositions and stories need of an article once its analysis is gone."""

    outlet: str | None
    published: date | None
    unverified: tuple[tuple[frozenset[str], str], ...]  # (attribution ids, note text) of "could not verify" notes


def reconcile(corpus: Corpus, gazetteer=None) -> Corpus:
    """One pass over the analyses (each decoded once where they are packed), keeping per article only what the
    corpus-wide steps need: its event records (packed), its claims' readings and rebuttals, and a few facts."""
    sides = SideBook(corpus)
    for entity in corpus.entities:
        entity.side = sides.align(entity.side)
    side_local_officials(sides, gazetteer)
    places = PlaceBook()
    events = PackedRecords()
    readings: list[Reading] = []
    rebuttals: list[tuple[ClaimRef, str, frozenset[str]]] = []  # (a rebuttal, the claim it answers, families)
    facts: dict[str, ArticleFacts] = {}
    for analysis in corpus.analyses:
        sides.enter(analysis)
        add_places(places, analysis, gazetteer)
        records, claims_of = _read_article(analysis, sides, places, readings)
        events.add(analysis.article.id, records)
        for attribution in analysis.attributions:
            if is_rebuttal(attribution, bool(claims_of.get(attribution.id))):
                target = rebutted(attribution, analysis, claims_of, sides.side_of, sides.name_of)
                if target is not None:
                    rebuttals.append((ClaimRef.of(attribution), target.id, rebutted_families(attribution)))
        article = analysis.article
        facts[article.id] = ArticleFacts(article.outlet, article.published, tuple(
            (frozenset(n.applies_to), n.span.text) for n in analysis.notes if n.kind == "not_verified"))
    finish_places(places)
    propositions = _propositions(readings, rebuttals, facts, sides, places)
    event_props: dict[str, str] = {}
    for prop in propositions:
        for event_id in prop["events"]:
            event_props.setdefault(event_id, prop["id"])
    for article_id in events.articles():
        events.add(article_id, [e | {"proposition": event_props.get(e["id"])} for e in events.of(article_id)])
    corpus.events = events
    corpus.places = sorted(places.places.values(), key=lambda p: p["id"])
    corpus.propositions = propositions
    published = {aid: f.published for aid, f in facts.items()}
    corpus.stories = sorted(group_stories(published, propositions, places), key=lambda s: s["id"])
    corpus.entities = sorted(sides.entities.values(), key=lambda e: e.id)
    return corpus


def _read_article(analysis: ArticleAnalysis, sides: SideBook, places: PlaceBook,
                  readings: list[Reading]) -> tuple[list[dict], dict[str, list[Reading]]]:
    """The article's event records; its claims' readings go to ``readings``, and come back by attribution id."""
    aid = analysis.article.id
    by_id = {a.id: a for a in analysis.attributions}
    records: list[dict] = []
    claims_of: dict[str, list[Reading]] = defaultdict(list)
    located = [_located(event, by_id, aid, sides, places) for event in analysis.events]
    # (side, place) of each gain the article reports: "our forces now hold every base" backs the speaker's own
    # capture of the town, it denies no gain of the enemy's
    gains = {(at.actor, at.place) for event, at in zip(analysis.events, located)
             if event.type in ("capture", "advance") and event.modality != "denied" and at.actor}
    for event, (claim, claimant, actor, target, place, relation, inferred) in zip(analysis.events, located):
        ref, basis = _event_date(event, claim, analysis)
        actor_entity, target_entity = sides.entity_for(actor), sides.entity_for(target)  # made in _located
        records.append({
            "id": event.id, "article": aid, "type": event.type, "subtype": event.subtype,
            "modality": event.modality,
            "actor": actor_entity.id if actor_entity else None, "actor_side": actor,
            "actor_text": event.actor.span.text if event.actor else None,
            "target": target_entity.id if target_entity else None,
            "target_text": event.target.span.text if event.target else None,
            "place": place, "place_text": event.place.text if event.place else None,
            "place_relation": relation, "place_inferred": inferred if place else None,
            "date": date_dict(ref.value, ref.precision, ref.text, ref.start, ref.end) | {"basis": basis},
            "magnitude": _magnitude(event.magnitude),
            "span": asdict(event.span), "trigger": asdict(event.trigger),
            "claimed_by": list(event.claimed_by), "evidence": event.evidence,
            "undetermined_by": list(event.undetermined_by),
            "plover": PLOVER.get(event.subtype or "") or PLOVER.get(event.type),
        })
        rivals = {side for side, at in gains if at == place and side != (actor or claimant)}
        reading = read_event(event, actor, target, lambda s: sides.other(s, aid), claimant,
                             holds_own_gain=(actor, place) in gains, rival=rivals.pop() if len(rivals) == 1 else None)
        if reading is None:
            continue
        family, gainer, polarity = reading
        event_ref = EventRef.of(event)
        # casualties whose victims it names ("32 civilians", "no peacekeepers") are no side's loss of men, nor are a
        # people's ("killed at least 24 Palestinians": people, not a force's men)
        victims = _victims_of_no_side(event, analysis.article.text) if family == "casualties" else frozenset()
        if family == "casualties" and event.target is not None and is_demonym(event.target.span.text.split()[-1]):
            gainer, victims = None, victims | {"people"}
        for attribution_id in event.claimed_by or [None]:
            attribution = by_id.get(attribution_id) if attribution_id else None
            told = 0 if attribution_id in event_ref.undetermined_by else polarity
            item = Reading(event_ref, family, gainer, told, _day(ref, analysis), place, inferred,
                           ClaimRef.of(attribution) if attribution else None,
                           joins=not (family == "casualties" and gainer is None and (
                               event.target is not None or bool(victims))),
                           victims=victims,
                           opposes=opposes(event), own_of_no_side=_own_gain_of_no_side(event, claimant))
            readings.append(item)
            if attribution is not None:
                claims_of[attribution.id].append(item)
    return records, claims_of


class Located(NamedTuple):
    """One event's claim, sides and place, resolved."""
    claim: Attribution | None
    claimant: str | None
    actor: str | None
    target: str | None
    place: str | None
    relation: str | None
    inferred: bool  # no place of its own: the article's focus


def _located(event: Event, by_id: dict[str, Attribution], aid: str, sides: SideBook, places: PlaceBook) -> Located:
    claim = by_id.get(event.claimed_by[0]) if event.claimed_by else None
    claimant = sides.side_of(claim.speaker) if claim else None
    place, relation = places.of(aid, event.place), event.place_relation
    if place is None and (around := places.near(aid, event.place, event.span)):
        place, relation = around, "in"  # the region named around a place the gazetteer does not know
    inferred = place is None
    actor, target = sides.side(event.actor, aid, claimant), sides.side(event.target, aid, claimant)
    # an armed group's entity is made on first sight, and a name read after it may resolve to it
    sides.entity_for(actor), sides.entity_for(target)
    return Located(claim, claimant, actor, target, place or places.focus.get(aid), relation, inferred)


CIVILIANS = re.compile(r"\b(?:" + "|".join(sorted(CIVILIAN_WORDS)) + r")\b", re.IGNORECASE)


def _victims_of_no_side(event: Event, text: str) -> frozenset[str]:
    """The people of no side a claim names among its victims ("civilians", "peacekeepers"), singular: in its span,
    or just before a trigger that opens it ("dozens of civilians [killed around X]", a headline's passive)."""
    said = event.span.text
    if event.span.start == event.trigger.start:
        said += " " + re.split(r"[.;:!?\n\"“”]|\b(?:said|says|that|and|but)\b",
                              text[max(0, event.span.start - 40):event.span.start])[-1]
    return frozenset(m.group(0).lower().removesuffix("s") for m in CIVILIANS.finditer(said))


NEUTRAL_MISSIONS = frozenset({"peacekeeper", "monitor", "observer"})


def _same_victims(victims: frozenset[str], others: list[frozenset[str]]) -> bool:
    """"No peacekeepers were injured" answers no count of civilians killed; "14 people" may be the civilians."""
    def alike(a: frozenset[str], b: frozenset[str]) -> bool:
        return bool(a & b) or "people" in a | b and not (a | b) & NEUTRAL_MISSIONS
    named = [v for v in others if v]
    return not victims or not named or any(alike(victims, v) for v in named)


def _place_for_victims(reading: Reading, placed_victims: dict[str | None, list[frozenset[str]]]) -> str | None:
    """A loss of no side's people at no stated place ("no peacekeepers were hurt") is not put at the article's
    focus where the losses told there are of other people ("two civilians killed in X")."""
    if reading.place_inferred and reading.gainer is None and not _same_victims(
            reading.victims, placed_victims.get(reading.place, [])):
        return None
    return reading.place


def _join_placed(groups: dict[tuple, list[Reading]], places: PlaceBook) -> None:
    """A claim that names no place (put at its article's focus: "the attack caused no casualties"), or only the
    region of a town that another claim of its article names ("in Saada province", "in Saada"), joins the one
    proposition of its kind and side that a claim of the same article places more exactly, near in time."""
    # (family, side, article) -> group -> the days of that article's claims the group holds with a stated place;
    # kept up to date as claims move, so that candidates are looked up, not searched for in every group
    placed: dict[tuple, dict[tuple, list[date | None]]] = defaultdict(dict)
    for key, readings in groups.items():
        for o in readings:
            if not o.place_inferred:
                placed[(*key[:2], o.event.article)].setdefault(key, []).append(o.day)
    for key in list(groups):
        region = places.places.get(key[2] or "", {})
        region = region if region.get("precision") == "region" else None
        stay = []
        for r in groups[key]:
            found = placed.get((*key[:2], r.event.article), {}) if r.place_inferred or region else {}
            peers = [k for k, days in found.items() if k != key and (
                r.place_inferred or _within(places.places.get(k[2] or "", {}), region)) and any(
                d is None or r.day is None or abs((d - r.day).days) <= WINDOW_DAYS for d in days)
                and _same_victims(r.victims, [o.victims for o in groups[k]])]
            if len(peers) == 1:
                groups[peers[0]].append(r)
                if not r.place_inferred:
                    placed[(*key[:2], r.event.article)][peers[0]].append(r.day)
            else:
                stay.append(r)
        for article in {o.event.article for o in groups[key] if not o.place_inferred}:
            days = [o.day for o in stay if o.event.article == article and not o.place_inferred]
            if days:
                placed[(*key[:2], article)][key] = days
            else:
                del placed[(*key[:2], article)][key]
        groups[key] = stay
        if not stay:
            del groups[key]


def _within(place: dict, region: dict | None) -> bool:
    """A town of the region (its first-level division, as the gazetteer gives it)."""
    return bool(region) and place.get("precision") not in ("region", "country", None) and (
        place.get("country_code") == region.get("country_code")) and bool(place.get("admin1")) and (
        fold(place["admin1"]) == fold(region.get("name") or ""))


def _own_gain_of_no_side(event: Event, claimant: str | None) -> bool:
    """"Its members had taken control of the town", said by a gang coalition that is no known side: a gain of its
    own, which is no state's. Not "could not confirm that the post had been overrun", whose actor is only the
    claim's default (the trigger's own span) and whose gain is nobody's in particular."""
    return claimant is None and event.modality == "asserted" and not opposes(event) and event.actor is not None \
        and event.actor.kind == "self" and event.actor.span.start != event.trigger.start


def _propositions(readings: list[Reading], rebuttals: list[tuple[ClaimRef, str, frozenset[str]]],
                  facts: dict[str, ArticleFacts], sides: SideBook, places: PlaceBook) -> list[dict]:
    groups: dict[tuple, list[Reading]] = defaultdict(list)
    placed_victims: dict[str | None, list[frozenset[str]]] = defaultdict(list)  # of no side's losses told there
    for r in readings:
        if r.victims and r.gainer is None and not r.place_inferred:
            placed_victims[r.place].append(r.victims)
    for r in readings:
        groups[(r.family, r.gainer, _place_for_victims(r, placed_victims))].append(r)
    # a claim that names no side joins the one proposition of its kind at that place and time, if there is one;
    # candidates are blocked by (family, place), and by the days of their readings (kept up to date as claims join)
    sided: dict[tuple, list[tuple]] = defaultdict(list)
    for key in groups:
        if key[1] is not None:
            sided[(key[0], key[2])].append(key)
    days = {k: DayIndex(groups[k]) for keys in sided.values() for k in keys}
    for key in [k for k in groups if k[1] is None]:
        moved: set[int] = set()
        for r in groups[key]:
            if not r.joins:
                continue
            own = sides.side_of(r.attribution.speaker) if r.opposes and r.attribution else None
            # "the prison remained under police control", in the police's words, denies the other side a gain it
            # could not name: never the police's own; a gang's "its members took the town" is no state's gain
            peers = [k for k in sided.get((key[0], key[2]), ()) if days[k].near(r.day) and (own is None or k[1] != own)
                     and not (r.own_of_no_side and country_of(k[1]))]
            peers.sort(key=lambda k: -len(groups[k]))
            if len(peers) == 1 or (len(peers) > 1 and len(groups[peers[0]]) > 2 * len(groups[peers[1]])):
                groups[peers[0]].append(r)
                days[peers[0]].add(r.day)
                moved.add(id(r))
        groups[key] = [r for r in groups[key] if id(r) not in moved]  # one pass, not a list.remove per claim
        if not groups[key]:
            del groups[key]
    _join_placed(groups, places)
    # (family, side that gains, place) of the group, and its readings split where the dates leave a gap
    windows: list[tuple[tuple, list[Reading]]] = []
    for key in sorted(groups, key=str):
        items = sorted(groups[key], key=lambda r: r.day or date.min)
        current: list[Reading] = []
        for r in items:
            if current and r.day and current[-1].day and (r.day - current[-1].day).days > WINDOW_DAYS:
                windows.append((key, current))
                current = []
            current.append(r)
        windows.append((key, current))
    out: list[dict] = []
    outlets = {aid: f.outlet for aid, f in facts.items()}
    stances_by_window: dict[int, list[dict]] = defaultdict(list)
    for n, ((family, gainer, _), window) in enumerate(windows):
        stances_by_window[n].extend(_stances(window, family, gainer, sides, outlets))
    # rebuttals take the opposite stance on every proposition the rebutted claim holds (the first of its stances
    # there that can be flipped; only its assertions, where it has any). A rebuttal holds no claim itself, so it is
    # never a target: the index of the claims' stances by attribution stays valid while rebuttals add theirs.
    held: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for n in range(len(windows)):
        for stance in stances_by_window[n]:
            if stance["attribution"] is not None:
                held[stance["attribution"]].append((n, stance))
    for attribution, target, families in rebuttals:
        answered: set[int] = set()
        # a claim that asserts something is rebutted there, not where it denies a detail ("destroyed 25 drones,
        # and there were no Indian casualties": "denied sending any drones" does not grant the casualties)
        asserts = any(stance["stance"] == "supports" for _, stance in held.get(target, ()))
        for n, stance in held.get(target, ()):
            flipped = {"supports": "denies", "denies": "supports"}.get(stance["stance"])
            if flipped == "supports" and asserts or families and windows[n][0][0] not in families:
                continue  # "disputed the death toll" answers the casualties, not the strike
            if flipped and n not in answered:
                answered.add(n)
                family, gainer, _ = windows[n][0]
                stances_by_window[n].append(_stance(attribution, flipped, family, gainer, None,
                                                    sides.side_of, rebuts=target))
    for n, ((family, gainer, place), window) in enumerate(windows):
        stances = _dedupe(stances_by_window[n])
        _add_unverified(stances, window, facts, sides)
        if not any(s["stance"] in ("supports", "denies") for s in stances):
            continue
        kinds = Counter(r.event.type for r in window if r.polarity > 0)
        kind = "capture" if kinds.get("capture") else (kinds.most_common(1)[0][0] if kinds else window[0].event.type)
        kind = "advance" if kind in ("withdrawal", "defeat", "other") else kind
        place_name = places.places[place]["name"] if place else None
        relations = Counter(r.event.place_relation for r in window if not r.place_inferred and
                            r.event.place_relation)
        relation = "near" if not relations or relations.most_common(1)[0][0] in ("near", "from") else (
            relations.most_common(1)[0][0])
        days = sorted(r.day for r in window if r.day)
        when = days[-1].strftime("%B %Y") if days else None
        span = "/".join(sorted({days[0].isoformat(), days[-1].isoformat()})) if days else None
        out.append({
            "id": f"prop:{slug(family)}-{slug(gainer or 'unknown')}-{slug(place_name or 'nowhere')}"
                  + (f"-{days[0].isoformat()}" if days else ""),
            "summary": summary(kind, gainer, place_name, relation, when),
            "type": kind, "family": family, "place": place, "actor_side": gainer,
            "date": date_dict(span, "day" if days else "unknown"),
            "events": sorted({r.event.id for r in window}),
            "stances": stances,
            "status": status(stances),
            "sides_supporting": sorted({s["side"] for s in stances if s["stance"] == "supports" and s["side"]}),
            "sides_denying": sorted({s["side"] for s in stances if s["stance"] == "denies" and s["side"]}),
        })
    seen: Counter[str] = Counter()
    for prop in out:
        seen[prop["id"]] += 1
        if seen[prop["id"]] > 1:
            prop["id"] += f"-{seen[prop['id']]}"
    return sorted(out, key=lambda p: p["id"])


def against_interest(family: str, gainer: str | None, side: str | None, stance: str) -> bool:
    """Whether the stance concedes something bad for the speaker's own side.

    Territory: granting the other side ground, or denying one's own side's gain. Casualties: granting one's own
    losses. Strikes: accusing the other side is the expected line and admitting one's own strike is not an
    admission the other side would dispute, so neither counts.
    """
    if not (side and gainer):
        return False
    if family == "territory":
        return (stance == "supports" and gainer != side) or (stance == "denies" and gainer == side)
    if family == "casualties":
        return stance == "supports" and gainer == side
    return False


def _stance(attribution: ClaimRef, stance: str, family: str, gainer: str | None, evidence: str | None,
            side_of, rebuts: str | None = None) -> dict:
    side = side_of(attribution.speaker)
    against = against_interest(family, gainer, side, stance) and not (family == "casualties" and attribution.accuses)
    out = {"entity": attribution.speaker, "attribution": attribution.id, "article": attribution.article,
           "stance": stance, "against_interest": against, "evidence": evidence, "side": side}
    if rebuts:
        out["rebuts"] = rebuts
    return out


def _stances(window: list[Reading], family: str, gainer: str | None, sides: SideBook,
             outlets: dict[str, str | None]) -> list[dict]:
    out = []
    for r in window:
        if r.attribution is None:
            if r.event.evidence and r.polarity > 0:  # the outlet's own evidence ("geolocated the footage")
                outlet = _outlet_entity(outlets.get(r.event.article), sides)
                out.append({"entity": outlet.id if outlet else None, "attribution": None,
                            "article": r.event.article, "stance": "supports", "against_interest": False,
                            "evidence": r.event.evidence, "side": None})
            continue
        stance = "unverified" if r.attribution.id in r.event.undetermined_by else (
            {1: "supports", -1: "denies", 0: "neutral"}[r.polarity])
        out.append(_stance(r.attribution, stance, family, gainer, r.event.evidence, sides.side_of))
    return out


def _dedupe(stances: list[dict]) -> list[dict]:
    """One stance per claim: an explicit denial outweighs support read from the same words, support outweighs
    a prediction."""
    rank = {"denies": 3, "supports": 2, "unverified": 1, "neutral": 0}
    best: dict[tuple, dict] = {}
    for s in stances:
        key = (s["attribution"], s["article"], s["entity"]) if s["attribution"] else (None, s["article"], None)
        if key not in best or rank[s["stance"]] > rank[best[key]["stance"]]:
            merged = dict(s)
            if key in best:
                merged["evidence"] = merged["evidence"] or best[key]["evidence"]
            best[key] = merged
    return sorted(best.values(), key=lambda s: (s["article"], s["attribution"] or ""))


def _add_unverified(stances: list[dict], window: list[Reading], facts: dict[str, ArticleFacts],
                    sides: SideBook) -> None:
    """Each outlet that says it could not verify a claim in this proposition takes an 'unverified' stance."""
    claimed = {s["attribution"] for s in stances if s["attribution"]}
    for article_id in sorted({r.event.article for r in window}):
        article = facts[article_id]
        for applies_to, text in article.unverified:
            if claimed & applies_to:
                outlet = _outlet_entity(article.outlet, sides)
                own = next((s for s in stances if s["stance"] == "unverified" and s["article"] == article_id
                            and outlet and s["entity"] == outlet.id), None)
                if own is not None:  # "X could not confirm that ...": the outlet's own claim says it already
                    own["note"] = text
                    break
                stances.append({"entity": outlet.id if outlet else None, "attribution": None,
                                "article": article_id, "stance": "unverified", "against_interest": False,
                                "evidence": None, "side": None, "note": text})
                break
