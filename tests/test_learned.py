"""The learned attribution finder: mode choice, BIO decoding, linking, combination, and (when the trained model is
present) an end-to-end run on invented text."""

from __future__ import annotations

import hashlib
from datetime import date

import numpy
import pytest

from counterclaim.extract import _channel, _speech_date, extract_article, find_raw_attributions, parse_input
from counterclaim.extract.attributions import RawAttribution
from counterclaim.extract.learned import (MODE_ENV, MODEL_DIR, apart_from_other_governors, attribution_mode, combine,
                                          link, role_spans, split_off_other_sentences, tidy_contents, to_raw,
                                          viterbi, with_lead, with_subject_from_source, without_stray_lead)
from counterclaim.extract.quotes import find_quotes
from counterclaim.model import Article
from counterclaim.nlp import load_pipeline
from counterclaim.pipeline import extractor_key

LABELS = ("O", "B-S", "I-S", "B-C", "I-C", "B-Q", "I-Q")
TEXT = ("The harbour master said the old bridge would reopen in May. "
        "\"We are nearly done,\" she added, \"and the traffic will be back.\"")
needs_model = pytest.mark.skipif(not (MODEL_DIR / "model.onnx").is_file(), reason="no trained attribution model")


def article(text: str = TEXT) -> Article:
    return Article(id="t1", source="test", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())


def offsets_in(text: str):
    """at(phrase) -> the (start, end) of the phrase's first occurrence in text."""
    def at(phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)
    return at


def tags_for(doc, spans: dict[str, list[str]]) -> list[str]:
    tags = ["O"] * len(doc)
    for letter, phrases in spans.items():
        for phrase in phrases:
            start = doc.text.index(phrase)
            span = doc.char_span(start, start + len(phrase))
            tags[span.start:span.end] = [f"B-{letter}"] + [f"I-{letter}"] * (len(span) - 1)
    return tags


def test_mode_from_argument_env_and_default(monkeypatch):
    monkeypatch.delenv(MODE_ENV, raising=False)
    assert attribution_mode() == "combined"
    monkeypatch.setenv(MODE_ENV, "Rules")
    assert attribution_mode() == "rules"
    assert attribution_mode("model") == "model"
    with pytest.raises(ValueError):
        attribution_mode("neural")


@needs_model
def test_checkpoints_of_the_learned_modes_are_keyed_by_the_trained_model(monkeypatch):
    monkeypatch.setenv(MODE_ENV, "rules")
    rules = extractor_key(None)
    monkeypatch.setenv(MODE_ENV, "model")
    learned = extractor_key(None)
    meta = hashlib.sha256((MODEL_DIR / "meta.json").read_bytes()).hexdigest()
    assert learned != rules and meta[:12] in learned and meta[:12] not in rules


def test_viterbi_never_starts_a_span_with_inside():
    probs = numpy.full((3, len(LABELS)), 0.01)
    probs[0, LABELS.index("I-Q")] = 0.6
    probs[0, LABELS.index("B-Q")] = 0.3
    probs[1:, LABELS.index("I-Q")] = 0.9
    assert viterbi(probs, LABELS) == ["B-Q", "I-Q", "I-Q"]


def _path_score(logp: numpy.ndarray, path: tuple[int, ...]) -> float:
    return float(sum(logp[t, j] for t, j in enumerate(path)))


def _bio_valid(path: tuple[int, ...]) -> bool:
    tags = [LABELS[j] for j in path]
    return all(not tag.startswith("I-") or (t and tags[t - 1][2:] == tag[2:] and tags[t - 1] != "O")
               for t, tag in enumerate(tags))


def test_viterbi_finds_the_best_valid_bio_path_against_every_path():
    # four tokens, seven labels: all 2,401 paths scored by brute force
    import itertools

    rng = numpy.random.default_rng(7)
    for _ in range(20):
        probs = rng.dirichlet(numpy.full(len(LABELS), 0.3), size=4).astype(numpy.float32)
        logp = numpy.log(probs.astype(numpy.float64) + 1e-9)
        best = max((p for p in itertools.product(range(len(LABELS)), repeat=4) if _bio_valid(p)),
                   key=lambda p: _path_score(logp, p))
        found = tuple(LABELS.index(tag) for tag in viterbi(probs, LABELS))
        assert _bio_valid(found)
        assert _path_score(logp, found) == pytest.approx(_path_score(logp, best), abs=1e-9)


