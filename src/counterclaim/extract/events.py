"""Events on the ground: what each claim (or the outlet itself) says happened, read off the dependency parse.

An event is a trigger word (a verb such as "withdrew" or a noun such as "counterattacks") with its actor and
target as the text words them (``Party``; sides are settled in ``reconcile``), a toponym, a date phrase, a
magnitude, a modality and the attributions whose content holds it; its place is the nearest candidate toponym
(``toponyms``), which the gazetteer confirms later.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Sentence

from ..model import Article, Attribution, DateRef, Event, Party, Span, Toponym
from .countries import country_of, ends_a_name, names_own_party, widened_country
from .dates import resolve_date
from .event_lexicon import (ACCUSING, CIVILIAN_WORDS, CONTINUE_VERBS, DENIAL_PATTERN, DENYING_CUES, ENEMY_WORDS,
                            EQUIPMENT_NOUNS, EVIDENCE_PATTERN, FAILING_HEADS, FIGHT_NOUNS, FORCE_WORDS, GROUND_NOUNS,
                            GROUP_WORDS, HEDGING_AUX, HEDGING_CUES, NOUNS_NEEDING_ARGUMENT, NOUN_EVENTS, PREDICTING_AUX,
                            PREDICTING_CUES, PREDICTING_HEADS, SEIZED_GOODS, SELF_WORDS, SETTLEMENT_NOUNS, STATE_WORDS,
                            STRUCTURE_NOUNS, TELLING_VERBS, UNCERTAIN_WORDS, VERB_EVENTS, WARNING_NOUNS)
from .lexicon import GENERIC_FORCE_ADJECTIVES, RESUMING_NOUNS, UNIT_WORDS
from .magnitudes import find_magnitudes
from .mentions import tie_words
from .quotes import Quote
from .spans import adjacent_runs, doc_ents, doc_text, of_objects
from .toponyms import BODY_WORDS, place_of

LIGHT_VERBS = {"carry", "conduct", "launch", "mount", "stage", "make", "complete", "begin", "start", "announce",
               "claim", "confirm", "report", "continue", "repel", "suffer", "sustain", "inflict"}
COUNT_NOUNS = {"dozens", "hundreds", "thousands", "scores", "tens", "dozen", "hundred", "thousand", "number"}
MAGNITUDE_KINDS = {"advance": ("distance", "area"), "withdrawal": ("distance", "area"), "capture": ("area",),
                   "casualties": ("count",), "defeat": ("count",), "attack": ("count",), "shelling": ("count",),
                   "counterattack": ("distance", "area")}
EVIDENCE = re.compile(EVIDENCE_PATTERN, re.I)
# A sentence that calls a claim false: what it mentions is denied, and by default it is the enemy's claim.
DENIAL = re.compile(DENIAL_PATTERN, re.I)
CAPTURE_NOUNS = {"capture", "recapture", "liberation", "seizure", "fall", "occupation", "takeover"}
INFLICTING = {"inflict", "cause", "deal"}
FORCE_HOLDERS = FORCE_WORDS | GROUP_WORDS | ENEMY_WORDS  # "the rebel militia's attack", "the enemy's offensive"
POSSESSIVES = ("'s", "’s")
DYING_VERBS = {"die", "perish"}  # their subject lost the men
BARRING_NOUNS = {"ban", "prohibition", "embargo", "moratorium", "restriction"}
GROUP_OWNERS = {"group", "movement", "organisation", "organization", "faction"}  # "the group's fighters"
# What a movement speaks through: "its propaganda arm", "a propaganda video" call nothing false
ORGANS = {"arm", "wing", "outlet", "channel", "agency", "unit", "department", "office", "machine", "network",
          "video", "footage", "account", "site", "website", "magazine", "newspaper", "service", "station"}
RECORDINGS = {"image", "imagery", "photo", "photograph", "picture", "footage", "video", "moment", "scene"}
SPEECH_NOUNS = {"claim", "report", "allegation", "rumour", "rumor", "statement", "assertion", "suggestion", "denial"}
NONCOMMITTAL = re.compile(r"\b(?:not|never|n[’']t|declined|refused)\b", re.IGNORECASE)  # "did not comment on"
VERIFYING = {"verify", "confirm", "corroborate", "check"}
PRONOUNS = {"it", "they", "them", "he", "she", "his", "her", "their", "its"}


def _lower(token: Token) -> str:
    return token.lemma_.lower()


def _particles(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod")}


def _objects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]


def _shoots(token: Token) -> bool:
    """'opened fire', 'fired', 'shot' (not 'shot down')."""
    lemma = _lower(token)
    return (lemma == "open" and "fire" in {_lower(o) for o in _objects(token)}) or lemma == "fire" \
        or (lemma == "shoot" and "down" not in _particles(token))


TIME_NOUNS = {"day", "week", "month", "year", "hour", "phase", "stage", "round"}


def _verb_type(token: Token) -> tuple[str | None, str | None]:
    """(event type, subtype) for a verb, or (None, None)."""
    lemma, parts, objects = _lower(token), _particles(token), _objects(token)
    object_words = {_lower(o) for o in objects}
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    subject_words = {_lower(s) for s in subjects}
    if lemma in CONTINUE_VERBS and subject_words & FIGHT_NOUNS:
        return "other", "fighting"
    if lemma == "control" and any(c.lower_ == "still" for c in token.children):
        return "other", "holding"  # "the army still controlled the port": a hold, no capture
    if lemma in ("hold", "remain", "keep") and (object_words & GROUND_NOUNS or "control" in
                                                {_lower(t) for t in token.subtree} or _held_place(token, objects)):
        return "other", "holding"
    if lemma == "move" and subject_words & {"position", "positions", "line", "lines", "front"}:
        return "withdrawal", None
    if lemma == "evacuate" and ({o.lower_ for o in objects} | object_words) & CIVILIAN_WORDS:
        return None, None  # "went to help evacuate the families": a rescue, no pullback
    if lemma in ("take", "gain"):
        if lemma == "take" and object_words & {"place", "part", "note", "responsibility", "action"}:
            return None, None  # "no strikes had taken place", "took part in the talks": no ground taken
        if "over" in parts or object_words & {"control", "charge"}:
            return "capture", "control" if "control" in object_words else None
        if object_words & GROUND_NOUNS:
            return "advance", None
        if object_words & SETTLEMENT_NOUNS or any(o.pos_ == "PROPN" for o in objects):
            return "capture", None
        return None, None
    if lemma in ("lose", "leave", "cede", "abandon"):  # "abandoned the town", not "abandon the population"
        if object_words & (GROUND_NOUNS | SETTLEMENT_NOUNS) or any(
                o.pos_ == "PROPN" and o.ent_type_ != "PRODUCT" for o in objects):
            return "withdrawal", None  # "lost Kupiansk"; not "one Rafale had been lost"
        if object_words & EQUIPMENT_NOUNS or any(o.ent_type_ == "PRODUCT" for o in objects):
            return None, None  # "at least one Rafale had been lost": hardware, not men
        if any(c.dep_ == "nummod" for o in objects for c in o.children) or object_words & {"men", "soldier"}:
            return "casualties", None
        return None, None
    if lemma == "hurt":  # "no soldier had been hurt"; not "hurt the economy"
        return ("casualties", None) if any(c.dep_ == "nsubjpass" for c in token.children) else (None, None)
    if lemma == "subject":  # "subjected the positions to fire": machine-translated wire copy's shelling
        fire = {_lower(g) for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children}
        return ("shelling", None) if fire & {"fire", "shelling", "bombardment", "shell"} else (
            ("attack", None) if fire & {"attack", "strike", "strikes", "assault"} else (None, None))
    if lemma in ("neutralise", "neutralize", "eliminate", "liquidate"):
        # the armies' word for killing, when what is removed is fighters ("neutralised 47 terrorists")
        people = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(_lower(o) in FORCE_WORDS | GROUP_WORDS | ENEMY_WORDS or any(c.dep_ == "nummod" for c in o.children)
               for o in people):
            return "casualties", None
        return None, None
    if lemma in ("push", "beat", "fight") and "back" in parts and object_words and all(
            NOUN_EVENTS.get(w) in ("attack", "counterattack") for w in object_words):
        # "pushed back an attack": repelled, no ground taken ("pushed the army back from positions" took some)
        return "defeat", None
    if lemma in ("push", "move", "break", "close"):
        if parts & {"back", "forward", "into", "towards", "toward", "in", "through", "deeper"}:
            return "advance", None
        return None, None
    if lemma in ("pull", "fall"):
        if parts & {"back", "out"}:
            return "withdrawal", None
        if lemma == "fall" and (subject_words & SETTLEMENT_NOUNS or any(s.pos_ == "PROPN" for s in subjects)):
            return "capture", None
        return None, None
    if lemma == "open":  # "opened fire on a patrol"
        return ("attack", None) if _shoots(token) else (None, None)
    if lemma == "enter" and (subject_words & (FIGHT_NOUNS | {"war", "conflict", "siege", "offensive", "crisis"}) or {
            _lower(c) for c in token.children if c.dep_ in ("dobj", "npadvmod")} & TIME_NOUNS):
        return None, None  # "as fighting along the border entered a second day": time, not ground
    if lemma == "enter" and any(_shoots(c) for c in token.conjuncts):
        # "had entered the zone and opened fire on a patrol": the side that says so accuses an incursion that
        # shot at it; it concedes no ground
        return None, None
    if lemma in ("hit", "fire", "land"):
        if lemma == "land" and not subject_words & {"shell", "missile", "rocket", "bomb", "drone"}:
            return None, None
        return ("shelling" if subject_words & {"shell", "rocket"} or lemma == "fire" else "attack"), None
    if lemma == "control":
        return "capture", "control"
    hardware = object_words | {_lower(g) for o in objects for g in of_objects(o)}  # "two of the missiles"
    if (lemma in ("destroy", "intercept", "down") or lemma == "shoot" and "down" in parts) \
            and hardware & EQUIPMENT_NOUNS:
        return "attack", None  # "destroyed 25 drones", "shot down a jet": a strike on hardware, no ground won
    if lemma == "destroy" and hardware & STRUCTURE_NOUNS:
        return "attack", None  # "destroyed two artillery positions": a strike on works, no ground won either
    etype = VERB_EVENTS.get(lemma)
    seized = {_lower(o) for o in objects if not o.like_num} | {_lower(g) for o in objects for g in of_objects(o)}
    if etype == "capture" and seized and seized <= SEIZED_GOODS and not any(o.pos_ == "PROPN" for o in objects):
        return None, None  # "seized seven rifles", "captured 20 soldiers": spoils and prisoners, no ground
    if lemma == "capture" and (seized | ({_lower(token.head)} if token.dep_ == "acl" else set())) & RECORDINGS:
        return None, None  # "images captured on Monday", "captured the moment": a camera's capture
    if etype == "capture" and object_words & GROUND_NOUNS - {"village", "villages"}:
        return "advance", None  # "recaptured ground", "seized the heights": ground changed hands, not a town
    return etype, None


def _noun_type(token: Token) -> tuple[str | None, str | None]:
    lemma = _lower(token)
    if lemma in ("control", "charge") and token.head.lower_ == "under":
        return "other", "holding"
    if lemma in ("control", "charge") and token.head.lower_ == "in":
        if _lower(token.head.head) in ("remain", "stay", "keep", "hold"):
            return None, None  # "our forces remain in control": the verb's holding, not a capture
        return "capture", "control"
    if lemma == "victory" and any(c.lower_ in ("in", "at") for c in token.children):
        return "capture", None
    if lemma == "loss" and any(_lower(o) in SETTLEMENT_NOUNS | GROUND_NOUNS or _is_toponym_like(o)
                               for o in of_objects(token)):
        return "withdrawal", None  # "the loss of the village": ground, not men
    if lemma == "loss" and (owned := of_objects(token)) and not any(
            _lower(o) in FORCE_WORDS | CIVILIAN_WORDS | {"life", "lives", "man", "personnel"} or o.like_num
            or o.ent_type_ in ("NORP", "CARDINAL") for o in owned):
        return None, None  # "the loss of our land and sovereignty is our red line": no one's men
    etype = NOUN_EVENTS.get(lemma)
    if etype is None:
        return None, None
    if lemma in NOUNS_NEEDING_ARGUMENT and not _pinned(token):
        return None, None
    return etype, None


def _pinned(token: Token) -> bool:
    """A vague noun names a war event when it has a force, a place, a number or an "of"/"from" argument."""
    if _lower(token) == "toll":  # "the death toll among soldiers", not "could not verify the toll"
        return any(_lower(c) == "death" for c in token.children)
    for child in token.children:
        if child.dep_ == "nummod" or (child.dep_ == "prep" and child.lower_ in ("of", "from", "on", "near")):
            return True
        if child.dep_ in ("amod", "compound", "poss") and (country_of(child.text) or child.pos_ == "PROPN"
                                                          or _lower(child) in ("air", "artillery", "drone")):
            return True
    if token.dep_ == "dobj" and _lower(token.head) in {"suffer", "sustain", "incur"} | INFLICTING:
        return True  # "suffered heavy losses", "inflicted losses", "the attack caused no casualties"
    return token.dep_ in ("nsubj",) and _lower(token.head) in ("land", "hit", "fall", "strike")


def _subject(token: Token) -> Token | None:
    """The doer: the clause subject, a passive's agent, or the subject inherited through xcomp/conj."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if subjects:  # of two ("X: the enemy shelled ...", a headline the parser reads as one clause), the nearer
        return max(subjects, key=lambda c: c.i if c.i < token.i else -c.i)
    for child in token.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return None  # passive: "attacked and was repelled" shares a subject that suffered the second verb
    head = token.head
    if token.dep_ == "pcomp" and head.lower_ == "of" and _lower(head.head) in ACCUSING:
        return next((c for c in head.head.children if c.dep_ == "dobj"), None)  # "accused X of shelling": X did
    if token.dep_ == "advcl" and token.tag_ == "VBG" and _lower(head) in ACCUSING:
        return next((c for c in head.children if c.dep_ == "dobj"), None)  # "accused X of shelling Y, killing Z"
    if token.dep_ == "relcl" and (head.pos_ == "NUM" or _lower(head) in CIVILIAN_WORDS) \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return head  # "forced more than 20,000 to flee": the parser hangs the infinitive on the number
    if token.dep_ == "acl":  # "civilians leaving the town": the noun does it ("soldiers killed": it suffers it)
        return head if token.tag_ != "VBN" else None
    if token.dep_ == "xcomp" and _lower(head) in ("use", "employ"):
        return _subject(head)  # "accused X of using jets to bomb positions": the jets' user bombed
    if token.dep_ == "xcomp":  # "forced it to withdraw": the object of the governing verb does it
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        return obj if obj is not None else _subject(head)
    if token.dep_ in ("conj", "acomp", "advcl") and head.i != token.i:
        return _subject(head)
    if head.dep_ == "acomp" or (token.dep_ == "xcomp" and head.pos_ == "ADJ"):
        return _subject(head.head)
    return None


