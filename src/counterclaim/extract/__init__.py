"""Per-article extraction: attributions with speakers, channel, relay and date; the outlet's verification notes.

``extract_article(article, doc)`` is pure: it reads the article and its parse and returns an ArticleAnalysis.
The doc must be parsed from ``parse_input(article.text)`` (same length, quote marks normalised).
Attributions come from the rules, the learned tagger or both (``attributions="rules"|"model"|"combined"``, else
``$COUNTERCLAIM_ATTRIBUTIONS``, else combined; see ``extract.learned``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..ingest.dateline import LEADING_CLOCK, LEADING_DATE, WIRE_DATELINE, dateline_agency, dateline_places
from ..model import Article, ArticleAnalysis, Attribution, DateRef, Span, Speaker
from .attributions import RawAttribution, find_attributions, quoted_as_saying
from .countries import anchored_in, country_of, fold, most_written, names_a_states_force, widened_country
from .dates import resolve_date
from .event_lexicon import VERB_EVENTS
from .events import find_events
from .learned import attribution_mode
from .lexicon import (ARABIC_ARTICLES, ARMED_GROUP_WORDS, CHANNELS, GENERIC_FORCE_ADJECTIVES, MULTIWORD_CHANNELS,
                      PERSON_ROLES, TURN_ROLES)
from .mentions import ACRONYM_TOKEN, OPPOSITION_WORDS, runner_of, tie_words, unnamed_opposition
from .quotes import Quote, find_quotes, parse_text
from .spans import adjacent_runs, doc_ents, doc_text, forget_views, inside, of_objects, overlaps, sentence_at
from .speakers import ANONYMITY, SpeakerBook, affiliation_from_introduction
from .toponyms import find_toponyms
from .verification import (IMPOSSIBLE_TO_VERIFY, find_notes, infer_outlet, link_notes, masthead_outlet,
                           outlet_from_reporting)

__all__ = ["extract_article", "find_raw_attributions", "parse_input"]
FORCE_NOUNS = {"army", "forces", "force", "troops", "troop", "soldiers", "soldier", "military", "units", "unit",
               "brigade", "brigades", "defenders", "fighter", "fighters", "artillery", "navy", "jets", "drones",
               "offensive", "rebel", "rebels", "militia", "militiamen", "paramilitaries", "mercenaries", "convoy",
               "militant", "insurgent", "guerrilla", "jihadist", "gunman", "commander", "guard", "guards",
               "guardsmen", "patrol", "patrols", "jet", "drone", "aircraft", "warplane", "helicopter", "gunship",
               "police", "policemen", "gendarmerie", "gendarmes",  # the state's arm against gangs and insurgents
               "gang", "gangs", "cartel"}
# a state body or official's words that make it a party ("Mozambique's defence minister", "a spokesman for
# Myanmar's junta", "Sudan's army spokesman")
DEFENCE_WORDS = {"military", "defence", "defense", "junta", "army"}
WAR_NOUNS = {"war", "conflict", "insurgency"}
# an office a state's force owns, named: "the military's Inter-Services Public Relations (ISPR)"
FORCE_ORGAN = re.compile(r"\b(?:military|army|armed forces)['’]s\s+(?:[a-z-]+\s+){0,3}"
                         r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:\s*\((?P<short>[A-Z]{2,8})\))?"
                         r"|\b(?P<named>[A-Z][\w-]+),\s+the\s+(?:military|army|armed forces)['’]s\s+[a-z]")
# (the second form: "ISPR, the military's media wing")
ROLE_LABELS = PERSON_ROLES | TURN_ROLES  # "ANCHOR:", "SPOKESMAN:": capitals of a transcript's turn, no acronym
STATE_TROOPS = {"army", "military", "troops", "soldier", "soldiers", "police"}
NEUTRAL_FORCE_WORDS = {"peacekeeping", "peace", "monitoring", "observer", "observation", "interposition",
                       "un", "u.n.", "humanitarian", "rescue", "aid"}  # "a UN helicopter came under fire"
RUN_BODIES = {"ministry", "government", "authority", "authorities", "administration", "coalition", "alliance",
              "force", "forces", "media", "police"}
FIGHTING_VERBS = set(VERB_EVENTS) | {"fire", "hit", "launch", "shoot", "intercept", "down", "ambush"}
CLAIMED_ACTS = re.compile(r"(?:responsibility\b|(?:(?:the|an?|its|their)\s+)?(?:[\w-]+\s+){0,2}"
                          r"(?:attacks?|strikes?|bombings?|raids?|assaults?|ambush(?:es)?)\b)", re.IGNORECASE)
STATE_FORCE_MODIFIERS = {"federal", "government", "national", "state", "regime", "junta", "loyalist"}
# what an unanswered request asked for is no claim: "did not respond to repeated requests for comment" is the
# outlet's no_comment note (PolNeAR annotates one such as an attribution: dev 1,701 -> 1,700 matched)
REQUEST_FOR_COMMENT = re.compile(r"(?:(?:an?|the|repeated|several|multiple|our|two)\s+)*requests?\s+(?:for|of)\s+"
                                 r"comment", re.IGNORECASE)
UNNAMED = re.compile(r"\W*to be (?:named|identified|quoted)\b", re.IGNORECASE)  # after a cue "asked not"
DANGLING_RELATIVE = re.compile(r"(?:[\s,]+(?:who|which|that|whose))+[\s,]*$")
# a source the tagger ended on a word that leads to the rest of its name ("Tigrayan officials in [Mekelle]")
DANGLING_WORD = re.compile(r"\s+(?:in|at|of|from|on|for|the|and)\s*$")
BODY_AFTER_ADJECTIVE = re.compile(r"\s+(?:forces|army|troops|military|police|officials|authorities|government)\b")
LEAD_IN = re.compile(r"that\s+(?=\W)", re.IGNORECASE)  # "that" right before a quotation mark
OWN_SIDE_WORDS = re.compile(r"\b([A-Z][\w’']+) (?:defenders|heroes|defence forces)\b")


def parse_input(text: str) -> str:
    """The text to hand to spaCy for an article: quote marks paired and normalised, offsets unchanged."""
    return parse_text(text, find_quotes(text))


def _outside_content(token: Token, raw: RawAttribution) -> bool:
    return not any(s <= token.idx < e for s, e in raw.content) and not (
        raw.source and raw.source[0] <= token.idx < raw.source[1])


def _medium_phrase(token: Token, verb: Token) -> bool:
    """A word of a phrase the verb's own preposition governs ('boasted on social media'): the cue's modifier even
    where a learned content has swallowed it ('[social media that his forces...]')."""
    while token.dep_ in ("amod", "compound", "det") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i == verb.i


def _channel(raw: RawAttribution) -> str | None:
    """Nearest medium word in the cue's own modifiers ('on Telegram', 'in a video', 'told reporters')."""
    verb = raw.verb
    if verb is None:
        return None
    if verb.lemma_.lower() in ("tweet", "post"):
        return "social media"

    def off_content(c: Token) -> bool:
        return _outside_content(c, raw) or _medium_phrase(c, verb)

    queue = [c for c in verb.children if off_content(c)]
    while queue:
        tok = queue.pop(0)
        low = tok.lower_
        nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        if (low, nxt) in MULTIWORD_CHANNELS:
            return MULTIWORD_CHANNELS[(low, nxt)]
        in_a_name = tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
        if low in CHANNELS and (low != "x" or tok.text == "X") and tok.pos_ in ("NOUN", "PROPN") \
                and not in_a_name:  # "told the Sahel Post": an outlet's name, not a post
            if not (low == "post" and tok.dep_ in ("acl", "relcl")):
                return CHANNELS[low]
        if tok.dep_ in ("prep", "pobj", "dobj", "npadvmod", "compound", "amod", "acl", "conj", "dative"):
            queue.extend(c for c in tok.children if off_content(c))
    return None