def test_link_groups_split_quote_with_its_cue_and_shared_source():
    doc = load_pipeline()(parse_input(TEXT))
    tags = tags_for(doc, {"S": ["The harbour master", "she"], "C": ["said", "added"],
                          "Q": ["the old bridge would reopen in May", "“We are nearly done,”",
                                "“and the traffic will be back.”"]})
    linked = link(doc, role_spans(tags, doc))
    assert [(c.text, s.text if s else None, [q.text for q in qs]) for qs, c, s in linked] == [
        ("said", "The harbour master", ["the old bridge would reopen in May"]),
        ("added", "she", ["“We are nearly done,”", "“and the traffic will be back.”"]),
    ]


def test_contents_are_tidied_and_one_word_contents_dropped():
    text = ("The governor said the ferry would resume after the storm passed, and officials agreed. "
            "Residents said that the pier was damaged and closed.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["The governor", "officials", "Residents"], "C": ["said", "agreed", "said that"],
                          "Q": ["the ferry would resume after the storm passed, and", "the pier was damaged and",
                                "officials"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["the ferry would resume after the storm passed",
                                            "the pier was damaged"]


def test_a_content_that_stops_on_a_preposition_runs_on_to_the_end_of_its_object():
    text = "The group said it killed 12 guards in a raid on a border post on Tuesday night. Nobody else spoke."
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["The group"], "C": ["said"],
                          "Q": ["it killed 12 guards in a raid on a border post on"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["it killed 12 guards in a raid on a border post on Tuesday night"]


def test_a_content_that_stops_on_a_determiner_runs_on_to_its_noun():
    text = "Gunmen killed 40 guards on Saturday, two sources said, in one of the deadliest raids this year."
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["two sources"], "C": ["said"],
                          "Q": ["Gunmen killed 40 guards on Saturday", "in one of the deadliest raids this"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["Gunmen killed 40 guards on Saturday",
                                            "in one of the deadliest raids this year"]


def test_a_preposition_before_the_frames_channel_or_another_content_is_not_run_on():
    text = ("Kallor finally said it had captured the port in a statement on Friday. "
            "A harbour official confirmed for the first time that the cranes had been moved.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["Kallor", "A harbour official"], "C": ["said", "confirmed"],
                          "Q": ["it had captured the port in", "for", "the first time that the cranes had been moved"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["it had captured the port",
                                            "the first time that the cranes had been moved"]


def test_content_in_another_sentence_is_split_from_its_cue_unless_a_quotation_bridges_them():
    text = ("The budget was balanced last year. The mayor said the new bridge would open in May. The ferry stops.\n\n"
            "\"We are nearly done. The traffic will be back soon,\" she added, \"and the pier will reopen.\"\n\n"
            "\"The roads are clear,\" Tom noted. \"The trains run late.\"")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["The mayor", "she", "Tom"], "C": ["said", "added", "noted"],
                          "Q": ["The budget was balanced last year", "the new bridge would open in May",
                                "The ferry stops", "“We are nearly done.", "The traffic will be back soon,”",
                                "“and the pier will reopen.”", "“The roads are clear,”",
                                "“The trains run late.”"]})
    linked = link(doc, role_spans(tags, doc))
    assert [len(qs) for qs, _, _ in linked] == [3, 3, 2]  # the linker glues neighbouring sentences to each cue
    split = split_off_other_sentences(linked, find_quotes(text))
    # unquoted: the sentences before and after become attributions of their own (same cue and source); quoted
    # across the break, or a quotation going on after '"...," Tom noted.', stays whole
    assert [[q.text for q in qs] for qs, _, _ in split] == [
        ["the new bridge would open in May"], ["The budget was balanced last year"], ["The ferry stops"],
        ["“We are nearly done.", "The traffic will be back soon,”", "“and the pier will reopen.”"],
        ["“The roads are clear,”", "“The trains run late.”"]]
    assert split[0][1] is split[1][1] is split[2][1] and split[0][2] is split[1][2] is split[2][2]


def test_combine_prefers_agreeing_rules_and_adds_what_the_model_missed():
    text = ("The mayor said the old bridge would reopen in May. Critics claimed the repairs were late. "
            "Officials believe the budget is fine.")
    doc = load_pipeline()(parse_input(text))

    def raw(cue: str, content: str) -> RawAttribution:
        s, c = text.index(cue), text.index(content)
        return RawAttribution(cue=(s, s + len(cue)), content=[(c, c + len(content))])

    model = [raw("said", "the old bridge would reopen in May."), raw("claimed", "Critics claimed the repairs")]
    rules = [raw("said", "the old bridge would reopen in May"), raw("claimed", "the repairs were late"),
             raw("believe", "the budget is fine")]
    combined = combine(doc, model, rules)
    assert [text[a.content[0][0]:a.content[0][1]] for a in combined] == [  # the model's contents, plus the rule's
        "the old bridge would reopen in May.", "Critics claimed the repairs", "the budget is fine"]
    assert combined[0].cue == model[0].cue and combined[1] is model[1] and combined[2] is rules[2]
    rules[0].via = (text.index("Critics"), text.index("Critics") + 7)  # a relay the rule found is kept
    assert combine(doc, model, rules)[0].via == rules[0].via

    # the two agree on the content but name different speakers: the rule's speaker wins; the same speaker, the
    # model's source span is kept
    mayor, critics = (text.index(w) for w in ("The mayor", "Critics"))
    model[0].source = (critics, critics + len("Critics"))
    rules[0].source = (mayor, mayor + len("The mayor"))
    assert combine(doc, model, rules)[0].source == rules[0].source
    model[0].source = (mayor + 4, mayor + len("The mayor"))
    assert combine(doc, model, rules)[0].source == model[0].source


def test_combine_reads_channel_and_date_from_the_rules_reporting_verb():
    text = "The governor wrote on the Telegram messaging app on Monday that the dam had held overnight."
    doc = load_pipeline()(parse_input(text))
    article_ = Article(id="t2", source="test", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest(),
                       published=date(2024, 3, 6))  # a Wednesday
    content = text.index("that the dam")
    wrote = next(t for t in doc if t.text == "wrote")
    app = next(t for t in doc if t.text == "app")
    span = (content, len(text) - 1)
    # the tagger took the medium words for the cue; the rules found the reporting verb
    model = [RawAttribution(cue=(text.index("messaging"), app.idx + 3), content=[span], verb=app)]
    rules = [RawAttribution(cue=(wrote.idx, wrote.idx + 5), content=[(content + 5, len(text) - 1)], verb=wrote)]
    combined = combine(doc, model, rules)
    assert len(combined) == 1 and combined[0].content == [span] and combined[0].verb is wrote
    assert _channel(combined[0]) == "telegram"
    assert _speech_date(combined[0], doc, article_).value == "2024-03-04"


@needs_model
def test_model_finds_indirect_speech_end_to_end():
    text = "Local officials believe the new stadium will bring thousands of jobs to the region, a report said."
    doc = load_pipeline()(parse_input(text))
    found = find_raw_attributions(doc, [], "model")
    contents = [text[a.content[0][0]:a.content[-1][1]] for a in found]
    assert any("stadium will bring thousands of jobs" in c for c in contents)
    analysis = extract_article(article(text), doc, attributions="combined")
    assert analysis.attributions and all(a.content.text == text[a.content.start:a.content.end]
                                         for a in analysis.attributions)


def test_combine_takes_the_rules_attribution_for_a_shared_according_to_cue():
    text = ("Reporters could not verify the claim, though according to the port authority's director, Lena Varga, "
            "two cargo ships had left the harbour overnight.")
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    cue = at("according to")
    # the tagger read the speaker as part of the content, across the clause before it
    model = [RawAttribution(cue=cue, content=[at("Reporters could not verify the claim"),
                                              at("the port authority's director, Lena Varga, two cargo ships had left "
                                                 "the harbour overnight")])]
    rules = [RawAttribution(cue=cue, content=[at("two cargo ships had left the harbour overnight")],
                            source=at("the port authority's director, Lena Varga"))]
    assert combine(doc, model, rules) == rules
    # a cue that is not "according to" keeps the model's attribution
    said = at("could not verify")
    model[0].cue = rules[0].cue = said
    assert combine(doc, model, rules) == model


def test_combine_leaves_the_apposition_after_according_to_a_name_to_the_speaker():
    text = ("According to Brigadier Keon Fraser-Lowe, the army chief of staff, about 40 soldiers landed on the bank "
            "shortly after 2 a.m. and advanced roughly 1.5 km inland before withdrawing at dawn.")
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    cue = at("According to")
    # the tagger took the speaker's apposition for the start of the claim; the two still nearly agree
    model = [RawAttribution(cue=cue, content=[(at("the army chief")[0], len(text) - 1)],
                            source=at("Brigadier Keon Fraser-Lowe,"))]
    rules = [RawAttribution(cue=cue, content=[(at("about 40")[0], len(text) - 1)],
                            source=at("Brigadier Keon Fraser-Lowe, the army chief of staff"))]
    [kept] = combine(doc, model, rules)
    assert text[kept.content[0][0]:kept.content[0][1]].startswith("about 40 soldiers")
    assert text[kept.source[0]:kept.source[1]] == "Brigadier Keon Fraser-Lowe, the army chief of staff"


def test_combine_takes_the_rules_cue_in_the_contents_own_sentence():
    text = ("The mayor spoke to reporters on Monday. Later the council's spokesman, Ivo Brandt, said that the water "
            "supply would return by Friday.")
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    content = [at("that the water supply would return by Friday")]
    rule = RawAttribution(cue=at("said"), content=content, source=at("the council's spokesman, Ivo Brandt"))
    # the tagger linked the content to the cue of the sentence before
    model = RawAttribution(cue=at("spoke"), content=content, source=at("The mayor"))
    (combined,) = combine(doc, [model], [rule])
    assert (combined.cue, combined.source, combined.content) == (rule.cue, rule.source, model.content)
    # a model cue in the content's own sentence stays
    model.cue, model.source = at("said"), at("Ivo Brandt")
    (combined,) = combine(doc, [model], [rule])
    assert combined.cue == model.cue and combined.source == model.source


def test_fragments_with_only_marks_between_them_are_one_content():
    from counterclaim.extract.learned import _joined

    text = 'The army said its troops <b> still held the line, "we are here", he added.\nThey had "no orders".'
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    troops, still = at("its troops <b"), at("still held the line")
    assert _joined(doc, [troops, still]) == [(troops[0], still[1])]
    here, orders = at('"we are here"'), at('"no orders"')
    assert _joined(doc, [still, here]) == [(still[0], here[1])]  # ', ' only
    assert _joined(doc, [here, orders]) == [here, orders]  # words and a line break between


def test_a_medium_the_learned_content_swallowed_is_still_the_channel():
    text = "The militia's leader, Arno Vesk, boasted on social media that his men held the bridge."
    doc = load_pipeline()(parse_input(text))
    start = text.index("social media")
    verb = next(t for t in doc if t.text == "boasted")
    raw = RawAttribution(cue=(verb.idx, verb.idx + len("boasted on")), content=[(start, len(text) - 1)], verb=verb)
    assert _channel(raw) == "social media"
    # a medium named by the speaker, inside the content, is not the channel of the speech
    text = "Arno Vesk said that his men had seen the video on social media."
    doc = load_pipeline()(parse_input(text))
    verb = next(t for t in doc if t.text == "said")
    assert _channel(RawAttribution(cue=(verb.idx, verb.idx + 4), content=[(text.index("that"), len(text) - 1)],
                                   verb=verb)) is None


def test_combine_lends_the_relay_of_a_rule_with_the_same_cue():
    text = '"The bridge is ours," he said, "and the road is next," a report on the state channel said.'
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    cue, first, second = at("said"), at('"The bridge is ours,"'), at('"and the road is next,"')
    rule = RawAttribution(cue=cue, content=[first, second], source=at("he"), via=at("a report on the state channel"))
    model = RawAttribution(cue=cue, content=[first], source=at("he"))
    (combined,) = combine(doc, [model], [rule])
    assert combined.content == [first] and combined.via == rule.via


def test_combine_takes_the_rule_whose_content_holds_a_nested_model_attribution_with_the_same_speaker():
    text = ("After days of shelling, the rebels now hold the port town of Varnik, known for its fishing fleet, the "
            "army's spokesman said on Monday.")
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    speaker = at("the army's spokesman")
    rule = RawAttribution(cue=at("said"), content=[at("After days of shelling, the rebels now hold the port town of "
                                                      "Varnik, known for its fishing fleet")], source=speaker)
    nested = RawAttribution(cue=at("known for"), content=[at("its fishing fleet")], source=speaker)
    assert combine(doc, [nested], [rule]) == [rule]
    # with a speaker of its own, the nested attribution is the model's call
    nested.source = at("the rebels")
    assert combine(doc, [nested], [rule]) == [nested]


def test_a_content_in_another_paragraph_is_not_linked_to_the_cue():
    text = ("The harbour master said the old bridge would reopen in May.\n\n"
            "Fishing boats waited at the quay for the tide.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["The harbour master"], "C": ["said"],
                          "Q": ["the old bridge would reopen in May", "Fishing boats waited at the quay"]})
    linked = link(doc, role_spans(tags, doc))
    assert [[q.text for q in qs] for qs, _, _ in linked] == [["the old bridge would reopen in May"]]


def test_combine_takes_the_rule_where_the_model_content_swallowed_the_quotes_trailing_frame():
    text = ('"The river crossing is ours," said Colonel Ada Brun according to the state agency Nova. '
            '"We hold the far bank," the colonel added.')
    doc = load_pipeline()(parse_input(text))
    quotes = find_quotes(text)
    at = offsets_in(text)
    quote = at('"The river crossing is ours,"')
    rule = RawAttribution(cue=at("said"), content=[quote], source=at("Colonel Ada Brun"),
                          via=at("the state agency Nova"), quotes=[q for q in quotes if q.start == quote[0]])
    # the tagger ran the content on over the reporting verb and the speaker, and took the relay for the cue
    swallowed = RawAttribution(cue=at("according to"), content=[(quote[0], at("Ada Brun")[1])],
                               source=at("the state agency Nova"))
    assert combine(doc, [swallowed], [rule]) == [rule]
    # one that stops short of the reporting verb keeps the model's content
    second = at('"We hold the far bank," the colonel')
    longer = RawAttribution(cue=at("added"), content=[second], source=at("the colonel"))
    added = RawAttribution(cue=at("added"), content=[at('"We hold the far bank,"')], source=at("the colonel"),
                           quotes=[q for q in quotes if q.start == second[0]])
    assert combine(doc, [longer], [added])[0].content == longer.content


def test_a_content_fragment_holding_its_own_speaker_is_the_frame_not_the_content():
    text = "The ministry later responded to the claims and said, \u201cThe reports of a breakthrough are false.\u201d"
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"C": ["said"], "Q": ["The ministry later responded to the claims",
                                               "\u201cThe reports of a breakthrough are false.\u201d"]})
    ((contents, cue, source),) = link(doc, role_spans(tags, doc))  # no source tagged: the parse's subject
    assert source.text == "The ministry" and cue.text == "said"
    assert [c.text for c in contents] == ["\u201cThe reports of a breakthrough are false.\u201d"]


def test_a_quotation_cut_by_its_frame_at_a_question_mark_stays_one_attribution():
    text = "“How long must the villages wait?” the governor asked. “The convoy has been ready for a week.”"
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["the governor"], "C": ["asked"],
                          "Q": ["“How long must the villages wait?”", "“The convoy has been ready for a week.”"]})
    linked = link(doc, role_spans(tags, doc))
    assert [q.text for q in linked[0][0]] == ["“How long must the villages wait?”",
                                             "“The convoy has been ready for a week.”"]
    cue_sentence = linked[0][1].sent
    assert linked[0][0][0].end <= cue_sentence.start  # the parser ends a sentence at the question mark
    assert split_off_other_sentences(linked, find_quotes(text)) == linked


