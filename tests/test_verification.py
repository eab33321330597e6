"""The outlet's own voice: what it could not verify, who would not comment, what imagery shows, who the outlet is."""

from __future__ import annotations

import pytest
from spacy.language import Language

from counterclaim.extract.verification import NoteHit, find_notes, infer_outlet
from counterclaim.ingest.dateline import dateline_agency
from counterclaim.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def notes(nlp: Language, text: str) -> list[NoteHit]:
    return find_notes(nlp(text))


def kinds(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(h.note.kind, h.note.span.text) for h in notes(nlp, text)]


def test_could_not_independently_verify(nlp: Language) -> None:
    text = ("Sudan's army said it had retaken the bridge over the Blue Nile. "
            "Horn Dispatch could not independently verify the claim.")
    [hit] = notes(nlp, text)
    assert hit.note.kind == "not_verified"
    assert hit.note.span.text == "could not independently verify"
    assert text[hit.note.span.start:hit.note.span.end] == hit.note.span.text
    assert hit.verifier == "Horn Dispatch"
    assert infer_outlet([hit]) == "Horn Dispatch"


def test_has_not_verified_the_claims_by_either_party(nlp: Language) -> None:
    text = ("Both armies said they had repelled attacks near the border town overnight. "
            "The Levant Courier has not verified the claims by either party.")
    [hit] = notes(nlp, text)
    assert (hit.note.kind, hit.note.span.text) == ("not_verified", "has not verified")
    assert infer_outlet([hit]) == "The Levant Courier"


def test_could_not_be_verified_by_outlet(nlp: Language) -> None:
    text = ("The rebels said forty government soldiers had been captured. "
            "The figures could not be verified by Meridian News.")
    [hit] = notes(nlp, text)
    assert (hit.note.kind, hit.note.span.text) == ("not_verified", "could not be verified")
    assert hit.verifier == "Meridian News"
    assert infer_outlet([hit]) == "Meridian News"


@pytest.mark.parametrize(("text", "span"), [
    ("The ministry's account could not be independently confirmed.", "could not be independently confirmed"),
    ("The claims were not independently verified.", "were not independently verified"),
    ("The toll has not yet been confirmed.", "has not yet been confirmed"),
    ("It was not possible to confirm the reported deaths.", "was not possible to confirm"),
    ("It was impossible to independently verify either account.", "was impossible to independently verify"),
])
def test_passive_not_verified_without_agent(nlp: Language, text: str, span: str) -> None:
    hits = notes(nlp, text)
    [hit] = hits
    assert (hit.note.kind, hit.note.span.text) == ("not_verified", span)
    assert hit.verifier is None
    assert infer_outlet(hits) is None


@pytest.mark.parametrize("text", [
    "Neither claim could be independently verified.",
    "None of the casualty figures could be verified.",
])
def test_neither_could_be_verified(nlp: Language, text: str) -> None:
    assert [h.note.kind for h in notes(nlp, text)] == ["not_verified"]


@pytest.mark.parametrize(("text", "span"), [
    ("Milbloggers claimed the village fell, but the institute has not observed confirmation of this claim.",
     "has not observed confirmation"),
    ("The monitor said it had seen no evidence that the bridge was destroyed.", "seen no evidence"),
])
def test_nothing_observed_to_back_a_claim_is_not_verified(nlp: Language, text: str, span: str) -> None:
    assert [(h.note.kind, h.note.span.text) for h in notes(nlp, text)] == [("not_verified", span)]


def test_footage_verified_by_the_outlet(nlp: Language) -> None:
    hits = notes(nlp, "Footage verified by Coastal Ledger showed a collapsed classroom.")
    assert [h.note.kind for h in hits] == ["verified"]


@pytest.mark.parametrize(("text", "span"), [
    ("A spokesman for the Rapid Support Forces declined to comment.", "declined to comment"),
    ("The defence ministry did not respond to a request for comment.", "did not respond to a request for comment"),
    ("Officials in the capital did not immediately respond to requests for comment.",
     "did not immediately respond to requests for comment"),
    ("The governor's office could not be reached for comment.", "could not be reached for comment"),
    ("There was no immediate comment from the rebel command.", "no immediate comment"),
    ("The ministry did not reply to emailed questions.", "did not reply"),
])
def test_no_comment(nlp: Language, text: str, span: str) -> None:
    hits = notes(nlp, text)
    assert [(h.note.kind, h.note.span.text) for h in hits] == [("no_comment", span)]
    assert infer_outlet(hits) is None  # whoever declines to comment is not the outlet