def _speech_date(raw: RawAttribution, doc: Doc, article: Article) -> DateRef | None:
    """The DATE phrase that modifies the cue verb, resolved against the publication date."""
    verb = raw.verb
    if verb is None:
        return None
    sentence = verb.sent
    candidates = []
    for ent in doc_ents(doc):
        if ent.label_ != "DATE" or not (sentence.start <= ent.start < sentence.end):
            continue
        if any(inside((ent.start_char, ent.end_char), c) for c in raw.content) and not raw.quotes:
            if not _attached_to(ent.root, verb):
                continue
        if any(q.start <= ent.start_char < q.end for q in raw.quotes):
            continue
        if raw.source and overlaps((ent.start_char, ent.end_char), raw.source):
            continue
        candidates.append(ent)
    if not candidates:
        return None
    ent = min(candidates, key=lambda e: min(abs(e.start - verb.i), abs(e.end - verb.i)))
    start, end = ent.start_char, ent.end_char
    prep = ent.root.head if ent.root.dep_ == "pobj" and ent.root.head.dep_ == "prep" else None
    if prep is not None and prep.i == ent.start - 1:
        start = prep.idx
    phrase = doc_text(doc)[start:end]
    resolved = resolve_date(phrase, article.published)
    return replace(resolved, start=start, end=end) if resolved.value or article.published is None else None