def test_combine_joins_a_quotation_the_model_split_at_a_cue_in_its_frame():
    text = ("“We held the bridge all night,” said Col. Ana Ruiz, speaking of the attack on the river crossing. "
            "“Nobody crossed it until the morning.”")
    doc = load_pipeline()(parse_input(text))
    quotes = find_quotes(text)
    first, second = ((q.start, q.end) for q in quotes)

    def at(word: str) -> tuple[int, int]:
        return text.index(word), text.index(word) + len(word)

    model = [RawAttribution(cue=at("said"), content=[first], source=at("Col. Ana Ruiz"), quotes=[quotes[0]]),
             RawAttribution(cue=at("speaking"), content=[second], source=at("Col. Ana Ruiz"), quotes=[quotes[1]])]
    rule = RawAttribution(cue=at("said"), content=[first, second], source=at("Col. Ana Ruiz"), quotes=quotes)
    [joined] = combine(doc, model, [rule])
    assert joined.cue == at("said") and joined.content == [first, second] and joined.quotes == quotes
    # a second attribution whose cue lies outside the frame is another speech act, and stays apart
    model[1].cue = at("Nobody")
    assert len(combine(doc, model, [rule])) == 2


def test_a_content_goes_to_a_cue_in_its_own_sentence_before_a_nearer_one_in_the_next():
    # "said" is one untagged token from the first content, "told" three; "told" is in its sentence
    text = ("A navy spokeswoman, Captain Ines Roa, told state radio that the frigate had \"repositioned\" and denied "
            "it was hit. \"Our ships hold the strait,\" she said.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["A navy spokeswoman, Captain Ines Roa,", "she"], "C": ["told", "said"],
                          "Q": ["that the frigate had “repositioned” and denied it was hit",
                                "“Our ships hold the strait,”"]})
    linked = link(doc, role_spans(tags, doc))
    assert [(c.text, s.text, [q.text for q in qs]) for qs, c, s in linked] == [
        ("told", "A navy spokeswoman, Captain Ines Roa,",
         ["that the frigate had “repositioned” and denied it was hit"]),
        ("said", "she", ["“Our ships hold the strait,”"]),
    ]


