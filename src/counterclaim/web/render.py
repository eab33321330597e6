"""The one Jinja environment (autoescape always on) and the link styles the app and the static report share.

Templates never build URLs themselves: they call ``link.<kind>(id)``. ``ServerLinks`` points at the app's
routes; ``StaticLinks`` points at in-page anchors and returns None for pages the report does not have, in
which case the templates print the name without a link. Ids are percent-quoted in paths and fragments.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STANCE_LABELS = {"supports": "Supports", "denies": "Denies", "unverified": "Unverified", "neutral": "Neutral"}
STATUS_LABELS = {"corroborated": "corroborated", "contested": "contested", "single_source": "single source",
                 "denied": "denied", "unverified": "unverified"}
STATUS_HELP = {
    "corroborated": "supported by two or more sides, or conceded against interest, or backed by evidence",
    "contested": "some sources support it and others deny it",
    "single_source": "supported by one side only, and nobody denies it",
    "denied": "denied, and no source supports it",
    "unverified": "reported only as unverified",
}
KIND_LABELS = {"direct": "direct quote", "indirect": "paraphrase", "mixed": "partly quoted"}
NOTE_LABELS = {"not_verified": "outlet could not verify", "verified": "outlet verified",
               "independent_evidence": "independent evidence", "no_comment": "no comment", "other": "note"}


def _q(value: str) -> str:
    return quote(value, safe=":")


class ServerLinks:
    static = False

    def story(self, story_id: str) -> str | None:
        return f"/#s-{_q(story_id)}"

    def proposition(self, prop_id: str) -> str | None:
        return f"/propositions/{_q(prop_id)}"

    def article(self, article_id: str) -> str | None:
        return f"/articles/{_q(article_id)}"

    def attribution(self, article_id: str, attribution_id: str) -> str | None:
        return f"/articles/{_q(article_id)}#a-{_q(attribution_id)}"

    def entity(self, entity_id: str | None) -> str | None:
        return f"/entities/{_q(entity_id)}" if entity_id else None

    def place(self, place_id: str | None) -> str | None:
        return f"/places/{_q(place_id)}" if place_id else None

    def search(self, q: str) -> str | None:
        return "/search?" + urlencode({"q": q})


class StaticLinks(ServerLinks):
    """In-page anchors of the one-file report: stories, propositions and articles are sections in it."""

    static = True

    def story(self, story_id: str) -> str | None:
        return f"#s-{_q(story_id)}"

    def proposition(self, prop_id: str) -> str | None:
        return f"#p-{_q(prop_id)}"

    def article(self, article_id: str) -> str | None:
        return f"#art-{_q(article_id)}"

    def attribution(self, article_id: str, attribution_id: str) -> str | None:
        return f"#a-{_q(attribution_id)}"

    def entity(self, entity_id: str | None) -> str | None:
        return None

    def place(self, place_id: str | None) -> str | None:
        return None

    def search(self, q: str) -> str | None:
        return None


def safe_url(url: str | None) -> str | None:
    """An article URL as a link only when it is http(s); anything else (javascript:, data:) stays text."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(stance_labels=STANCE_LABELS, status_labels=STATUS_LABELS, status_help=STATUS_HELP,
                       kind_labels=KIND_LABELS, note_labels=NOTE_LABELS)
    env.filters["safe_url"] = safe_url
    return env


def stylesheet() -> Markup:
    """Our own CSS, trusted, for the report's inline <style> (escaping would break '>' selectors)."""
    return Markup((STATIC / "style.css").read_text(encoding="utf-8"))


def render(template: str, links: ServerLinks, **context: Any) -> str:
    return environment().get_template(template).render(link=links, **context)
