"""The SQLAlchemy store on SQLite and PostgreSQL: round trip, idempotence, replacement, constraints, untrusted text."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import WIRE, build_corpus, make_article, span
from documents import as_stream
from pg import emptied
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counterclaim.export import to_document, validate_document
from counterclaim.model import Article, ArticleAnalysis, Attribution, Corpus
from counterclaim.store import InvalidDocumentError, Store, open_store
from counterclaim.store import _url as store_url
from counterclaim.store.models import AttributionRow, EntityMentionRow


BACKENDS = ("sqlite", "postgresql")


def fresh_store(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """An empty store: a new SQLite file, or the session's PostgreSQL database with its tables recreated."""
    if backend == "sqlite":
        return open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    return open_store(emptied(request.getfixturevalue("pg_url")))


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with fresh_store(request.param, request, tmp_path) as s:
        yield s


@pytest.fixture
def doc(small_corpus: Corpus) -> dict[str, Any]:
    return to_document(small_corpus)


def test_round_trip(store: Store, doc: dict[str, Any]) -> None:
    store.save_document(doc)
    loaded = store.load_document()
    assert validate_document(loaded) == []
    assert loaded == doc
    assert store.article_ids() == {"art-1", "art-2"}


def test_empty_store_loads_a_valid_document(store: Store) -> None:
    assert validate_document(store.load_document()) == []


def test_saving_twice_inserts_nothing(store: Store, doc: dict[str, Any]) -> None:
    first = store.save_document(doc)
    counts = store.counts()
    second = store.save_document(doc)
    assert all(n > 0 for n in first.inserted.values())
    assert first.inserted == counts
    assert set(second.inserted.values()) == {0}
    assert second.articles_skipped == 2
    assert store.counts() == counts
    assert store.load_document() == doc


def test_changed_article_text_replaces_its_rows(store: Store, doc: dict[str, Any]) -> None:
    store.save_document(doc)
    counts = store.counts()
    edited = to_document(build_corpus(wire_text="MOSCOW, May 12 - " + WIRE))
    stats = store.save_document(edited)
    assert (stats.articles_skipped, stats.articles_replaced) == (1, 1)
    assert stats.inserted["attributions"] == 1 and stats.inserted["verification_notes"] == 1
    assert store.counts() == counts
    loaded = store.load_document()
    assert loaded == edited
    wire = next(a for a in loaded["attributions"] if a["article"] == "art-2")
    assert wire["content"]["start"] == doc["attributions"][3]["content"]["start"] + len("MOSCOW, May 12 - ")


def test_known_entity_gains_aliases_and_mentions(store: Store, doc: dict[str, Any]) -> None:
    store.save_document(doc)
    more = copy.deepcopy(doc)
    tass = next(e for e in more["entities"] if e["id"] == "ent-tass")
    agency = span(WIRE, "the state news agency Tass")
    tass["aliases"] = ["the state news agency Tass", "Tass"]
    tass["mentions"].append({"article": "art-2", "start": agency.start, "end": agency.end})
    tass["name"] = "TASS news agency"  # stored columns win over a later run...
    tass["side"] = "Russia"  # ...but empty ones are filled
    stats = store.save_document(more)
    assert stats.inserted["entities"] == 0 and stats.inserted["entity_mentions"] == 1
    stored = next(e for e in store.load_document()["entities"] if e["id"] == "ent-tass")
    assert stored["aliases"] == ["Tass", "the state news agency Tass"]
    assert len(stored["mentions"]) == 2
    assert (stored["name"], stored["side"]) == ("TASS", "Russia")


def test_foreign_keys_are_enforced(store: Store, doc: dict[str, Any]) -> None:
    store.save_document(doc)
    row = AttributionRow(
        id="orphan", article="no-such-article", cue_text="said", cue_start=0, cue_end=4,
        content_text="x", content_start=5, content_end=6, content_fragments=[], kind="indirect",
        date_precision="unknown",
    )
    with Session(store.engine) as session, pytest.raises(IntegrityError):
        session.add(row)
        session.commit()
    with Session(store.engine) as session, pytest.raises(IntegrityError):
        session.add(EntityMentionRow(entity="ent-nobody", article="art-1", start=0, end=1))
        session.commit()


def test_invalid_document_is_refused(store: Store, doc: dict[str, Any]) -> None:
    doc["attributions"][0]["article"] = "no-such-article"
    with pytest.raises(InvalidDocumentError) as caught:
        store.save_document(doc)
    assert any("unknown article id 'no-such-article'" in e for e in caught.value.errors)
    assert set(store.counts().values()) == {0}


