"""Places in a report: candidate toponyms (GPE/LOC/FAC entities and proper names in a place slot) and the one an
event happens at, with its relation ("near", "north of"). Candidates only: the gazetteer confirms them later,
because the small English model tags many front-line towns as PERSON or misses them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Span, Toponym
from .countries import country_of, is_demonym
from .event_lexicon import AREA_NOUNS, DIRECTIONS, NOUN_EVENTS, PLACE_PREPS, VERB_EVENTS
from .lexicon import ARMED_GROUP_WORDS, GOVERNMENT_WORDS, MILITARY_WORDS, ORG_NAME_WORDS
from .spans import doc_ents, doc_text

NON_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "NORP", "LAW",
                    "LANGUAGE", "WORK_OF_ART", "EVENT"}
BODY_WORDS = ARMED_GROUP_WORDS | GOVERNMENT_WORDS | MILITARY_WORDS | ORG_NAME_WORDS | {"party", "company"}
MOVING_TO = ("take", "leave", "enter", "reach", "approach", "overlook", "hold")  # and "still holds X"
# "the town of X", "the village of X": the noun says X is a place, whatever label the tagger gave the name
NAMED_AS_PLACE = {"town", "city", "village", "hamlet", "settlement", "township", "port", "commune", "municipality",
                  "district", "province", "region"}


def _lower(token: Token) -> str:
    return token.lemma_.lower()


def _name_like(token: Token) -> bool:
    """A proper noun, or a capitalised common noun mid-sentence: the small model tags a town that is also an
    English word ("Sake", "Bar") as a NOUN, but its capital letter still marks a name."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title and not token.is_sent_start)


def _named_as_place(token: Token) -> bool:
    """X in "the town of X" (a proper noun, not a country or a people)."""
    head = token.head
    return token.pos_ == "PROPN" and token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in (
        NAMED_AS_PLACE) and head.head.i < token.i and not is_demonym(token.text)


def _taken_or_held(token: Token) -> bool:
    """X in "captured X", "took control of X", "still holds X", "the fall of X": a place changing hands, not a
    person (a name the tagger calls a person needs the gazetteer)."""
    head = token.head
    if token.pos_ != "PROPN" or token.ent_type_ == "NORP" or token.ent_type_ == "PERSON" and (
            VERB_EVENTS.get(_lower(head)) != "capture" or any(c.dep_ == "compound" for c in token.children)):
        return False  # "liberated Novoekonomichne", tagged a person: one word a capture verb takes is a place
    if token.dep_ in ("dobj", "nsubjpass"):
        return VERB_EVENTS.get(_lower(head)) == "capture" or _lower(head) in ("hold", "take", "enter")
    return token.dep_ == "pobj" and head.lower_ == "of" and _lower(head.head) in ("control", "fall", "capture")


def _toponym(token: Token, text: str) -> Span | None:
    """The proper-name phrase at token ("the city of X" gives X), as a span; None if it is not name-like."""
    named_area = token.ent_type_ == "NORP" and token.pos_ == "PROPN" and (
        token.dep_ == "compound" and token.head.lower_ in AREA_NOUNS  # "Paktika province", tagged NORP
        or _named_as_place(token)) and not is_demonym(token.text)  # "the town of Hadrut", tagged NORP
    if not _name_like(token) or token.ent_type_ in NON_PLACE_LABELS and not named_area:
        return None
    if token.ent_type_ and token.ent_iob_ != "O":
        ent = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end), None)
        if ent is not None and ent.label_ == "ORG" and ent[-1].lower_ in BODY_WORDS:
            return None  # "replaced the Varyag Group": the tagger calls some towns ORG, but not one named "Group"
        if ent is not None and ent.label_ not in NON_PLACE_LABELS:
            words = [t for t in ent if t.lower_ != "the" and not t.is_space]
            if words and not country_of(ent.text):
                return Span.of(text, words[0].idx, words[-1].idx + len(words[-1].text))
    names = [t for t in token.subtree if t.i <= token.i and t.pos_ == "PROPN" and t.dep_ in ("compound", "nmod")
             or t.i == token.i]
    start = min(t.idx for t in names)
    return Span.of(text, start, token.idx + len(token.text))


