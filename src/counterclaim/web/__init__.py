"""Browse a counterclaim/1 store: a small FastAPI app and a self-contained static HTML report.

``views`` turns the document into view-models, ``highlight`` and ``geo`` build the article text and the
place map, ``render`` holds the one Jinja environment both outputs share. FastAPI is imported only by
``create_app``, so writing a static report does not need the web stack loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db: str, **options: Any) -> FastAPI:
    """The web app over the store at ``db`` (SQLite path or SQLAlchemy URL); see ``web.app``."""
    from counterclaim.web.app import create_app as _create_app

    return _create_app(db, **options)


__all__ = ["create_app"]
