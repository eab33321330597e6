"""Stories: articles about the same developing event, across outlets and days.

Two articles belong together when they carry claims about the same proposition (same kind of event, same side,
same place) published within a few days of each other, or when they share their focus place and a kind of
event within a shorter window. Reports of different events at the same front (an air strike near one town, a
battle for another) share neither, so they stay apart. Candidate pairs come from the propositions and the
focus places (blocking), never from all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

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


def _close_pairs(articles: Iterable[str], published: dict[str, date | None], days: int) -> Iterator[tuple[str, str]]:
    """Each pair of ``articles`` published at most ``days`` apart (or undated), as (smaller id, larger id):
    a sweep over the articles in date order, so a proposition or place reported all year long costs
    O(articles x articles within the window), not O(articles squared)."""
    dated = sorted((d, a) for a in articles if (d := published[a]) is not None)
    undated = sorted(a for a in articles if published[a] is None)
    for i, (day, a) in enumerate(dated):
        for later, b in dated[i + 1:]:
            if (later - day).days > days:
                break
            yield min(a, b), max(a, b)
    for i, a in enumerate(undated):
        for b in [*undated[i + 1:], *(b for _, b in dated)]:
            yield min(a, b), max(a, b)


def group_stories(published: dict[str, date | None], propositions: list[dict], places: PlaceBook) -> list[dict]:
    """Union-find over the candidate pairs; the partition, hence every story, does not depend on pair order.
    ``published``: each article's publication date, in corpus order."""
    ids = list(published)
    union = _Union(ids)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for prop in propositions:
        articles = {s["article"] for s in prop["stances"] if s["stance"] in ("supports", "denies")}
        for pair in _close_pairs(articles, published, LINK_DAYS):
            shared[pair] += 1
    for (a, b), count in shared.items():
        # one shared claim links two articles about the same place; reports centred elsewhere need two
        same_focus = places.focus.get(a) is not None and places.focus.get(a) == places.focus.get(b)
        if count >= 2 or same_focus:
            union.join(a, b)
    families: dict[str, set[str]] = defaultdict(set)
    props_of: dict[str, list[int]] = defaultdict(list)  # article -> propositions it takes a stance on
    for n, prop in enumerate(propositions):
        for stance in prop["stances"]:
            families[stance["article"]].add(prop["family"])
            props_of[stance["article"]].append(n)
    by_focus: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        if aid in places.focus:
            by_focus[places.focus[aid]].append(aid)
    for members in by_focus.values():
        for a, b in _close_pairs(members, published, FOCUS_DAYS):
            if families[a] & families[b]:
                union.join(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        groups[union.find(aid)].append(aid)
    stories = []
    for members in sorted(groups.values(), key=lambda m: (min(published[a] or date.min for a in m), m[0])):
        dates = sorted(d for d in (published[a] for a in members) if d)
        props = [propositions[n] for n in sorted({n for a in members for n in props_of[a]})]
        main = max(props, key=lambda p: (len(p["stances"]), p["id"]), default=None)
        focus = [places.focus[a] for a in members if a in places.focus]
        story_places = sorted(set(focus) | {p["place"] for p in props if p["place"]})
        label = main["summary"] if main else (places.places[focus[0]]["name"] if focus else None)
        stories.append({"id": f"story:{members[0]}", "label": label, "articles": members, "places": story_places,
                        "start": dates[0].isoformat() if dates else None,
                        "end": dates[-1].isoformat() if dates else None,
                        "propositions": sorted(p["id"] for p in props)})
    return stories