def test_a_nominal_cue_does_not_take_the_clause_a_reporting_verb_governs():
    text = ("The coast guard said on Monday its cutters had seized two boats near the reef, a claim the "
            "fishermen's union rejected.")
    doc = load_pipeline()(parse_input(text))
    # "a claim" is one untagged token (the comma) from the content, "said" two ("on Monday")
    tags = tags_for(doc, {"S": ["The coast guard"], "C": ["said", "a claim"],
                          "Q": ["its cutters had seized two boats near the reef"]})
    linked = link(doc, role_spans(tags, doc))
    assert [(c.text, s.text if s else None) for _, c, s in linked] == [("said", "The coast guard")]


def test_combine_does_not_read_an_attribution_twice_through_a_nested_model_reading():
    text = "The Harbour Gazette reported that forty sailors had deserted, citing a port official."
    doc = load_pipeline()(parse_input(text))
    quotes = find_quotes(text)
    tags = tags_for(doc, {"S": ["The Harbour Gazette"], "C": ["reported", "citing"],
                          "Q": ["that forty sailors had deserted", "a port official"]})
    model = to_raw(doc, link(doc, role_spans(tags, doc)), quotes)
    rules = find_raw_attributions(doc, quotes, "rules")
    assert [text[a.cue[0]:a.cue[1]] for a in rules] == ["reported"]  # its content runs on over "citing ..."
    found = combine(doc, model, rules)
    assert sorted(text[a.cue[0]:a.cue[1]] for a in found) == ["citing", "reported"]


