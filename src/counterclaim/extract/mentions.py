"""Reading one source phrase: the name, role, country, group and kind of body it gives ("Ukraine's deputy
defence minister", "Col. X, a spokesman for the Y Brigade", "the militia", "TRAORE:").

``describe`` reads a phrase; ``speakers`` merges the mentions of an article into speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ..nlp import TITLE_ABBREVIATIONS
from .countries import STATE_FORCE_WORDS, country_of, fold, names_own_party
from .spans import adjacent_runs, clause_tokens, doc_ents, doc_text, doc_words, of_objects
from .lexicon import (ANALYST_WORDS, ARABIC_ARTICLES, ARMED_GROUP_WORDS, GENERIC_GROUP_WORDS, GOVERNMENT_WORDS,
                      GROUP_WORDS, MEDIA_NOUNS, MILITARY_WORDS, ORG_NAME_WORDS, PERSON_ROLES, RUNNING_VERBS, TURN_ROLES,
                      UNIT_WORDS)

ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Z0-9-]{1,7}$")
OPPOSITION_WORDS = frozenset({"opposition", "rebel", "rebels", "insurgent", "insurgents", "dissident", "dissidents",
                              "separatist", "separatists", "resistance", "militia", "militias", "militiamen",
                              "militant", "militants", "jihadist", "jihadists", "guerrilla", "guerrillas",
                              "gang", "gangs", "bandits", "faction", "factions",
                              "ethnic"})  # "an ethnic army", "ethnic rebels": Myanmar's ethnic armed organisations
# Words of a state body's own name: "Armed Forces of Ukraine" is Ukraine's, "Communist Party of X" is not X's
STATE_NAME_WORDS = STATE_FORCE_WORDS | GOVERNMENT_WORDS | PERSON_ROLES
# Bodies that sit in their country's capital: "the ministry in Kabul" is that country's
SEATED_BODIES = frozenset({"ministry", "government", "authorities", "authority", "administration", "presidency",
                           "cabinet", "officials", "official", "junta", "parliament", "military", "army", "command"})
STATE_ORGANS = frozenset({"wing", "office", "service", "department", "cell", "directorate", "bureau"})
BYSTANDERS = frozenset({"resident", "witness", "eyewitness", "villager", "civilian", "survivor", "refugee",
                        "local", "people", "passer-by", "bystander", "doctor", "medic", "nurse", "paramedic",
                        "worker", "farmer", "trader", "shopkeeper", "merchant", "vendor", "teacher", "student",
                        "elder", "volunteer", "driver", "fisherman", "herder", "man", "woman", "mother", "father",
                        "miner", "labourer", "laborer", "mechanic", "tailor", "butcher", "baker", "pastor", "imam",
                        "widow", "neighbour", "neighbor", "relative", "passenger", "midwife", "pharmacist",
                        "supervisor", "employee", "guard", "stevedore", "clerk"})
# A proper name with a hyphenated word whose middle is lower-case: "Tehrik-e-Taliban Pakistan", "Lashkar-e-Taiba"
HYPHENATED_NAME = re.compile(r"(?=.*\b[A-Z]\w*-[a-z]+-[A-Z])[A-Z][\w’']*(?:-[\w’']+)*(?:\s+[A-Z][\w’']*(?:-[\w’']+)*)*")
TRAILING_LOWER = re.compile(r"(?:\s+[a-z][\w-]*)+$")  # "... project", "... monitoring group"
TRAILING_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9-]{1,7}\s*\)?\s*$")
OPEN_SOURCE = re.compile(r"\bopen[- ]source\b|\bOSINT\b", re.IGNORECASE)
PERSON_PRONOUNS = {"he", "she", "him", "her"}
# the tagger calls some names pronouns ("Houthis claim ..." in a headline): only these words are
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "who", "this",
                      "that", "these", "those", "one", "someone", "somebody", "both", "each", "all", "others"})
ARMED_DESCRIPTORS = frozenset({"armed", "rebel", "militant", "jihadist", "insurgent", "splinter", "paramilitary",
                               "separatist", "extremist", "islamist", "guerrilla", "terrorist", "breakaway"})
# What makes a "group" a civic one: "a rights group", "an aid group", "a monitoring group"
CIVIC_WORDS = frozenset({"rights", "monitoring", "aid", "humanitarian", "advocacy", "relief", "medical", "research",
                         "campaign", "watchdog", "civic", "lobby", "volunteer", "charity"})
# "the government communication service", "the ministry's press service": the body speaking, not a news outlet
OWN_MEDIA_OF_STATE = frozenset({"government", "ministry", "presidency", "army", "military", "command"})
# "the border service", "the security service": a state's service, not a news service
STATE_SERVICES = frozenset({"border", "security", "intelligence", "emergency", "emergencies", "customs", "migration",
                            "prison", "rescue", "coast", "guard", "frontier", "penitentiary"})
NEWS_WORDS = frozenset({"news", "press", "wire", "information", "media"})
LEADING_WORDS = frozenset({"loyal", "lead", "command", "led", "commanded", "backed", "back", "affiliated"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "adviser", "advisor",
                          "aide"})
RANK_PREFIXES = frozenset({"rear", "vice", "field", "staff", "first", "second", "lance", "wing", "flight"})
# titles that open a name in copy but are no roles the lexicon reads ("Inspector Nadege Thelusma")
HONORIFICS = frozenset({"inspector", "superintendent", "corporal", "private", "constable", "imam", "pastor",
                        "father", "judge", "justice", "mr", "mrs", "ms", "doctor"})
MEMBER_NOUNS = GENERIC_GROUP_WORDS - {"group", "movement"}  # "Al-Shabaab militants", "Fano militia"
# "the ship's operator, Meridian Bulk": a business named in apposition, whatever the tagger calls its name
COMPANY_NOUNS = frozenset({"company", "firm", "operator", "shipowner", "insurer", "contractor", "manufacturer",
                           "carrier", "airline", "charterer"})
BODY_NOUNS = ARMED_GROUP_WORDS | GOVERNMENT_WORDS | MEDIA_NOUNS | ORG_NAME_WORDS | COMPANY_NOUNS | {
    "organisation", "organization", "party", "outlet", "broadcaster"}
GENERIC_MILITARY = frozenset({"army", "military", "forces", "force", "armed", "troops"})
SKIP_WORDS = {"the", "a", "an", "’s", "'s", "of", "for", "on", "in", "at", "and", "[", "]", ",", "’", "'"}


@dataclass
class Mention:
    span: tuple[int, int]
    head: Token | None
    text: str
    kind: str  # "pronoun", "named", "description"
    name: str
    type: str
    country: str | None
    group: str | None  # an armed group or organisation named in the phrase ("Atlas Group" in "Atlas Group chief")
    title: str | None
    descriptors: set[str] = field(default_factory=set)
    surname: str | None = None


def tokens_in(doc: Doc, span: tuple[int, int]) -> list[Token]:
    chars = doc.char_span(*span, alignment_mode="expand")
    return list(chars) if chars is not None else []


def _without_clauses(tokens: list[Token], head: Token | None) -> list[Token]:
    if head is None:
        return tokens
    clauses = clause_tokens(head)
    cut = min((i for i in clauses if i > head.i), default=None)  # what follows a clause in the phrase is the
    kept = [t for t in tokens if t.i not in clauses and (cut is None or t.i < cut)]  # clause's, misparsed
    while len(kept) > 1 and (kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return kept or tokens


def _capitalised(token: Token) -> bool:
    """Written with a capital where no sentence starts, here or elsewhere in the text ('Houthi', not 'Senior')."""
    return token.text in doc_words(token.doc)[1]


def _name_run(head: Token, tokens: list[Token], stop_labels: tuple[str, ...] = ()) -> list[Token]:
    """``head`` with the proper nouns compounded onto it before it in the phrase, stopping at a title, a country
    or a word the entity tagger labels with one of ``stop_labels``: "Abdelrahim Fadul", not "Minister"."""
    run = [head]
    while run[0].i > 0 and (prev := head.doc[run[0].i - 1]) in tokens and prev.pos_ == "PROPN" \
            and prev.dep_ == "compound" and prev.lower_ not in PERSON_ROLES and not country_of(prev.text) \
            and prev.ent_type_ not in stop_labels:
        run.insert(0, prev)
    return run


def _titled_name(head: Token, tokens: list[Token]) -> list[Token]:
    """The two to four proper nouns ending at ``head`` after a title, which the entity tagger took, title and
    all, for an organisation's name; or a lone surname right after a capitalised rank ("Colonel Nhantumbo")."""
    run = _name_run(head, tokens)
    before = head.doc[run[0].i - 1] if run[0].i else None
    ranked = before is not None and before in tokens and before.is_title and (
        before.lower_ in PERSON_ROLES or before.text in TITLE_ABBREVIATIONS) \
        and head.lower_ not in BODY_NOUNS | MILITARY_WORDS  # "the General Staff" is a body
    return run if 2 <= len(run) <= 4 or len(run) == 1 and ranked else []


