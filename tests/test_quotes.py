"""Quote finding: every mark style wire copy and machine translation produce, paragraph limits, scare quotes."""

from __future__ import annotations

import pytest

from counterclaim.extract.quotes import Quote, find_quotes, parse_text


def quoted(text: str) -> list[str]:
    """The text of each quote, marks included."""
    return [text[q.start:q.end] for q in find_quotes(text)]


def inner(text: str, q: Quote) -> str:
    s, e = q.inner
    return text[s:e]


# --- one mark style at a time -------------------------------------------------------------------------------------


def test_straight_quotes() -> None:
    text = ('The regional governor said: "We will not give up a single street of this town," adding that '
            'reinforcements were on their way.')
    [q] = find_quotes(text)
    assert q.closed
    assert inner(text, q) == "We will not give up a single street of this town,"
    assert text[q.start] == text[q.end - 1] == '"'
    assert q.is_full(text)


def test_straight_quote_at_start_of_text() -> None:
    text = '"Our air defences shot down eleven drones overnight," the air force command said.'
    [q] = find_quotes(text)
    assert (q.start, q.closed) == (0, True)
    assert inner(text, q) == "Our air defences shot down eleven drones overnight,"


def test_curly_quotes() -> None:
    text = ("A brigade commander near the river said “the pontoon bridge is still standing and our men hold "
            "both banks,” according to the regional news agency.")
    [q] = find_quotes(text)
    assert q.closed
    assert inner(text, q) == "the pontoon bridge is still standing and our men hold both banks,"
    assert q.is_full(text)


def test_guillemets() -> None:
    text = "The mayor of the port city wrote: «The shelling lasted all night and nobody in the old town slept.»"
    [q] = find_quotes(text)
    assert q.closed
    assert text[q.start] == "«" and text[q.end - 1] == "»"
    assert inner(text, q) == "The shelling lasted all night and nobody in the old town slept."


def test_machine_translated_guillemet_closed_with_curly() -> None:
    text = ("The defence ministry said «our units destroyed two rocket launchers near the border crossing”, "
            "the state agency reported.")
    [q] = find_quotes(text)
    assert q.closed
    assert inner(text, q) == "our units destroyed two rocket launchers near the border crossing"
    assert text[q.end:].startswith(", the state agency")


def test_guillemet_reused_as_closer_without_space() -> None:
    text = ("The spokesman said «the militia has been pushed out of the eastern districts of the city.«. "
            "Officials gave no further details.")
    [q] = find_quotes(text)
    assert q.closed
    assert inner(text, q) == "the militia has been pushed out of the eastern districts of the city."
    assert "Officials" not in text[q.start:q.end]


def test_guillemet_reused_as_closer_after_space() -> None:
    text = ("The spokesman said «the militia has been pushed out of the eastern districts of the city. «. "
            "Officials gave no further details.")
    [q] = find_quotes(text)
    assert q.closed
    assert "Officials" not in text[q.start:q.end]
    assert inner(text, q).rstrip() == "the militia has been pushed out of the eastern districts of the city."


def test_guillemet_reused_as_closer_after_space_at_paragraph_end() -> None:
    text = ("The mayor said «the water station was hit again overnight «\n\n"
            "«Repairs will take a week,» an engineer added.")
    assert [q.closed for q in find_quotes(text)] == [True, True]
    assert quoted(text)[1] == "«Repairs will take a week,»"


def test_spaced_guillemet_still_opens_when_nothing_is_open() -> None:
    text = "The statement read: « Our forces repelled four attacks near the village », the agency said."
    [q] = find_quotes(text)
    assert q.closed
    assert inner(text, q).strip() == "Our forces repelled four attacks near the village"


def test_spaced_straight_quotes_of_machine_translation_pair_up() -> None:
    text = ('" All responsibility lies with the leadership of Veskia, " - said in the statement. The head of the '
            'press service noted that the units " took adequate measures, and the enemy retreated ".')
    quotes = find_quotes(text)
    assert [inner(text, q).strip() for q in quotes] == [
        "All responsibility lies with the leadership of Veskia,", "took adequate measures, and the enemy retreated"]
    assert all(q.closed for q in quotes)


def test_mixed_styles_in_one_article() -> None:
    text = ("“We hold the line,” the battalion commander said.\n\n"
            "«Nobody will cross the river tonight,» his deputy added.\n\n"
            'A third officer said: "The enemy lost four armoured vehicles."')
    assert quoted(text) == [
        "“We hold the line,”",
        "«Nobody will cross the river tonight,»",
        '"The enemy lost four armoured vehicles."',
    ]
    assert all(q.closed for q in find_quotes(text))


def test_two_straight_quotes_in_one_sentence() -> None:
    text = ('"The convoy was hit twice," the aid group said, "and two of our drivers are missing."')
    assert quoted(text) == ['"The convoy was hit twice,"', '"and two of our drivers are missing."']


# --- paragraphs -------------------------------------------------------------------------------------------------


