"""View-models: the counterclaim/1 document reshaped for the pages, the JSON API and the static report.

Pure functions over an ``Index`` (the document plus lookup tables, built once per load), so the app, the
static report and the tests all see the same shapes. Dataclasses, because ``asdict`` gives the API its JSON.
Nothing here builds HTML: escaping is the templates' job (autoescape) and ``highlight``'s.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from counterclaim.export.claims import join_fragments
from counterclaim.reconcile.timeline import find_places

STANCES = ("supports", "denies", "unverified", "neutral")
SIDE_SLOTS = 6  # distinct side colours in the CSS; more sides reuse them, the label still tells them apart
MAX_HITS = 200
MAX_QUERY = 200
NO_SIDE = "No side (outlets, analysts, third parties)"


@dataclass
class Ref:
    id: str
    label: str


@dataclass
class ArticleRef:
    id: str
    title: str | None
    outlet: str | None
    date: str | None
    url: str | None


@dataclass
class PropRef:
    id: str
    summary: str
    status: str
    type: str
    date: str | None


@dataclass
class SideRef:
    name: str | None
    label: str
    slot: int  # CSS class side-<slot>; 0 is "no side"


@dataclass
class Claim:
    """One attribution as a card: who said what, where, how and through whom."""

    attribution: str
    article: ArticleRef
    speaker: str
    entity: str | None
    side: SideRef
    quote: str
    cue: str
    kind: str
    channel: str | None
    via: Ref | None
    date: str | None
    verification: list[str] = field(default_factory=list)  # kinds of the outlet's notes that qualify it


@dataclass
class Source:
    """One stance on a proposition; ``claim`` is None for an outlet's own note ("could not verify")."""

    stance: str
    speaker: str
    entity: str | None
    claim: Claim | None
    article: ArticleRef | None
    against_interest: bool
    evidence: str | None
    note: str | None
    rebuts: str | None


@dataclass
class StanceGroup:
    stance: str
    sources: list[Source]


@dataclass
class SideColumn:
    side: SideRef
    groups: list[StanceGroup]


@dataclass
class Board:
    proposition: PropRef
    place: Ref | None
    actor_side: SideRef | None
    sides_supporting: list[str]
    sides_denying: list[str]
    columns: list[SideColumn]
    articles: list[ArticleRef]
    stories: list[Ref]


@dataclass
class StoryView:
    id: str
    label: str
    start: str | None
    end: str | None
    articles: list[ArticleRef]
    places: list[Ref]
    propositions: list[PropRef]


@dataclass
class EntityStance:
    proposition: PropRef
    stance: str
    against_interest: bool
    attribution: str | None


@dataclass
class EntityView:
    id: str
    name: str
    type: str
    title: str | None
    side: SideRef
    aliases: list[str]
    affiliation: Ref | None
    claims: list[Claim]
    relayed: list[Claim]
    stances: list[EntityStance]


@dataclass
class EntityHit:
    id: str
    name: str
    type: str
    side: SideRef
    aliases: list[str]


@dataclass
class SearchView:
    q: str
    claims: list[Claim]
    entities: list[EntityHit]
    places: list[Ref]
    propositions: list[PropRef]
    truncated: bool


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


QUOTE_MARKS = "\"“”«»„"


def unquote(text: str) -> str:
    """A fragment without the quotation marks around it (the card adds its own); inner quotes stay."""
    t = text.strip()
    if len(t) >= 2 and t[0] in QUOTE_MARKS and t[-1] in QUOTE_MARKS and not any(c in QUOTE_MARKS for c in t[1:-1]):
        return t[1:-1].strip()
    return t


def date_value(value: dict[str, Any] | None) -> str | None:
    return (value or {}).get("value")