def _attached_to(token: Token, verb: Token) -> bool:
    """A date inside the content clause still dates the speech when it sits at the clause edge ('said on X it...')."""
    head = token.head
    while head.dep_ in ("prep", "pobj") and head.head.i != head.i:
        head = head.head
    return head.i == verb.i or (head.head.i == verb.i and token.i < head.left_edge.i + 3)


def _kind(raw: RawAttribution, text: str) -> str:
    """direct when quotation marks hold the whole content, bar its punctuation and a leading "that" (the reporting
    frame's word, not the speaker's: 'wrote that "the night was hot"'), mixed when they hold part of it; a
    transcript turn is direct too."""
    if raw.by_layout:  # a signed quotation or a transcript turn prints the speaker's words
        return "direct"
    if not raw.quotes:
        return "indirect"
    quoted = sum(min(e, q.end) - max(s, q.start) for s, e in raw.content for q in raw.quotes
                 if overlaps((s, e), (q.start, q.end)))
    total = sum(e - s for s, e in raw.content)
    lead_in = LEAD_IN.match(text, raw.content[0][0], raw.content[0][1])
    if lead_in:
        total -= lead_in.end() - lead_in.start()
    return "direct" if quoted >= total - 2 else "mixed"


def find_raw_attributions(doc: Doc, quotes: list[Quote], mode: str | None = None) -> list[RawAttribution]:
    """Attributions in parse terms from the rules, the learned tagger (loaded on first use) or both."""
    chosen = attribution_mode(mode)
    if chosen == "rules":
        return _tidied(quoted_as_saying(find_attributions(doc, quotes), doc_text(doc)), doc_text(doc))
    from .learned import combine, find_learned

    learned = find_learned(doc, quotes)
    found = learned if chosen == "model" else combine(doc, learned, find_attributions(doc, quotes))
    return _tidied(quoted_as_saying(found, doc_text(doc)), doc_text(doc))


def _tidied(found: list[RawAttribution], text: str) -> list[RawAttribution]:
    """The tagger's loose ends: a dateline, or the speaker itself, is no content (a content running on from a
    dateline starts after it); a colon with no speaker and "asked not to be named [for fear of reprisals]" report
    no claim; a source cut inside its relative clause ("One resident, who") ends at the speaker."""
    kept = []
    datelines = [m.span() for m in WIRE_DATELINE.finditer(text[:2000])]
    for raw in found:
        content = [(max([f[0]] + [e for s, e in datelines if s <= f[0] < e]), f[1]) for f in raw.content]
        content = [f for f in content if f[0] < f[1] and any(c.isalnum() for c in text[f[0]:f[1]])
                   and not (raw.source and raw.source[0] <= f[0] and f[1] <= raw.source[1])]  # its speaker
        if not content or ANONYMITY.match(text, content[0][0]) or ANONYMITY.search(text, *raw.cue) \
                or REQUEST_FOR_COMMENT.match(text, content[0][0]) or (
                text[raw.cue[0]:raw.cue[1]].lower().endswith(" not") and UNNAMED.match(text, content[0][0])):
            continue  # "Gaza City, August 10, 2024 (Desk)" is where the report was filed, not what was said
        if raw.source and text[raw.source[0]:raw.source[1]].strip().lower() == "it" \
                and IMPOSSIBLE_TO_VERIFY.search(text, raw.source[1], raw.cue[1]):
            continue  # "It was not possible to confirm the deaths": the outlet's note, no one's claim
        if not any(c.isalnum() for c in text[raw.cue[0]:raw.cue[1]]) and (
                raw.source is None or country_of(label := text[raw.source[0]:raw.source[1]].strip())
                or re.search(rf"\b(?:in|near|around|outside|into|towards?)\s+{re.escape(label)}\b", text)):
            continue  # "Mali: Varyag suffers losses", "Djibo: the army repels an attack" (the text is "in Djibo"): a
            # colon after no speaker, a country or a place heads a topic
        raw = raw if content == raw.content else replace(raw, content=content)
        if raw.source is not None:
            source = _tidied_source(raw, text, datelines)
            head = raw.source_head if source and raw.source_head is not None \
                and source[0] <= raw.source_head.idx < source[1] else None  # the head of what is left, read anew
            raw = raw if source == raw.source else replace(raw, source=source, source_head=head)
        kept.append(raw)
    return kept