def _noun_actor(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "compound" and child.ent_type_ in ("GPE", "LOC", "FAC") and child.is_title \
                and not country_of(child.text):
            continue  # "the Kharkiv drone strike": where it fell, not who struck ("M23 drone strike" is M23's)
        if child.dep_ in ("poss", "amod", "compound") and (country_of(child.text) or child.pos_ in ("PROPN", "PRON")
                                                          or child.dep_ == "poss" and _lower(child) in FORCE_HOLDERS):
            if _lower(token) in CAPTURE_NOUNS and not country_of(child.text):
                continue  # "the town's capture": the town is the place, not the captor
            subject = _subject(token.head) if child.pos_ == "PRON" and token.dep_ == "dobj" else None
            if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                return subject  # "if the army halted its offensive": the clause's subject owns it
            return child
    for kind in (c for c in token.children if c.dep_ == "compound"):  # "Indian missile strikes", parsed as an
        owner = next((m for m in kind.children if m.dep_ in ("amod", "poss") and country_of(m.text)), None)
        if owner is not None:  # Indian missile
            return owner
    if _lower(token) in ("withdrawal", "retreat", "flight", "advance", "pullback", "counterattack", "attack",
                         "offensive", "loss", "casualty"):
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "by")):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and not _is_toponym_like(pobj):
                return pobj
    verb = token.head
    if _inflicted(token):
        return None  # "our forces inflicted heavy losses on them": the losses are not the subject's
    if token.dep_ in ("dobj", "nsubjpass") and _lower(verb) in LIGHT_VERBS:
        return _subject(verb)
    return None


