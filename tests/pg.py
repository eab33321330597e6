"""A throwaway PostgreSQL server for the store tests, so both backends are tested on every machine that can.

Where the server comes from, in order:

1. ``COUNTERCLAIM_TEST_PG_URL``: an existing database (CI services, a developer's own server); used as is,
   the tests drop and recreate the store's tables in it.
2. ``initdb`` and ``pg_ctl`` on PATH, in /usr/local/bin or /usr/lib/postgresql/<version>/bin (Debian's
   ``postgresql`` package): a new cluster in a temp dir, listening on 127.0.0.1 at a free port with its
   Unix socket in the same dir, stopped and deleted at the end of the session. initdb refuses to run as
   root, so as root the cluster belongs to the ``postgres`` user (or ``nobody``) and the binaries run
   through ``runuser``/``su``; the temp dir is made under the system temp dir, not pytest's (which is
   private to root).

With neither, the PostgreSQL tests are skipped, or fail when ``COUNTERCLAIM_REQUIRE_PG=1`` (CI sets it,
so a broken install cannot pass as a skip).
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy import create_engine, text

URL_ENV = "COUNTERCLAIM_TEST_PG_URL"
REQUIRE_ENV = "COUNTERCLAIM_REQUIRE_PG"
DATABASE = "counterclaim_test"
# Durability is pointless for a test cluster; these make it start and write several times faster.
SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50"


def unavailable(reason: str) -> NoReturn:
    """Skip, or fail where PostgreSQL is required."""
    if os.environ.get(REQUIRE_ENV, "") not in ("", "0"):
        pytest.fail(f"PostgreSQL required ({REQUIRE_ENV}=1) but unavailable: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {reason}")


def _version(bindir: str) -> int:
    name = Path(bindir).parent.name
    return int(name) if name.isdigit() else 0


def find_bindir() -> Path | None:
    """The directory holding both initdb and pg_ctl (symlinks followed); the newest Debian version first."""
    candidates = [Path(p).parent for p in [shutil.which("initdb")] if p]
    candidates.append(Path("/usr/local/bin"))
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)]
    for directory in candidates:
        initdb = (directory / "initdb").resolve()
        if initdb.is_file() and (initdb.parent / "pg_ctl").is_file():
            return initdb.parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> str | None:
    """None when not root; else a user that may own a cluster."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to own the cluster")


class LocalServer:
    """One cluster in ``root``: ``root/data``, the socket in ``root``, the log in ``root/server.log``."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = _server_user()
        self.root = Path(tempfile.mkdtemp(prefix="counterclaim-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user is not None:
            if shutil.which("runuser"):
                command = ["runuser", "-u", self.user, "--", *command]
            else:
                command = ["su", self.user, "-s", "/bin/sh", "-c", shlex.join(command)]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.root)

    def _check(self, result: subprocess.CompletedProcess[str], what: str) -> None:
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
            raise RuntimeError(f"{what} failed ({result.returncode}): {(result.stderr or result.stdout)[-1500:]}"
                               f"{log}")

    def start(self) -> str:
        """initdb, start, create the database; the SQLAlchemy URL of it."""
        init = self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-locale",
                         "-E", "UTF8", "--no-sync")
        self._check(init, "initdb")
        for _attempt in range(3):  # the free port may be taken between probing and binding
            self.port = _free_port()
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 {SERVER_OPTIONS}"
            started = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                                "-o", options, "start")
            if started.returncode == 0:
                break
        self._check(started, "pg_ctl start")
        admin = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres",
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {DATABASE}"))  # a constant name: nothing to bind
        admin.dispose()
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """SQLAlchemy URL of an empty-enough PostgreSQL database for this test session."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    bindir = find_bindir()
    if bindir is None:
        unavailable("no initdb/pg_ctl on PATH, in /usr/local/bin or /usr/lib/postgresql/*/bin "
                    f"(install the postgresql package or set {URL_ENV})")
    server = LocalServer(bindir)
    try:
        url = server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        server.stop()
        unavailable(f"could not start a local server from {bindir}: {exc}")
    try:
        yield url
    finally:
        server.stop()


def emptied(url: str) -> str:
    """``url`` after dropping every table of the store there (document and checkpoints), for a test that needs an
    empty store in the session's shared database."""
    from counterclaim.store import _url as store_url
    from counterclaim.store.models import Base, CheckpointBase

    engine = create_engine(store_url(url))
    Base.metadata.drop_all(engine)
    CheckpointBase.metadata.drop_all(engine)
    engine.dispose()
    return url