def test_quote_never_crosses_paragraph_break() -> None:
    text = ('The commander said "the column is moving toward the river and nothing can stop it\n\n'
            'Local officials later described the attack as "a provocation" staged by the other side.')
    quotes = find_quotes(text)
    assert len(quotes) == 2
    first, second = quotes
    assert not first.closed
    assert "\n\n" not in text[first.start:first.end]
    assert text[first.start:first.end] == '"the column is moving toward the river and nothing can stop it'
    assert second.closed and text[second.start:second.end] == '"a provocation"'


def test_curly_closer_in_next_paragraph_does_not_pair() -> None:
    text = "The governor said “we hold\n\nthe line,” a spokeswoman added later."
    [q] = find_quotes(text)
    assert not q.closed
    assert text[q.start:q.end] == "“we hold"


def test_unclosed_quote_at_paragraph_end_stops_before_trailing_space() -> None:
    text = ('The colonel said: "We will return to the village before the winter comes   \n\n'
            "Fighting continued through the night, officials said.")
    [q] = find_quotes(text)
    assert not q.closed
    assert text[q.start:q.end] == '"We will return to the village before the winter comes'
    assert q.inner == (q.start + 1, q.end)


def test_unclosed_quote_at_end_of_text() -> None:
    text = "The general wrote on Telegram: «The city is surrounded and the garrison has no way out"
    [q] = find_quotes(text)
    assert not q.closed
    assert q.end == len(text)
    assert inner(text, q) == "The city is surrounded and the garrison has no way out"


def test_unclosed_quote_with_later_paragraphs_ends_at_its_own_paragraph() -> None:
    text = ("He said «the shelling has not stopped since dawn\n\n"
            "The ministry did not respond.\n\nAid workers left the town on Sunday.")
    [q] = find_quotes(text)
    assert not q.closed
    assert text[q.start:q.end] == "«the shelling has not stopped since dawn"


def test_quote_per_paragraph_multi_paragraph_speech() -> None:
    # English convention: a quote running over two paragraphs leaves the first one unclosed.
    text = ('"The first wave came at four in the morning and lasted an hour.\n\n'
            '"The second came at noon, with tanks," the platoon leader said.')
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == [False, True]
    assert text[quotes[1].start:quotes[1].end] == '"The second came at noon, with tanks,"'


# --- things that are not quotes ---------------------------------------------------------------------------------


def test_apostrophes_and_possessives_are_not_quotes() -> None:
    text = ("The army's spokesman said the brigades' losses were light, that the soldiers' morale was high "
            "and that Kyiv’s allies hadn’t been told about the operation ’til Monday.")
    assert find_quotes(text) == []
    assert parse_text(text, []) == text


def test_apostrophe_inside_quote_does_not_close_it() -> None:
    text = "“The enemy’s artillery hasn’t stopped for three days,” the mayor said."
    [q] = find_quotes(text)
    assert inner(text, q) == "The enemy’s artillery hasn’t stopped for three days,"


def test_single_quotes_beside_double_ones_are_left_alone() -> None:
    text = ("Officials called the strike 'a deliberate provocation'. \"We will respond,\" the minister said, "
            "\"and the 'so-called' rebels know it.\"")
    assert [text[q.start:q.end] for q in find_quotes(text)] == [
        '"We will respond,"', "\"and the 'so-called' rebels know it.\""]


@pytest.mark.parametrize("text, quoted", [
    # British style, where single quotes are the quotation marks
    ("'We will not retreat,' the general said. Officials called it 'a provocation'.",
     ["'We will not retreat,'", "'a provocation'"]),
    ("‘The soldiers’ families are safe,’ he said, ‘and Kyiv’s allies know it.’",
     ["‘The soldiers’ families are safe,’", "‘and Kyiv’s allies know it.’"]),
    # possessives and an opener with no closer make no quotation
    ("The brigades' losses were light and the soldiers' morale high, the army's spokesman said.", []),
    ("He called it 'a disgrace and left.\n\nThe 'next' day it rained.", ["'next'"]),
    # archive copy writes double quotes as two apostrophes: those are the quotation, single ones inside nested
    ("''We will respond to the 'so-called' rebels,'' the minister said.",
     ["''We will respond to the 'so-called' rebels,''"]),
])
def test_single_quotes_in_text_without_double_ones(text: str, quoted: list[str]) -> None:
    found = find_quotes(text)
    assert [text[q.start:q.end] for q in found] == quoted
    assert all(q.closed for q in found)


@pytest.mark.parametrize("text", [
    'Officials described the withdrawal as a "goodwill gesture" aimed at restarting the talks.',
    "The ministry called the raid a “terrorist attack” and vowed to respond.",
    "State television spoke of «liberated territories» in its evening bulletin.",
    'The rebels announced a "humanitarian pause".',
])
def test_scare_quotes_are_not_full(text: str) -> None:
    [q] = find_quotes(text)
    assert q.closed
    assert not q.is_full(text)