def _press_office(tokens: list[Token], head: Token | None) -> tuple[list[Token], Token | None]:
    """'the press service of the ministry', 'the army's press office': the body itself speaks through it."""
    if head is None or head.lower_ not in ("service", "office", "centre", "center", "department") \
            or not any(c.lower_ == "press" for c in head.children):
        return tokens, head
    owner = next(iter(of_objects(head)), None) or next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        return tokens, head
    kept = [t for t in tokens if t in owner.subtree]
    return (kept, owner) if kept else (tokens, head)


def runner_of(head: Token) -> Token | None:
    """The name before "-run", "-led", "-controlled" on a body: 'the Houthi-run health ministry' -> Houthi."""
    for verb in head.children:
        if verb.dep_ in ("amod", "compound") and verb.lemma_.lower() in RUNNING_VERBS and verb.i >= 2 \
                and verb.doc[verb.i - 1].text == "-" and verb.doc[verb.i - 2].pos_ == "PROPN" \
                and verb.doc[verb.i - 2].text[:1].isupper():
            return verb.doc[verb.i - 2]
    return None


def _a_people(token: Token) -> bool:
    """'Houthis' in a text that also says 'Houthi': the plural of a people's or a movement's name."""
    word = token.text
    return len(word) > 4 and word.endswith("s") and word[:-1] in doc_words(token.doc)[0]


