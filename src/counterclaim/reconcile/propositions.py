"""Merge claims about the same event across sources into propositions, with each source's stance.

Every event is read as a claim about who gains what where: "X advanced" and "Y withdrew" (Y being X's opponent)
both say X gained ground; "the attack was repelled", "our positions have not moved" and "the battles continued"
say the other side did not. A proposition is one (family, side that gains, place) within a time window. A source
that calls another's claim false ("baseless", "does not correspond to reality") takes the opposite stance on
everything that claim said.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from datetime import date, timedelta

from ..extract.countries import country_of
from ..extract.event_lexicon import ACCUSING, DENIAL_PATTERN, DENYING_CUES
from ..model import ArticleAnalysis, Attribution, Event

DENIAL = re.compile(DENIAL_PATTERN, re.I)
TERRITORY = {"advance", "capture", "counterattack", "withdrawal", "defeat", "encirclement", "other"}
FAMILY = {**{t: "territory" for t in TERRITORY}, "attack": "strike", "shelling": "strike",
          "casualties": "casualties"}
WINDOW_DAYS = 21  # claims about one place further apart than this are about different fighting


@dataclass(frozen=True, slots=True)
class EventRef:
    """What a proposition keeps of an event: not its spans and parties, which stay with the article's records."""

    id: str
    article: str
    type: str
    place_relation: str | None
    evidence: str | None
    undetermined_by: frozenset[str]  # claims that say they cannot tell whether it happened

    @classmethod
    def of(cls, event: Event) -> EventRef:
        return cls(event.id, event.article, event.type, event.place_relation, event.evidence,
                   frozenset(event.undetermined_by))


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """What a stance keeps of an attribution."""

    id: str
    article: str
    speaker: str | None
    accuses: bool = False  # "accused X of ramming the boat, injuring four sailors": a grievance, not an admission

    @classmethod
    def of(cls, attribution: Attribution) -> ClaimRef:
        return cls(attribution.id, attribution.article, attribution.speaker,
                   attribution.cue_lemma in ACCUSING)


@dataclass(slots=True)
class Reading:
    event: EventRef
    family: str
    gainer: str | None  # the side the claim says gained (or struck, or lost men)
    polarity: int  # +1 says it happened, -1 says it did not, 0 only predicts it or cannot tell
    day: date | None
    place: str | None
    place_inferred: bool
    attribution: ClaimRef | None
    opposes: bool = False  # says the claimant's opponent did not gain ("we still hold the town"; see ``opposes``)
    own_of_no_side: bool = False  # "our men took the town", said by a speaker of no known side
    joins: bool = True  # a claim naming no side may join the one sided proposition of its kind there (not so
    # casualties whose victims it names: "32 civilians were killed" is no side's loss of men)
    victims: frozenset[str] = frozenset()  # those named of no side ("civilians", "peacekeepers"), singular


class DayIndex:
    """The days of one group's readings, sorted, so that "does any reading fall within WINDOW_DAYS of this
    day?" costs a bisection, not a scan of a group that grows with the corpus."""

    def __init__(self, readings: list[Reading]) -> None:
        self.count = len(readings)
        self.undated = sum(r.day is None for r in readings)
        self.days = sorted(r.day for r in readings if r.day is not None)

    def add(self, day: date | None) -> None:
        self.count += 1
        if day is None:
            self.undated += 1
        else:
            insort(self.days, day)

    def near(self, day: date | None) -> bool:
        """Same as any(p.day is None or day is None or |p.day - day| <= WINDOW_DAYS for p in the readings)."""
        if not self.count:
            return False
        if day is None or self.undated:
            return True
        i = bisect_left(self.days, day - timedelta(days=WINDOW_DAYS))
        return i < len(self.days) and self.days[i] <= day + timedelta(days=WINDOW_DAYS)


# triggers whose object (or, for "died", subject) lost men
KILLING = ("kill", "wound", "injur", "hurt", "neutrali", "elimina", "liquidat", "die", "dying", "perish")


def opposes(event: Event) -> bool:
    """A claim read as the claimant's opponent not gaining: a hold, fighting that goes on, an attack repelled, the
    attackers routed (a defeat that names only who was defeated)."""
    return event.subtype in ("holding", "fighting") or event.type == "defeat" and (
        event.trigger.text.lower().startswith(("repel", "repuls")) or event.actor is None and event.target is not None)


def read_event(event: Event, actor: str | None, target: str | None, other, claimant: str | None,
               holds_own_gain: bool = False, rival: str | None = None) -> tuple[str | None, str | None, int] | None:
    """(family, gainer, polarity) for one event, or None when it makes no claim a proposition can hold.
    ``holds_own_gain``: the article reports a gain of the actor's at the place of this event; ``rival``: the one
    other side it reports gaining there."""
    family = FAMILY.get(event.type)
    if family is None or (event.type == "other" and event.subtype not in ("holding", "fighting")):
        return None
    polarity = {"asserted": 1, "hedged": 1, "denied": -1, "predicted": 0}[event.modality]
    trigger = event.trigger.text.lower()
    if event.type == "withdrawal":
        return family, other(actor), polarity
    if opposes(event) and event.type == "defeat":
        return family, target or other(actor), -polarity  # repelling B's attack says B did not gain
    if event.subtype == "holding":
        opponent = other(actor or claimant) or rival  # of three sides, the one that claims the place
        if actor and (holds_own_gain or opponent is None and not country_of(actor)):
            # "we now hold every base", after the speaker's capture of the town, backs that capture; "X is under
            # our control", said for one of several armed parties (rebels, their backer, the state), denies no
            # one enemy a gain: the group claims the place
            return family, actor, polarity
        return family, opponent, -polarity
    if event.subtype == "fighting":
        return family, other(claimant), -polarity
    if event.type == "casualties" and (trigger.startswith(KILLING) or event.actor is None and target):
        # "killing 40 soldiers", "heavy losses inflicted on the enemy": whoever the victims are lost men
        if target is None and event.target is not None and event.target.kind == "group" and claimant:
            return family, other(claimant), polarity  # "dozens of militants killed", in a state's words: its foe's
        return family, target, polarity  # "killing 40 Armenian soldiers": the side that lost men is the victims'
    if actor is None and target is not None and (event.type == "capture" or event.type in ("attack", "shelling")
                                                 and target == claimant):
        # "the garrison has fallen": its enemy took it; "denied that its posts had been destroyed": struck them
        return family, other(target), polarity
    return family, actor, polarity


