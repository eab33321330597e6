"""Writing a counterclaim/1 document into the store, idempotently.

Rules, in the order the writes happen (parents before children, for the foreign keys):

* articles: an id already stored with the same ``text_sha256`` is skipped with everything
  that hangs off it (attributions, notes, events); with another hash its dependent rows are
  deleted and rewritten, because their offsets point into the old text;
* entities: new ids are inserted; known ids keep their columns (filling only empty ones),
  gain the aliases and mentions they lacked;
* places, propositions, stories: upserted by id; their child rows (stances, story
  articles) are rewritten only when they differ from what is stored.

Every statement goes through the ORM with bound parameters; article text is untrusted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from counterclaim.export import validate_document
from counterclaim.export.stream import Document, corpus_wide, event_groups, groups
from counterclaim.store.models import (
    ArticleRow,
    AttributionRow,
    Base,
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
    article_values,
    attribution_values,
    entity_values,
    event_values,
    note_values,
    place_values,
    proposition_values,
    stance_values,
    story_values,
)

TABLES: tuple[str, ...] = tuple(t.name for t in Base.metadata.sorted_tables)
IN_LIST = 500  # ids per IN (...) query: small enough for SQLite's cap on bound parameters
Mention = tuple[str, int, int]  # article, start, end


def in_chunks(items: list[str], size: int = IN_LIST) -> Iterator[list[str]]:
    """Slices small enough for an IN list on every backend."""
    return (items[i:i + size] for i in range(0, len(items), size))


@dataclass
class SaveStats:
    """What one ``save_document`` did: rows inserted per table, articles skipped or replaced."""

    inserted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    articles_skipped: int = 0
    articles_replaced: int = 0


class InvalidDocumentError(ValueError):
    """The document breaks the counterclaim/1 contract; nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("invalid counterclaim/1 document:\n" + "\n".join(errors[:20]))
        self.errors = errors


def check_document(doc: Document, validated: bool = False) -> None:
    """Validate before writing, so a bad document fails with a readable list, not an IntegrityError
    (``validated``: the caller already ran ``validate_document`` on it; only the store's own rules are checked)."""
    errors = [] if validated else validate_document(doc)
    if not errors:  # the store keeps the text; the schema leaves it optional
        articles = (a for group, _ in groups(doc) for a in group)
        errors = [f"/articles/{i}/text: the store needs the article text"
                  for i, a in enumerate(articles) if not isinstance(a.get("text"), str)]
    if errors:
        raise InvalidDocumentError(errors)


def document_nul_paths(doc: Document) -> list[str]:
    """``nul_paths`` of a whole document, a group of articles at a time."""
    found = nul_paths(corpus_wide(doc))
    shift = {"articles": 0, "attributions": 0}
    for group in groups(doc):
        for name, records in zip(("articles", "attributions"), group):
            found += [p for i, r in enumerate(records, shift[name]) for p in nul_paths(r, f"/{name}/{i}")]
            shift[name] += len(records)
    return found


def nul_paths(value: Any, path: str = "") -> list[str]:
    """JSON pointers of strings holding NUL, which PostgreSQL cannot store in text (SQLite can)."""
    if isinstance(value, str):
        return [path or "/"] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in nul_paths(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in nul_paths(v, f"{path}/{i}")]
    return []


