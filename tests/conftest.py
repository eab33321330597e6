"""Shared fixtures: a small hand-built Corpus (two invented reports about one battle), the samples/
corpus analysed once per session, and a PostgreSQL database (see pg.py).

Offsets are found with ``str.find`` so the fixture stays right when the text is edited.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pg import pg_url  # noqa: F401  (a fixture: a throwaway PostgreSQL database)

from counterclaim.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    Corpus,
    DateRef,
    Entity,
    EntityMention,
    Span,
    VerificationNote,
)

REPORT = (
    "Ukrainian forces pushed Russian troops back from positions near the town of Vuhlyar after "
    "three days of heavy fighting, Ukraine's Defence Ministry said on Friday.\n\n"
    "\"Our units have advanced up to two kilometres along the northern flank,\" Deputy Defence "
    "Minister Olena Marchuk wrote on Telegram. \"The enemy is suffering heavy losses.\"\n\n"
    "Russia's Defence Ministry denied that its lines had been breached, saying in a statement "
    "that all attacks near Vuhlyar had been repelled. The Kyiv Ledger could not independently "
    "verify either side's account."
)

WIRE = (
    "Russian troops repelled five Ukrainian attacks near Vuhlyar, Russia's Defence Ministry said, "
    "according to a report by the state news agency Tass. Marchuk did not respond to a request for comment."
)


def span(text: str, phrase: str, after: str = "") -> Span:
    """The first ``phrase`` in ``text`` that follows ``after``."""
    start = text.find(phrase, text.find(after) if after else 0)
    assert start >= 0, phrase
    return Span.of(text, start, start + len(phrase))


def mention(article: Article, phrase: str, after: str = "") -> EntityMention:
    s = span(article.text, phrase, after)
    return EntityMention(article.id, s.start, s.end)


def make_article(article_id: str, text: str, **meta: object) -> Article:
    return Article(
        id=article_id,
        source=f"reports/{article_id}.txt",
        text=text,
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **meta,  # type: ignore[arg-type]
    )


def span_dict(s: Span) -> dict[str, object]:
    return {"text": s.text, "start": s.start, "end": s.end}


def build_corpus(wire_text: str = WIRE) -> Corpus:
    """The fixture corpus; ``wire_text`` lets a test re-run it on an edited second article."""
    report = make_article(
        "art-1", REPORT, published=date(2023, 5, 12), outlet="The Kyiv Ledger",
        title="Ukraine says troops advance near Vuhlyar", url="https://example.org/vuhlyar", language="en",
    )
    wire = make_article("art-2", wire_text, outlet=None, language="en")

    friday = span(report.text, "on Friday")
    claim = Attribution(
        id="art-1:1", article="art-1", kind="indirect", speaker="ent-ua-mod",
        source=span(report.text, "Ukraine's Defence Ministry"),
        cue=span(report.text, "said"),
        content=span(report.text, "Ukrainian forces pushed Russian troops back from positions near the town of Vuhlyar "
                             "after three days of heavy fighting"),
        date=DateRef("2023-05-12", "day", friday.text, friday.start, friday.end),
        confidence=0.9,
    )
    quote_1 = span(report.text, "Our units have advanced up to two kilometres along the northern flank,")
    quote_2 = span(report.text, "The enemy is suffering heavy losses.")
    quote = Attribution(
        id="art-1:2", article="art-1", kind="direct", speaker="ent-marchuk", channel="telegram",
        source=span(report.text, "Deputy Defence Minister Olena Marchuk"),
        cue=span(report.text, "wrote"),
        content=quote_1, content_fragments=[quote_1, quote_2],
    )
    denial = Attribution(
        id="art-1:3", article="art-1", kind="indirect", speaker="ent-ru-mod", channel="statement",
        source=span(report.text, "Russia's Defence Ministry"),
        cue=span(report.text, "denied"),
        content=span(report.text, "that its lines had been breached"),
        confidence=0.85,
    )
    relayed = Attribution(
        id="art-2:1", article="art-2", kind="indirect", speaker="ent-ru-mod",
        source=span(wire.text, "Russia's Defence Ministry"),
        cue=span(wire.text, "said"),
        content=span(wire.text, "Russian troops repelled five Ukrainian attacks near Vuhlyar"),
        via="ent-tass", via_span=span(wire.text, "Tass"),
    )
    not_verified = VerificationNote(
        "not_verified", span(report.text, "could not independently verify either side's account"),
        applies_to=["art-1:1", "art-1:2", "art-1:3"],
    )
    no_comment = VerificationNote("no_comment", span(wire.text, "did not respond to a request for comment"))

    entities = [
        Entity("ent-ua-mod", "Ministry of Defence of Ukraine", "government", side="Ukraine",
               aliases=["Ukraine's Defence Ministry"], mentions=[mention(report, "Ukraine's Defence Ministry")]),
        Entity("ent-marchuk", "Olena Marchuk", "person", side="Ukraine", title="Deputy Defence Minister",
               affiliation="ent-ua-mod", aliases=["Marchuk"],
               mentions=[mention(report, "Olena Marchuk"), mention(wire, "Marchuk")]),
        Entity("ent-ru-mod", "Ministry of Defence of Russia", "government", side="Russia",
               aliases=["Russia's Defence Ministry"],
               mentions=[mention(report, "Russia's Defence Ministry"), mention(wire, "Russia's Defence Ministry")]),
        Entity("ent-tass", "TASS", "media", aliases=["Tass"], mentions=[mention(wire, "Tass")]),
    ]
    advance = span(report.text, "Ukrainian forces pushed Russian troops back")
    event = {
        "id": "ev-1", "article": "art-1", "type": "advance", "modality": "asserted", "actor_side": "Ukraine",
        "place": "pl-vuhlyar", "span": span_dict(advance), "claimed_by": ["art-1:1"],
        "date": {"value": "2023-05-12", "precision": "day"},
        "magnitude": {
            "text": "up to two kilometres", "value": 2, "unit": "kilometre", "km": 2.0, "qualifier": "up_to",
        },
    }
    place = {
        "id": "pl-vuhlyar", "name": "Vuhlyar", "lat": 47.78, "lon": 37.25, "country_code": "UA",
        "feature": "town", "precision": "exact",
        "mentions": [{"article": "art-1", **span_dict(span(report.text, "Vuhlyar"))}],
    }
    proposition = {
        "id": "prop-1", "summary": "Ukrainian forces advanced near Vuhlyar in May 2023", "type": "advance",
        "place": "pl-vuhlyar", "actor_side": "Ukraine", "events": ["ev-1"], "status": "contested",
        "stances": [
            {"entity": "ent-ua-mod", "attribution": "art-1:1", "article": "art-1", "stance": "supports",
             "against_interest": False, "evidence": None},
            {"entity": "ent-ru-mod", "attribution": "art-1:3", "article": "art-1", "stance": "denies",
             "against_interest": False, "evidence": None},
        ],
        "sides_supporting": ["Ukraine"], "sides_denying": ["Russia"],
    }
    story = {"id": "story-1", "label": "Fighting near Vuhlyar", "articles": ["art-1", "art-2"],
             "places": ["pl-vuhlyar"], "start": "2023-05-12", "end": None}
    return Corpus(
        events=[event], places=[place], propositions=[proposition], stories=[story],
        analyses=[
            ArticleAnalysis(report, attributions=[denial, claim, quote], notes=[not_verified]),
            ArticleAnalysis(wire, attributions=[relayed], notes=[no_comment]),
        ],
        entities=entities,
    )


@pytest.fixture
def small_corpus() -> Corpus:
    return build_corpus()


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="session")
def samples_document() -> dict[str, Any]:
    """samples/ through the real pipeline, once per session; tests must not mutate it (deepcopy first)."""
    from counterclaim.export import to_document
    from counterclaim.pipeline import run

    return to_document(run([str(SAMPLES)]).corpus)