def _tidied_source(raw: RawAttribution, text: str, datelines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A source as far as it names the speaker: not the dateline, a liveblog's "13:20 GMT" or a bulletin's
    "Thursday, 23 Oct:" before it ("ADDIS ABABA, Ethiopia - Tigrayan forces" said), nor the relative clause or
    the word that leads on after it ("One resident, who", "Tigrayan officials in"); whole where the tagger cut it
    inside a word ("a pro[-Russian Telegram channel] that regularly publishes ... reported"); none where nothing
    is left, or only the article cut from "A Telegram channel linked to ..."."""
    start = max([raw.source[0]] + [e for s, e in datelines if s <= raw.source[0] < e])
    start += len(text[start:raw.source[1]]) - len(text[start:raw.source[1]].lstrip())
    end = raw.source[1]
    gap = text[end:raw.cue[0]]
    if gap.startswith("-") and raw.cue[0] > end and len(gap) <= 160 and not re.search(r"[.;:\n\"“]", gap):
        end += len(re.split(r",|\s(?:that|which|who)\s", gap)[0].rstrip())
    elif (noun := BODY_AFTER_ADJECTIVE.match(text, end, raw.cue[0])) and re.search(r"\b[a-z]+$", text[start:end]):
        end = noun.end()  # "Ecuador's armed [forces]": a source the tagger cut before its noun
    stamp = LEADING_CLOCK.match(text, start, end) or LEADING_DATE.match(text, start, end)
    start = stamp.end() if stamp else start
    if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
        start = re.search(r"[\w-]*$", text[:start - 1]).start()  # "RED-[Tabara] says": the whole name
    if start >= end or text[start:end].strip().lower() in ("a", "an", "the"):
        return None
    cut = DANGLING_RELATIVE.search(text, start, end) or DANGLING_WORD.search(text, start, end)
    return start, cut.start() if cut is not None and cut.start() > start else end


def extract_article(article: Article, doc: Doc, attributions: str | None = None) -> ArticleAnalysis:
    try:
        with anchored_in(article.text):
            return _extract(article, doc, attributions)
    finally:
        forget_views(doc)  # else the Doc outlives this call in a reference cycle (see ``spans``)


def _extract(article: Article, doc: Doc, attributions: str | None) -> ArticleAnalysis:
    text = article.text
    quotes = find_quotes(text)
    raws = find_raw_attributions(doc, quotes, attributions)
    book = SpeakerBook(doc)
    found: list[Attribution] = []
    speaker_of: dict[int, Speaker | None] = {}
    relay_of: dict[tuple[int, int], Speaker] = {}
    for raw in sorted(raws, key=lambda r: (r.source[0] if r.source else r.cue[0])):
        speaking = _first_person_in(raw, raws, text)
        if raw.continuation_of is not None and id(raw.continuation_of) in speaker_of:
            speaker_of[id(raw)] = speaker_of[id(raw.continuation_of)]
        elif speaking is not None and speaker_of.get(id(speaking)) is not None:
            speaker_of[id(raw)] = book.add_alias(speaker_of[id(speaking)], raw.source, text)
        else:
            speaker_of[id(raw)] = book.resolve(raw.source, raw.source_head or _root(doc, raw.source)) \
                if raw.source else None
        if raw.via and raw.via not in relay_of:
            relay = book.resolve(raw.via, raw.via_head)
            if relay is not None:
                relay.type = "media"
                relay_of[raw.via] = relay
    moved = book.fold_short_names()
    if moved:
        speaker_of = {k: moved.get(s.key, s) if s else s for k, s in speaker_of.items()}
        relay_of = {k: moved.get(s.key, s) for k, s in relay_of.items()}
    for n, raw in enumerate(raws, 1):
        speaker = speaker_of.get(id(raw))
        content = raw.content
        relay = relay_of.get(raw.via) if raw.via else None
        found.append(Attribution(
            id=f"{article.id}:a{n}", article=article.id,
            cue=Span.of(text, *raw.cue),
            content=Span.of(text, content[0][0], content[-1][1]),
            content_fragments=[Span.of(text, s, e) for s, e in content],
            kind=_kind(raw, text),
            source=Span.of(text, *raw.source) if raw.source else None,
            speaker=speaker.key if speaker else None,
            channel=_channel(raw),
            via=relay.key if relay else None,
            via_span=Span.of(text, *raw.via) if raw.via else None,
            date=_speech_date(raw, doc, article),
            confidence=0.9 if raw.quotes and raw.source else 0.75 if raw.source else 0.5,
            cue_lemma=raw.verb.lemma_.lower() if raw.verb is not None else None,
        ))
    hits = find_notes(doc)
    def bounds(char: int) -> tuple[int, int] | None:
        sent = sentence_at(doc, char)
        return (sent.start_char, sent.end_char) if sent is not None else None

    link_notes(text, hits, found, bounds)
    own = {s.key: s.country or s.name for s in book.speakers if s.type not in ("media", "analyst") and (
        s.country or s.type == "armed_group" or ACRONYM_TOKEN.fullmatch(s.name) and s.name.lower() not in ROLE_LABELS
        or s.type == "other" and _proper_name(doc, s))}  # "the PLF said its fighters..." ("ANCHOR:" is no body)
    # a government's spokesman who speaks of "the army" speaks for a party ("Congo's government spokesman said the
    # army still controlled the port"), as a defence ministry's does
    of_the_army = {a.speaker for a in found if STATE_ARMY.search(a.content.text)}
    states = {s.country for s in book.speakers if s.country and (
        s.type in ("government", "military") or _speaks_for_state(s, of_the_army))}
    forces = _forces(doc, [(a.content_fragments, own[a.speaker], a.cue_lemma) for a in found if a.speaker in own],
                     next(iter(states)) if len(states) == 1 else None)
    for speaker in book.speakers:  # "Ukraine's General Staff did not comment": a state's command speaks for a party
        # so does a junta's, a military government's or a defence ministry's ("the Russian Defence Ministry"), and
        # its defence minister or army spokesman ("Mozambique's defence minister X")
        if speaker.country and (speaker.type in ("military", "military_unit") or speaker.type == "government" and (
                DEFENCE_WORDS & set(fold(speaker.name).split()))
                or _speaks_for_state(speaker, of_the_army)):
            forces.setdefault(speaker.country, 1)
    if not any(country_of(n) for n in forces) and any(t.lemma_.lower() in STATE_TROOPS and t.pos_ == "NOUN"
                                                      for t in doc):
        # "PESHAWAR, Pakistan — Militants attacked a checkpoint, killing eight soldiers, the military said": the
        # soldiers no country is named for are the state's the report is filed from
        home = next((c for c in map(country_of, reversed(dateline_places(text))) if c), None)
        owners = {c for t in doc if (c := country_of(t.text)) and _owns_a_force(t)}
        if home is None and len(owners) == 1:  # "Sudan's paramilitary RSF ... the army said": that country's
            home = owners.pop()
        if home:
            forces[home] = 1
    agency, inferred = dateline_agency(text), infer_outlet(hits)
    if inferred and agency and _short_for(fold(inferred).removeprefix("the "), fold(agency)):
        # "The Mekong Desk could not verify" under "(Mekong Desk)", "The Ledger" under "(Levant Ledger)": the name
        # its dateline gives
        inferred = agency
    outlet = article.outlet or inferred or agency or masthead_outlet(text) or infer_outlet(hits, checking_only=False) \
        or outlet_from_reporting(text)
    outlet = article.outlet or (outlet and masthead_outlet(text, outlet)) or outlet  # "VeriFact": "VeriFact Caucasus"
    for speaker in book.speakers:  # "The Meitei group Arambai Tenggol denied the charge": a named armed group
        # that speaks in a war report is a party to it, whether or not its fighters are reported
        words = speaker.name.split()
        if speaker.type == "armed_group" and speaker.country is None and len(words) > 1 and all(
                w[:1].isupper() and fold(w) not in ARMED_GROUP_WORDS | OPPOSITION_WORDS or w in ("of", "the")
                for w in words):
            forces.setdefault(speaker.name, 1)
    leaders = _led_bodies(text)
    organs = {n for m in FORCE_ORGAN.finditer(text) for n in m.group("name", "short", "named") if n}
    force_countries = {c for n in forces if (c := country_of(n))}
    led_groups = {m.group(1): m.group(2) for m in LED_GROUP.finditer(text) if m.group(2) in forces}
    named_groups = {n for n in forces if not country_of(n) and not unnamed_opposition(n)
                    and not names_a_states_force(n)}
    for speaker in book.speakers:
        if outlet and _short_for(fold(speaker.name), fold(outlet)):
            # "Levant Daily could not verify", "The Ledger" under "(Levant Ledger)": the outlet itself
            speaker.type = "media"
        if speaker.type == "person" and speaker.name in forces and not speaker.title and (
                " " not in speaker.name or fold(speaker.name.split()[0]) in ARABIC_ARTICLES):
            speaker.type = "armed_group"  # "Tazar said", where "Tazar's armed wing" fights: a one-word movement;
            # "Al Shabaab claimed", which the tagger calls a person
        organ = speaker.group in organs or speaker.name in organs
        if organ:  # "the ISPR spokesman", of "the military's Inter-Services Public Relations (ISPR)": the
            speaker.group = None  # military's own voice, whoever spoke before (its country's, where the report
            speaker.descriptors.add("military")  # names one state's forces)
            speaker.country = speaker.country or (next(iter(force_countries)) if len(force_countries) == 1 else None)
        if speaker.country is None and speaker.group is None and speaker.type == "person" and not organ:
            speaker.country, speaker.group = affiliation_from_introduction(doc, speaker, forces)
        if speaker.country is None and "ethnic" in speaker.descriptors:
            # "the ethnic Armenian authorities of Karabakh", where Armenia's forces fight
            speaker.country = next((c for w in speaker.name.split() if (c := country_of(w)) and c in forces), None)
        if speaker.country is None and fold(speaker.group or speaker.name) in leaders:
            # "the coalition", "coalition spokesman X", where the report names "the Saudi-led coalition"
            speaker.country = leaders[fold(speaker.group or speaker.name)]
        led = led_groups.get(speaker.group or "")
        if led and led != speaker.name and not country_of(speaker.group):
            # "the Kurdish-led administration in northeast Syria", where the report names "the Kurdish-led Syrian
            # Democratic Forces": of that group's side, not the country it sits in
            speaker.group, speaker.country = led, None
        spoken = [a.content.text for a in found if a.speaker == speaker.key]
        speaker.side = _provisional_side(speaker) or _side_from_own_words(spoken)
        if len(named_groups) == 1 and speaker.country is None and unnamed_opposition(speaker.name):
            # "resistance forces", "an alliance of rebel groups" in a report whose one named armed group is the
            # "X People's Defence Force": the same side of the war
            speaker.type, speaker.side = "armed_group", next(iter(named_groups))
    toponyms = find_toponyms(doc)
    return ArticleAnalysis(article=replace(article, outlet=outlet), attributions=found,
                           speakers=book.speakers, notes=[h.note for h in hits], forces=forces,
                           events=find_events(article, doc, found, toponyms, quotes), toponyms=toponyms)


def _first_person_in(raw: RawAttribution, raws: list[RawAttribution], text: str) -> RawAttribution | None:
    """The attribution whose words hold a first-person source ("REPORTER: ... I spoke earlier to X" is the
    reporter): the innermost one holding it, if any."""
    if raw.source is None or text[raw.source[0]:raw.source[1]].strip().lower() not in ("i", "we"):
        return None
    holders = [r for r in raws if r is not raw and any(s <= raw.source[0] and raw.source[1] <= e for s, e in r.content)]
    return min(holders, key=lambda r: r.content_span[1] - r.content_span[0], default=None)


def _root(doc: Doc, span: tuple[int, int]) -> Token | None:
    found = doc.char_span(*span, alignment_mode="expand")
    return found.root if found is not None else None


def _owns_a_force(token: Token) -> bool:
    """"Sudan's paramilitary Rapid Support Forces", "Mali's army": a country's possessive before a force or an
    organisation's name (however the parser hangs it), not "the Canadian envoy"; or before its war ("Myanmar's
    civil war", where the junta fights)."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text not in ("'s", "’s"):
        return False
    return any(t.lemma_.lower() in FORCE_NOUNS | WAR_NOUNS or t.ent_type_ == "ORG"
               for t in doc[token.i + 2:token.i + 5])


def _proper_name(doc: Doc, speaker: Speaker) -> bool:
    """The speaker's name is a proper noun in the text ("Hezbollah"), not a capitalised common one ("Residents")."""
    return any(t.pos_ == "PROPN" and t.text in speaker.name for m in speaker.mentions
               for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ())


def _speaks_for_state(speaker: Speaker, of_the_army: set[str]) -> bool:
    """A person whose role makes their country a party: a defence official, a junta's or army's spokesman, or a
    government spokesman who speaks of "the army"."""
    return speaker.type == "person" and bool(
        speaker.descriptors & DEFENCE_WORDS or "government" in speaker.descriptors and speaker.key in of_the_army)


def _short_for(short: str, full: str) -> bool:
    """A folded name that is the whole of another or its last or first words ("ledger" of "levant ledger",
    "meridian" of "meridian wire")."""
    return short == full or full.endswith(f" {short}") or full.startswith(f"{short} ")


def _counted_of(tok: Token) -> bool:
    """"any of its fighters", "two of its soldiers": the speaker's own men, counted."""
    of = tok.head
    return tok.dep_ == "pobj" and of.lower_ == "of" and of.head.i < tok.i and (
        of.head.pos_ in ("NUM", "PRON", "DET") or of.head.lower_ in ("dozens", "hundreds", "scores", "several"))


def _forces(doc: Doc, spoken: list[tuple[list[Span], str, str | None]] = (), state: str | None = None
            ) -> dict[str, int]:
    """Countries whose armed forces the article names ("Russian troops", "Sudan's army"): the warring parties.
    ``spoken`` holds (content, party, cue lemma) of speakers with a country and named bodies: in their words "our
    troops", and "its forces" as a subject, are that party's ("Azerbaijan's defence ministry said its forces had
    taken..."; not "urged the two armies to halt their offensives"). ``state`` is the one country whose government
    or military speaks in the article: "the federal army", "government forces" are its forces. A party whose own
    words say "it" or "we" struck, seized or advanced is one too, and so is one that claims attacks."""
    counts: dict[str, int] = {}
    for tok in doc:
        # "Hamas's armed wing", "the military wing of X": a movement's fighting arm
        wing = tok.lemma_.lower() == "wing" and any(c.lower_ in ("armed", "military") for c in tok.children) \
            and not any(c.lower_ in ("media", "press", "political", "information") for c in tok.children)
        if tok.lemma_.lower() not in FORCE_NOUNS and tok.lower_.removesuffix("s") not in FORCE_NOUNS and not wing:
            continue  # (the plural too: a capitalised "Insurgents" after a dateline is its own lemma)
        mods = list(tok.children)
        if any(m.lower_ in NEUTRAL_FORCE_WORDS for m in mods):
            continue  # "a UN peacekeeping force", "the EU monitoring mission's patrols": no party to the war
        if tok.dep_ == "compound":  # "a Somali army officer": the country qualifies the officer, of that army
            mods += [c for c in tok.head.children if c.i < tok.i and c.dep_ in ("amod", "compound", "poss")]
        # "the armed forces of Armenia": the country after "of", where it is one; a movement's wing, its name
        mods += [g for g in of_objects(tok) if country_of(g.text) or wing and g.pos_ == "PROPN"]
        tied = tie_words(tok)  # "Islamic State-linked insurgents": tied to a body, not it
        for mod in (m for m in mods if m.i not in tied):
            if mod.dep_ not in ("amod", "poss", "compound", "nmod", "pobj"):
                continue
            name = widened_country(mod)  # "South Sudan's army"
            if name is None and (mod.lower_ == "our" or mod.lower_ in ("its", "their") and (
                    tok.dep_ == "nsubj" or _counted_of(tok))):
                name = next((party for content, party, _ in spoken
                             if any(c.start <= tok.idx < c.end for c in content)), None)
                if name and NEUTRAL_FORCE_WORDS & set(fold(name).split()):
                    name = None  # "the EU monitoring mission said its patrols had heard gunfire": no party
            if name is None and mod.lower_ not in GENERIC_FORCE_ADJECTIVES and (
                    mod.pos_ == "PROPN" and not mod.text.islower()  # "junta aircraft": no name ("al-Shabaab" is)
                    or mod.pos_ == "ADJ" and mod.text[:1].isupper() and not mod.is_sent_start
                    or mod.ent_type_ == "ORG" and mod.text[:1].isupper() and not mod.is_sent_start):
                # (the last: "30 al-Rashad fighters", the name's last word parsed as a participle)
                # "RSF fighters", "M23 rebels": an armed group; "Tigrayan forces": a region's
                ent = next((e for e in doc_ents(doc) if e.start <= mod.i < e.end), None)
                if ent is not None and ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY"):
                    continue
                run = [t for t in mod.subtree if t.i <= mod.i]  # "Al-Karama militants": the whole name
                while run[0].i > 0 and (before := doc[run[0].i - 1]).head.i == tok.i and before.is_title \
                        and before.dep_ in ("amod", "compound") and not country_of(before.text):
                    run.insert(0, before)  # "Islamic State militants", parsed as two modifiers of "militants"
                whole = all(t.pos_ == "PROPN" or t.text in ("-", "'s", "’s") or t.is_title and not country_of(t.text)
                            for t in run)  # "Islamic State militants": "Islamic" is an adjective; "People's"
                name = ent.text if ent is not None else doc_text(doc)[run[0].idx:mod.idx + len(mod.text)] \
                    if whole else mod.text
                name = re.sub(r"^(?:the|The)\s+|[’']s?$", "", name).strip()
            if name is None and state and mod.lower_ in STATE_FORCE_MODIFIERS:
                name = state  # "the federal army", "government troops": the state whose government speaks
            if name:
                counts[name] = counts.get(name, 0) + 1
        leader = _led_by(tok)
        if leader:
            counts[leader] = counts.get(leader, 0) + 1
    for tok in doc:  # "the Houthi-run health ministry", "the Saudi-led coalition": who runs a war's bodies is in it
        runner = runner_of(tok) if tok.lemma_.lower() in RUN_BODIES else None
        if runner is not None:
            name = country_of(runner.text) or runner.text
            counts[name] = counts.get(name, 0) + 1
    for content, party, cue in spoken:  # "the movement said it had struck a tanker": it fights
        if cue == "claim" and content and CLAIMED_ACTS.match(content[0].text):
            counts[party] = counts.get(party, 0) + 1  # "claimed attacks on three bases", "claimed responsibility"
            continue
        for c in content:
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            if span is not None and any(t.lower_ in ("it", "we") and t.dep_ == "nsubj"
                                        and t.head.lemma_.lower() in FIGHTING_VERBS for t in span):
                counts[party] = counts.get(party, 0) + 1
                break
    return _one_spelling(counts)


def _one_spelling(counts: dict[str, int]) -> dict[str, int]:
    """"Al-Shabaab" opening a sentence and "al-Shabaab fighters" inside one are one party: counted together under
    the spelling written most."""
    whole: dict[str, int] = {}
    for name, n in counts.items():  # "Allied Democratic Forces (ADF", as the tagger cut it: the name, not its bracket
        name = UNCLOSED_BRACKET.sub("", name) or name
        whole[name] = whole.get(name, 0) + n
    chosen = most_written(whole)
    merged: dict[str, int] = {}
    for name, n in whole.items():
        merged[chosen[name]] = merged.get(chosen[name], 0) + n
    return merged


UNCLOSED_BRACKET = re.compile(r"\s*\([^)]*$")


def _led_by(tok: Token) -> str | None:
    """"Insurgents led by the Islamist group Hayat Tahrir al-Sham (HTS)": the body that leads the forces fights."""
    for word in (c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "command")):
        for agent in (c for c in word.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                # the proper name the leader's phrase holds or that follows its noun ("the group X", however
                # the parser hangs X), outside brackets
                runs = adjacent_runs(t for t in {*obj.subtree, *_name_after(obj)}
                                     if t.pos_ == "PROPN" and not (t.i > 0 and t.doc[t.i - 1].text == "("))
                names = [tok.doc[r[0].i:r[-1].i + 1].text for r in runs if len(r) > 1 or r[0].ent_type_ != "PERSON"]
                name = max(names, key=len, default=None)
                if name and not country_of(name):
                    return name
    return None


def _name_after(noun: Token) -> list[Token]:
    """The proper-name tokens right after a noun: "group Jabhat al-Wadi"."""
    run = []
    for t in noun.doc[noun.i + 1:noun.i + 8]:
        if t.pos_ != "PROPN" and t.text != "-":
            break
        run.append(t)
    return run


def _side_from_own_words(contents: list[str]) -> str | None:
    """A speaker who calls one side's troops 'defenders' or 'heroes' speaks for that side."""
    for content in contents:
        for match in OWN_SIDE_WORDS.finditer(content):
            country = country_of(match.group(1))
            if country:
                return country
    return None


STATE_ARMY = re.compile(r"\b(?:the|our) (?:army|military|armed forces|troops)\b", re.I)
LED_GROUP = re.compile(r"\b([A-Z][\w'’.-]*?)-led\s+((?:[A-Z][\w'’-]*\s){0,4}[A-Z][\w'’-]*)")
LED_BODY = re.compile(r"\b([A-Z][\w'’.-]*?)-led\s+(coalition|alliance|mission)\b")


def _led_bodies(text: str) -> dict[str, str]:
    """'coalition' -> 'Saudi Arabia' where the report names 'the Saudi-led coalition' (one country per body)."""
    found: dict[str, set[str]] = {}
    for match in LED_BODY.finditer(text):
        country = country_of(match.group(1))
        if country:
            found.setdefault(match.group(2), set()).add(country)
    return {body: countries.pop() for body, countries in found.items() if len(countries) == 1}


def _provisional_side(speaker: Speaker) -> str | None:
    """The party a speaker speaks for, as far as this article tells. ``resolve`` refines it across articles."""
    if speaker.type in ("media", "analyst"):
        return None
    if speaker.country:
        return speaker.country
    if speaker.type == "armed_group":
        return speaker.name
    return None