class _Writer:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.stats = SaveStats()

    def _add(self, row: Base) -> None:
        self.session.add(row)
        self.stats.inserted[row.__tablename__] += 1

    def _insert_many(self, model: type[Base], rows: list[Record]) -> None:
        """One executemany for rows known to be new (the dependents of fresh articles): no lookup per row, and no
        ORM object kept per row, which for a large corpus was most of a save's time and memory."""
        if rows:
            self.session.execute(insert(model), rows)
            self.stats.inserted[model.__tablename__] += len(rows)

    def _stored(self, model: type[Base], ids: list[str]) -> dict[str, Any]:
        """The stored rows of ``model`` among ``ids``, a few hundred per query: a lookup per id was most of the
        time of re-saving a large document."""
        rows: dict[str, Any] = {}
        for chunk in in_chunks(ids):
            rows.update((r.id, r) for r in self.session.scalars(select(model).where(model.id.in_(chunk))))
        return rows

    def _upsert(self, model: type[Base], values: Record, row: Any) -> None:
        """Insert ``values``, or copy them onto ``row``, the stored row with that id."""
        if row is None:
            self._add(model(**values))
        else:
            for key, value in values.items():
                setattr(row, key, value)

    def _sync_children(
        self, model: type[Base], parent: InstrumentedAttribute[str], parent_id: str,
        order: InstrumentedAttribute[int], values: list[Record],
    ) -> None:
        """Make one parent's child rows equal ``values`` (in order); untouched when already equal."""
        current = self.session.scalars(select(model).where(parent == parent_id).order_by(order)).all()
        stored = [{key: getattr(row, key) for key in v} for row, v in zip(current, values)]
        if len(current) == len(values) and stored == values:
            return
        for row in current:
            self.session.delete(row)
        self.session.flush()
        for v in values:
            self._add(model(**v))

    def _delete_dependents(self, article_id: str) -> None:
        own_attributions = select(AttributionRow.id).where(AttributionRow.article == article_id)
        self.session.execute(
            delete(StanceRow).where(
                or_(StanceRow.article == article_id, StanceRow.attribution.in_(own_attributions))
            )
        )
        for model in (VerificationNoteRow, EntityMentionRow, EventRow, AttributionRow):
            self.session.execute(delete(model).where(model.article == article_id))

    def articles(self, articles: list[Record]) -> set[str]:
        """Write new and changed articles; return the ids whose dependents must be written."""
        fresh: set[str] = set()
        stored = self._stored(ArticleRow, [a["id"] for a in articles])
        for a in articles:
            row = stored.get(a["id"])
            if row is not None and row.text_sha256 == a["text_sha256"]:
                self.stats.articles_skipped += 1
                continue
            if row is not None:
                self._delete_dependents(a["id"])
                self.stats.articles_replaced += 1
            self._upsert(ArticleRow, article_values(a), row)
            fresh.add(a["id"])
        self.session.flush()
        return fresh

    def entities(self, entities: list[Record]) -> list[tuple[EntityRow, Record, set[Mention]]]:
        """Insert new entities and merge known ones; their mentions wait for ``mentions`` (their articles first)."""
        pending: list[tuple[EntityRow, Record, set[Mention]]] = []
        stored, known = self._stored_entities([e["id"] for e in entities])
        for e in entities:
            row = stored.get(e["id"])
            if row is None:
                row = EntityRow(**entity_values(e))
                self._add(row)
            else:
                row.aliases = list(dict.fromkeys([*row.aliases, *e.get("aliases", [])]))
                row.side = row.side if row.side is not None else e["side"]
                row.title = row.title if row.title is not None else e.get("title")
            pending.append((row, e, known[e["id"]]))
        self.session.flush()  # all entity rows exist before affiliations point at them
        for row, e, _ in pending:
            if row.affiliation is None:
                row.affiliation = e.get("affiliation")
        self.session.flush()
        return pending

    def _stored_entities(self, ids: list[str]) -> tuple[dict[str, EntityRow], defaultdict[str, set[Mention]]]:
        """The stored rows among ``ids`` and their stored mentions, a few hundred ids per query."""
        rows: dict[str, EntityRow] = self._stored(EntityRow, ids)
        known: defaultdict[str, set[Mention]] = defaultdict(set)
        found = list(rows)
        for chunk in in_chunks(found):
            query = select(EntityMentionRow.entity, EntityMentionRow.article, EntityMentionRow.start,
                           EntityMentionRow.end).where(EntityMentionRow.entity.in_(chunk))
            for entity, article, start, end in self.session.execute(query):
                known[entity].add((article, start, end))
        return rows, known

    def mentions(self, pending: list[tuple[EntityRow, Record, set[Mention]]]) -> None:
        mentions: list[Record] = []
        for row, e, known in pending:
            for m in e.get("mentions", []):
                key = (m["article"], m["start"], m["end"])
                if key not in known:
                    known.add(key)
                    mentions.append({"entity": row.id, "article": m["article"], "start": m["start"], "end": m["end"]})
        self._insert_many(EntityMentionRow, mentions)

    def attributions(self, attributions: Iterable[Record]) -> None:
        """The attributions of fresh articles: their ids are new, since a replaced article's were deleted."""
        self._insert_many(AttributionRow, [attribution_values(a) for a in attributions])

    def notes(self, articles: Iterable[Record]) -> None:
        """Insert the notes of fresh articles; duplicates of (start, end, kind) merge their targets."""
        rows: list[Record] = []
        for a in articles:
            by_key: dict[tuple[int, int, str], Record] = {}
            for n in a.get("verification_notes", []):
                values = note_values(a["id"], n)
                key = (values["start"], values["end"], values["kind"])
                if key in by_key:
                    by_key[key]["applies_to"] = list(dict.fromkeys([*by_key[key]["applies_to"],
                                                                    *values["applies_to"]]))
                else:
                    by_key[key] = values
            rows += by_key.values()
        self._insert_many(VerificationNoteRow, rows)

    def events(self, events: Iterable[Record]) -> None:
        """The events of fresh articles (new ids, as for attributions)."""
        self._insert_many(EventRow, [event_values(e) for e in events])

    def places(self, places: list[Record]) -> None:
        stored = self._stored(PlaceRow, [p["id"] for p in places])
        for p in places:
            self._upsert(PlaceRow, place_values(p), stored.get(p["id"]))
        self.session.flush()

    def propositions(self, propositions: list[Record]) -> None:
        stored = self._stored(PropositionRow, [p["id"] for p in propositions])
        for p in propositions:
            self._upsert(PropositionRow, proposition_values(p), stored.get(p["id"]))
        self.session.flush()
        for p in propositions:
            stances = [stance_values(p["id"], s) for s in p["stances"]]
            self._sync_children(StanceRow, StanceRow.proposition, p["id"], StanceRow.id, stances)
        self.session.flush()

    def stories(self, stories: list[Record]) -> None:
        stored = self._stored(StoryRow, [s["id"] for s in stories])
        for s in stories:
            self._upsert(StoryRow, story_values(s), stored.get(s["id"]))
        self.session.flush()
        for s in stories:
            members = [
                {"story": s["id"], "article": a, "position": i} for i, a in enumerate(dict.fromkeys(s["articles"]))
            ]
            self._sync_children(StoryArticleRow, StoryArticleRow.story, s["id"], StoryArticleRow.position, members)
        self.session.flush()


def write_document(session: Session, doc: Document) -> SaveStats:
    """Write a checked document (a dict or a ``DocumentStream``) inside the caller's transaction.

    Entities come first (attributions point at them), then each group of articles with what hangs off them,
    then what points at articles from across the corpus."""
    writer = _Writer(session)
    wide = corpus_wide(doc)
    pending = writer.entities(wide["entities"])
    fresh: set[str] = set()
    for articles, attributions in groups(doc):
        new = writer.articles(articles)
        writer.attributions(a for a in attributions if a["article"] in new)
        writer.notes(a for a in articles if a["id"] in new)
        fresh |= new
    writer.mentions(pending)
    for events in event_groups(doc):
        writer.events(e for e in events if e["article"] in fresh)
    writer.places(wide["places"])
    writer.propositions(wide["propositions"])
    writer.stories(wide["stories"])
    return writer.stats