def test_combine_keeps_the_models_speaker_where_the_rules_guessed_the_previous_paragraphs():
    text = ("The army spokesman said the town was calm, he added that the militia lost many men\n\n"
            "«People should not believe the rumours» . said the Minister of Information Omar Sayed on Monday.")
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    content = [at("«People should not believe the rumours»")]
    # the rules read the quote paragraph as the last speaker's going on; the model found its own cue after it
    he = text.index("he added")
    rule = RawAttribution(cue=at("added"), content=content, source=(he, he + 2))
    said = text.index("said the Minister")
    model = RawAttribution(cue=(said, said + 4), content=content, source=at("the Minister of Information Omar Sayed"))
    (combined,) = combine(doc, [model], [rule])
    assert combined.source == model.source


def test_a_relative_clause_of_the_source_is_not_content():
    text = ("According to the open-source group DeepState, which analyses combat footage, Russian forces had "
            "advanced about 5 kilometres south of the town.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["the open-source group DeepState"], "C": ["According to"],
                          "Q": ["which analyses combat footage, Russian forces had advanced about 5 kilometres "
                                "south of the town"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["Russian forces had advanced about 5 kilometres south of the town"]


def test_the_main_clause_beside_a_time_clause_with_its_own_object_is_not_that_clauses_content():
    text = "Rebels advance toward Tamsin as Korvalia accuses Drenland\n\nAs the minister put it, the war is over."
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["Korvalia", "the minister"], "C": ["accuses", "put it"],
                          "Q": ["Rebels advance toward Tamsin", "the war is over"]})
    linked = link(doc, role_spans(tags, doc))
    # "as X accuses Y" is news told beside the advance; "as X put it" reports what follows
    assert [([q.text for q in qs], cue.text) for qs, cue, _ in linked] == [(["the war is over"], "put it")]


