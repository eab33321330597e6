"""A relational store for counterclaim/1 documents: SQLite by default, PostgreSQL by URL.

``open_store`` takes a SQLAlchemy URL or a plain file path; ``Store.save_document`` merges a
document in one transaction and ``Store.load_document`` reads everything back as one.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from counterclaim.store.load import read_document
from counterclaim.store.models import AnalysisRow, ArticleRow, Base, CheckpointBase, FailureRow
from counterclaim.export.stream import Document
from counterclaim.store.save import (
    InvalidDocumentError,
    SaveStats,
    check_document,
    document_nul_paths,
    in_chunks,
    write_document,
)

__all__ = ["Failure", "InvalidDocumentError", "SaveStats", "Store", "open_store"]

# Transactions that write take SQLite's write lock when they begin (BEGIN IMMEDIATE), not at their first write:
# a deferred transaction that read first cannot wait for another process's commit and fails with "database is
# locked", so two `analyze` runs on one file would not both finish.
WRITE = {"counterclaim_write": True}


@dataclass(frozen=True)
class Failure:
    location: str  # path, or path:line for a JSONL record
    reason: str
    attempts: int
    first_failed: str
    last_failed: str


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.writer = engine.execution_options(**WRITE)

    def save_document(self, doc: Document, validated: bool = False) -> SaveStats:
        """Merge ``doc`` (a dict or a ``DocumentStream``) into the store in one transaction (all or nothing).

        ``validated``: the caller has just run ``validate_document`` on this very dict and found nothing; the
        schema check (seconds per thousand articles) is then not repeated, the store's own checks still run."""
        check_document(doc, validated=validated)
        if self.engine.dialect.name == "postgresql" and (paths := document_nul_paths(doc)):
            raise InvalidDocumentError([f"{p}: PostgreSQL cannot store the NUL character" for p in paths])
        with Session(self.writer) as session, session.begin():
            return write_document(session, doc)

    def load_document(self) -> dict[str, Any]:
        with Session(self.engine) as session, session.begin():
            return read_document(session)

    def article_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(ArticleRow.id)))

    def analysis_fingerprints(self) -> dict[str, str]:
        """Article id -> fingerprint of each checkpointed analysis (see ``AnalysisRow``)."""
        with self.engine.connect() as conn:
            return {a: f for a, f in conn.execute(select(AnalysisRow.article, AnalysisRow.fingerprint))}

    def save_analyses(self, items: list[tuple[str, str, str]]) -> None:
        """Checkpoint (article id, fingerprint, analysis JSON) triples in one transaction, replacing older ones."""
        if not items:
            return
        with self.writer.begin() as conn:
            for chunk in in_chunks([article for article, _, _ in items]):
                conn.execute(delete(AnalysisRow).where(AnalysisRow.article.in_(chunk)))
            conn.execute(insert(AnalysisRow), [{"article": a, "fingerprint": f, "data": d} for a, f, d in items])

    def load_analyses(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> analysis JSON for those of ``article_ids`` that are checkpointed."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in in_chunks(list(article_ids)):
                query = select(AnalysisRow.article, AnalysisRow.data).where(AnalysisRow.article.in_(chunk))
                out.update((article, data) for article, data in conn.execute(query))
        return out

    def record_failures(self, failed: Iterable[tuple[str, str]], succeeded: Iterable[str] = ()) -> None:
        """Note this run's (location, reason) failures and forget earlier ones at the ``succeeded`` locations."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        reasons = dict(failed)
        with Session(self.writer) as session, session.begin():
            for chunk in in_chunks([loc for loc in dict.fromkeys(succeeded) if loc not in reasons]):
                session.execute(delete(FailureRow).where(FailureRow.location.in_(chunk)))
            for location, reason in reasons.items():
                row = session.get(FailureRow, location)
                if row is None:
                    session.add(FailureRow(location=location, reason=reason, attempts=1, first_failed=now,
                                           last_failed=now))
                else:
                    row.reason, row.attempts, row.last_failed = reason, row.attempts + 1, now

    def failures(self) -> list[Failure]:
        """Every recorded failure, by location."""
        with Session(self.engine) as session:
            rows = session.scalars(select(FailureRow).order_by(FailureRow.location))
            return [Failure(r.location, r.reason, r.attempts, r.first_failed, r.last_failed) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table, every table included."""
        with self.engine.connect() as conn:
            return {t.name: conn.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()



POSTGRES_DRIVER = "postgresql+psycopg"


def _url(url_or_path: str | Path) -> URL:
    """A SQLAlchemy URL; a file path means SQLite, and PostgreSQL always goes through psycopg 3.

    SQLAlchemy maps a bare ``postgresql://`` to psycopg2, which is not installed; ``postgres://`` (as
    hosting services print it) is not accepted by SQLAlchemy at all.
    """
    if isinstance(url_or_path, str) and "://" in url_or_path:
        url = make_url(url_or_path.replace("postgres://", "postgresql://", 1)
                       if url_or_path.startswith("postgres://") else url_or_path)
        if url.drivername == "postgresql":
            url = url.set(drivername=POSTGRES_DRIVER)
        return url
    path = Path(url_or_path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return URL.create("sqlite", database=str(path))


# How long a writer waits for another process's write transaction (a large save holds the lock for a while).
SQLITE_BUSY_TIMEOUT_MS = 600_000


def set_wal(cursor: Any, patience_s: float = SQLITE_BUSY_TIMEOUT_MS / 1000) -> str:
    """Put the database in WAL mode, waiting out another process doing the same; returns the mode it is in.

    Why a loop: the switch needs an exclusive lock, and two processes opening a new file at once each hold a shared
    lock while asking for it, so SQLite fails one of them at once ("database is locked") instead of calling the
    busy handler, which would wait forever. Once the other is through, the file is in WAL mode and asking again
    costs nothing. An in-memory database answers "memory", which is final too."""
    deadline = time.monotonic() + patience_s
    delay = 0.01
    while True:
        try:
            return str(cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys are off by default in SQLite; WAL lets readers (datasette, the web UI) run during writes.

    pysqlite would only BEGIN before DML, leaving the reads of a save outside its
    transaction; SQLAlchemy's documented recipe hands BEGIN to us instead (IMMEDIATE for writers, see WRITE).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        set_wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("counterclaim_write") else "BEGIN")


# Any 64-bit key of our own: PostgreSQL's advisory locks are named by number, per database.
POSTGRES_WRITE_LOCK = 0x636F756E746572  # "counter"


def _configure_postgresql(engine: Engine) -> None:
    """Writers queue on one advisory lock held until their transaction ends: two runs that merge the same entity
    or proposition would otherwise both insert it and one would fail on the primary key."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("counterclaim_write"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRES_WRITE_LOCK})")


def open_store(url_or_path: str | Path) -> Store:
    """Open (creating tables if missing) the store at a SQLAlchemy URL or a SQLite file path."""
    engine = create_engine(_url(url_or_path), json_serializer=lambda obj: json.dumps(obj, ensure_ascii=False))
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    if engine.dialect.name == "postgresql":
        _configure_postgresql(engine)
    store = Store(engine)
    Base.metadata.create_all(store.writer)
    CheckpointBase.metadata.create_all(store.writer)
    return store
