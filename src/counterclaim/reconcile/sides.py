"""Which side an event's actor is on, from how the text words it and who is speaking.

"Ukrainian forces" name their side; "our forces" are the claimant's; "the enemy" is the claimant's opponent;
"the army" is the one state army the article reports fighting; "the militia" is the one armed group. The
opponent of a side is the other party among the sides the article's speakers and forces give, when there are
exactly two.
"""

from __future__ import annotations

from collections import Counter

from ..extract.countries import ANCHORABLE, country_of, country_of_code, fold
from ..extract.event_lexicon import STATE_WORDS
from ..extract.mentions import unnamed_opposition
from ..model import ArticleAnalysis, Corpus, Entity, Party
from ..resolve import parties, slug


class SideBook:
    def __init__(self, corpus: Corpus):
        self.entities: dict[str, Entity] = {e.id: e for e in corpus.entities}
        self.speakers = dict(self.entities)  # resolve's entities: those an attribution can name
        self.parties = corpus.parties or parties(corpus.analyses)
        expand = self.parties.expand
        self.by_name: dict[str, str] = {}
        for entity in corpus.entities:
            if entity.side and entity.type in ("armed_group", "military", "military_unit", "government", "country"):
                for name in [entity.name, *entity.aliases]:
                    self.by_name[fold(name).removeprefix("the ")] = entity.side
        for short, long in expand.items():
            if fold(long) in self.by_name:
                self.by_name[fold(short)] = self.by_name[fold(long)]
        self.known = Counter(e.side for e in corpus.entities if e.side)
        self._for_side: dict[str, Entity] = {}
        # align and named are asked for every speaker and event, and their answers only depend on the lists
        # above, which are fixed from here on: one computation per distinct name
        self._aligned: dict[str, str] = {}
        self._by_core: dict[tuple[str, ...], list[str]] = {}  # last folded word -> known sides ending with it
        for known in self.known:
            self._by_core.setdefault(tuple(fold(known).split()[-1:]), []).append(known)
        self._named: dict[str, str | None] = {}
        self.outlets: dict[str, Entity] = {}  # lower-cased outlet name -> its media entity (reconcile fills it)
        self.in_article: dict[str, set[str]] = {}  # article id -> the sides its speakers and forces give

    def enter(self, analysis: ArticleAnalysis) -> None:
        """Learn an article's sides; asked before any question about that article's events."""
        sides = {self.align(self.speakers[a.speaker].side) for a in analysis.attributions
                 if a.speaker in self.speakers and self.speakers[a.speaker].side}
        sides |= {s for s in (self.named(f) for f in analysis.forces) if s and (s in self.known or country_of(s))}
        self.in_article[analysis.article.id] = sides

    def side_of(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id or "")
        return entity.side if entity else None

    def name_of(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id or "")
        return entity.name if entity else None

    def named(self, name: str | None) -> str | None:
        if not name:
            return None
        if name not in self._named:
            self._named[name] = self._name_side(name)
        return self._named[name]

    def _name_side(self, name: str) -> str | None:
        country = country_of(name)
        if country:
            return self.align(country)
        key = fold(name).removeprefix("the ")
        if key in self.by_name:
            return self.by_name[key]
        party = self.parties.party(name)
        return self.align(party) if party else None

    def align(self, side: str | None) -> str | None:
        """Two parties one of whose names ends with the other ("Republic of the Congo" read from a bare "Congo",
        "Democratic Republic of the Congo") are one side in a corpus: the one more speakers stand for."""
        if not side:
            return side
        if side not in self._aligned:
            words = fold(side).split()
            # one name ends with the other: not merely the same last word ("Northern Shield Forces" is not the
            # "Rapid Support Forces")
            matches = [k for k in self._by_core.get(tuple(words[-1:]), [])
                       if (n := min(len(words), len(fold(k).split()))) and fold(k).split()[-n:] == words[-n:]
                       and not _a_compass_apart(words, fold(k).split())]
            self._aligned[side] = max(matches, key=lambda k: (self.known[k], k)) if matches else side
        return self._aligned[side]

    def other(self, side: str | None, article: str) -> str | None:
        if side is None:
            return None
        rest = self.in_article.get(article, set()) - {side}
        return next(iter(rest)) if len(rest) == 1 else None

    def side(self, party: Party | None, article: str, claimant: str | None) -> str | None:
        if party is None:
            return None
        if party.kind == "named":
            return self.named(party.name)
        if party.kind == "self":
            return claimant
        if party.kind == "enemy":
            return self.other(claimant, article)
        countries = {s for s in self.in_article.get(article, set()) if country_of(s)}
        if party.kind == "state":
            if claimant in countries:  # "units have liberated X", in a defence ministry's words: its own
                return claimant
            if claimant in self.in_article.get(article, set()) and not set(
                    party.span.text.lower().split()) & STATE_WORDS:
                return claimant  # "fighters had advanced", in an armed group's words: its own, not the state's
            home = self.parties.home.get(article)
            if home:
                return self.align(home)
            return next(iter(countries)) if len(countries) == 1 else None
        groups = self.in_article.get(article, set()) - countries
        return next(iter(groups)) if len(groups) == 1 else None

    def entity_for(self, side: str | None) -> Entity | None:
        """The entity standing for a side: its country, or the armed group of that name (made if missing)."""
        if side is None:
            return None
        if side not in self._for_side:  # one scan per side, not per event
            standing = [e for e in self.entities.values() if e.type in ("country", "armed_group")
                        and e.side == side and (e.type == "armed_group" or fold(e.name) == fold(side))]
            # the one so named, else one that names it ("Zemene militia"), not a description on its side
            # ("resistance forces" of the X Defence Force, "Ethiopian militia")
            found = next((e for e in standing if fold(e.name) == fold(side)), None) or next(
                (e for e in standing if not unnamed_opposition(e.name)), None)
            if found is None:
                # "Georgia", a country only where its article anchors the name, is still one here
                kind = "country" if country_of(side) or side in ANCHORABLE.values() else "armed_group"
                found = Entity(id=f"{kind}:{slug(side)}", name=side, type=kind, side=side)
                self.entities[found.id] = found
            self._for_side[side] = found
        return self._for_side[side]