def test_a_short_quoted_opening_before_the_frame_is_the_speakers_too():
    text = ('"Today," the brigade commander said, "our units hold the ridge above the village." '
            'The governor told "Morning Wire," that the "ceasefire" was holding.')
    doc = load_pipeline()(parse_input(text))
    at = offsets_in(text)
    rules = find_raw_attributions(doc, find_quotes(doc.text), "rules")
    by_cue = {text[a.cue[0]:a.cue[1]]: a for a in rules}
    assert by_cue["said"].content == [at('"Today,"'), at('"our units hold the ridge above the village."')]
    # a programme's name before a content that is no resumed quotation stays out of it
    assert all(at('"Morning Wire,"') != c for c in by_cue["told"].content)

    # the model kept only the words after the frame; the rule that agrees lends its quoted opening
    model = [RawAttribution(cue=at("said"), content=[at('"our units hold the ridge above the village."')])]
    combined = combine(doc, model, [by_cue["said"]])
    assert combined[0].content == by_cue["said"].content


@needs_model
def test_a_short_quoted_opening_is_kept_end_to_end():
    text = ('Shelling went on through the night. "Frankly," the mayor said, "we have no power and no water '
            'left in the eastern districts."')
    analysis = extract_article(article(text), load_pipeline()(parse_input(text)), attributions="combined")
    said = [a for a in analysis.attributions if a.cue is not None and a.cue.text == "said"]
    assert len(said) == 1 and [f.text for f in said[0].content_fragments][0] == '"Frankly,"'