@pytest.mark.parametrize("text", [
    '"We are ready," the negotiator said.',  # three words ending in punctuation: a sentence
    '"The city will not fall to them," the mayor said.',
])
def test_short_sentences_are_full(text: str) -> None:
    [q] = find_quotes(text)
    assert q.is_full(text)


def test_quote_words_counts_inner_text_only() -> None:
    text = 'The spokesman called it "a staged provocation" on Monday.'
    [q] = find_quotes(text)
    assert q.words(text) == 3
    assert not q.is_full(text)  # three words but no closing punctuation: still a scare-quoted phrase


def test_straight_quote_glued_to_comma() -> None:
    text = 'The governor said,"We will not give up a single street of this town," adding that help was coming.'
    assert quoted(text) == ['"We will not give up a single street of this town,"']


@pytest.mark.parametrize("text", [
    'The governor said;"We will not give up a single street of this town," and left.',
    'The governor said,"We will not give up a single street of this town,"adding that help was coming.',
])
def test_straight_quote_glued_to_punctuation_or_word(text: str) -> None:
    assert quoted(text) == ['"We will not give up a single street of this town,"']


# --- parse_text -------------------------------------------------------------------------------------------------


PARSE_CASES = [
    'The mayor wrote: «The shelling lasted all night and nobody slept.» Then the power went out.',
    "The ministry said «our units destroyed two launchers near the crossing”, the agency reported.",
    'He said "the column is moving toward the river\n\nThe next day officials spoke of "a provocation".',
    "The army's spokesman said the brigades' losses were light.",
    "The general wrote: «The city is surrounded and the garrison has no way out",
    "“We hold the line,” she said.\n\n«Nobody will pass here tonight,» he said.",
    "The spokesman said «the militia was pushed out of the city. «. Officials gave no details.",
    'The governor said,"We will not give up this town," adding that help was coming.',
]


@pytest.mark.parametrize("text", PARSE_CASES)
def test_parse_text_keeps_length_and_offsets(text: str) -> None:
    quotes = find_quotes(text)
    parsed = parse_text(text, quotes)
    assert len(parsed) == len(text)
    marks = {q.start for q in quotes} | {q.end - 1 for q in quotes if q.closed}
    for i, (a, b) in enumerate(zip(text, parsed)):
        if i not in marks:
            assert a == b, (i, a, b)
    for q in quotes:
        assert parsed[q.start] == "“"
        if q.closed:
            assert parsed[q.end - 1] == "”"
    # the parse text pairs the same way, with the same offsets
    assert [(q.start, q.end, q.closed) for q in find_quotes(parsed)] == [(q.start, q.end, q.closed) for q in quotes]


def test_parse_text_normalises_marks() -> None:
    text = 'The mayor wrote: «The shelling lasted all night.» An aide added "the power is out".'
    assert parse_text(text, find_quotes(text)) == (
        "The mayor wrote: “The shelling lasted all night.” An aide added “the power is out”.")


def test_parse_text_leaves_unclosed_end_alone() -> None:
    text = 'The colonel said "we will return before the winter\n\nOfficials declined to comment.'
    quotes = find_quotes(text)
    parsed = parse_text(text, quotes)
    assert parsed == text.replace('"', "“")


def test_no_quotes_in_empty_text() -> None:
    assert find_quotes("") == []
    assert parse_text("", []) == ""


@pytest.mark.parametrize("content,kind", [
    ('that “the night was hot, the fighting goes on.”', "direct"),
    ('“the night was hot, the fighting goes on.”', "direct"),
    ('that the night was “hot”, and the fighting goes on', "mixed"),
    ('thatched roofs burned, “the fighting goes on.”', "mixed"),
])
def test_a_leading_that_does_not_make_a_quotation_mixed(content, kind):
    from counterclaim.extract import _kind
    from counterclaim.extract.attributions import RawAttribution

    text = f"The deputy minister wrote {content}"
    start = text.index(content)
    quotes = find_quotes(text)
    raw = RawAttribution(cue=(20, 25), content=[(start, len(text))], quotes=quotes)
    assert _kind(raw, text) == kind


def test_archive_copys_doubled_apostrophes_are_double_quotes_the_parse_text_keeps() -> None:
    text = "''This isn't tax reform,'' said the economist. ''It is a 'big' mess.''"
    quotes = find_quotes(text)
    assert [inner(text, q) for q in quotes] == ["This isn't tax reform,", "It is a 'big' mess."]
    assert all(q.closed and q.width == 2 and q.is_full(text) for q in quotes)
    # the attribution tagger was trained on such text as it is, so the parser sees it unchanged
    assert parse_text(text, quotes) == text


def test_straight_quotes_inside_guillemets_are_nested_not_closers() -> None:
    text = ('« The capital says "the north is behind it", the north says "this is a staged provocation", and the '
            'mission says "we are investigating". People hear only the first two. », she said.')
    [q] = find_quotes(text)
    assert text[q.start] == "«" and text[q.end - 1] == "»"
