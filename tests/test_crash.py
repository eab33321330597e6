"""Crash safety, concurrent writers and failed records (issue 8).

Real `counterclaim analyze` processes over a generated corpus of war reports (bench/corpus.py): one is killed
with SIGKILL part-way and rerun, two write one SQLite file at the same time, and a JSONL feed with broken records
is analysed, listed with `counterclaim failures`, fixed and rerun.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pg import emptied
from sqlalchemy import create_engine, func, select
from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.export import validate_document
from counterclaim.store import open_store
from counterclaim.store import _url as store_url
from counterclaim.store.models import AnalysisRow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import corpus  # noqa: E402  (the benchmark's generator of realistic reports)

CLI = str(Path(sys.executable).with_name("counterclaim"))
if not os.path.exists(CLI):
    CLI = shutil.which("counterclaim") or CLI


def records(first: int, last: int) -> list[dict]:
    return list(corpus.articles(last))[first:]


def write_jsonl(path: Path, rows: list[dict | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def analyze(feed: Path, db: str, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([CLI, "analyze", str(feed), "--db", db, "-o", str(out), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"analyze ended before the kill: {proc.communicate()}"
        assert time.monotonic() < deadline, "no checkpoint appeared in time"
        time.sleep(0.05)


def fresh_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "store.sqlite")
    return emptied(request.getfixturevalue("pg_url"))


def checkpoints(db: str) -> int:
    engine = create_engine(store_url(db))
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(AnalysisRow)) or 0
    except Exception:  # noqa: BLE001  (tables not created yet, or the file not yet a database)
        return 0
    finally:
        engine.dispose()


def sqlite_integrity(path: str) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def assert_stored_once(db: str, ids: set[str]) -> dict:
    """Every id stored exactly once, checkpoints included, and the store reads back as a valid document."""
    with open_store(db) as store:
        counts = store.counts()
        assert store.article_ids() == ids
        assert counts["articles"] == len(ids)
        assert len(store.analysis_fingerprints()) == len(ids)
        document = store.load_document()
    assert validate_document(document) == []
    assert len({a["id"] for a in document["attributions"]}) == counts["attributions"]
    return document


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_part_way_then_rerun_stores_every_article_once(backend: str, tmp_path: Path,
                                                             request: pytest.FixtureRequest) -> None:
    rows = records(0, 30)
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    db = fresh_db(backend, tmp_path, request)
    proc = analyze(feed, db, tmp_path / "killed.json", "--batch-size", "2")
    wait_for(lambda: checkpoints(db) >= 4, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    killed_at = checkpoints(db)
    assert 4 <= killed_at < len(rows), "the kill must land part-way through the corpus"
    if backend == "sqlite":
        assert sqlite_integrity(db) == "ok"

    rerun = subprocess.run([CLI, "analyze", str(feed), "--db", db, "-o", str(tmp_path / "out.json")],
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert "were analysed by an earlier run and not parsed again" in rerun.stdout
    if backend == "sqlite":
        assert sqlite_integrity(db) == "ok"
    document = assert_stored_once(db, {r["id"] for r in rows})
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert document["articles"] == exported["articles"]
    assert sorted(a["id"] for a in document["attributions"]) == sorted(a["id"] for a in exported["attributions"])


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_writers_on_one_store_both_finish(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    rows = records(0, 24)
    first = write_jsonl(tmp_path / "first.jsonl", rows[:16])
    second = write_jsonl(tmp_path / "second.jsonl", rows[8:])  # 8 articles in both feeds
    db = fresh_db(backend, tmp_path, request)
    procs = [analyze(first, db, tmp_path / "first.json", "--batch-size", "2"),
             analyze(second, db, tmp_path / "second.json", "--batch-size", "2")]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr
    if backend == "sqlite":
        assert sqlite_integrity(db) == "ok"
    document = assert_stored_once(db, {r["id"] for r in rows})
    stored = {a["id"]: a for a in document["attributions"]}
    for name in ("first.json", "second.json"):
        exported = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert exported["articles"], name
        for attribution in exported["attributions"]:  # every claim either run found is in the store
            assert stored[attribution["id"]]["content"] == attribution["content"]


def test_failed_records_are_listed_and_a_rerun_retries_only_them(tmp_path: Path) -> None:
    runner = CliRunner()
    good = records(0, 5)
    feed = tmp_path / "feed.jsonl"
    empty = tmp_path / "notes.txt"
    empty.write_text("  \n", encoding="utf-8")
    db = str(tmp_path / "store.sqlite")
    write_jsonl(feed, [*good[:3], "{not json", {"id": "short-4", "text": 17}])
    args = ["analyze", str(feed), str(empty), "--db", db, "-o", str(tmp_path / "out.json")]

    first = runner.invoke(app, args)
    assert first.exit_code == 1
    listed = runner.invoke(app, ["failures", "--db", db])
    assert listed.exit_code == 0
    for where, reason in ((f"{feed}:4", "invalid JSON"), (f"{feed}:5", "record has no text"),
                          (str(empty), "empty document")):
        line = next(line for line in listed.output.splitlines() if where in line)
        assert reason in line
    with open_store(db) as store:
        assert store.article_ids() == {r["id"] for r in good[:3]}
        assert {f.location: f.attempts for f in store.failures()} == {f"{feed}:4": 1, f"{feed}:5": 1, str(empty): 1}

    runner.invoke(app, args)  # unchanged input: still failing, one more attempt each
    with open_store(db) as store:
        assert {f.attempts for f in store.failures()} == {2}

    write_jsonl(feed, good)  # the two broken records fixed in place
    empty.write_text("KINSHASA, March 3, 2024 - The ministry said its troops had repelled an attack.\n",
                     encoding="utf-8")
    fixed = runner.invoke(app, args)
    assert fixed.exit_code == 0, fixed.output
    assert "3 article(s) were analysed by an earlier run and not parsed again" in fixed.output
    assert "No failures recorded." in runner.invoke(app, ["failures", "--db", db]).output
    with open_store(db) as store:
        assert len(store.article_ids()) == 6 and store.failures() == []


def test_failures_needs_an_existing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["failures", "--db", str(tmp_path / "missing.sqlite")])
    assert result.exit_code == 2
    assert "no store at" in result.output