def _fallen_to(token: Token) -> Token | None:
    """"The headquarters may have fallen to ethnic rebels": who took it."""
    return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                 for g in c.children if g.dep_ == "pobj"), None)


def _held_place(token: Token, objects: list[Token]) -> bool:
    """"still holds X", "held the town centre": a place held; not "held Kyiv responsible" or "held talks"."""
    if any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") for c in token.children):
        return False
    return any(o.pos_ == "PROPN" and o.ent_type_ not in ("PERSON", "NORP") or _lower(o) in SETTLEMENT_NOUNS or any(
        c.dep_ == "compound" and _lower(c) in SETTLEMENT_NOUNS for c in o.children) for o in objects)


def _cause(token: Token) -> Token | None:
    """The strike a loss is told to follow from: "died when the militants fired mortars at a base"."""
    verbs = [token, *token.conjuncts]  # "were killed and one wounded when X fired": hung on the last
    for clause in (c for v in verbs for c in v.children if c.dep_ == "advcl" and c.pos_ == "VERB"):
        marked = any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "after", "as") for m in clause.children)
        if marked and (_shoots(clause) or VERB_EVENTS.get(_lower(clause)) in ("attack", "shelling")):
            return clause
    return None


def _inflicted(token: Token) -> bool:
    """'inflicted heavy losses', 'caused casualties': losses one side dealt the other."""
    return token.dep_ in ("dobj", "nsubjpass") and _lower(token.head) in INFLICTING


