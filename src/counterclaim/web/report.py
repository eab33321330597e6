"""The static report: one self-contained HTML file with the stories, every proposition's board and the articles.

The same view-models and templates as the web app, rendered with ``StaticLinks`` (in-page anchors instead
of routes) and the stylesheet inlined, so the file makes no request of its own: no external CSS, fonts,
images or scripts. Article URLs stay as plain links the reader may follow.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from counterclaim.web import views
from counterclaim.web.highlight import article_view
from counterclaim.web.render import StaticLinks, render, stylesheet


def _ordered_propositions(index: views.Index) -> list[str]:
    """Propositions story by story, as the reader meets them, then any no story lists."""
    ordered = [p for s in index.doc["stories"] for p in views.story_propositions(index, s)]
    ordered += [p["id"] for p in index.doc["propositions"]]
    return list(dict.fromkeys(ordered))


def render_report(doc: dict[str, Any], generated: str | None = None) -> str:
    """The report for a counterclaim/1 document (from an export or ``Store.load_document``)."""
    index = views.Index(doc)
    links = StaticLinks()
    boards = [b for b in (views.board(index, p) for p in _ordered_propositions(index)) if b is not None]
    articles = [v for v in (article_view(index, a["id"], lambda x: links.attribution("", x) or "")
                            for a in doc["articles"]) if v is not None]
    counts = {k: len(v) for k, v in doc.items() if isinstance(v, list)}
    return render("report.html", links, css=stylesheet(), stories=views.stories(index),
                  loose=views.unstoried_articles(index), boards=boards, articles=articles, counts=counts,
                  generated=generated)


def write_report(doc: dict[str, Any], path: Path) -> int:
    """Write the report next to ``path`` and rename it into place; returns its size in bytes."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    data = render_report(doc, generated=stamp).encode("utf-8")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(data)
