"""The dataclasses that flow between pipeline stages.

Offsets are always [start, end) code-point indices into ``Article.text`` (the normalised text).
Stages build these; only ``export`` and ``store`` turn them into dicts or rows.
"""

from __future__ import annotations

import sys
from collections.abc import MutableSequence, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, Literal, TypeVar

AttributionKind = Literal["direct", "indirect", "mixed"]
DatePrecision = Literal["day", "week", "month", "season", "year", "unknown"]
EntityType = Literal[
    "person", "government", "military", "armed_group", "military_unit",
    "media", "analyst", "official_group", "country", "other",
]
NoteKind = Literal["not_verified", "verified", "independent_evidence", "no_comment", "other"]
EventType = Literal["advance", "withdrawal", "capture", "counterattack", "attack", "defeat", "casualties",
                    "encirclement", "shelling", "replacement", "other"]
Modality = Literal["asserted", "denied", "predicted", "hedged"]
T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a slotted dataclass as its constructor call, ``cls(*fields)``.

    Why: a run keeps its analyses pickled (``packing``) and decodes each one several times (resolve, reconcile,
    export); the ``__setstate__`` that ``slots=True`` generates looks the fields up again for every object and
    made unpickling most of the corpus-wide stages' time. A constructor call is about twice as fast and smaller.
    Every field of these classes is an ``__init__`` argument, which this relies on.
    """
    names = cls.__match_args__  # type: ignore[attr-defined]  # the __init__ fields, in order
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
    cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[method-assign, assignment]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        # Interned: a run keeps every span until export, and the same names, cue words and clauses recur within an
        # article (an attribution's content is often its only fragment) and across the articles of a feed.
        return cls(start, end, sys.intern(text[start:end]))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateRef:
    """A resolved time: ISO value as far as precision allows, or None when unresolved."""

    value: str | None
    precision: DatePrecision = "unknown"
    text: str | None = None
    start: int | None = None
    end: int | None = None


@pickled_by_fields
@dataclass(slots=True)
class Article:
    id: str
    source: str  # input path, URL or record key as the user gave it
    text: str  # normalised text; all offsets point into it
    text_sha256: str
    published: date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None
    # where it was read (path, or path:line for a JSONL record): failures are recorded and cleared by it
    origin: str = ""


@pickled_by_fields
@dataclass(slots=True)
class Speaker:
    """An entity as seen inside one article (before cross-article resolution)."""

    key: str  # unique within the article, e.g. "e3"
    name: str  # best name seen in the article
    type: EntityType
    side: str | None = None
    title: str | None = None
    country: str | None = None  # country it belongs to, even when that country is not a party
    group: str | None = None  # organisation named in its description ("Atlas Group" in "Atlas Group chief")
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    descriptors: set[str] = field(default_factory=set)  # lower-cased modifier words ("atlas", "leader")


@pickled_by_fields
@dataclass(slots=True)
class Attribution:
    id: str
    article: str
    cue: Span
    content: Span
    kind: AttributionKind
    source: Span | None = None
    speaker: str | None = None  # Speaker.key within the article; global entity id after resolve
    content_fragments: list[Span] = field(default_factory=list)
    channel: str | None = None
    via: str | None = None  # Speaker.key of a relaying outlet; global entity id after resolve
    via_span: Span | None = None
    date: DateRef | None = None
    confidence: float = 0.8
    cue_lemma: str | None = None  # lemma of the cue verb ("deny" for "denied"); sets the modality of its content


@pickled_by_fields
@dataclass(slots=True)
class VerificationNote:
    kind: NoteKind
    span: Span
    applies_to: list[str] = field(default_factory=list)  # attribution ids


@pickled_by_fields
@dataclass(slots=True)
class Party:
    """Who an event's actor or target is, as the text words it, before sides are known.

    kind: "named" (a country or group named in the phrase: "Ukrainian forces", "RSF fighters"), "self" (the
    claimant's own side: "our forces", "we"), "enemy" (the claimant's opponent), "state" (an unnamed national army:
    "the army"), "group" (an unnamed armed group: "the militia", "the rebels"), "movement" (a group pointed at:
    "the group's fighters", which need not be an armed one by its words).
    """

    kind: Literal["named", "self", "enemy", "state", "group", "movement"]
    span: Span
    name: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Toponym:
    span: Span
    # the NER model called it a place (GPE/LOC/FAC), or the text did ("the town of X"); other candidates need the
    # gazetteer to agree
    tagged: bool


@pickled_by_fields
@dataclass(slots=True)
class Event:
    """Something said to have happened on the ground, in one article, by a claimant or in the outlet's voice."""

    id: str
    article: str
    type: EventType
    span: Span
    trigger: Span
    modality: Modality = "asserted"
    subtype: str | None = None  # "control", "holding", "fighting" for the kinds of claim the schema calls other
    actor: Party | None = None
    target: Party | None = None
    place: Span | None = None  # toponym as written; geocoded by ``reconcile``
    place_relation: str | None = None  # "in", "near", "north of", ...
    date: DateRef | None = None
    magnitude: object | None = None  # extract.magnitudes.Magnitude
    claimed_by: list[str] = field(default_factory=list)  # attribution ids; empty in the outlet's own voice
    evidence: str | None = None  # independent evidence the claim cites: "geolocated images"
    # claims whose speaker says it cannot tell whether this happened ("could not confirm that the rebels had
    # captured the town", "it was impossible to determine who controlled the base")
    undetermined_by: list[str] = field(default_factory=list)


@pickled_by_fields
@dataclass(slots=True)
class ArticleAnalysis:
    """Everything ``extract`` finds in one article."""

    article: Article
    attributions: list[Attribution] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    notes: list[VerificationNote] = field(default_factory=list)
    # country or armed group -> mentions of its forces ("Sudanese troops", "RSF fighters"): the warring parties
    forces: dict[str, int] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)  # candidate place names, confirmed by the gazetteer later


@pickled_by_fields
@dataclass(slots=True)
class EntityMention:
    article: str
    start: int
    end: int


@pickled_by_fields
@dataclass(slots=True)
class Entity:
    """One real-world speaker or actor, merged across articles."""

    id: str
    name: str
    type: EntityType
    side: str | None = None
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    mentions: list[EntityMention] = field(default_factory=list)


@dataclass
class Corpus:
    """The result of a run: analyses plus cross-article entities.

    Attributions inside ``analyses`` carry global entity ids once ``resolve`` has run. ``analyses`` is a list or
    a ``packing.PackedAnalyses``; ``events`` a list or a ``packing.PackedRecords``.
    """

    analyses: MutableSequence[ArticleAnalysis]
    entities: list[Entity]
    events: Sequence[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    propositions: list[dict] = field(default_factory=list)
    stories: list[dict] = field(default_factory=list)
    # resolve.Parties: the warring parties and the acronyms resolve found, which reconcile reuses
    parties: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class InputError:
    """A file or record that could not be read; the rest of the batch goes on."""

    where: str  # path, or path:line for a JSONL record
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