class Index:
    """The document with the lookups every view needs; immutable once built, safe to share across threads."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.articles = _by_id(doc["articles"])
        self.entities = _by_id(doc["entities"])
        self.attributions = _by_id(doc["attributions"])
        self.events = _by_id(doc["events"])
        self.places = _by_id(doc["places"])
        self.propositions = _by_id(doc["propositions"])
        self.stories = _by_id(doc["stories"])
        self.claims_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.claims_by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.relayed_by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for a in doc["attributions"]:
            self.claims_by_article[a["article"]].append(a)
            if (a.get("source") or {}).get("entity"):
                self.claims_by_entity[a["source"]["entity"]].append(a)
            if a.get("via"):
                self.relayed_by_entity[a["via"]].append(a)
        self.notes_by_attribution: dict[str, list[str]] = defaultdict(list)
        for article in doc["articles"]:
            for note in article.get("verification_notes") or []:
                for attribution_id in note.get("applies_to") or []:
                    if note["kind"] not in self.notes_by_attribution[attribution_id]:
                        self.notes_by_attribution[attribution_id].append(note["kind"])
        self.stances_by_entity: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
        for prop in doc["propositions"]:
            for stance in prop["stances"]:
                if stance.get("entity"):
                    self.stances_by_entity[stance["entity"]].append((prop, stance))
        self.stories_of_proposition: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for story in doc["stories"]:
            for prop_id in story_propositions(self, story):
                self.stories_of_proposition[prop_id].append(story)
        sides = {e.get("side") for e in doc["entities"]} | {p.get("actor_side") for p in doc["propositions"]}
        sides |= {s.get("side") for p in doc["propositions"] for s in p["stances"]}
        named = sorted(s for s in sides if s)
        self.side_slots = {side: i % SIDE_SLOTS + 1 for i, side in enumerate(named)}

    def side(self, name: str | None) -> SideRef:
        if not name:
            return SideRef(None, NO_SIDE, 0)
        return SideRef(name, name, self.side_slots.get(name, 1))

    def article_ref(self, article_id: str) -> ArticleRef:
        a = self.articles.get(article_id) or {"id": article_id}
        return ArticleRef(article_id, a.get("title"), a.get("outlet"), date_value(a.get("published")), a.get("url"))

    def prop_ref(self, prop: dict[str, Any]) -> PropRef:
        return PropRef(prop["id"], prop["summary"], prop["status"], prop["type"], date_value(prop.get("date")))

    def place_ref(self, place_id: str | None) -> Ref | None:
        place = self.places.get(place_id or "")
        return Ref(place["id"], place["name"]) if place else None

    def entity_ref(self, entity_id: str | None) -> Ref | None:
        entity = self.entities.get(entity_id or "")
        return Ref(entity["id"], entity["name"]) if entity else None

    def claim(self, a: dict[str, Any]) -> Claim:
        source = a.get("source") or {}
        entity = self.entities.get(source.get("entity") or "")
        fragments = a.get("content_fragments") or [a["content"]]
        via = self.entity_ref(a.get("via")) or (Ref("", a["via_text"]) if a.get("via_text") else None)
        return Claim(
            attribution=a["id"], article=self.article_ref(a["article"]),
            speaker=entity["name"] if entity else source.get("text") or "unnamed source",
            entity=entity["id"] if entity else None, side=self.side(entity.get("side") if entity else None),
            quote=join_fragments(fragments, " … ", lambda f: unquote(f["text"])), cue=a["cue"]["text"], kind=a["kind"],
            channel=a.get("channel"), via=via, date=date_value(a.get("date")),
            verification=list(self.notes_by_attribution.get(a["id"], [])))


def story_propositions(index: Index, story: dict[str, Any]) -> list[str]:
    """The story's own list when the export has one, else every proposition with a stance from its articles."""
    if story.get("propositions") is not None:
        return [p for p in story["propositions"] if p in index.propositions]
    articles = set(story["articles"])
    return [p["id"] for p in index.doc["propositions"] if any(s.get("article") in articles for s in p["stances"])]


def stories(index: Index) -> list[StoryView]:
    return [StoryView(
        id=s["id"], label=s.get("label") or s["id"], start=s.get("start"), end=s.get("end"),
        articles=[index.article_ref(a) for a in s["articles"]],
        places=[r for r in (index.place_ref(p) for p in s.get("places") or []) if r],
        propositions=[index.prop_ref(index.propositions[p]) for p in story_propositions(index, s)],
    ) for s in index.doc["stories"]]


def unstoried_articles(index: Index) -> list[ArticleRef]:
    """Articles no story lists, so that the front page still reaches every article."""
    listed = {a for s in index.doc["stories"] for a in s["articles"]}
    return [index.article_ref(a["id"]) for a in index.doc["articles"] if a["id"] not in listed]