def _inflicted_on(losses: Token) -> str:
    """Whose losses a claim says were dealt, where it names no victim: the enemy's, when the claimant's side dealt
    them ("our forces inflicted heavy losses on them"); the claimant's own when an attack it does not call its own
    did ("the attack caused no casualties")."""
    doer = _subject(losses.head)
    struck = doer is not None and NOUN_EVENTS.get(_lower(doer)) in ("attack", "shelling")
    own = struck and any(c.dep_ == "poss" and c.lower_ in SELF_WORDS | {"its", "their"} for c in doer.children)
    return "self" if struck and not own else "enemy"


def _victims(token: Token) -> Token | None:
    """Who "the killing of 12 civilians" or "losses inflicted on the enemy" happened to."""
    if _inflicted(token):
        return next((g for c in [*token.head.children, *token.children] if c.dep_ == "prep"
                     and c.lower_ in ("on", "among", "upon") for g in c.children if g.dep_ == "pobj"), None)
    if _lower(token) == "toll":  # "the death toll among soldiers"
        return next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("among", "of")
                     for g in c.children if g.dep_ == "pobj"), None)
    return next(iter(of_objects(token)), None) if _lower(token) == "killing" else None


def _told_already(participle: Token, taken: dict[int, str]) -> bool:
    """A casualty participle hung on a casualty verb already read, or on its object ("lost 1,270 soldiers killed and
    wounded", whichever way the parser attaches "killed")."""
    first = participle.head if participle.dep_ == "conj" else participle
    if first.dep_ == "advcl":
        return taken.get(first.head.i) == "casualties"
    noun = first.head if first.dep_ == "acl" else None
    return noun is not None and noun.dep_ in ("dobj", "nsubjpass") and taken.get(noun.head.i) == "casualties"


def _in_a_name(token: Token) -> bool:
    """'National Liberation Army', 'Tigray People's Liberation Front': a word of a body's proper name is no event."""
    head = token
    while head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head
    return token.pos_ == "PROPN" and head.i != token.i and _lower(head) in BODY_WORDS


def _is_toponym_like(token: Token) -> bool:
    return token.pos_ == "PROPN" and not (token.ent_type_ in ("NORP", "ORG") or country_of(token.text))


def _title_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of adjacent capitalised words (and the "'s" inside them): the proper names among a phrase's words."""
    runs = adjacent_runs(t for t in tokens if t.text[:1].isupper() or t.text in POSSESSIVES)
    return [r for r in (r[1:] if r[0].text in POSSESSIVES else r for r in runs) if r]  # no run opens with "'s"


