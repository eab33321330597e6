"""A counterclaim/1 document whose per-article sections come one article at a time.

Why: a large run cannot afford the whole document in memory beside its corpus. The articles and attributions
sections (most of a document: the article texts and every quote) are kept as one compressed JSON record per
article and decoded only while a consumer (validation, the JSON writer, the store) walks them; the corpus-wide
sections (entities, places, propositions, stories) stay plain lists, and the events stay as reconcile keeps them
(``packing.PackedRecords``, one compressed block per article). ``materialize`` gives the ordinary dict, so small
callers and tests see one shape.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]
PER_ARTICLE = ("articles", "attributions")  # the sections kept per article; the others are corpus-wide
WALKED = (*PER_ARTICLE, "events")  # the sections consumers walk a group at a time, never whole
SECTIONS = ("articles", "entities", "attributions", "events", "places", "propositions", "stories")


@dataclass(frozen=True, slots=True)
class Chunk:
    """One article's record and its attributions (text order)."""

    article: Record
    attributions: list[Record]


@dataclass
class DocumentStream:
    head: Record  # schema and generator
    entities: list[Record] = field(default_factory=list)
    events: Sequence[Record] = field(default_factory=list)
    places: list[Record] = field(default_factory=list)
    propositions: list[Record] = field(default_factory=list)
    stories: list[Record] = field(default_factory=list)
    _packed: list[bytes] = field(default_factory=list)  # one compressed Chunk per article, in document order
    attribution_count: int = 0
    note_count: int = 0

    def add(self, article: Record, attributions: list[Record]) -> None:
        # level 1: a quarter of the JSON's size at a fraction of the default level's time
        self._packed.append(zlib.compress(json.dumps([article, attributions], ensure_ascii=False).encode(), 1))
        self.attribution_count += len(attributions)
        self.note_count += len(article.get("verification_notes") or ())

    def chunk(self, k: int) -> Chunk:
        article, attributions = json.loads(zlib.decompress(self._packed[k]))
        return Chunk(article, attributions)

    def chunks(self) -> Iterator[Chunk]:
        """The articles in document order, each decoded afresh: callers may change what they get."""
        for k in range(len(self._packed)):
            yield self.chunk(k)

    def __len__(self) -> int:
        return len(self._packed)

    def section(self, name: str) -> Iterator[Record]:
        if name == "articles":
            return (c.article for c in self.chunks())
        if name == "attributions":
            return (a for c in self.chunks() for a in c.attributions)
        return iter(getattr(self, name))

    def materialize(self) -> Record:
        """The whole document as one dict (as ``to_document`` gives)."""
        return {**self.head, **{name: list(self.section(name)) for name in SECTIONS}}


Document = Record | DocumentStream
Group = tuple[list[Record], list[Record]]  # some articles, and attributions whose articles are among them


def corpus_wide(doc: Document) -> Record:
    """The document with the sections it is walked for (``WALKED``) left empty."""
    if isinstance(doc, DocumentStream):
        return {**doc.head, **{name: [] if name in WALKED else getattr(doc, name) for name in SECTIONS}}
    return {**doc, **{name: [] for name in WALKED}}


GROUP_SIZE = 256  # articles decoded at once from a stream: a few MB, and few round trips for the store
EVENT_GROUP_SIZE = 2048  # events, a handful per article


def article_at(doc: Document, k: int) -> Record:
    """The k-th article's record."""
    return doc.chunk(k).article if isinstance(doc, DocumentStream) else doc["articles"][k]


def event_groups(doc: Document) -> Iterator[list[Record]]:
    """The events section in document order, up to ``EVENT_GROUP_SIZE`` at a time."""
    group: list[Record] = []
    for event in doc.events if isinstance(doc, DocumentStream) else doc["events"]:
        group.append(event)
        if len(group) == EVENT_GROUP_SIZE:
            yield group
            group = []
    if group:
        yield group


def groups(doc: Document) -> Iterator[Group]:
    """The per-article sections, a group at a time: up to ``GROUP_SIZE`` articles for a stream, the whole of them
    for a dict (where an attribution may name any article of the document)."""
    if not isinstance(doc, DocumentStream):
        yield doc["articles"], doc["attributions"]
        return
    articles: list[Record] = []
    attributions: list[Record] = []
    for chunk in doc.chunks():
        articles.append(chunk.article)
        attributions += chunk.attributions
        if len(articles) == GROUP_SIZE:
            yield articles, attributions
            articles, attributions = [], []
    if articles:
        yield articles, attributions
