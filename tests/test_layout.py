"""Attributions set by layout: signed quotations ('"..." ― Name') and transcript turns ('NAME: ...'), alone and
through the whole extraction in each attribution mode."""

from __future__ import annotations

import hashlib

import pytest

from counterclaim.extract import extract_article, parse_input
from counterclaim.extract.layout import (find_layout_attributions, headline_statement, listed_statement,
                                         signed_quotations, transcript_turns)
from counterclaim.extract.quotes import find_quotes
from counterclaim.model import Article
from counterclaim.nlp import load_pipeline

VOX_POP = (
    "Residents of the river district spoke to us after the shelling stopped on Tuesday.\n\n"
    "“The windows went first, then the roof. We slept in the cellar for three nights.” ― Marta Ilyenko, a nurse\n"
    "“Nobody told us the bridge was closed. I think the army knew for days.”\u00a0—\u00a0Oleh Danyliuk.\n"
    "“We will rebuild the school before the winter comes, whatever it costs.”\n"
    "— Hanna Bilyk, head of the village council\n"
)
TRANSCRIPT = (
    "The governor took questions after the briefing. A partial transcript follows.\n\n"
    "UPDATE: The briefing was moved to the town hall.\n\n"
    "REPORTER: Can you confirm the brigade has left the town?\n\n"
    "\"KOVALENKO: The brigade holds its positions. Any other claim is enemy propaganda.\n\n"
    "REPORTER: And the bridge?\n\n"
    "KOVALENKO: It was hit twice, but engineers say it will carry trucks again by Monday.\n"
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def found(nlp, text: str, finder) -> list[tuple[str, str, str]]:
    """(cue, source, content) texts of what one layout finder reads in the text."""
    doc = nlp(parse_input(text))
    return [(text[a.cue[0]:a.cue[1]], text[a.source[0]:a.source[1]], text[a.content[0][0]:a.content[0][1]])
            for a in finder(doc, find_quotes(text))]


def analysis(nlp, text: str, mode: str):
    article = Article(id="t1", source="test", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())
    return extract_article(article, nlp(parse_input(text)), attributions=mode)


def test_signed_quotations_with_any_dash_on_the_line_or_the_next(nlp):
    assert found(nlp, VOX_POP, signed_quotations) == [
        ("―", "Marta Ilyenko, a nurse",
         "“The windows went first, then the roof. We slept in the cellar for three nights.”"),
        ("—", "Oleh Danyliuk", "“Nobody told us the bridge was closed. I think the army knew for days.”"),
        ("—", "Hanna Bilyk, head of the village council",
         "“We will rebuild the school before the winter comes, whatever it costs.”"),
    ]


def test_a_dash_after_a_quotation_that_does_not_lead_to_a_name_signs_nothing(nlp):
    text = ("“The dam is intact,” — a claim the ministry later withdrew.\n"
            "“We have lost contact with the eastern posts.” — 14 soldiers were missing by the evening.\n"
            "The statement ended: “We will answer.” — and then the line went dead.\n")
    assert found(nlp, text, signed_quotations) == []


def test_transcript_turns_need_two_speakers_and_skip_editors_labels(nlp):
    turns = found(nlp, TRANSCRIPT, transcript_turns)
    assert [(cue, source) for cue, source, _ in turns] == [
        (":", "REPORTER"), (":", "KOVALENKO"), (":", "REPORTER"), (":", "KOVALENKO")]
    assert turns[1][2] == "The brigade holds its positions. Any other claim is enemy propaganda."
    # one label alone is a heading, not a transcript
    lone = "The council met on Friday.\n\nSUMMARY OF DECISIONS: the market reopens next week.\n"
    assert found(nlp, lone, transcript_turns) == []
    assert found(nlp, lone + "NOTE: Prices may change.\n", transcript_turns) == []
    # fields of a fact box are not speakers, however many there are; an interview's Q and A are
    fields = "Location: Kherson region\n\nDate: 12 May 2024\n\nCasualties: three killed, five wounded\n"
    assert found(nlp, fields, transcript_turns) == []
    interview = "Q: What happened at the crossing?\n\nA: The first boats left before dawn.\n"
    assert [(source, words) for _, source, words in found(nlp, interview, transcript_turns)] == [
        ("Q", "What happened at the crossing?"), ("A", "The first boats left before dawn.")]


def test_layout_attributions_come_in_text_order(nlp):
    text = VOX_POP + "\n" + TRANSCRIPT
    doc = nlp(parse_input(text))
    starts = [a.content[0][0] for a in find_layout_attributions(doc, find_quotes(text))]
    assert len(starts) == 7 and starts == sorted(starts)


@pytest.mark.parametrize("mode", ["rules", "combined"])
def test_signed_quotations_are_direct_speech_of_the_signer_end_to_end(nlp, mode):
    result = analysis(nlp, VOX_POP, mode)
    speakers = {s.key: s for s in result.speakers}
    signed = {speakers[a.speaker].name: a for a in result.attributions if a.cue.text in "―—"}
    assert set(signed) == {"Marta Ilyenko", "Oleh Danyliuk", "Hanna Bilyk"}
    assert all(a.kind == "direct" for a in signed.values())
    assert signed["Marta Ilyenko"].content.text.startswith("“The windows went first")
    assert speakers[signed["Marta Ilyenko"].speaker].title == "nurse"
    # no quotation is left to a speaker of an earlier line, nor split between two attributions
    quoted = [a for a in result.attributions if "cellar" in a.content.text or "bridge was closed" in a.content.text]
    assert len(quoted) == 2


@pytest.mark.parametrize("mode", ["rules", "combined"])
def test_transcript_turns_are_direct_speech_of_their_label_end_to_end(nlp, mode):
    result = analysis(nlp, TRANSCRIPT, mode)
    names = {s.key: s.name for s in result.speakers}
    turns = [(names[a.speaker], a.kind) for a in result.attributions if a.cue.text == ":"]
    assert turns == [("REPORTER", "direct"), ("KOVALENKO", "direct"), ("REPORTER", "direct"),
                     ("KOVALENKO", "direct")]
    # a turn printed inside a quotation that runs on to the paragraph end still starts after its label
    assert [a.content.text for a in result.attributions if a.cue.text == ":"][1] == (
        "The brigade holds its positions. Any other claim is enemy propaganda.")
    bridge = [a for a in result.attributions if "carry trucks" in a.content.text]
    assert bridge and all(a.source is None or "\n" not in a.source.text for a in result.attributions)


@pytest.mark.parametrize("text, expected", [
    ("The Ministry of Defence of Angola: the enemy shelled our positions near Cuito\n\nLuanda, 14 September.",
     [(":", "The Ministry of Defence of Angola", "the enemy shelled our positions near Cuito")]),
    ("Zelensky: we will not give up the city\n\nThe president spoke on Monday.",
     [(":", "Zelensky", "we will not give up the city")]),
    ("Obama on Climate Change: The Trends Are Terrifying\n\nText.", []),  # a topic, not a speaker
    ("Ukraine war: latest news from the front\n\nText.", []),
    ("Analysis: the army is running out of shells\n\nText.", []),
])
def test_a_headline_statement_names_its_speaker_before_the_colon(nlp, text, expected):
    assert found(nlp, text, headline_statement) == expected


COMMUNIQUE = (
    "PRESS RELEASE\n\nMINISTRY OF DEFENCE\n\nThe Ministry of Defence informs the public of the following:\n\n"
    "1. Units of the armed forces recaptured the village of Tamsin, 40 km east of the river.\n\n"
    "2. No soldiers lost their lives during the operations.\n\n"
    "The ministry's account was disputed by residents, who said the rebels had left on their own.\n"
)


def test_a_communiques_numbered_items_are_what_its_intro_says(nlp):
    doc = nlp(parse_input(COMMUNIQUE))
    [listed] = listed_statement(doc, find_quotes(COMMUNIQUE))
    assert COMMUNIQUE[listed.source[0]:listed.source[1]] == "The Ministry of Defence"
    assert [COMMUNIQUE[s:e] for s, e in listed.content] == [
        "Units of the armed forces recaptured the village of Tamsin, 40 km east of the river.",
        "No soldiers lost their lives during the operations."]
    result = analysis(nlp, COMMUNIQUE, "combined")
    claims = [a for a in result.attributions if "recaptured" in a.content.text]
    assert claims and all("Ministry" in next(s.name for s in result.speakers if s.key == a.speaker) for a in claims)