def party(token: Token | None, text: str, claimed: bool = False) -> Party | None:
    """How a noun phrase names a party to the fighting, if it does; in a claim, "his forces" are the claimant's."""
    if token is None:
        return None
    if token.lower_ in COUNT_NOUNS | {"one", "some", "many", "several", "any", "none", "all", "most", "each",
                                      "members", "member"}:  # "members of the X gang stormed a station"
        # "hundreds of militia fighters", "one of its commanders", "denied that any of its fighters had been
        # killed": the fighters are the party
        token = next(iter(of_objects(token)), token)
    tied = tie_words(token)  # "Islamic State-linked insurgents" are no body named "Islamic"
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ != "det" and t.i not in tied] or [token]
    start, end = words[0].idx, token.idx + len(token.text)
    span = Span.of(text, start, end)
    low = {_lower(w) for w in words} | {w.lower_ for w in words}
    head_words = {_lower(token), token.lower_}  # the lemma ("militant") and the word as written ("militants")
    if head_words & CIVILIAN_WORDS:
        return None  # "Lebanese civilians": no party to the fighting, whatever their country
    if low & SELF_WORDS or (claimed and low & {"his", "her", "their", "its"}):
        return Party("self", span)
    owners = of_objects(token)  # "units of the armed forces of Armenia"
    owners += [g for o in owners if _lower(o) in FORCE_WORDS for g in of_objects(o)]
    owners = [t for o in owners for t in o.subtree if t.i <= o.i]  # "of the Azerbaijani Army"
    for run in _title_runs(words + owners):  # "units of the Sahrawi People's Liberation Army": its own party
        name = text[run[0].idx:run[-1].idx + len(run[-1].text)]
        if len(run) > 1 and names_own_party(name):
            return Party("named", span, name)
    for word in words + owners:
        country = widened_country(word) or not ends_a_name(word) and country_of(word.text.strip("[]"))
        if country:
            return Party("named", span, country)  # "the Russian occupiers" are Russia's, whoever speaks
    if _lower(token) in ENEMY_WORDS:
        return Party("enemy", span)
    common = FORCE_WORDS | STATE_WORDS | GROUP_WORDS  # "Units of the X group have...", "Gangs storm...": common
    named = [w for w in words if w.lower_ not in GENERIC_FORCE_ADJECTIVES and not (
        w.is_sent_start and w.lower_ in common) and (
        w.pos_ == "PROPN" and w.ent_type_ not in ("DATE", "GPE")
        or w.pos_ == "ADJ" and w.ent_type_ == "NORP" and w.text[:1].isupper()  # "Tigrayan forces", not "Jihadist"
        or w.ent_type_ == "ORG" and w.text[:1].isupper() and w.i != token.i)]  # "al-Rashad", its name a "verb"
    # "a commander of Hamas's armed wing": the movement it belongs to
    named = named or [o for o in owners if o.pos_ == "PROPN" and o.ent_type_ in ("ORG", "NORP")
                      and _lower(o.head) not in UNIT_WORDS]  # "units of the Vostok battlegroup": a state's unit
    if not any(w.text[:1].isupper() for w in named):
        named = []  # "junta aircraft" tagged as a name: a name has a capital somewhere ("al-Shabaab")
    ordinal = token.doc[named[0].i - 1] if named and named[0].i > 0 else None
    if ordinal is not None and ordinal.ent_type_ == "ORDINAL" and ordinal.head.i in {w.i for w in named}:
        named = [ordinal, *named]  # "the 14th Front's fighters"
    if named or token.pos_ == "PROPN" and token.text[:1].isupper() and not (
            token.is_sent_start and token.lower_ in common):
        chosen = named or [token]
        indices = {w.i for w in chosen}
        run = token.doc[chosen[0].i:chosen[-1].i + 1]
        # one run as written ("al-Shabaab", "New People's Army"), less an owner's possessive ("Haftar's LNA")
        if all(t.i in indices or t.text == "-" or t.text in POSSESSIVES for t in run):
            owned = {t.i for t in run if t.text in POSSESSIVES and (t.i == 0 or t.doc[t.i - 1].ent_type_ in (
                "PERSON", "GPE") or country_of(t.doc[t.i - 1].text))}
            name = "".join(t.text_with_ws for t in run if t.i not in owned).strip()
        else:
            name = " ".join(w.text for w in chosen)
        name = name.removesuffix("’s").removesuffix("'s")
        return Party("named", span, re.sub(r"\s+", " ", name))
    if {_lower(w) for w in words if w.dep_ == "poss"} & GROUP_OWNERS:
        return Party("movement", span)  # "the group's naval forces"
    if (head_words | low) & GROUP_WORDS:  # "the rebels", "militia fighters"
        return Party("group", span)
    if head_words & (STATE_WORDS | FORCE_WORDS):  # group words returned above
        return Party("state", span)
    return None


def _target(token: Token) -> Token | None:
    if _lower(token) in ("lose", "suffer", "sustain", "incur"):
        return None  # "the enemy lost 140 servicemen": the subject lost them, the men are no other party
    if _shoots(token):  # "opened fire on a patrol", "fired at the checkpoint": whom the fire was aimed at
        aimed = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "upon")
                      for g in c.children if g.dep_ == "pobj"), None)
        if aimed is not None:
            return aimed
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and _lower(child) not in GROUND_NOUNS:
            return child
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("NOUN", "PROPN") \
            and _lower(token.head) not in SPEECH_NOUNS:  # "claims that the village had been captured": no victim
        return token.head  # "dozens of militants killed near X": the participle's noun is who it happened to
    if token.dep_ == "conj" and any(c.dep_ == "auxpass" for c in token.children):
        head_subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return head_subject  # "the militia attacked and was repelled": the militia was repelled
    return None


def _modality(token: Token, cue: str | None) -> str:
    # Negation and modal verbs reach the trigger only through its own clause: "unable to repel" (xcomp/acomp),
    # not through a governing clause ("could not verify that ... advanced" is the outlet's hedge, not a denial).
    tokens = [token]
    while tokens[-1].dep_ in ("xcomp", "acomp") and tokens[-1].head.i != tokens[-1].i:
        tokens.append(tokens[-1].head)
    for tok in tokens:
        if _negated(tok) or _lower(tok) in FAILING_HEADS:
            return "denied"
    for child in token.children:
        if child.dep_ in ("nsubjpass", "dobj", "nsubj") and (child.lower_ in ("none", "nobody", "noone") or any(
                d.lower_ in ("no", "none") and d.dep_ == "det" for d in child.children)):
            return "denied"  # "no soldier was hurt", "none of its fighters had been killed"
        if token.pos_ == "NOUN" and child.dep_ == "det" and child.lower_ == "no":
            return "denied"  # "there were no Indian casualties"
    if cue in DENYING_CUES:
        return "denied"
    if _called_false(token):
        return "denied"
    if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
        tokens.append(token.head)  # "the town's capture would ...": the noun's verb carries the modal
    auxes = {c.lower_ for t in tokens for c in t.children if c.dep_ in ("aux", "auxpass")}
    if auxes & PREDICTING_AUX or any(_lower(t) in PREDICTING_HEADS for t in tokens[1:]) or (
            cue in PREDICTING_CUES):
        return "predicted"
    if auxes & HEDGING_AUX or cue in HEDGING_CUES:
        return "hedged"
    return "asserted"