def _source(index: Index, stance: dict[str, Any]) -> Source:
    attribution = index.attributions.get(stance.get("attribution") or "")
    claim = index.claim(attribution) if attribution else None
    entity = index.entities.get(stance.get("entity") or "")
    speaker = claim.speaker if claim else entity["name"] if entity else "the outlet"
    article = stance.get("article") or (attribution or {}).get("article")
    return Source(
        stance=stance["stance"], speaker=speaker, entity=entity["id"] if entity else None, claim=claim,
        article=index.article_ref(article) if article else None,
        against_interest=bool(stance.get("against_interest")), evidence=stance.get("evidence"),
        note=stance.get("note"), rebuts=stance.get("rebuts"))


def board(index: Index, prop_id: str) -> Board | None:
    """A proposition's sources in one column per side: the sides it names first, "no side" last."""
    prop = index.propositions.get(prop_id)
    if prop is None:
        return None
    by_side: dict[str | None, dict[str, list[Source]]] = defaultdict(lambda: {s: [] for s in STANCES})
    for stance in prop["stances"]:
        if "side" in stance:
            side = stance["side"]
        else:
            side = (index.entities.get(stance.get("entity") or "") or {}).get("side")
        by_side[side].setdefault(stance["stance"], []).append(_source(index, stance))
    order = [*(prop.get("sides_supporting") or []), *(prop.get("sides_denying") or []),
             *sorted(s for s in by_side if s)]
    ordered = list(dict.fromkeys(s for s in order if s in by_side))
    if None in by_side:
        ordered.append(None)
    columns = [SideColumn(index.side(side), [StanceGroup(st, sources) for st, sources in by_side[side].items()
                                             if sources]) for side in ordered]
    articles = dict.fromkeys(s.get("article") for s in prop["stances"] if s.get("article"))
    return Board(
        proposition=index.prop_ref(prop), place=index.place_ref(prop.get("place")),
        actor_side=index.side(prop["actor_side"]) if prop.get("actor_side") else None,
        sides_supporting=list(prop.get("sides_supporting") or []), sides_denying=list(prop.get("sides_denying") or []),
        columns=columns, articles=[index.article_ref(a) for a in articles if a],
        stories=[Ref(s["id"], s.get("label") or s["id"]) for s in index.stories_of_proposition.get(prop_id, [])])


def entity(index: Index, entity_id: str) -> EntityView | None:
    e = index.entities.get(entity_id)
    if e is None:
        return None
    return EntityView(
        id=e["id"], name=e["name"], type=e["type"], title=e.get("title"), side=index.side(e.get("side")),
        aliases=list(e.get("aliases") or []), affiliation=index.entity_ref(e.get("affiliation")),
        claims=[index.claim(a) for a in index.claims_by_entity.get(entity_id, [])],
        relayed=[index.claim(a) for a in index.relayed_by_entity.get(entity_id, [])],
        stances=[EntityStance(index.prop_ref(p), s["stance"], bool(s.get("against_interest")), s.get("attribution"))
                 for p, s in index.stances_by_entity.get(entity_id, [])])


def search(index: Index, q: str, limit: int = MAX_HITS) -> SearchView:
    """Case-insensitive substring search over claims (content, speaker), entities, places and propositions.

    At most ``limit`` hits in all; ``truncated`` says some were left off.
    """
    needle = q.strip()[:MAX_QUERY].casefold()
    view = SearchView(q=q.strip()[:MAX_QUERY], claims=[], entities=[], places=[], propositions=[], truncated=False)
    if not needle:
        return view
    room = limit

    def take(hits: list[Any]) -> list[Any]:
        nonlocal room
        view.truncated = view.truncated or len(hits) > room
        kept, room = hits[:room], max(0, room - len(hits))
        return kept

    entity_hits = [e for e in index.doc["entities"]
                   if any(needle in name.casefold() for name in [e["name"], *(e.get("aliases") or [])])]
    view.entities = take([EntityHit(e["id"], e["name"], e["type"], index.side(e.get("side")),
                                    list(e.get("aliases") or [])) for e in entity_hits])
    claims = [index.claim(a) for a in index.doc["attributions"]]
    view.claims = take([c for c in claims if needle in c.quote.casefold() or needle in c.speaker.casefold()])
    view.propositions = take([index.prop_ref(p) for p in index.doc["propositions"]
                              if needle in p["summary"].casefold()])
    places = {p["id"]: p for p in index.doc["places"] if needle in p["name"].casefold()}
    places |= {p["id"]: p for p in find_places(index.doc, q.strip()[:MAX_QUERY])}
    view.places = take([Ref(p["id"], p["name"]) for p in places.values()])
    return view