def _person_name(tokens: list[Token], head: Token | None = None) -> list[Token]:
    """The proper-name tokens naming a person: the PERSON entity, else the PROPN run ending at the head."""
    # ("A local official in Tessalit": the tagger's PERSON after "in" is where the speaker is)
    persons = [t for t in tokens if t.ent_type_ == "PERSON" and not (
        t.dep_ == "pobj" and t.head.lower_ in ("in", "near", "at", "around", "outside") and t.ent_iob_ == "B"
        and (t.i + 1 == len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I"))]  # (one word: a name's last one is hung
    # on "in" by misparses: "forces in North Darfur Major General Issa Adam Bushara")
    if len(persons) == 1 and (country_of(persons[0].text) or persons[0].tag_ == "NNPS" or _a_people(persons[0])
                              or persons[0].i > 0 and persons[0].doc[persons[0].i - 1].lower_ == "the"):
        return []  # "Kyiv says": the tagger's PERSON is a capital; "the Houthis": a people or a movement
    if any(t.lower_ in ARMED_GROUP_WORDS | GOVERNMENT_WORDS | ORG_NAME_WORDS | {"party", "liberation", "the"}
           for t in persons):
        return []  # "The Tigray People's Liberation Front": a body the tagger took for a person
    runs = adjacent_runs(persons)
    # "RSF adviser Karim Hassan": the tagger can call the body's acronym a PERSON too; the name is the other run
    named = [r for r in runs if not all(ACRONYM_TOKEN.match(t.text) for t in r)]
    # "Jordan's government spokesman Omar Haddad": the owner the tagger calls a PERSON is not the speaker
    named = [r for r in named if not (r[-1].dep_ == "poss" or country_of(r[-1].text))] or named
    # of several, the one the phrase is about: "Zawari military spokesman Amir Dawood" is Dawood, and so is the name
    # in apposition to the role ("Kiryat Shmona municipal spokeswoman Orly Ben-Hamo", the town tagged a PERSON too)
    run = next((r for r in named if head in r), None) or next(
        (r for r in named if any(t.dep_ == "appos" and t.head == head for t in r)), None) or (named or [[]])[0]
    return _given_name_joined(run, tokens)


def _given_name_joined(run: list[Token], tokens: list[Token]) -> list[Token]:
    """A person's name with the given name the entity tagger left out of it ("Musa [Garba Jangebe]"): an untyped,
    capitalised proper noun compounded onto the name right before it, no title, rank or country."""
    while run and len(run) < 4 and (prev := run[0].doc[run[0].i - 1] if run[0].i else None) in tokens \
            and prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.ent_type_ == "" and prev.is_title \
            and prev.head in run and prev.lower_ not in PERSON_ROLES | RANK_PREFIXES | HONORIFICS \
            and prev.text not in TITLE_ABBREVIATIONS and not country_of(prev.text):
        run = [prev, *run]
    return run


def _appositive_name(head: Token, tokens: list[Token], org_words: frozenset[str]) -> list[Token]:
    """The proper name in apposition to a role noun, whatever entity type the tagger gave it (it calls some
    names ORG): two to four capitalised proper nouns, none a country or an organisation word."""
    inside = {t.i for t in tokens}
    for appos in (c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i in inside):
        run = [t for t in appos.subtree if t.i in inside and not t.is_punct]
        while len(run) > 2 and run[0].lower_ in PERSON_ROLES | RANK_PREFIXES:
            run = run[1:]  # "spokeswoman, Lieutenant General Maly Socheata,": the rank is a title, not her name
        if 2 <= len(run) <= 4 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not country_of(t.text)
                                      and t.lower_ not in org_words for t in run) \
                and run[-1].i - run[0].i == len(run) - 1:
            return run
    return []


def _about(token: Token) -> bool:
    """'coordinator for Sudan', 'operations in Kivu': a place the role is about, not the body it belongs to; also
    the country in a party's own name, 'Communist Party of the Philippines' (not 'Armed Forces of Ukraine')."""
    if token.dep_ != "pobj":
        return False
    owner = token.head.head
    return token.head.lower_ in ("for", "in", "on", "about", "to", "at", "from") or (
        token.head.lower_ == "of" and owner.is_title and not {owner.lemma_.lower(), owner.lower_} & STATE_NAME_WORDS)


def _leader(head: Token) -> str | None:
    """The surname of the person forces are 'loyal to', 'led by' or 'commanded by', as the article's "X's
    forces" would name their party."""
    for word in (c for c in head.children if c.dep_ in ("amod", "acl") and c.lemma_.lower() in LEADING_WORDS):
        people = [p for prep in word.children if prep.dep_ in ("prep", "agent") for p in prep.children
                  if p.dep_ == "pobj" and p.ent_type_ == "PERSON"]
        if people:
            return people[0].text
    return None


def _hyphenated(token: Token) -> str:
    """'CSP-DPA', which the tokenizer splits in three, as written."""
    end = token
    while end.i + 2 < len(end.doc) and end.text_with_ws == end.text and end.doc[end.i + 1].text == "-" \
            and not end.doc[end.i + 1].whitespace_ and ACRONYM_TOKEN.match(end.doc[end.i + 2].text):
        end = end.doc[end.i + 2]
    return doc_text(token.doc)[token.idx:end.idx + len(end.text)]


def _speaks_for(token: Token) -> bool:
    """'a spokesman for the X Defence Force', 'an adviser to the X Forces', 'the commander of X': the body the role
    speaks for, not a place it is about."""
    role = token.head.head.lemma_.lower()
    return token.head.lower_ == "for" and role in SPOKESPEOPLE or token.head.lower_ in ("to", "of", "for") and (
        role in PERSON_ROLES - {"analyst", "expert", "researcher", "fellow", "professor", "correspondent",
                                "reporter", "journalist", "editor", "commentator", "blogger"})


def role_words(words: set[str]) -> set[str]:
    return words & PERSON_ROLES


# What footage shows is no one's word: "Footage verified by X showed...", capitalised at a paragraph's start
MEDIA_NOUNS_SEEN = frozenset({"footage", "video", "videos", "image", "images", "imagery", "photo", "photos",
                              "photographs", "pictures", "recording", "recordings"})


def describe(doc: Doc, span: tuple[int, int], head: Token | None) -> Mention:
    """Read one source phrase. Its relative clauses are left out ('the spokesman, who did not name the villages,'
    as the learned tagger marks sources, PolNeAR-style): they describe the speaker but do not name it."""
    text = doc_text(doc)[span[0]:span[1]]
    tokens, head = _press_office(_without_clauses(tokens_in(doc, span), head), head)
    if head is not None and head.lower_ in MEDIA_NOUNS_SEEN:  # "Satellite images taken ... and reviewed by X",
        tokens = [t for t in tokens if t.i <= head.i or t in head.subtree]  # a clause the parser did not hang on them
    lower = [t.lower_ for t in tokens]
    words = {t.lemma_.lower() for t in tokens} | set(lower)
    if head is not None and head.pos_ == "PRON" and len(tokens) <= 2 and head.lower_ in PRONOUNS:
        return Mention(span, head, text, "pronoun", text, "person" if head.lower_ in PERSON_PRONOUNS else "other",
                       None, None, None)
    titled = len(tokens) > 1 and text.isupper() and all(
        t.is_punct or t.text.title().rstrip(".") + "." in TITLE_ABBREVIATIONS for t in tokens[:-1])
    if titled:  # "COL. MORENKO:": the rank is a title, the label the surname after it
        head = tokens[-1]
    if head is not None and (len(tokens) == 1 or titled) and head.text.isupper() and len(head.text) > 1 \
            and not ACRONYM_TOKEN.match(head.text.title()):
        turn = _transcript_label(doc, span, head, text)  # "DIALLO:", "REPORTER:": a person or a role, no group
        if turn is not None:
            return turn
    # two words before one: "South Sudan army" is South Sudan's, not Sudan's
    country = next((c for a, b in zip(tokens, tokens[1:])
                    if not _about(b) and (c := country_of(f"{a.text} {b.text}"))), None)
    if country is None:
        country = next((c for c in (country_of(t.text) for t in tokens if not _about(t)) if c), None)
    if country is None:  # "the defence ministry in Kabul", "authorities in Niamey": a state body where it sits
        country = next((c for t in tokens if _about(t) and t.head.lower_ == "in"
                        and t.head.head.lemma_.lower() in SEATED_BODIES and (c := country_of(t.text))), None)
    if words & OPPOSITION_WORDS or head is not None and head.lemma_.lower() in BYSTANDERS:
        # "Syrian opposition fighters" fight that country's state; "residents of X" speak for no side
        country = None
    # "Russia, an ally of Assad,", "officials close to X", "fighters led by X": the name is not the speaker's
    # "Fano, a loosely organised militia,": a body described as one, whatever the tagger calls its name
    a_body = head is not None and any(c.dep_ == "appos" and c.lemma_.lower() in BODY_NOUNS for c in head.children)
    a_body = a_body or _named_with_acronym(tokens) or _named_after_its_kind(tokens, head, words)
    movement = _named_state(tokens) and not (words - {"state"}) & GOVERNMENT_WORDS
    if movement:  # "Islamic State Mozambique Province": a movement, not a person nor the country it fights in
        a_body, country = True, None
    name_tokens = [] if a_body or head is not None and (country_of(head.text) or head.lower_ in MEDIA_NOUNS_SEEN or (
        head.pos_ == "NOUN") and (
        head.lemma_.lower() not in PERSON_ROLES | ANALYST_WORDS or head.tag_ == "NNS")) else _person_name(tokens, head)
    org_words = GOVERNMENT_WORDS | MILITARY_WORDS | ARMED_GROUP_WORDS | MEDIA_NOUNS | ANALYST_WORDS | UNIT_WORDS | (
        MEDIA_NOUNS_SEEN)
    if not name_tokens and not a_body and head is not None and head.pos_ == "PROPN" and head.ent_type_ == "ORG" \
            and any(t.lower_ in PERSON_ROLES and t.i < head.i for t in tokens):
        name_tokens = _titled_name(head, tokens)  # "the Minister of Information Abdelrahim Fadul", one ORG
    if not name_tokens and not a_body and head is not None and head.pos_ == "PROPN" and not country_of(head.text) \
            and head.text[:1].isupper() and head.lower_ not in org_words and head.ent_type_ not in ("ORG", "GPE") \
            and not ACRONYM_TOKEN.match(head.text) and not (head.i > 0 and doc[head.i - 1].lower_ == "the") \
            and not _a_people(head):
        run = _name_run(head, tokens, ("ORG", "NORP"))
        if (head.ent_type_ in ("PERSON", "") or (len(run) <= 3 and role_words(words))) \
                and not any(t.lower_ in ORG_NAME_WORDS for t in run):
            name_tokens = run
    if not name_tokens and head is not None and head.pos_ in ("NOUN", "PROPN") and (
            head.lemma_.lower() in PERSON_ROLES | ANALYST_WORDS or head.tag_ == "NN" and any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)
            and head.lemma_.lower() not in BODY_NOUNS):  # "the gang coalition, Viv Ansanm": a body's name
        # "a local human rights ombudsman, Iris Marin,": a role the lexicon lacks, named by a person
        # "a military analyst, Oleksandr Kovalenko,", "the Minister of Information Karim Osman" (title-cased)
        name_tokens = _appositive_name(head, tokens, org_words)
    groups = [e for e in doc_ents(doc) if e.label_ == "ORG" and e.start_char >= span[0] and e.end_char <= span[1]
              and not set(t.i for t in e) & {t.i for t in name_tokens} and not country_of(e.text)
              and not (_about(e.root) and not _speaks_for(e.root))
              and e.text not in TITLE_ABBREVIATIONS  # the tagger calls "Lt." an ORG
              and not e.text.islower()  # nor is an "army" it tags an ORG ("army spokesman X") a name,
              and not all(t.lower_ in GENERIC_BODY_WORDS for t in e)  # nor a capitalised one ("Army spokesman X")
              and not _ties_only(e)  # "the al-Qaeda-linked JNIM" is not al-Qaeda
              and not all(t.lower_ in PERSON_ROLES | RANK_PREFIXES for t in e if t.is_alpha)]  # "Rear Admiral"
    name_text = " ".join(t.text for t in name_tokens)
    groups = [g for g in groups if g.text not in name_text]
    if groups and groups[0][-1].text in ("'s", "’s") and len(groups[0]) > 1:
        groups[0] = groups[0][:-1]  # "a spokesman for the Government of National Unity's defence ministry"
    if groups and len(groups[0]) > 1 and groups[0][0].lower_ in ("the", *PERSON_ROLES) and any(
            t.lower_ in PERSON_ROLES for t in groups[0][:2]):
        groups[0] = groups[0][2 if groups[0][0].lower_ == "the" else 1:]  # "The Director Army Public Relations": the
        # office after the title
    group = (groups[0].text[:-len(groups[0][-1].text)] + _hyphenated(groups[0][-1])).removeprefix("the ") \
        if groups and len(groups[0]) else None  # "CSP-DPA", tagged as two organisations
    runner = runner_of(head) if head is not None else None
    if runner is not None and not country_of(runner.text):
        group = runner.text  # "the Zarqan-run health ministry" is the Zarqan movement's
    if group is None and head is not None:  # "forces loyal to Khalifa Haftar": his, as "Haftar's forces" are
        group = _leader(head)
    if group is None:  # "RSF spokesperson", "M23 spokesman": an acronym the tagger left untyped
        group = next((_hyphenated(t) for t in tokens if ACRONYM_TOKEN.match(t.text) and t not in name_tokens
                      and not country_of(t.text)), None)
    if group is None:  # "Al-Shabaab military spokesman": a hyphenated name the tagger left untyped
        group = next((doc_text(doc)[t.idx:t.idx + len(t.text) + 1 + len(t.nbor(2).text)] for t in tokens
                      if t.i + 2 < len(doc) and t not in name_tokens and t.is_title and t.nbor().text == "-"
                      and not t.whitespace_ and not t.nbor().whitespace_ and t.nbor(2).is_title
                      and t.nbor(2) not in name_tokens and t.nbor(2).i <= tokens[-1].i
                      and any(u.lower_ in PERSON_ROLES for u in tokens if u.i > t.i + 2)  # before the role
                      and not country_of(t.text)), None)
    if group is None:  # "Houthi military spokesman": a movement's adjective, no country's
        group = next((t.text for t in tokens if (t.ent_type_ == "NORP" or t.pos_ == "ADJ" and _capitalised(t))
                      and t.is_title and t not in name_tokens and not country_of(t.text)), None)
    while len(name_tokens) > 2 and name_tokens[0].lower_ in PERSON_ROLES | BYSTANDERS | RANK_PREFIXES:
        name_tokens = name_tokens[1:]  # "Shopkeeper Sajid Hussain Turi", a role capitalised to open a sentence
    name_ids = {t.i for t in name_tokens}
    descriptors = {t.lemma_.lower() for t in tokens if t.i not in name_ids and t.is_alpha and not t.is_stop}
    if name_tokens:
        name = doc_text(doc)[name_tokens[0].idx:name_tokens[-1].idx + len(name_tokens[-1].text)]
        before = [t for t in tokens if t.i < name_tokens[0].i and t.is_alpha and t.lower_ not in SKIP_WORDS
                  and not country_of(t.text) and t.ent_type_ not in ("NORP", "GPE") and not t.is_stop]
        appos = [t for t in tokens if t.i > name_tokens[-1].i and t.dep_ == "appos"]
        title = " ".join(t.text for t in before if t.pos_ in ("PROPN", "NOUN", "ADJ")) or None
        if not title and appos:
            title = appos[0].text
        surname = fold(name_tokens[-1].text)
        kind = "analyst" if descriptors & ANALYST_WORDS else "person"
        return Mention(span, head, text, "named", name, kind, country, group, title, descriptors, surname)
    mention = _nominal(text, tokens, head, words, country, group, descriptors)
    if movement and mention.type == "other":
        mention = replace(mention, type="armed_group")
    if head is not None and mention.type in ("government", "other") and _described_as_armed(head):
        mention = replace(mention, type="armed_group")  # "Islamic State X Province, a Boko Haram splinter group,"
    return mention


def _named_after_its_kind(tokens: list[Token], head: Token | None, words: set[str]) -> bool:
    """'The gang coalition Viv Ansanm', 'the armed group Kata Ibn Sina': a proper name after the common nouns of a
    body's kind, with no role among the words, names that body, whatever the tagger calls the name."""
    return head is not None and head.pos_ == "PROPN" and not role_words(words) and any(
        t.i < head.i and t.pos_ == "NOUN" and t.is_lower and t.lemma_.lower() in BODY_NOUNS for t in tokens)


def _named_with_acronym(tokens: list[Token]) -> bool:
    """"Jama'at Nusrat al-Islam wal-Muslimin (JNIM)": a body's name and its acronym, whatever the tagger calls a
    person ("Jeffrey Donaldson (DUP)", whose acronym does not start his name, is a person and his party)."""
    for t in tokens:
        if t.i > 1 and t.doc[t.i - 1].text == "(" and t.text.isupper() and ACRONYM_TOKEN.match(t.text):
            first = t.i - 2  # back over the name before the bracket: "Jama'at Katiba al-Sahel"
            while first > 0 and (t.doc[first - 1].pos_ == "PROPN" or t.doc[first - 1].text in ("-", "'")
                                 or t.doc[first - 1].is_title and t.doc[first - 1].pos_ in ("ADJ", "NOUN")
                                 or first > 1 and t.doc[first - 2].text == "-" and t.doc[first].text == "-"
                                 and t.doc[first - 1].is_lower and len(t.doc[first - 1]) <= 3):
                first -= 1  # "Lashkar-e-Watan": a lower-case particle between hyphens
            return t.doc[first].text[:1].upper() == t.text[:1]
    return False


GENERIC_BODY_WORDS = MILITARY_WORDS | GOVERNMENT_WORDS | ARMED_GROUP_WORDS | {"the"}  # "Army": no body's name
# "al-Qaeda-linked", "Iran-backed": words that tie a body to another without making it that body
TIES = frozenset({"linked", "affiliated", "backed", "aligned", "allied", "inspired", "supported", "funded",
                  "flagged", "registered"})  # "a Liberian-flagged carrier" is no party of Liberia's
TIED_WORD = re.compile(r"\S+-(?:" + "|".join(sorted(TIES | {"led"})) + r")")  # "Qaeda-linked", "Tuareg-led"
TIED_PREFIX = re.compile(r"^\S+-(?:" + "|".join(sorted(TIES)) + r")\s+(?=\S)")


def tie_words(head: Token) -> set[int]:
    """Indices of the words that tie a noun to another body ("Islamic State-linked insurgents": "Islamic State -
    linked"), which name no body of the noun's own."""
    tied: set[int] = set()
    for tie in (c for c in head.children if c.lower_ in TIES and c.i > 1 and c.doc[c.i - 1].text == "-"):
        start = tie.i - 2
        while start > head.left_edge.i and tie.doc[start - 1].is_title:
            start -= 1
        tied |= set(range(start, tie.i + 1))
    return tied


def _ties_only(ent) -> bool:
    """"al-Qaeda-linked", "Iran-backed": a body the speaker is tied to, not the one it is."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ in TIES


AFFILIATE_WORDS = frozenset({"affiliate", "affiliates", "branch", "offshoot", "franchise"})


def unnamed_opposition(name: str) -> bool:
    """'Resistance forces', 'an alliance of rebel groups', 'the opposition fighters', 'Syrian rebels', 'an al
    Qaeda-linked group', 'Tuareg-led rebels', 'Islamic State affiliate': a side described, not named."""
    written = name.split()
    if len(written) > 1 and fold(written[-1]) in AFFILIATE_WORDS and all(w[:1].isupper() for w in written[:-1] if (
            fold(w) not in ("an", "a", "the"))):
        return True  # "an Islamic State affiliate": tied to a movement, named by the tie only
    words = {fold(w) for w in written if not country_of(w)}
    tied = {w for w in words if TIED_WORD.fullmatch(w)}
    return bool(words & OPPOSITION_WORDS or tied) and words - tied <= OPPOSITION_WORDS | ARMED_GROUP_WORDS | \
        GENERIC_GROUP_WORDS | set(ARABIC_ARTICLES) | {"alliance", "coalition", "of", "the", "an", "a", "armed", "local",
                                                      "fighter", "group", "groups", "forces"}


def _transcript_label(doc: Doc, span: tuple[int, int], head: Token, text: str) -> Mention | None:
    """A capitalised transcript label: a role ("REPORTER") speaks for no one; a surname ("DIALLO") is the person the
    text introduced under that name, as that introduction describes them ("Colonel Amadou Diallo, spokesman for the
    Burkina Faso armed forces", "the Pakistani army's spokesman, Maj. Gen. X")."""
    word = head.lower_
    if word in TURN_ROLES | PERSON_ROLES:
        return Mention(span, head, text, "description", head.text, "person", None, None, None, {word})
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON" and ent.end_char <= span[0] and ent[-1].lower_ == word and len(ent) > 1:
            root = ent.root.head if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN" else ent.root
            phrase = doc[min(root.left_edge.i, ent.start):max(root.right_edge.i + 1, ent.end)]
            seen = describe(doc, (phrase.start_char, phrase.end_char), root)
            return Mention(span, head, text, "named", ent.text, "person", seen.country, seen.group,
                           seen.title, seen.descriptors | {word}, word)
    return None


def _described_as_armed(head: Token) -> bool:
    """An apposition that calls the body an armed group: 'a militia', 'a Boko Haram splinter group', 'an armed
    faction' (not 'a human rights group', 'a monitoring group')."""
    for appos in (c for c in head.children if c.dep_ == "appos"):
        lemma = appos.lemma_.lower()
        mods = [c for c in appos.children if c.dep_ in ("amod", "compound", "nmod")]
        if lemma in ARMED_GROUP_WORDS - {"group", "company", "unit", "units", "army", "forces", "force"} | {
                "faction", "insurgency", "affiliate", "offshoot"}:
            return True
        if lemma in ("group", "affiliate", "offshoot", "faction") and any(
                m.pos_ == "PROPN" or m.lemma_.lower() in ARMED_DESCRIPTORS for m in mods):
            return True
    return False


def _named_state(tokens: list[Token]) -> bool:
    """"Islamic State", "Shan State": "State" ending a name that no country's government bears."""
    return any(t.text == "State" and t.i > 0 and t.doc[t.i - 1].is_title and not country_of(t.doc[t.i - 1].text)
               and t.doc[t.i - 1].lower_ not in PERSON_ROLES | {"of", "the"} for t in tokens)


def _ends_a_longer_name(head: Token) -> bool:
    """"The Alliance Fleuve Congo": a country's name ending a body's name of its own ("New Zealand" is a country)."""
    compounds = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return bool(compounds) and country_of(" ".join(t.text for t in [*compounds, head])) != country_of(head.text)


def _nominal(text, tokens, head, words, country, group, descriptors) -> Mention:
    if _named_state(tokens):
        words = words - {"state"}  # a movement's name, not a state body
    kept = [t for t in tokens if t.lower_ not in ("the", "a", "an") and t.text not in "[]"]
    clean = "".join(t.text + (" " if t.whitespace_ or t.i + 1 < len(t.doc) and t.doc[t.i + 1] not in kept
                              else "") for t in kept).strip()  # as written: "Hamas-run", not "Hamas - run"
    clean = clean.replace(" ’s", "’s").replace(" 's", "'s").replace(" ,", ",")
    clean = TRAILING_ACRONYM.sub("", clean)  # "Tigray People's Liberation Front (TPLF)": the acronym is an alias
    clean = clean.split(", ")[0]  # "Residents in X, the main city in Y": the apposition describes, not names
    roles = role_words(words)
    has_proper = any(t.pos_ == "PROPN" for t in tokens)
    head_word = head.lemma_.lower() if head is not None else ""
    if country and head is not None and head.pos_ == "PROPN" and country_of(head.text) == country \
            and not _ends_a_longer_name(head):
        kind = "country"  # "Russia, an ally of X, said": the state, whatever its apposition says
    elif not words & (OWN_MEDIA_OF_STATE | STATE_SERVICES) and not _agency_of_no_news(head, words) and (
            words & MEDIA_NOUNS and head_word in MEDIA_NOUNS | {"agency"}
            or head is not None and head.ent_type_ == "ORG" and head_word in MEDIA_NOUNS):
        kind = "media"
    elif words & ANALYST_WORDS or OPEN_SOURCE.search(text):  # "the open-source group DeepState"
        kind = "analyst"
    elif words & OPPOSITION_WORDS and head_word in OPPOSITION_WORDS | {"fighter", "force", "group", "movement"}:
        kind = "armed_group"  # "Syrian opposition fighters", "the rebels": a party, named by its description
    elif head is not None and head.tag_ in ("NNS", "NNPS") and head_word in GROUP_WORDS | PERSON_ROLES:
        kind = "official_group"
    elif head_word in PERSON_ROLES or roles and head is not None and head.pos_ == "NOUN" and head_word in roles \
            or head_word in BYSTANDERS and head is not None and head.tag_ == "NN":
        kind = "person"  # (the last: "a resident of the town", whom "she said" takes up)
    elif words & UNIT_WORDS:
        kind = "military_unit"
    elif words & GOVERNMENT_WORDS or head_word in ("service", "services") and words & STATE_SERVICES:
        kind = "government"
    elif words & MILITARY_WORDS:
        kind = "military"
    elif words & ARMED_GROUP_WORDS and has_proper and not words & CIVIC_WORDS:
        kind = "armed_group"  # not "the Emergency Lawyers, a rights group"
    elif country and len([t for t in tokens if t.is_alpha and t.lower_ != "the"]) == 1:
        kind = "country"
    elif head is not None and head.ent_type_ == "GPE" and head.pos_ == "PROPN" and len(
            [t for t in tokens if t.is_alpha and t.lower_ != "the"]) == 1:
        kind = "government"  # "Erbil has condemned the strikes": a seat of government speaking, not a group
    else:
        kind = "other"
    mention_kind = "named" if has_proper and kind != "person" else "description"
    org = [e for e in doc_ents(head.doc) if e.label_ == "ORG" and e.start <= head.i < e.end] if head is not None else []
    if head is not None and not org and kind in ("analyst", "armed_group", "media", "other"):
        named = {c.i for c in head.children if c.dep_ == "appos"}  # "the open-source group DeepState"
        org = [e for e in doc_ents(head.doc) if e.label_ == "ORG" and named & set(range(e.start, e.end))]
    if kind == "country":  # "Moscow said", "Kyiv claimed": the state itself
        clean = country
    elif HYPHENATED_NAME.fullmatch(whole := TRAILING_ACRONYM.sub("", re.sub(r"^[Tt]he\s+", "", text.strip(" ,")))):
        clean = whole  # "Tehrik-e-Taliban Pakistan (TTP)": one name, however the tagger splits it at the hyphens
    elif org:  # "the Washington-based think tank Institute for the Study of War" is named by its entity
        start = org[0].start
        before = head.doc[start - 1] if start > 0 else None
        if before is not None and before.ent_type_ == "ORDINAL" and start <= before.head.i < org[0].end:
            start -= 1  # "The 14th Front": the ordinal is a word of the name the tagger leaves out
        named = head.doc[start:org[0].end].text
        clean = named[4:] if named.lower().startswith("the ") else named
    elif kind in ("analyst", "armed_group", "media", "other") and (name := _appositive_body_name(head)):
        clean = name  # "the gang coalition Viv Ansanm", whatever the tagger calls the name
    elif head is not None and head.pos_ == "PROPN" and head.text[:1].isupper() and any(
            t.pos_ == "NOUN" and t.is_lower and t.i < head.i for t in tokens):
        run = [head]  # "the open-source group DeepState": the name, not its description
        while run[0].i - 1 >= tokens[0].i and (head.doc[run[0].i - 1].pos_ == "PROPN"
                                               or head.doc[run[0].i - 1].is_title):
            run.insert(0, head.doc[run[0].i - 1])
        clean = doc_text(head.doc)[run[0].idx:run[-1].idx + len(run[-1].text)]
    # "Pakistan's military media wing, ISPR": an organ of the state, not a party named after it
    organ = head is not None and head.lemma_.lower() in STATE_ORGANS
    if kind in ("armed_group", "military") and country and not organ and (
            names_own_party(clean) or named_after(tokens)):
        kind, country = "armed_group", None  # "the Free Syrian Army", "Sudan's Rapid Support Forces", "Yemen's
        # Houthi movement": a party of its own, not that country's forces, and named without it
        owner = re.match(r"([\w .-]+)[’']s\s+", clean)
        clean = clean[owner.end():] if owner and country_of(owner.group(1)) else clean
    if kind == "other" and country and names_own_party(TRAILING_LOWER.sub("", clean)):
        country = None  # "the Myanmar Witness project": a body with a name of its own, not that country's
    if kind == "armed_group" and head is not None and head.lower_ in MEMBER_NOUNS and head.i > 0 \
            and head.doc[head.i - 1].pos_ == "PROPN" and not country_of(head.doc[head.i - 1].text) \
            and clean.endswith(head.text):
        clean = clean[:-len(head.text)].rstrip()  # "Al-Shabaab militants" are Al-Shabaab, one entity with it
    clean = TRAILING_ACRONYM.sub("", clean)  # "... of Azawad (CSP-DPA)": the acronym is an alias
    clean = TIED_PREFIX.sub("", clean)  # "al-Qaeda-linked Jama'at X": the tie describes, the name follows
    if kind == "armed_group":
        clean = _undescribed(clean)
    return Mention((0, 0), head, text, mention_kind, clean, kind, country, group, None, descriptors)


NAME_START = re.compile(rf"(?:[A-Z]|(?:{'|'.join(ARABIC_ARTICLES)})-[A-Z])")


def _appositive_body_name(head: Token | None) -> str | None:
    """The proper name in apposition to a body's common noun ("the gang coalition [Viv Ansanm]"), or the name it
    goes by ("an armed group calling itself [the Islamic Resistance in Iraq]")."""
    if head is None or head.pos_ != "NOUN":
        return None
    calling = [c for c in head.children if c.dep_ == "acl"] + ([head.head] if head.dep_ == "nsubj" else [])
    called = next((g for c in calling if c.lemma_.lower() == "call"  # (the parser may make "calling" the verb)
                   and any(o.lower_ in ("itself", "themselves") for o in c.children)
                   for g in c.children if g.dep_ in ("oprd", "xcomp", "attr") and g.ent_type_ == "ORG"), None)
    if called is not None:
        ent = next(e for e in doc_ents(head.doc) if e.start <= called.i < e.end)
        return re.sub(r"^[Tt]he\s+", "", ent.text)
    appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.text[:1].isupper()),
                 None)
    if appos is None:
        return None
    run = [t for t in appos.subtree if t.i <= appos.i]
    if not all(t.pos_ == "PROPN" or t.text == "-" for t in run) or run[-1].i - run[0].i != len(run) - 1:
        return None
    return doc_text(head.doc)[run[0].idx:appos.idx + len(appos.text)]