def test_failed_save_writes_nothing(store: Store, doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("counterclaim.store.check_document", lambda _doc, validated=False: None)
    doc["attributions"][-1]["via"] = "ent-nobody"  # the last write of the attribution phase fails
    with pytest.raises(IntegrityError):
        store.save_document(doc)
    assert set(store.counts().values()) == {0}


def test_injection_looking_text_is_stored_verbatim(store: Store) -> None:
    payload = "'); DROP TABLE articles;--"
    body = f'A channel posted "{payload}" as a caption, the ministry said. "Robert\'); --" replied.'
    article: Article = make_article("art-x'; --", body, title=payload, outlet=payload)
    quoted = span(body, payload)
    corpus = Corpus(
        analyses=[ArticleAnalysis(article, attributions=[Attribution(
            id=payload, article=article.id, kind="direct", cue=span(body, "said"), content=quoted,
            source=span(body, "the ministry"),
        )])],
        entities=[],
    )
    doc = to_document(corpus)
    store.save_document(doc)
    assert store.load_document() == doc
    assert store.article_ids() == {"art-x'; --"}
    assert store.counts()["articles"] == 1


def test_plain_path_creates_sqlite_file(tmp_path: Path, doc: dict[str, Any]) -> None:
    path = tmp_path / "new" / "dir" / "counterclaim.sqlite"
    with open_store(str(path)) as store:
        store.save_document(doc)
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert path.is_file()
    with sqlite3.connect(path) as raw:  # readable by any SQLite client, e.g. datasette
        assert raw.execute("SELECT count(*) FROM attributions").fetchone() == (4,)
    with open_store(str(path)) as reopened:  # tables already there: reopening keeps the data
        assert reopened.load_document() == doc


def test_postgresql_urls_use_psycopg_3() -> None:
    for given in ("postgresql://ann@db.example:5433/cc", "postgres://ann@db.example:5433/cc",
                  "postgresql+psycopg://ann@db.example:5433/cc"):
        url = store_url(given)
        assert (url.drivername, url.username, url.host, url.port, url.database) == (
            "postgresql+psycopg", "ann", "db.example", 5433, "cc")
    assert store_url("sqlite:///x.sqlite").drivername == "sqlite"


def test_plain_postgresql_url_opens_the_store(pg_url: str, doc: dict[str, Any]) -> None:
    plain = store_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    assert plain.startswith("postgresql://")
    with open_store(plain) as store:
        assert store.engine.dialect.driver == "psycopg"
        assert validate_document(store.load_document()) == []


def test_nul_characters_are_refused_on_postgresql(pg_url: str, request: pytest.FixtureRequest,
                                                  tmp_path: Path, doc: dict[str, Any]) -> None:
    doc["articles"][1]["title"] = "before\x00after"
    doc["attributions"][-1]["cue"]["text"] = "said\x00"
    with fresh_store("postgresql", request, tmp_path) as store:
        for shape in (doc, as_stream(doc)):  # the paths must name the records in the whole document
            with pytest.raises(InvalidDocumentError, match="NUL") as refused:
                store.save_document(shape, validated=True)
            assert refused.value.errors == [
                "/articles/1/title: PostgreSQL cannot store the NUL character",
                f"/attributions/{len(doc['attributions']) - 1}/cue/text: PostgreSQL cannot store the NUL character"]
        assert set(store.counts().values()) == {0}


def test_samples_load_the_same_from_sqlite_and_postgresql(
    samples_document: dict[str, Any], request: pytest.FixtureRequest, tmp_path: Path,
) -> None:
    loaded = {}
    for backend in BACKENDS:
        with fresh_store(backend, request, tmp_path) as store:
            store.save_document(samples_document)
            assert set(store.save_document(samples_document).inserted.values()) == {0}
            loaded[backend] = store.load_document()
            counts = store.counts()
        assert counts["events"] == len(samples_document["events"]) > 0
        assert counts["propositions"] == len(samples_document["propositions"]) > 0
    assert loaded["sqlite"] == loaded["postgresql"]
    # Same key order too, so JSON written from either store is byte-identical.
    assert json.dumps(loaded["sqlite"]) == json.dumps(loaded["postgresql"])
    assert validate_document(loaded["postgresql"]) == []


def test_a_stream_is_stored_as_its_document(samples_document: dict[str, Any], store: Store, tmp_path: Path) -> None:
    """``analyze`` saves article by article from a ``DocumentStream``; the rows must be those of the dict."""
    stats = store.save_document(as_stream(samples_document))
    assert stats.inserted["articles"] == len(samples_document["articles"]) == 8
    assert stats.inserted["attributions"] == len(samples_document["attributions"])
    assert set(store.save_document(as_stream(samples_document)).inserted.values()) == {0}
    with open_store(tmp_path / "from-dict.sqlite") as from_dict:
        from_dict.save_document(samples_document)
        assert store.load_document() == from_dict.load_document()


class _LockedCursor:
    """A cursor whose WAL switch fails as SQLite fails the loser of two processes opening a new file at once."""

    def __init__(self, failures: int, error: str = "database is locked", mode: str = "wal") -> None:
        self.failures, self.error, self.mode, self.calls = failures, error, mode, 0

    def execute(self, sql: str) -> "_LockedCursor":
        assert sql == "PRAGMA journal_mode=WAL"
        self.calls += 1
        if self.calls <= self.failures:
            raise sqlite3.OperationalError(self.error)
        return self

    def fetchone(self) -> tuple[str]:
        return (self.mode,)


def test_the_wal_switch_waits_out_another_process_opening_the_same_new_file() -> None:
    from counterclaim.store import set_wal

    cursor = _LockedCursor(failures=2)
    assert set_wal(cursor) == "wal" and cursor.calls == 3
    assert set_wal(_LockedCursor(failures=0, mode="memory")) == "memory"  # final too: nothing to wait for
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):  # other errors are not waited on
        set_wal(_LockedCursor(failures=1, error="disk I/O error"))
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # nor a lock that outlasts the patience
        set_wal(_LockedCursor(failures=10**6), patience_s=0.05)
