"""The bundled invented corpus (Sudan, eastern DR Congo) against its gold annotation: the extractor is judged on
wars, places and people that appear nowhere in its rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.export import to_document, validate_document
from counterclaim.extract.learned import MODE_ENV
from counterclaim.pipeline import run

from sample_gold import align, doc_key, load_gold, same_name, same_side, speaker_of

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

MODES = ("combined", "rules")


@pytest.fixture(scope="module", params=MODES)
def export(request) -> dict:
    """The export in each attribution mode but the model alone: the default (combined) and the rules it refines."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv(MODE_ENV, request.param)
        report = run([str(SAMPLES)])
    assert not report.errors
    return to_document(report.corpus)


@pytest.fixture(scope="module")
def scored(export):
    gold = load_gold()
    pairs = align(export, gold)
    found = [(g, p) for g, p in pairs if p is not None]
    return gold, pairs, found


def test_export_validates(export):
    assert validate_document(export) == []


def test_attributions_found(scored):
    _, pairs, found = scored
    assert len(found) / len(pairs) >= 0.8


def test_speakers_and_sides(export, scored):
    _, _, found = scored
    names = sides = 0
    for item, predicted in found:
        entity = speaker_of(export, predicted)
        names += same_name(item["speaker"], entity)
        sides += same_side(item["side"], entity)
    assert names / len(found) >= 0.8
    assert sides / len(found) >= 0.8


def test_channels_and_dates(scored):
    _, _, found = scored
    channels = sum(item["channel"] == p.get("channel") for item, p in found)
    dates = sum(item["date"] == (p.get("date") or {}).get("value") for item, p in found)
    assert channels / len(found) >= 0.7
    assert dates / len(found) >= 0.7


def test_outlets_inferred(export):
    gold = load_gold()
    outlets = {doc_key(a): a["outlet"] for a in export["articles"]}
    for doc in gold["outlet_inferred_from_text"]:
        assert outlets[doc] == gold["outlets"][doc]


def test_verification_notes(export):
    gold = load_gold()
    notes = {(doc_key(a), n["kind"], n["span"]["text"].lower()) for a in export["articles"]
             for n in a.get("verification_notes") or []}
    hits = sum(any(d == g["doc"] and k == g["kind"] and (g["text_contains"].lower() in t or t in
                                                         g["text_contains"].lower()) for d, k, t in notes)
               for g in gold["verification_notes"])
    assert hits / len(gold["verification_notes"]) >= 0.7
