"""Load test of the web UI: a bounded number of requests against a local `counterclaim serve`, with p50/p99.

Usage::

    .venv/bin/python bench/load.py                       # the store `make demo` writes
    .venv/bin/python bench/load.py --db out/seeds.sqlite --requests 2000 --concurrency 8

The server runs in a child process (real uvicorn on 127.0.0.1, a free port). Each page kind (stories, a
proposition board, an article, an entity, a place, search, the JSON API) is requested in turn from a thread pool.
The baseline, measured in the same run, is the stylesheet: a static file the same server sends without touching
the store, so the ratios say what the pages themselves cost. Any status other than 200 counts as an error.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from counterclaim.store import open_store  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _urls(db: str) -> dict[str, str]:
    with open_store(db) as store:
        doc = store.load_document()
    prop = max(doc["propositions"], key=lambda p: len(p["stances"]))
    person = next(e for e in doc["entities"] if e["type"] == "person")
    place = next(p for p in doc["places"] if p["lat"] is not None)
    surname = person["name"].split()[-1]
    return {
        "baseline: style.css": "/static/style.css",
        "stories": "/",
        "proposition": "/propositions/" + quote(prop["id"], safe=":"),
        "article": "/articles/" + quote(doc["articles"][0]["id"], safe=":"),
        "entity": "/entities/" + quote(person["id"], safe=":"),
        "place": "/places/" + quote(place["id"], safe=":"),
        "search": f"/search?q={quote(surname)}",
        "api proposition": "/api/propositions/" + quote(prop["id"], safe=":"),
    }


def _wait(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}")
        try:
            if httpx.get(base + "/static/style.css", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="out/counterclaim.sqlite")
    parser.add_argument("--requests", type=int, default=800, help="requests per page kind")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    if not Path(args.db).exists():
        raise SystemExit(f"no store at {args.db}; run `make demo` first")
    urls = _urls(args.db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).with_name("counterclaim")), "serve", "--db", args.db, "--port",
                               str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(base, server)
        with httpx.Client(base_url=base, timeout=30) as client:
            def timed(url: str) -> tuple[float, int]:
                start = time.perf_counter()
                status = client.get(url).status_code
                return time.perf_counter() - start, status

            rows = []
            with ThreadPoolExecutor(args.concurrency) as pool:
                for name, url in urls.items():
                    timed(url)  # warm
                    results = list(pool.map(timed, [url] * args.requests))
                    times = sorted(t for t, _ in results)
                    errors = sum(1 for _, status in results if status != 200)
                    p50 = statistics.median(times)
                    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
                    rows.append((name, p50, p99, errors))
    finally:
        server.terminate()
        server.wait(timeout=10)
    base_p50, base_p99 = rows[0][1], rows[0][2]
    print(f"{args.requests} requests per page kind, {args.concurrency} at a time, store {args.db}")
    print(f"{'page':24} {'p50 ms':>8} {'p99 ms':>8} {'p50 x base':>11} {'p99 x base':>11} {'errors':>7}")
    for name, p50, p99, errors in rows:
        print(f"{name:24} {p50 * 1000:8.1f} {p99 * 1000:8.1f} {p50 / base_p50:11.1f} {p99 / base_p99:11.1f} "
              f"{errors:7d}")
    total_errors = sum(r[3] for r in rows)
    print(f"errors: {total_errors} of {args.requests * len(rows)}")
    sys.exit(1 if total_errors else 0)


if __name__ == "__main__":
    main()
