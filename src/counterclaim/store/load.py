"""Reading the whole store back as one counterclaim/1 document.

Order is fixed here, not by SQL: articles, entities and other records by id, attributions in
text order, events by article then id, notes and mentions by offset. Sorting in Python keeps the order identical on
SQLite and PostgreSQL, whose string collations differ.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterclaim import SCHEMA_ID
from counterclaim.export.document import DEFAULT_GENERATOR, attribution_order, mention_order, note_order
from counterclaim.store.models import (
    ArticleRow,
    AttributionRow,
    EntityMentionRow,
    EntityRow,
    EventRow,
    PlaceRow,
    PropositionRow,
    StanceRow,
    StoryArticleRow,
    StoryRow,
    VerificationNoteRow,
)
from counterclaim.store.rows import (
    Record,
    article_record,
    attribution_record,
    entity_record,
    event_record,
    note_record,
    place_record,
    proposition_record,
    stance_record,
    story_record,
)


def _by_id(rows: Any) -> list[Any]:
    return sorted(rows, key=lambda row: row.id)


def read_document(session: Session) -> dict[str, Any]:
    notes: defaultdict[str, list[Record]] = defaultdict(list)
    for note in session.scalars(select(VerificationNoteRow)):
        notes[note.article].append(note_record(note))
    mentions: defaultdict[str, list[Record]] = defaultdict(list)
    for m in session.scalars(select(EntityMentionRow)):
        mentions[m.entity].append({"article": m.article, "start": m.start, "end": m.end})
    stances: defaultdict[str, list[Record]] = defaultdict(list)
    for stance in session.scalars(select(StanceRow).order_by(StanceRow.id)):
        stances[stance.proposition].append(stance_record(stance))
    members: defaultdict[str, list[str]] = defaultdict(list)
    for member in session.scalars(select(StoryArticleRow).order_by(StoryArticleRow.position)):
        members[member.story].append(member.article)

    return {
        "schema": SCHEMA_ID,
        # The store merges many runs, so no single run's generator describes it.
        "generator": copy.deepcopy(DEFAULT_GENERATOR),
        "articles": [
            article_record(row, sorted(notes[row.id], key=note_order))
            for row in _by_id(session.scalars(select(ArticleRow)))
        ],
        "entities": [
            entity_record(row, sorted(mentions[row.id], key=mention_order))
            for row in _by_id(session.scalars(select(EntityRow)))
        ],
        "attributions": sorted(
            (attribution_record(row) for row in session.scalars(select(AttributionRow))), key=attribution_order
        ),
        # by article, as reconcile keeps them (``packing.PackedRecords``)
        "events": [event_record(row) for row in sorted(session.scalars(select(EventRow)),
                                                       key=lambda row: (row.article, row.id))],
        "places": [place_record(row) for row in _by_id(session.scalars(select(PlaceRow)))],
        "propositions": [
            proposition_record(row, stances[row.id]) for row in _by_id(session.scalars(select(PropositionRow)))
        ],
        "stories": [story_record(row, members[row.id]) for row in _by_id(session.scalars(select(StoryRow)))],
    }