# Offices that govern a place: "Bryansk governor X", "the mayor of Y", "the head of the Z regional administration"
LOCAL_OFFICES = frozenset({"governor", "mayor", "regional", "provincial", "oblast", "municipal"})
LOCAL_TYPES = ("person", "government", "official_group")


def side_local_officials(sides: SideBook, gazetteer) -> None:
    """An official of a town or region of no side gets the side of the country that place lies in, where that
    country is a side: "Bryansk governor Alexander Kolesnikov" speaks for Russia, "the mayor of Kherson" for
    Ukraine. The place is a capitalised word of the official's description the gazetteer knows as a city, town or
    region, not a word of the official's own name."""
    if gazetteer is None:
        return
    for entity in list(sides.entities.values()):
        if entity.side or entity.type not in LOCAL_TYPES:
            continue
        phrases = [entity.title or "", *entity.aliases]
        if not any(LOCAL_OFFICES & set(fold(p).split()) for p in phrases):
            continue
        own = set(entity.name.split()) if entity.type == "person" else set()
        words = {w.strip(",.'’s") for p in phrases for w in p.split()}
        for word in sorted(w for w in words if w[:1].isupper() and w not in own and not country_of(w)):
            match = gazetteer.locate(word)
            country = country_of_code(match.country_code) if match is not None and match.feature in (
                "city", "town", "region") else None
            side = sides.named(country) if country else None
            if side in sides.known:
                entity.side = side
                break


COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western"})


def _a_compass_apart(a: list[str], b: list[str]) -> bool:
    """"South Sudan" and "Sudan", "North Macedonia" and "Macedonia": a point of the compass makes another country."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and longer[0] in COMPASS_WORDS