def _tail_of_a_name(ent) -> bool:
    """'Islamic State West Africa Province': the tagger's place is the end of a longer proper name."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.pos_ == "PROPN" and before.dep_ == "compound" \
        and ent.start <= before.head.i < ent.end and not before.ent_type_ in ("GPE", "LOC") \
        and not country_of(before.text)


def find_toponyms(doc: Doc) -> list[Toponym]:
    """Candidate place names: GPE/LOC/FAC entities, and proper names in a place slot whatever their label."""
    text = doc_text(doc)
    found: dict[tuple[int, int], Toponym] = {}
    for ent in doc_ents(doc):
        if ent.label_ in ("GPE", "LOC", "FAC") and not _tail_of_a_name(ent):
            words = [t for t in ent if t.lower_ != "the" and not t.is_space]
            while words and words[-1].is_lower and words[-1].is_stop:
                words.pop()  # "Hama after days of fighting": the tagger's entity ran on into a preposition
            if words:
                span = Span.of(text, words[0].idx, words[-1].idx + len(words[-1].text))
                found[(span.start, span.end)] = Toponym(span, True)
    for token in doc:
        if not _name_like(token):
            continue
        head = token.head
        if token.dep_ == "compound":  # "the Sake area", "the Kherson direction"
            slot = head.lower_ in AREA_NOUNS
        else:
            slot = (token.dep_ == "pobj" and head.lower_ in PLACE_PREPS) or (
                token.dep_ in ("dobj", "nsubjpass") and (_lower(head) in VERB_EVENTS or _lower(head) in (
                    MOVING_TO))) or (
                token.dep_ == "poss" and _lower(head) in NOUN_EVENTS) or (
                token.dep_ == "nsubj" and _lower(head) == "fall")
        if slot:
            span = _toponym(token, text)
            if span is not None and not any(s <= span.start < e for s, e in found):
                found[(span.start, span.end)] = Toponym(span, _named_as_place(token) or _taken_or_held(token))
    return sorted((t for t in found.values() if not _names_an_operation(text, t.span)), key=lambda t: t.span.start)


def _names_an_operation(text: str, span: Span) -> bool:
    """'troops of Operation Hadin Kai', 'Operation Claw-Lock': a military operation's name, no place."""
    return span.text.startswith("Operation ") or text[max(0, span.start - 12):span.start].rstrip().endswith(
        "Operation")


def _qualifies_a_noun(doc: Doc, span: Span) -> bool:
    last = doc.char_span(span.start, span.end, alignment_mode="expand")
    return last is not None and last[-1].dep_ in ("compound", "amod", "nmod") and last[-1].head.pos_ == "NOUN" \
        and last[-1].head.i > last[-1].i


def _of_another_event(doc: Doc, span: Span, trigger: Token) -> bool:
    """A place in the phrase of an earlier event the trigger answers ("destroyed posts in retaliation for strikes on
    X", "after an attack on X"): that event's place, not the trigger's."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None:
        return False
    for above in words.root.ancestors:
        if above.i == trigger.i:
            return False
        if above.pos_ == "NOUN" and _lower(above) in NOUN_EVENTS and above.dep_ == "pobj" and (
                above.head.lower_ in ("after", "following") or _lower(above.head.head) in ANSWERING):
            return True
    return False


ANSWERING = ("retaliation", "response", "revenge", "reprisal")


def place_of(token: Token, toponyms: list[Toponym], within: tuple[int, int],
           exclude: Span | None = None) -> tuple[Span | None, str | None]:
    """The toponym nearest the trigger inside the event's clause, with its relation ("near", "north of").

    A place the event starts from ("from X towards Y") ranks after the place it happens at or heads to.
    """
    doc = token.doc
    candidates = [t.span for t in toponyms if within[0] <= t.span.start and t.span.end <= within[1]]
    if not candidates:
        return None, None

    candidates = [c for c in candidates if not (exclude and exclude.start <= c.start < exclude.end)
                  and not _of_another_event(doc, c, token)]
    if not candidates:
        return None, None

    def preposition(span: Span) -> str:
        words = doc_text(doc)[max(within[0], span.start - 12):span.start].lower().split()
        return words[-1] if words else ""

    # a country counts as the place only behind a place preposition ("in Ukraine", not "for Russia"), and not as
    # the word that qualifies a noun ("a raid on a Burkina army post")
    candidates = [c for c in candidates if not country_of(c.text) or (
        preposition(c) in PLACE_PREPS and doc_text(doc)[c.end:c.end + 2] not in ("’s", "'s")
        and not _qualifies_a_noun(doc, c))]
    if not candidates:
        return None, None

    def rank(span: Span) -> tuple[bool, bool, int]:
        origin = doc_text(doc)[max(within[0], span.start - 6):span.start].lower().rstrip().endswith("from")
        return country_of(span.text) is not None, origin, abs(span.start - token.idx)

    best = min(candidates, key=rank)
    before = doc_text(doc)[max(within[0], best.start - 40):best.start].lower().split()
    relation = None
    if before:
        words = [w.strip(",") for w in before[-4:]]
        for i, word in enumerate(words):
            if word in DIRECTIONS and i + 1 < len(words) and words[i + 1] == "of":
                relation = f"{word.removesuffix('ern')} of"
        if relation is None and words[-1] in PLACE_PREPS:
            relation = PLACE_PREPS[words[-1]]
    return best, relation or "in"