def _undetermined(token: Token, claim: Attribution) -> bool:
    """Whether the claim says its speaker cannot tell if the trigger's event happened: its cue doubts ("could not
    confirm that the rebels had captured the town"), or a clause of its content does ("said it could not determine
    who controlled the base", "said it was unclear whether the town had fallen")."""
    if claim.cue_lemma in TELLING_VERBS and NONCOMMITTAL.search(claim.cue.text):
        return True
    fragment = next(f for f in claim.content_fragments if f.start <= token.idx < f.end)
    below = None
    for node in [token, *token.ancestors]:
        if not fragment.start <= node.idx < fragment.end:
            break
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in node.children):
            return True
        if _lower(node) in TELLING_VERBS and _doubted(node):
            return True
        if below is not None and below.dep_ == "ccomp" and any(
                c.dep_ == "acomp" and (c.lower_ in UNCERTAIN_WORDS or c.lower_ == "clear" and _negated(node))
                for c in node.children):
            return True  # "it remains unclear who controls the village", "it is not clear who ..."
        if _unsupported(node):
            return True
        below = node
    return False


PROOF_NOUNS = {"confirmation", "evidence", "sign", "proof", "indication"}


def _unsupported(clause: Token) -> bool:
    """"had seen no confirmation that X had been captured", "did not find evidence that ...": a clause the speaker
    has nothing to back."""
    noun = clause.head
    return clause.dep_ in ("acl", "ccomp") and noun.i != clause.i and _lower(noun) in PROOF_NOUNS and (
        any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) or _negated(noun.head))


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _doubted(verb: Token) -> bool:
    """'could not determine', 'was unable to confirm', 'impossible to verify', 'not able to say'."""
    node = verb
    while True:
        if _negated(node) or any(c.dep_ == "acomp" and c.lower_ in UNCERTAIN_WORDS for c in node.children):
            return True
        if node.i != verb.i and (_lower(node) in FAILING_HEADS or node.lower_ in UNCERTAIN_WORDS):
            return True
        if node.dep_ not in ("xcomp", "acomp") or node.head.i == node.i:
            return False
        node = node.head


def _called_false(token: Token) -> bool:
    """The sentence calls what the trigger says false ("claims of an advance do not correspond to reality"), and
    not in a clause of its own coordinated beside the trigger's ("had attacked only X and that reports of Y were
    lies": the lie is about Y)."""
    sent = token.sent
    for match in DENIAL.finditer(sent.text):
        word = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if word is None:
            return True
        if word.root.dep_ in ("compound", "amod") and _lower(word.root.head) in ORGANS:
            continue  # "released through its propaganda arm": what the claim came through, not a rebuttal
        lo, hi = sorted((token.i, word.root.i))
        if any(t.text == ";" for t in token.doc[lo:hi]):
            continue  # "India says it shot down drones; Pakistan calls claim baseless": a clause of its own
        up = [word.root, *word.root.ancestors]
        if any(t.dep_ == "relcl" and _lower(t.head) in RESUMING_NOUNS for t in up):
            continue  # "X claimed C, a claim the army dismissed as propaganda": the army's rebuttal, not X's words
        if _coordinated_apart(word.root, token):
            continue
        if _false_thing_beside(word.root, token):
            continue  # "should not believe the rumours, the situation is under control": the rumours are false
        return True
    return False


NOMINAL_ARGUMENTS = ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "oprd")


def _false_thing_beside(word: Token, trigger: Token) -> bool:
    """The falsehood is a thing a verb takes ("believe the rumours", "spread lies") and the trigger is in none of
    that verb's nominal arguments ("dismissed as propaganda [claims that X fell]") nor the falsehood's own words
    ("rumours that X fell"): it sits in a clause of the speaker's own."""
    if word.pos_ != "NOUN" or word.dep_ not in ("dobj", "pobj"):
        return False
    verb = word.head.head if word.dep_ == "pobj" else word.head
    if trigger in list(word.subtree):
        return False
    return not any(trigger in list(c.subtree) for c in verb.children if c.dep_ in NOMINAL_ARGUMENTS)


def _outside_coordinated_verbs(root: Token) -> list[Token]:
    """root's subtree less the tokens within 7 levels below a coordinated verb (conj VERB/AUX other than root).

    One walk down the tree carrying the distance to the nearest such verb above, instead of climbing each token's
    ancestors and testing each against root's descendants: linear even in a run-on sentence with hundreds of
    coordinated clauses.
    """
    kept: list[Token] = []
    stack: list[tuple[Token, int | None]] = [(root, None)]
    while stack:
        node, since = stack.pop()
        if since is None or since > 7:
            kept.append(node)
        for child in node.children:
            coordinated = child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            stack.append((child, 0 if coordinated else None if since is None else since + 1))
    return kept


def _clause(token: Token, limit: tuple[int, int]) -> tuple[int, int]:
    """The trigger's clause: its subtree without coordinated clauses, widened to the governing light verb."""
    root = token.head if token.pos_ == "NOUN" and _lower(token.head) in LIGHT_VERBS else token
    kept = _outside_coordinated_verbs(root)
    subject = _subject(token)
    if subject is not None:
        kept += list(subject.subtree)
    start = max(limit[0], min(t.idx for t in kept))
    end = min(limit[1], max(t.idx + len(t.text) for t in kept))
    return start, end


