"""Stories: articles about the same developing event, across outlets and days.

Two articles belong together when they carry claims about the same proposition (same kind of event, same side,
same place) published within a few days of each other, or when they share their focus place and a kind of
event within a shorter window. Reports of different events at the same front (an air strike near one town, a
battle for another) share neither, so they stay apart. Candidate pairs come from the propositions and the
focus places (blocking), never from all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..model import ArticleAnalysis
from .places import PlaceBook

LINK_DAYS = 10  # articles on one proposition further apart than this start a new story
FOCUS_DAYS = 3


class _Union:
    def __init__(self, items: list[str]):
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _close(a: date | None, b: date | None, days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= days


def group_stories(analyses: list[ArticleAnalysis], propositions: list[dict], places: PlaceBook) -> list[dict]:
    ids = [a.article.id for a in analyses]
    published = {a.article.id: a.article.published for a in analyses}
    union = _Union(ids)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for prop in propositions:
        articles = sorted({s["article"] for s in prop["stances"] if s["stance"] in ("supports", "denies")})
        for i, a in enumerate(articles):
            for b in articles[i + 1:]:
                shared[(a, b)] += 1
    for (a, b), count in shared.items():
        # one shared claim links two articles about the same place; reports centred elsewhere need two
        same_focus = places.focus.get(a) is not None and places.focus.get(a) == places.focus.get(b)
        if _close(published[a], published[b], LINK_DAYS) and (count >= 2 or same_focus):
            union.join(a, b)
    families: dict[str, set[str]] = defaultdict(set)
    for prop in propositions:
        for stance in prop["stances"]:
            families[stance["article"]].add(prop["family"])
    by_focus: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        if aid in places.focus:
            by_focus[places.focus[aid]].append(aid)
    for members in by_focus.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if _close(published[a], published[b], FOCUS_DAYS) and families[a] & families[b]:
                    union.join(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        groups[union.find(aid)].append(aid)
    stories = []
    for members in sorted(groups.values(), key=lambda m: (min(published[a] or date.min for a in m), m[0])):
        dates = sorted(d for d in (published[a] for a in members) if d)
        props = [p for p in propositions if {s["article"] for s in p["stances"]} & set(members)]
        main = max(props, key=lambda p: (len(p["stances"]), p["id"]), default=None)
        focus = [places.focus[a] for a in members if a in places.focus]
        story_places = sorted(set(focus) | {p["place"] for p in props if p["place"]})
        label = main["summary"] if main else (places.places[focus[0]]["name"] if focus else None)
        stories.append({"id": f"story:{members[0]}", "label": label, "articles": members, "places": story_places,
                        "start": dates[0].isoformat() if dates else None,
                        "end": dates[-1].isoformat() if dates else None,
                        "propositions": sorted(p["id"] for p in props)})
    return stories
