"""The three real example reports (read by path from ../shared/examples/seeds): every key claim is found with
the right speaker, side, channel and date."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.export import to_document, validate_document
from counterclaim.extract.learned import MODE_ENV
from counterclaim.pipeline import run

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seeds" / "articles.jsonl"
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="example reports not available")

MODES = ("combined", "rules")


@pytest.fixture(scope="module", params=MODES)
def export(request) -> dict:
    """The export in each attribution mode but the model alone: the default (combined) and the rules it refines."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv(MODE_ENV, request.param)
        report = run([str(SEEDS)])
    assert not report.errors
    return to_document(report.corpus)


def find(export: dict, article_prefix: str, content_words: str) -> tuple[dict, dict | None]:
    """The attribution in that article whose content holds the words, and its speaker entity."""
    entities = {e["id"]: e for e in export["entities"]}
    for a in export["attributions"]:
        if a["article"].startswith(article_prefix) and content_words in " ".join(
                f["text"] for f in a["content_fragments"]):
            return a, entities.get((a.get("source") or {}).get("entity") or "")
    raise AssertionError(f"no attribution with {content_words!r} in {article_prefix}")


def test_export_validates(export):
    assert validate_document(export) == []


CASES = [
    # article, words of the content, speaker name contains, side, channel, date, kind
    ("000", "advanced over two miles", "Malyar", "Ukraine", None, None, "indirect"),
    ("000", "do not correspond to reality", "defense ministry", "Russia", None, None, "direct"),
    ("000", "under control", "defense ministry", "Russia", None, None, "direct"),
    ("000", "no new ground had been taken", "Konashenkov", "Russia", None, "2023-05-12", "mixed"),
    ("000", "fibbed a little", "Prigozhin", "Russia", None, "2023-05-12", "mixed"),
    ("000", "simply fled from the flanks", "Prigozhin", "Russia", None, None, "direct"),
    ("000", "withdrawn from an area of roughly two square miles", "Prigozhin", "Russia", None, None, "mixed"),
    ("000", "gradual encirclement", "Prigozhin", "Russia", None, None, "mixed"),
    ("001", "defeated a Russian infantry unit", "army", "Ukraine", None, "2023-05-10", "indirect"),
    ("001", "partially successful", "Prigozhin", "Russia", "telegram", "2023-05-11", "mixed"),
    ("001", "They just took off", "Prigozhin", "Russia", "video", "2023-05-09", "direct"),
    ("001", "effective counterattacks", "Syrskyi", "Ukraine", "telegram", "2023-05-10", "mixed"),
    ("001", "unable to repel the attacks", "Syrskyi", "Ukraine", None, None, "direct"),
    ("001", "It is official", "Assault Brigade", "Ukraine", "statement", None, "direct"),
    ("001", "Victory Day was a success", "Biletsky", "Ukraine", None, None, "direct"),
    ("001", "limited successful counterattacks", "Institute for the Study of War", None, None, None, "direct"),
    ("001", "will be taken", "Kremlin", "Russia", None, "2023-05-11", "mixed"),
    ("002", "Russia now controls the mining town", "Defense Ministry", "Russia", None, "2023-01-13", "indirect"),
    ("002", "liberation of the city", "Konashenkov", "Russia", None, None, "direct"),
    ("002", "the battles continued", "Malyar", "Ukraine", "telegram", "2023-01-13", "direct"),
    ("002", "only 500 people remained", "Kyrylenko", "Ukraine", None, "2023-01-10", "indirect"),
    ("002", "his forces were in sole charge", "Prigozhin", "Russia", "social media", None, "indirect"),
    ("002", "The salt mines are located", "Ramani", None, None, None, "direct"),
]


@pytest.mark.parametrize("article,words,speaker,side,channel,date,kind", CASES)
def test_claim(export, article, words, speaker, side, channel, date, kind):
    attribution, entity = find(export, article, words)
    assert entity is not None and speaker.lower() in (entity["name"] + " " + " ".join(entity["aliases"])).lower()
    assert entity["side"] == side
    assert attribution["channel"] == channel
    if date:
        assert attribution["date"]["value"] == date
    assert attribution["kind"] == kind


def test_relays(export):
    attribution, _ = find(export, "002", "liberation of the city")
    assert "Tass" in attribution["via_text"]
    attribution, _ = find(export, "000", "simply fled from the flanks")
    assert "Pravda" in attribution["via_text"]


def test_outlets_inferred_from_text(export):
    outlets = {a["id"][:3]: a["outlet"] for a in export["articles"]}
    assert outlets == {"000": "Fox News Digital", "001": "NBC News", "002": "NBC News"}


def test_verification_notes(export):
    notes = {a["id"][:3]: {n["kind"] for n in a["verification_notes"]} for a in export["articles"]}
    assert "not_verified" in notes["000"]
    assert {"not_verified", "no_comment", "independent_evidence"} <= notes["001"]
    assert "not_verified" in notes["002"]


def test_entities_merged_across_articles(export):
    names = [e["name"] for e in export["entities"]]
    assert sum("Prigozhin" in n for n in names) == 1
    assert sum("Konashenkov" in n for n in names) == 1
    ministries = [e for e in export["entities"] if e["type"] == "government" and "ministry" in e["name"].lower()]
    assert len(ministries) == 1 and ministries[0]["side"] == "Russia"