def test_the_words_before_a_frame_that_cuts_the_reported_clause_are_content():
    text = ("Back in the capital, the interior minister said, the curfew would be lifted on Friday. "
            "The depot, which the army says it retook overnight, was burning. "
            "Near the border, the governor announced the convoy was turned back. "
            "During the night, the mayor wrote, “the shelling never stopped.”")
    doc = load_pipeline()(parse_input(text))
    spans = role_spans(tags_for(doc, {
        "S": ["the interior minister", "the army", "the governor", "the mayor"],
        "C": ["said", "says", "announced", "wrote"],
        "Q": ["the curfew would be lifted on Friday", "it retook overnight", "the convoy was turned back",
              "“the shelling never stopped.”"]}), doc)
    leads = [[q.text for q in with_lead(a, spans)[0]] for a in link(doc, spans)]
    assert leads == [
        ["Back in the capital", "the curfew would be lifted on Friday"],  # a frame set off by commas
        ["which", "it retook overnight"],  # a relative pronoun of the reported clause
        ["the convoy was turned back"],  # no comma after the frame: "Near the border" may place the speech
        ["“the shelling never stopped.”"]]  # a quotation is the speaker's words alone


def test_a_lead_before_a_frame_is_cut_to_the_reported_clause():
    text = ("As for the bridge, the major said, “We hold it and we will keep it.” "
            "The army had held the town for weeks, but the supply road was cut, the colonel noted, when the rains "
            "came.")
    doc = load_pipeline()(parse_input(text))
    spans = role_spans(tags_for(doc, {
        "S": ["the major", "the colonel"], "C": ["said", "noted"],
        "Q": ["As for the bridge", "“We hold it and we will keep it.”",
              "The army had held the town for weeks, but the supply road was cut", "when the rains came"]}), doc)
    assert [[q.text for q in without_stray_lead(a)[0]] for a in link(doc, spans)] == [
        ["“We hold it and we will keep it.”"],  # the speaker's words are the quotation
        ["the supply road was cut", "when the rains came"]]  # the clause the frame cuts, not the one before it


def test_a_fragment_another_word_governs_is_not_the_cues():
    text = ("The report explored the damage to the old port and discussed how the new harbour could be rebuilt. "
            "About the refugees, the minister said the camps were full.")
    doc = load_pipeline()(parse_input(text))
    spans = role_spans(tags_for(doc, {  # the tagger missed the cue "explored"
        "S": ["The report", "the minister"], "C": ["discussed", "said"],
        "Q": ["the damage to the old port", "how the new harbour could be rebuilt", "the refugees",
              "the camps were full"]}), doc)
    linked = link(doc, spans)
    assert [len(contents) for contents, _, _ in linked] == [2, 2]
    parts = [part for a in linked for part in apart_from_other_governors(a, spans)]
    assert [([q.text for q in contents], cue.text, source.text) for contents, cue, source in parts] == [
        (["how the new harbour could be rebuilt"], "discussed", "The report"),
        (["the damage to the old port"], "explored", "The report"),  # the verb that takes it is its cue
        (["the camps were full"], "said", "the minister")]  # what "about" takes is spoken of, not said