def _undescribed(name: str) -> str:
    """A group's name without the words that describe it: "paramilitary Rapid Support Forces", "Islamist
    al-Nusra Front" -> "Rapid Support Forces", "al-Nusra Front"."""
    words = name.split(" ")
    while len(words) > 1 and NAME_START.match(words[1]) and not TIED_WORD.fullmatch(words[1]) and (
            words[0].isalpha() and words[0].islower() or words[0].istitle() and words[0].endswith("ist")):
        words = words[1:]
    return " ".join(words)


def _agency_of_no_news(head: Token | None, words: set[str]) -> bool:
    """'Gaza's civil defence agency', 'the UN refugee agency': an agency that is no news agency."""
    return head is not None and head.lower_ == "agency" and head.pos_ == "NOUN" and not words & NEWS_WORDS


def named_after(tokens: list[Token]) -> bool:
    """After a country's possessive, a proper name of the body's own that no state's forces would bear
    ("Sudan's Rapid Support Forces", not "Ukraine's Armed Forces", "Russia's Defence Ministry" or a unit)."""
    owner = next((t for t in tokens if country_of(t.text) and any(c.dep_ == "case" for c in t.children)), None)
    if owner is None:
        return False
    names = [t.lower_ for t in tokens if t.i > owner.i and (t.is_title or t.is_upper) and t.is_alpha]
    return bool(names) and not any(n in UNIT_WORDS for n in names) and any(
        n not in STATE_FORCE_WORDS | GOVERNMENT_WORDS | MILITARY_WORDS | PERSON_ROLES | {"revolutionary"}
        for n in names)  # "Iran's Revolutionary Guards" are Iran's


def core_words(descriptors: set[str], kind: str | None = None) -> frozenset[str]:
    """What names a body once its country and role words are set aside: {'defense', 'ministry'}. A country's
    army, military and armed forces are one body: their generic words name it as "military"."""
    core = frozenset(d for d in descriptors if not country_of(d) and d not in PERSON_ROLES)
    if kind == "military":
        core = (core - GENERIC_MILITARY) | {"military"}
    return core
