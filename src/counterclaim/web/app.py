"""The web app: server-rendered pages and a JSON API over one counterclaim/1 store, read-only.

No /docs or /redoc (they load Swagger UI from a CDN; the tool must work offline); /openapi.json stays.
FastAPI's telemetry is kept from configuring exporters from the environment, for the same reason.
Routes take ``{id:path}`` because ids may hold characters such as '/' once percent-decoded.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterclaim.store import Store, open_store
from counterclaim.web import geo, views
from counterclaim.web.highlight import article_view
from counterclaim.web.render import STATIC, ServerLinks, render

LINKS = ServerLinks()
MAX_BODY = 16_384  # bytes; every route is a GET


class DocumentCache:
    """The store's document and its ``Index``, loaded at startup and again whenever the store changes.

    ``load_document`` reads every table, so it is not done per request. Instead a fingerprint is taken at
    most once per ``check_interval`` seconds: the row count of every table (one COUNT each) and, for a
    SQLite file, the modification times of the file and its WAL, which also catch a re-analysis that
    rewrites rows without changing their number. A changed fingerprint means one reload; readers keep
    the old index until the new one is ready.
    """

    def __init__(self, store: Store, path: Path | None, check_interval: float = 1.0) -> None:
        self.store = store
        self.path = path
        self.check_interval = check_interval
        self._lock = threading.Lock()
        self._checked = 0.0
        self._fingerprint: tuple[Any, ...] | None = None
        self._index: views.Index | None = None
        self.reload()

    def fingerprint(self) -> tuple[Any, ...]:
        stamps: tuple[int, ...] = ()
        if self.path is not None:
            files = [self.path, self.path.with_name(self.path.name + "-wal")]
            stamps = tuple(f.stat().st_mtime_ns if f.exists() else 0 for f in files)
        return tuple(sorted(self.store.counts().items())), stamps

    def reload(self) -> views.Index:
        with self._lock:
            fingerprint = self.fingerprint()
            self._index = views.Index(self.store.load_document())
            self._fingerprint, self._checked = fingerprint, time.monotonic()
            return self._index

    def get(self) -> views.Index:
        now = time.monotonic()
        if self._index is not None and now - self._checked < self.check_interval:
            return self._index
        with self._lock:
            self._checked = now
            changed = self.fingerprint() != self._fingerprint
        return self.reload() if changed or self._index is None else self._index


def _store_path(db: str) -> Path | None:
    return None if "://" in db else Path(db).expanduser()


def _page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("max_query", views.MAX_QUERY)
    return HTMLResponse(render(template, LINKS, **context), status_code=status_code)


def _not_found(kind: str, item_id: str) -> StarletteHTTPException:
    return StarletteHTTPException(404, f"No {kind} with id {item_id!r}.")


def _counts(index: views.Index) -> dict[str, int]:
    return {k: len(v) for k, v in index.doc.items() if isinstance(v, list)}


def create_app(db: str, check_interval: float = 1.0) -> FastAPI:
    """The app over the store at ``db``; a missing SQLite file is an error rather than a new empty store."""
    path = _store_path(db)
    if path is not None and not path.exists():
        raise FileNotFoundError(f"no store at {db}")
    store = open_store(db)
    cache = DocumentCache(store, path, check_interval)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="counterclaim", summary="Who said what about contested events, across outlets.",
                  docs_url=None, redoc_url=None, lifespan=lifespan,
                  telemetry={"auto_configure": False})
    app.state.documents = cache
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        title = "Not found" if exc.status_code == 404 else "Error"
        return _page("error.html", exc.status_code, status=exc.status_code, title=title, message=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        message = "; ".join(str(e.get("msg", "")) for e in exc.errors())
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=422)
        return _page("error.html", 422, status=422, title="Bad request", message=message)

    @app.middleware("http")
    async def bounded_requests(request: Request, call_next) -> Response:
        """A read-only app takes no bodies: anything announcing more than MAX_BODY bytes is refused unread."""
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            return JSONResponse({"detail": "request body too large"}, status_code=413)
        return await call_next(request)

    def index() -> views.Index:
        return cache.get()

    # ---- pages --------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page() -> HTMLResponse:
        ix = index()
        return _page("stories.html", stories=views.stories(ix), loose=views.unstoried_articles(ix), counts=_counts(ix))

    @app.get("/propositions/{prop_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def proposition_page(prop_id: str) -> HTMLResponse:
        board = views.board(index(), prop_id)
        if board is None:
            raise _not_found("proposition", prop_id)
        return _page("proposition.html", b=board)

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        view = article_view(index(), article_id, lambda a: LINKS.attribution(article_id, a) or "")
        if view is None:
            raise _not_found("article", article_id)
        return _page("article.html", v=view)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page() -> HTMLResponse:
        ix = index()
        groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for e in sorted(ix.doc["entities"], key=lambda e: e["name"].casefold()):
            groups[e.get("side")].append({**e, "claims": len(ix.claims_by_entity.get(e["id"], []))})
        order = sorted((s for s in groups if s), key=str.casefold) + ([None] if None in groups else [])
        return _page("entities.html", groups=[(ix.side(s), groups[s]) for s in order])

    @app.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: str) -> HTMLResponse:
        view = views.entity(index(), entity_id)
        if view is None:
            raise _not_found("entity", entity_id)
        return _page("entity.html", e=view)

    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def places_page() -> HTMLResponse:
        ix = index()
        counts = Counter(e.get("place") for e in ix.doc["events"])
        places = [{**p, "events": counts[p["id"]]} for p in sorted(ix.doc["places"], key=lambda p: p["name"])]
        return _page("places.html", places=places)

    @app.get("/places/{place_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def place_page(place_id: str) -> HTMLResponse:
        view = geo.place(index(), place_id)
        if view is None:
            raise _not_found("place", place_id)
        return _page("place.html", p=view)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = Query("", max_length=views.MAX_QUERY)) -> HTMLResponse:
        return _page("search.html", r=views.search(index(), q), q=q, max_hits=views.MAX_HITS)

    # ---- JSON API -----------------------------------------------------------------------------------
    @app.get("/api/stories", tags=["api"])
    def api_stories() -> dict[str, Any]:
        ix = index()
        return {"stories": [asdict(s) for s in views.stories(ix)],
                "unstoried_articles": [asdict(a) for a in views.unstoried_articles(ix)]}

    @app.get("/api/propositions/{prop_id:path}", tags=["api"])
    def api_proposition(prop_id: str) -> dict[str, Any]:
        board = views.board(index(), prop_id)
        if board is None:
            raise _not_found("proposition", prop_id)
        return asdict(board)

    @app.get("/api/articles/{article_id:path}", tags=["api"])
    def api_article(article_id: str) -> dict[str, Any]:
        view = article_view(index(), article_id, lambda a: LINKS.attribution(article_id, a) or "")
        if view is None:
            raise _not_found("article", article_id)
        return {"article": asdict(view.ref), "source": view.source, "text": view.text,
                "verification_notes": [asdict(n) for n in view.notes],
                "attributions": [asdict(c) for c in view.claims]}

    @app.get("/api/entities/{entity_id:path}", tags=["api"])
    def api_entity(entity_id: str) -> dict[str, Any]:
        view = views.entity(index(), entity_id)
        if view is None:
            raise _not_found("entity", entity_id)
        return asdict(view)

    @app.get("/api/places/{place_id:path}", tags=["api"])
    def api_place(place_id: str) -> dict[str, Any]:
        view = geo.place(index(), place_id)
        if view is None:
            raise _not_found("place", place_id)
        return asdict(view)

    @app.get("/api/search", tags=["api"])
    def api_search(q: str = Query(..., min_length=1, max_length=views.MAX_QUERY)) -> dict[str, Any]:
        return asdict(views.search(index(), q))

    return app