def test_a_name_before_a_frame_in_commas_is_the_contents_subject_not_the_speaker():
    text = ("Varnik, the regional governor said, was shelled 40 times overnight. "
            "Petra Lind, the mayor, announced, the bridge was closed.")
    doc = load_pipeline()(parse_input(text))
    spans = role_spans(tags_for(doc, {  # the parser makes "Varnik" the head of an apposition, as the tagger read it
        "S": ["Varnik, the regional governor", "Petra Lind, the mayor"], "C": ["said", "announced"],
        "Q": ["was shelled 40 times overnight", "the bridge was closed"]}), doc)
    fixed = [with_subject_from_source(a) for a in link(doc, spans)]
    assert [([q.text for q in contents], source.text) for contents, _, source in fixed] == [
        (["Varnik", "was shelled 40 times overnight"], "the regional governor"),
        (["the bridge was closed"], "Petra Lind, the mayor")]  # the content has its own subject


def test_a_content_run_across_two_framed_sentences_is_split_between_their_frames():
    text = ("The harbour office stated a tanker had reported an explosion nearby. The crew were safe, the coast "
            "guard said.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["The harbour office", "the coast guard"], "C": ["stated", "said"],
                          "Q": ["a tanker had reported an explosion nearby. The crew were safe"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["a tanker had reported an explosion nearby", "The crew were safe"]
    assert [(c.text, [q.text for q in qs]) for qs, c, s in link(doc, spans)] == [
        ("stated", ["a tanker had reported an explosion nearby"]), ("said", ["The crew were safe"])]
    quoted = "Kovan stated in the video: “We are not stopping here. Our units are moving on,” the colonel said."
    doc = load_pipeline()(parse_input(quoted))
    tags = tags_for(doc, {"S": ["Kovan", "the colonel"], "C": ["stated", "said"],
                          "Q": ["“We are not stopping here. Our units are moving on,”"]})
    assert [q.text for q in tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))["Q"]] == [
        "“We are not stopping here. Our units are moving on,”"]  # one quotation, however many sentences


def test_a_content_that_opens_with_another_speakers_frame_after_a_semicolon_is_that_speakers():
    text = "Varsia says it downed 30 drones; Ostria claims hit on fuel depot\n\nThe ministry said more."
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["Varsia"], "C": ["says"],
                          "Q": ["it downed 30 drones", "Ostria claims hit on fuel depot"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [(c.text, s.text if s is not None else None, [q.text for q in qs]) for qs, c, s in link(doc, spans)] == [
        ("says", "Varsia", ["it downed 30 drones"]), ("claims", "Ostria", ["hit on fuel depot"])]
    # run into the frame itself, which tells nothing after its verb: cut at the semicolon
    text = "Ethnic army says it captured Karsh; junta denies\n\nThe army said more."
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["Ethnic army"], "C": ["says"], "Q": ["it captured Karsh; junta denies"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["it captured Karsh"]


def test_a_content_whose_own_frame_lost_its_cue_takes_no_cue_of_another_sentence():
    text = ("Videos circulated by the fighters showed men celebrating in front of a barracks. Delta Report could "
            "not verify where the videos were filmed.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["Videos circulated by the fighters", "Delta Report"], "C": ["showed"],
                          "Q": ["men celebrating in front of a barracks", "where the videos were filmed"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [(c.text, [q.text for q in qs]) for qs, c, s in link(doc, spans)] == [
        ("showed", ["men celebrating in front of a barracks"])]


def test_a_noun_cue_set_off_after_another_speakers_content_is_that_speakers():
    text = ("The military acknowledged that it had lost contact with officers in Karsh, the first admission that "
            "the town may have fallen.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["The military"], "C": ["acknowledged", "the first admission"],
                          "Q": ["that it had lost contact with officers in Karsh", "that the town may have fallen"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [(c.text, s.text if s is not None else None) for qs, c, s in link(doc, spans)] == [
        ("acknowledged", "The military"), ("the first admission", "The military")]


def test_the_start_of_a_speakers_name_read_as_content_goes_back_to_the_source():
    text = ("The Strategic Front for the Liberation of Kedar (SFLK), an alliance of armed groups, said in a statement "
            "that its fighters had captured several vehicles.")
    doc = load_pipeline()(parse_input(text))
    tags = tags_for(doc, {"S": ["the Liberation of Kedar (SFLK), an alliance of armed groups,"],
                          "C": ["said in a statement"],
                          "Q": ["The Strategic Front for", "that its fighters had captured several vehicles"]})
    spans = tidy_contents(role_spans(tags, doc), doc, find_quotes(doc.text))
    assert [q.text for q in spans["Q"]] == ["that its fighters had captured several vehicles"]
    assert [s.text for s in spans["S"]] == ["The Strategic Front for the Liberation of Kedar (SFLK), an alliance of "
                                            "armed groups,"]