def _evidence(sentence: Sentence, claims: list[Attribution], trigger: Token) -> str | None:
    """Footage, images or geolocation the sentence cites for the trigger's event, unless it is the medium of the
    claim itself ("In a video posted on social media, the gang leader said...": the speaker's own video bears out
    nothing), or it bears out another clause ("footage showed X had advanced, but it saw no sign Y fell")."""
    doc, text = sentence.doc, doc_text(sentence.doc)
    for found in EVIDENCE.finditer(text, sentence.start_char, sentence.end_char):
        word = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        medium = word is not None and any(
            t.dep_ == "pobj" and t.head.dep_ == "prep" and any(a.cue.start <= t.head.head.idx < a.cue.end
                                                               for a in claims) for t in word)
        if not medium and not (word is not None and _coordinated_apart(word.root, trigger)):
            return found.group(0).lower()
    return None


def _coordinated_apart(a: Token, b: Token) -> bool:
    """a and b sit in clauses coordinated beside each other ("footage showed X had advanced, but it saw no sign
    that Y had fallen"): the path between them passes a coordinated verb."""
    up, mine = [a, *a.ancestors], [b, *b.ancestors]
    meet = next((t for t in mine if t in up), None)
    beside = up[:up.index(meet)] + mine[:mine.index(meet)] if meet is not None else []
    return any(t.dep_ in ("conj", "parataxis") and t.pos_ in ("VERB", "AUX") for t in beside)


def _event_date(doc: Doc, clause: tuple[int, int], article: Article, skip: set[tuple[int, int]]) -> DateRef | None:
    for ent in doc_ents(doc):
        if ent.label_ != "DATE" or not (clause[0] <= ent.start_char and ent.end_char <= clause[1]):
            continue
        if (ent.start_char, ent.end_char) in skip or re.search(r"\b(years?|months?|days?) (old|ago)\b|^\d+$",
                                                               ent.text):
            continue
        resolved = resolve_date(ent.text, article.published)
        if resolved.value:
            return replace(resolved, text=ent.text, start=ent.start_char, end=ent.end_char)
    return None


def _sentence_date(doc: Doc, limit: tuple[int, int], article: Article, skip: set[tuple[int, int]]
                   ) -> DateRef | None:
    """The one date the event's sentence, or the claim that holds it, gives, for a clause that gives none:
    "exchanged fire on Friday near the temple, killing four civilians". Two dates leave it open."""
    dates = {(ent.start_char, ent.end_char) for ent in doc_ents(doc) if ent.label_ == "DATE"
             and limit[0] <= ent.start_char and ent.end_char <= limit[1] and (ent.start_char, ent.end_char) not in skip}
    return _event_date(doc, limit, article, skip) if len(dates) == 1 else None


def _in_own_words(found: Party | None, quoted: bool) -> Party | None:
    """'"We inflicted heavy losses on the mercenaries," the spokesman said': the armed group a speaker names by
    its kind in a quotation of its own words is its enemy (told by a reporter, "the rebels" may be the speaker)."""
    return Party("enemy", found.span) if quoted and found is not None and found.kind == "group" else found


def _actor(token: Token | None, text: str, claimed: bool, earlier: list[Event], sentence_start: int,
           quoted: bool = False) -> Party | None:
    """The actor party; a pronoun takes the last party named in the sentence ("defeated a unit and forced it to
    withdraw"), or inside a claim the claimant itself ("it had defeated"), never a quoted "they" ('"They bombed
    the market," he said': in the speaker's own words they are others)."""
    if token is None or token.lower_ not in PRONOUNS:
        return party(token, text, claimed)
    claimed = claimed and not (quoted and token.lower_ in ("they", "them"))
    if claimed and token.dep_ == "nsubj" and token.head.dep_ in ("ccomp", "ROOT"):
        return Party("self", Span.of(text, token.idx, token.idx + len(token.text)))  # "said it had captured"
    for event in reversed(earlier):
        if event.span.start < sentence_start:
            break
        if event.target is not None or event.actor is not None:
            return event.target or event.actor
    return Party("self", Span.of(text, token.idx, token.idx + len(token.text))) if claimed else None