REBUTTED = {"casualties": re.compile(r"\b(?:toll|tolls|casualt\w+|dead|deaths?|killed|losses|figures?)\b", re.I),
            "territory": re.compile(r"\b(?:capture\w*|control|advance\w*|taken|fallen|fall|withdr\w+|retreat\w*)\b",
                                    re.I),
            "strike": re.compile(r"\b(?:strikes?|struck|attacks?|attacked|shell\w*|bomb\w*|drones?|missiles?|"
                                 r"rockets?|jets?|aircraft)\b", re.I)}  # "denied sending any drones"


def rebutted_families(attribution: Attribution) -> frozenset[str]:
    """The families a rebuttal's words name ("disputed the death toll": casualties); none named, all of them."""
    return frozenset(f for f, words in REBUTTED.items() if words.search(attribution.content.text))


# What a denial answers: a claim, named or pointed at ("rejected that account", "denied any involvement"); "the two
# countries have disputed ownership of the temples" and "denied any links to the militia" answer none
ANSWERED = re.compile(r"\b(?:claims?|reports?|accounts?|allegations?|accusations?|charges?|assertions?|versions?|"
                      r"statements?|stories|story|suggestions?|it|this|that|these|those|them|involvement|"
                      r"responsibility|role|damage|losses|casualties|toll)\b", re.I)


# "denied [that] the ship had links to X": a complementiser, not the pointer of "rejected that (account)"
COMPLEMENTISER = re.compile(r"^\s*that\s+(?=\S+\s+\S)", re.I)


def is_rebuttal(attribution: Attribution, has_claims: bool) -> bool:
    if has_claims:
        return False
    content = attribution.content.text
    return bool(DENIAL.search(content)) or attribution.cue_lemma in DENYING_CUES and bool(
        ANSWERED.search(COMPLEMENTISER.sub("", content)) or rebutted_families(attribution))


def rebutted(attribution: Attribution, analysis: ArticleAnalysis, claims: dict[str, list[Reading]],
             side_of, name_of) -> Attribution | None:
    """The claim a rebuttal answers: one whose speaker it names, else the nearest earlier claim by someone on
    another side; of those about what the rebuttal names (a toll, a capture), where it names one."""
    earlier = [a for a in analysis.attributions if a.cue.start < attribution.cue.start and claims.get(a.id)
               and a.speaker != attribution.speaker]
    families = rebutted_families(attribution)  # "disputed the death toll": a claim about casualties
    earlier = [a for a in earlier if any(r.family in families for r in claims[a.id])] or earlier
    content = attribution.content.text
    mine = side_of(attribution.speaker)
    for candidate in reversed(earlier):
        words = (name_of(candidate.speaker) or "").split()
        surname = words[-1] if words else ""
        if len(surname) > 3 and surname[0].isupper() and re.search(rf"\b{re.escape(surname)}\b", content) and (
                mine is None or side_of(candidate.speaker) != mine):  # "denied that any Indian aircraft..." names
            return candidate  # no Indian speaker: "India" is not a word of it, and India's own claim is not rebutted
    for candidate in reversed(earlier):
        if mine is None or side_of(candidate.speaker) != mine:
            return candidate
    return None


def status(stances: list[dict]) -> str:
    supports = [s for s in stances if s["stance"] == "supports"]
    denies = [s for s in stances if s["stance"] == "denies"]
    sides = {s.get("side") for s in supports if s.get("side")}
    if supports and (len(sides) >= 2 or any(s.get("against_interest") or s.get("evidence") for s in supports)):
        return "corroborated"
    if supports and denies:
        return "contested"
    if denies:
        return "denied"
    if any(s["stance"] == "unverified" for s in stances):
        return "unverified"
    return "single_source"


VERBS = {"capture": "captured", "advance": "gained ground", "counterattack": "counterattacked",
         "encirclement": "encircled", "attack": "attacked", "shelling": "shelled", "casualties": "lost men",
         "withdrawal": "gained ground", "defeat": "gained ground", "other": "gained ground"}


def summary(kind: str, gainer: str | None, place: str | None, relation: str, when: str | None) -> str:
    if kind == "casualties" and gainer is None:  # "killed at least 90 people": no side's forces lost them
        where = f" {relation} {place}" if place else ""
        return f"People killed or wounded{where}" + (f" ({when})" if when else "")
    if gainer is None:
        who = "Forces of an unnamed side"
    else:  # "Rapid Support Forces", not "Rapid Support Forces forces"
        who = gainer if gainer.split()[-1].lower() in ("forces", "army", "military") else f"{gainer} forces"
    where = f" {relation} {place}" if place else ""
    if kind == "capture" and place:
        where = f" {place}"
    return f"{who} {VERBS.get(kind, kind)}{where}" + (f" ({when})" if when else "")