@pytest.mark.parametrize("text", [
    "The army couldn't be reached for comment.",
    "The army could not immediately be reached for comment.",
])
def test_no_comment_contracted_or_with_adverb(nlp: Language, text: str) -> None:
    assert [h.note.kind for h in notes(nlp, text)] == ["no_comment"]


@pytest.mark.parametrize(("text", "span"), [
    ("Citing geolocated video, analysts said the tanks had crossed the river.", "geolocated video"),
    ("Satellite imagery showed fresh craters near the runway of the air base.", "Satellite imagery"),
    ("Drone footage posted by the brigade showed a burning fuel depot.", "Drone footage"),
    ("Satellite images taken on Tuesday show the bridge intact.", "Satellite images"),
])
def test_independent_evidence(nlp: Language, text: str, span: str) -> None:
    [hit] = notes(nlp, text)
    assert (hit.note.kind, hit.note.span.text) == ("independent_evidence", span)
    assert hit.verifier is None


def test_no_immediate_confirmation_is_other(nlp: Language) -> None:
    text = ("The militia said it had shot down a helicopter over the valley. "
            "There was no immediate confirmation from the army.")
    [hit] = notes(nlp, text)
    assert (hit.note.kind, hit.note.span.text) == ("other", "no immediate confirmation")
    assert infer_outlet([hit]) is None


def test_verified_names_the_outlet(nlp: Language) -> None:
    text = "Baltic News Agency has verified the footage, which shows the strike on the depot."
    hits = notes(nlp, text)
    assert [(h.note.kind, h.note.span.text) for h in hits] == [("verified", "has verified")]
    assert infer_outlet(hits) == "Baltic News Agency"


def test_several_notes_in_text_order(nlp: Language) -> None:
    text = ("Armenian officials said on Monday that a border post had come under fire from drones. "
            "Azerbaijan's defence ministry denied the report and did not respond to a request for comment. "
            "Andes Press could not independently verify either account. "
            "Satellite imagery reviewed by analysts showed damage to a guard tower.")
    hits = notes(nlp, text)
    assert [h.note.kind for h in hits] == ["no_comment", "not_verified", "independent_evidence"]
    starts = [h.note.span.start for h in hits]
    assert starts == sorted(starts)
    for h in hits:
        assert text[h.note.span.start:h.note.span.end] == h.note.span.text
    assert infer_outlet(hits) == "Andes Press"


def test_infer_outlet_takes_the_most_named_verifier(nlp: Language) -> None:
    text = ("Andes Press could not independently verify the claim. Andes Press could not confirm the toll either. "
            "The figures could not be verified by Meridian News.")
    hits = notes(nlp, text)
    assert [h.verifier for h in hits] == ["Andes Press", "Andes Press", "Meridian News"]
    assert infer_outlet(hits) == "Andes Press"


def test_infer_outlet_without_notes() -> None:
    assert infer_outlet([]) is None


def test_text_without_notes(nlp: Language) -> None:
    text = "Ukrainian forces said they had pushed back an assault near the river on Thursday."
    assert notes(nlp, text) == []


def test_was_unable_to_verify_names_the_outlet(nlp: Language) -> None:
    hits = notes(nlp, "Meridian News was unable to independently verify the report.")
    assert [(h.note.kind, h.verifier) for h in hits] == [("not_verified", "Meridian News")]
    assert infer_outlet(hits) == "Meridian News"


def test_passive_verifier_tagged_as_person(nlp: Language) -> None:
    hits = notes(nlp, "The casualty figures could not be verified by Horn Dispatch.")
    assert infer_outlet(hits) == "Horn Dispatch"


@pytest.mark.parametrize("text, outlet", [
    # a name the entity tagger does not know, as the subject of the phrase
    ("The movement said its drones had hit a tanker. Gulf Wire could not independently confirm the damage.",
     "Gulf Wire"),
    ("The claims could not be verified.", None),
])
def test_the_verifier_is_the_capitalised_name_before_the_phrase(nlp: Language, text: str, outlet: str | None) -> None:
    assert infer_outlet(notes(nlp, text)) == outlet


@pytest.mark.parametrize("text, agency", [
    ("SANAA, Jan 27 (Gulf Wire) - The movement said it had struck a tanker.", "Gulf Wire"),
    ("KYIV (Reuters) — Ukraine said on Monday...", "Reuters"),
    ("GOMA, Congo, Feb. 9, 2024 — The army said...", None),  # a dateline with no agency
    ("The army said - in a statement - that...", None),  # no dateline
])
def test_a_wire_datelines_agency(text: str, agency: str | None) -> None:
    assert dateline_agency(text) == agency