def find_events(article: Article, doc: Doc, attributions: list[Attribution], toponyms: list[Toponym],
                quotes: list[Quote] = ()) -> list[Event]:
    """Every event trigger in the article, with the claims whose content holds it (``quotes``: the article's
    quotations, in whose words "they" are never the speaker)."""
    text = article.text
    speech_dates = {(a.date.start, a.date.end) for a in attributions if a.date and a.date.start is not None}
    sources = [(a.source.start, a.source.end) for a in attributions if a.source]
    events: list[Event] = []
    taken: dict[int, str] = {}  # token index -> the type of the event it triggered
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":  # "rebel-held", "occupied": descriptions
            etype, subtype = _verb_type(token)
        elif token.pos_ in ("NOUN", "PROPN"):
            etype, subtype = _noun_type(token)
        else:
            continue
        if etype is None or token.i in taken or any(s <= token.idx < e for s, e in sources) or _in_a_name(token):
            continue
        if token.pos_ == "NOUN" and token.head.i in taken and token.dep_ in ("dobj", "nsubjpass"):
            continue  # "repelled the attacks": the verb is the event
        if token.dep_ == "compound" and _lower(token.head) in EQUIPMENT_NOUNS | WARNING_NOUNS:
            continue  # "a squadron of attack drones", "strike aircraft": a kind of weapon, not an event; "air
            # raid sirens", a warning of one
        if etype == "casualties" and token.tag_ == "VBN" and _told_already(token, taken):
            continue  # "lost 1,270 soldiers killed and wounded": one loss, told once
        if token.pos_ == "NOUN" and any(_lower(a) in VERIFYING for a in list(token.ancestors)[:3]):
            continue  # "could not verify any advances": about verification, not an event
        if token.dep_ == "pcomp" and (_lower(token.head.head) in BARRING_NOUNS
                                      or token.head.i > 0 and _lower(doc[token.head.i - 1]) in BARRING_NOUNS):
            continue  # "broke the ban on entering Israeli ports" (wherever "on" is hung): forbidden, not done
        claims = [a for a in attributions if any(f.start <= token.idx < f.end for f in a.content_fragments)]
        committed = [a for a in claims
                     if a.cue_lemma in DENYING_CUES | VERIFYING or not NONCOMMITTAL.search(a.cue.text)]
        if claims and not committed:
            continue  # "the General Staff did not comment on the loss of X": the topic of no claim, no event
        claims = committed
        if any(a.cue.start <= token.idx < a.cue.end for a in attributions):
            continue
        sentence = token.sent
        limit = (sentence.start_char, sentence.end_char)
        told = limit  # the claim's own words, which a misparse can split into two sentences
        for claim in claims:
            fragment = next(f for f in claim.content_fragments if f.start <= token.idx < f.end)
            limit = (max(limit[0], fragment.start), min(limit[1], fragment.end))
            told = (fragment.start, fragment.end)
        clause = _clause(token, limit)
        # "the garrison has fallen": the subject is what was lost, the captor is whoever took it
        falls = etype == "capture" and _lower(token) == "fall"
        actor_token = _fallen_to(token) if falls else _subject(token) if token.pos_ != "NOUN" else _noun_actor(token)
        target_token = _subject(token) if falls else _target(token) if token.pos_ != "NOUN" else _victims(token)
        cause = _cause(token) if etype == "casualties" else None  # the strike a loss follows from
        doer = _subject(cause) if cause is not None else None
        if etype == "casualties" and _lower(token) in DYING_VERBS:
            target_token, actor_token = actor_token, doer  # "six soldiers died when X fired"
        elif etype == "casualties" and actor_token is None and token.pos_ != "NOUN":
            actor_token = doer  # "four soldiers were killed when gunmen fired rockets"
        quoted = any(q.start <= token.idx < q.end for q in quotes)
        actor = _in_own_words(_actor(actor_token, text, bool(claims), events, sentence.start_char, quoted),
                              quoted and bool(claims))
        target = _in_own_words(party(target_token, text, bool(claims)), quoted and bool(claims))
        if target is None and claims and etype == "casualties" and _inflicted(token):
            target = Party(_inflicted_on(token), Span.of(text, token.idx, token.idx + len(token.text)))
        if actor is None and actor_token is not None and actor_token.pos_ in ("NOUN", "PROPN", "NUM") and etype in (
                "advance", "withdrawal", "capture", "counterattack", "encirclement"):
            continue  # families fleeing, civilians leaving, "forced 20,000 to flee": movement, not a front line's
        claimed_strike = etype in ("attack", "shelling") and any(a.cue_lemma == "claim" for a in claims)
        if actor is None and claims and (etype in ("advance", "capture", "counterattack") or claimed_strike) \
                and not falls:
            # an unowned gain inside a claim: the claimant's own ("the liberation of X was completed"; "X claims
            # rocket attack on Y": it claims the attack), or, in a sentence that calls a claim false, the enemy's
            denying = DENIAL.search(sentence.text) or any(a.cue_lemma in DENYING_CUES for a in claims) or (
                _negated(token))  # "told reporters that the base had not been overrun": by the enemy
            kind = "enemy" if denying else "self"  # "denied claims that the village had been captured": theirs
            actor = Party(kind, Span.of(text, token.idx, token.idx + len(token.text)))
        place, relation = place_of(token, toponyms, clause, actor.span if actor else None)
        if place is None and cause is not None and token.pos_ != "NOUN":  # "killed when troops fired near X": at X
            place, relation = place_of(cause, toponyms, _clause(cause, limit), actor.span if actor else None)
        if place is None and claims:  # a place named earlier in the claim's sentence still locates it
            place, relation = place_of(token, toponyms, (limit[0], token.idx), actor.span if actor else None)
        cue = claims[0].cue_lemma if claims else None
        kinds = MAGNITUDE_KINDS.get(etype, ())  # quantulum3 costs milliseconds: only where a magnitude can count
        magnitudes = [m for m in find_magnitudes(text, *clause) if m.kind in kinds] if kinds else []
        if target_token is not None and target_token.pos_ != "PRON" and etype == "casualties":
            # "seized 30 vehicles and killed hundreds of soldiers": the count is the victims', or none is given
            victims = (target_token.left_edge.idx, target_token.right_edge.idx + len(target_token.right_edge.text))
            magnitudes = [m for m in magnitudes if victims[0] <= m.start < victims[1]]
        magnitude = magnitudes[0] if magnitudes else None
        evidence = _evidence(sentence, claims, token)
        undetermined = [a.id for a in claims if _undetermined(token, a)]
        modality = "hedged" if claims and len(undetermined) == len(claims) else _modality(token, cue)
        taken[token.i] = etype
        events.append(Event(
            id=f"{article.id}:e{len(events) + 1}", article=article.id, type=etype, subtype=subtype,
            span=Span.of(text, *clause), trigger=Span.of(text, token.idx, token.idx + len(token.text)),
            modality=modality,
            actor=actor, target=target,
            place=place, place_relation=relation,
            date=_event_date(doc, clause, article, speech_dates)
            or _sentence_date(doc, told, article, speech_dates), magnitude=magnitude,
            claimed_by=[a.id for a in claims],
            evidence=evidence, undetermined_by=undetermined,
        ))
    return events
