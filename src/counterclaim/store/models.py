"""Tables of the store: one per counterclaim/1 section, linked by foreign keys.

Types are the portable core ones so the same models serve SQLite and PostgreSQL. JSON stays ``json``
on PostgreSQL, not ``jsonb``: jsonb reorders object keys (and refuses NUL characters), so documents loaded
from the two backends would serialise differently; the store never queries inside these columns.
Table and column names are plain snake_case for browsing in datasette.
Offsets follow the export: [start, end) code-point indices into ``articles.text``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonValue = JSON()


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JsonValue, list[Any]: JsonValue, list[str]: JsonValue}


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String)
    published: Mapped[str | None] = mapped_column(String)  # ISO text: precision may be coarser than a day
    published_precision: Mapped[str] = mapped_column(String)
    language: Mapped[str | None] = mapped_column(String)
    text_sha256: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String)
    side: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)
    aliases: Mapped[list[str]]


class EntityMentionRow(Base):
    __tablename__ = "entity_mentions"
    __table_args__ = (UniqueConstraint("entity", "article", "start", "end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class AttributionRow(Base):
    __tablename__ = "attributions"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    source_text: Mapped[str | None] = mapped_column(Text)
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    source_entity: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)
    cue_text: Mapped[str] = mapped_column(Text)
    cue_start: Mapped[int] = mapped_column(Integer)
    cue_end: Mapped[int] = mapped_column(Integer)
    content_text: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    content_fragments: Mapped[list[Any]]
    kind: Mapped[str] = mapped_column(String)
    channel: Mapped[str | None] = mapped_column(String)
    via: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)
    via_text: Mapped[str | None] = mapped_column(Text)
    date_value: Mapped[str | None] = mapped_column(String)
    date_precision: Mapped[str] = mapped_column(String)
    date_text: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[int | None] = mapped_column(Integer)
    date_end: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float | None] = mapped_column(Float)


class VerificationNoteRow(Base):
    __tablename__ = "verification_notes"
    __table_args__ = (UniqueConstraint("article", "start", "end", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    kind: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    applies_to: Mapped[list[str]]


class EventRow(Base):
    """Required scalars as columns; everything else of the event (span, date, ...) in ``data``."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    type: Mapped[str] = mapped_column(String)
    data: Mapped[dict[str, Any]]


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    data: Mapped[dict[str, Any]]


class PropositionRow(Base):
    """Stances live in their own table so that they can point at entities and attributions."""

    __tablename__ = "propositions"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    summary: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)
    data: Mapped[dict[str, Any]]


class StanceRow(Base):
    __tablename__ = "stances"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)  # keeps list order
    proposition: Mapped[str] = mapped_column(ForeignKey("propositions.id"), index=True)
    entity: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)
    attribution: Mapped[str | None] = mapped_column(ForeignKey("attributions.id"), index=True)
    article: Mapped[str | None] = mapped_column(ForeignKey("articles.id"), index=True)
    stance: Mapped[str] = mapped_column(String)
    against_interest: Mapped[bool | None] = mapped_column(Boolean)
    evidence: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]]  # fields beyond the schema's (side, rebuts, note)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[dict[str, Any]]


class StoryArticleRow(Base):
    __tablename__ = "story_articles"

    story: Mapped[str] = mapped_column(ForeignKey("stories.id"), primary_key=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)  # order of the article in the story's list


class CheckpointBase(DeclarativeBase):
    """Tables that are not part of the counterclaim/1 document (kept out of ``Base``: counts, saves, loads)."""


class AnalysisRow(CheckpointBase):
    """A checkpoint, not part of counterclaim/1: one article's extraction result as JSON (``store.codec``).

    Written batch by batch while ``analyze`` runs, before the document is saved, so an interrupted run loses at
    most the batches in flight and a rerun reloads these instead of parsing again. ``fingerprint`` covers the
    input article and the extractor; a different one means the analysis is stale. No foreign key: the article
    row only arrives with the document at the end of the run.
    """

    __tablename__ = "analyses"

    article: Mapped[str] = mapped_column(String, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String)
    data: Mapped[str] = mapped_column(Text)


class FailureRow(CheckpointBase):
    """A file or record that failed in the latest run that read it, not part of counterclaim/1.

    Keyed by where it was read (path, or path:line for a JSONL record), since a record that fails may have no
    usable id. A later run that reads the same place and gets an article out of it deletes the row.
    """

    __tablename__ = "failures"

    location: Mapped[str] = mapped_column(Text, primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)  # runs in a row that failed on it
    first_failed: Mapped[str] = mapped_column(String)  # ISO timestamps, UTC
    last_failed: Mapped[str] = mapped_column(String)
