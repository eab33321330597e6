"""An article's text as HTML with every attribution's source, cue and content marked, built from offsets.

Spans overlap (one attribution's content can hold another's speaker), so the text is cut at every span
boundary and each piece gets the classes of all spans covering it; no tags need to nest. Every piece of
article text goes through ``markupsafe.escape``: the text is untrusted and is never inserted raw.
Each attribution gets a small numbered anchor (``id="a-<attribution id>"``) where its first span starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

ROLES = ("source", "cue", "content", "note")  # CSS classes hl-source, hl-cue, hl-content, hl-note


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    role: str
    attribution: str | None


def marks(attributions: list[dict[str, Any]], notes: list[dict[str, Any]]) -> list[Mark]:
    found: list[Mark] = []
    for a in attributions:
        if a.get("source"):
            found.append(Mark(a["source"]["start"], a["source"]["end"], "source", a["id"]))
        found.append(Mark(a["cue"]["start"], a["cue"]["end"], "cue", a["id"]))
        for fragment in a.get("content_fragments") or [a["content"]]:
            found.append(Mark(fragment["start"], fragment["end"], "content", a["id"]))
    for note in notes:
        found.append(Mark(note["span"]["start"], note["span"]["end"], "note", None))
    return found


def anchor_label(attribution_id: str) -> str:
    """'a3' for 'article-id:a3': short enough to sit in the text."""
    return attribution_id.rsplit(":", 1)[-1]


def highlight(text: str, attributions: list[dict[str, Any]], notes: list[dict[str, Any]],
              href: Callable[[str], str]) -> Markup:
    """The article text as escaped HTML; ``href(attribution_id)`` gives each anchor's own link."""
    size = len(text)
    spans = [Mark(max(0, min(m.start, size)), max(0, min(m.end, size)), m.role, m.attribution)
             for m in marks(attributions, notes)]
    spans = [m for m in spans if m.end > m.start]
    anchors: dict[int, list[str]] = {}
    for a in attributions:
        starts = [m.start for m in spans if m.attribution == a["id"]]
        anchors.setdefault(min(starts) if starts else 0, []).append(a["id"])
    cuts = sorted({0, size, *(m.start for m in spans), *(m.end for m in spans), *anchors})
    out: list[str] = []
    for here, nxt in zip(cuts, [*cuts[1:], size]):
        for attribution_id in anchors.get(here, []):
            out.append(Markup('<a class="amark" id="a-{}" href="{}">{}</a>').format(
                attribution_id, href(attribution_id), anchor_label(attribution_id)))
        if nxt <= here:
            continue
        piece = text[here:nxt]
        covering = [m for m in spans if m.start <= here and m.end >= nxt]
        if not covering:
            out.append(escape(piece))
            continue
        roles = [r for r in ROLES if any(m.role == r for m in covering)]
        ids = sorted({m.attribution for m in covering if m.attribution})
        classes = " ".join(f"hl-{r}" for r in roles)
        if ids:
            out.append(Markup('<span class="{}" data-a="{}">{}</span>').format(classes, " ".join(ids), piece))
        else:
            out.append(Markup('<span class="{}">{}</span>').format(classes, piece))
    return Markup("").join(out)


@dataclass
class NoteView:
    kind: str
    text: str
    start: int
    end: int
    applies_to: list[str]


@dataclass
class ArticleView:
    ref: Any  # views.ArticleRef
    source: str
    text: str
    html: Markup
    notes: list[NoteView]
    claims: list[Any]  # views.Claim, in text order


def article_view(index: Any, article_id: str, href: Callable[[str], str]) -> ArticleView | None:
    """The article page's model; ``index`` is a ``views.Index`` (not imported, to keep this module leaf-level)."""
    article = index.articles.get(article_id)
    if article is None:
        return None
    attributions = sorted(index.claims_by_article.get(article_id, []), key=lambda a: a["cue"]["start"])
    notes = article.get("verification_notes") or []
    text = article.get("text") or ""
    return ArticleView(
        ref=index.article_ref(article_id), source=article.get("source") or "", text=text,
        html=highlight(text, attributions, notes, href),
        notes=[NoteView(n["kind"], n["span"]["text"], n["span"]["start"], n["span"]["end"],
                        list(n.get("applies_to") or [])) for n in notes],
        claims=[index.claim(a) for a in attributions])
