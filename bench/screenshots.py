"""Screenshots of the web UI for the README and for eyeballing the layout: ``python bench/screenshots.py``.

Serves a store (default ``out/counterclaim.sqlite``; ``make demo`` builds it) on a free loopback port and
writes PNGs of the stories page, the proposition with the most stances from two or more sides, and that
proposition's busiest article, each at 1280 and 390 px wide, into ``docs/screenshots/``. Needs a Chromium
binary (Debian's ``chromium`` package; nothing is downloaded): ``--chromium`` or ``$CHROMIUM`` picks another.
``<page>.png`` is the first screen at 1280x860 (small, for the README) and ``<page>-390.png`` the whole page on a
390 px phone, cut at ``--max-height`` pixels; ``--full`` adds ``<page>-1280-full.png``, the whole desktop page.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: str) -> Iterator[str]:
    """The app over ``db`` on 127.0.0.1 in a background thread; yields its base URL."""
    import uvicorn

    from counterclaim.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def choose(doc: dict[str, Any]) -> tuple[str, str]:
    """The proposition with stances from the most sides (then the most stances), and its busiest article."""
    prop = max(doc["propositions"], key=lambda p: (len({s.get("side") for s in p["stances"] if s.get("side")}),
                                                   len(p["stances"])))
    claims = Counter(a["article"] for a in doc["attributions"])
    articles = [s["article"] for s in prop["stances"] if s.get("article")] or [a["id"] for a in doc["articles"]]
    return prop["id"], max(articles, key=lambda a: claims[a])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=str(ROOT / "out" / "counterclaim.sqlite"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--max-height", type=int, default=2000)
    parser.add_argument("--full", action="store_true", help="also the whole page at 1280 px")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"no Chromium at {args.chromium} (apt-get install chromium, or pass --chromium)", file=sys.stderr)
        return 2
    if "://" not in args.db and not Path(args.db).exists():
        print(f"no store at {args.db} (run `make demo` first)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from counterclaim.store import open_store

    with open_store(args.db) as store:
        doc = store.load_document()
    prop_id, article_id = choose(doc)
    pages = {"stories": "/", "proposition": f"/propositions/{quote(prop_id, safe=':')}",
             "article": f"/articles/{quote(article_id, safe=':')}"}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with serve(args.db) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for width, height in ((1280, 860), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, url in pages.items():
                page.goto(base + url)
                full = page.evaluate("document.documentElement.scrollHeight")
                shots: dict[str, int | None] = {f"{name}-390.png": min(full, args.max_height)} if width == 390 else {
                    f"{name}.png": None, **({f"{name}-1280-full.png": min(full, args.max_height)} if args.full else {})}
                for filename, cut in shots.items():
                    clip = {"x": 0, "y": 0, "width": width, "height": cut} if cut else None
                    page.screenshot(path=str(out / filename), full_page=bool(cut), clip=clip)
                    print(out / filename, f"{(out / filename).stat().st_size // 1024} KB")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
