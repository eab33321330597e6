"""The outlet's own voice about evidence: what it could not verify, who did not comment, what imagery shows.

The organisation doing the verifying ("NBC News has not verified...", "...could not be verified by NBC News")
is, in practice, the outlet itself: that is how the outlet is inferred when metadata lacks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Span, VerificationNote
from .countries import country_of
from .lexicon import ORG_NAME_WORDS
from .spans import doc_ents, doc_text

_NEG = r"(?:could|can|was|were|has|have|had|did|does|do|is|are)\s*(?:not|n[’']t|never)"
_VERIFY_VERB = r"(?:yet\s+)?(?:been\s+|be\s+)?(?:immediately\s+|independently\s+)*(?:verif|confirm)\w*"
# "Neither claim could be verified", "None of the figures could be confirmed": the negation sits in the subject,
# so the verb itself is positive. The subject is a run of plain words (no punctuation, no relative pronoun), which
# keeps a negator in an earlier clause from reaching a later, affirmative "was confirmed".
_NEG_SUBJECT = (r"\b(?:neither|none|nobody|nothing|no\s+one)\b(?:\s+(?!(?:that|which|who|whom|whose)\b)[\w’'-]+){0,8}?"
                rf"\s+(?:could|can|was|were|has|have|had|is|are|will|would)\s+{_VERIFY_VERB}")
_GROUND = r"(?:area|scene|site|region|town|city|village|front\s+line|front|location|district)s?\b"
# "It was not possible to confirm the deaths", "it was impossible to verify"
_IMPOSSIBLE = (r"\b(?:was|is|were|are|has\s+been|had\s+been)\s+"
               r"(?:not\s+(?:immediately\s+)?possible|impossible)\s+to\s+(?:independently\s+)?(?:verify|confirm)\b")
NOT_VERIFIED = re.compile(
    rf"\b{_NEG}\s+{_VERIFY_VERB}"
    rf"(?:\s+(?:it\s+|them\s+|this\s+)?independently)?"
    rf"|\b(?:unable|not\s+able)\s+to\s+(?:independently\s+)?(?:verify|confirm)\b|\bnot\s+independently\s+verified\b"
    # "was unable to reach the area independently": no access, so nothing checked on the ground
    rf"|\b(?:(?:unable|not\s+able)\s+to|{_NEG})\s+(?:independently\s+)?(?:reach|access|visit)\s+(?:the\s+)?"
    rf"{_GROUND}(?:\s+independently)?"
    rf"|{_NEG_SUBJECT}"
    # "has not observed confirmation of this claim", "had seen no evidence that": nothing to back it
    rf"|\b(?:{_NEG}\s+(?:yet\s+)?(?:observed|seen|found)\s+(?:any\s+)?|(?:observed|seen|found)\s+no\s+)"
    rf"(?:confirmation|evidence)\b"
    rf"|{_IMPOSSIBLE}",
    re.I)
# "It was not possible to confirm the deaths": no one's claim, whoever the tagger takes "It" for
IMPOSSIBLE_TO_VERIFY = re.compile(_IMPOSSIBLE, re.I)
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("not_verified", NOT_VERIFIED),
    ("no_comment", re.compile(
        rf"\b{_NEG}\s+(?:immediately\s+)?(?:respond|comment|reply|return)\w*(?:\s+to\s+(?:a\s+)?requests?\s+for\s+"
        rf"comment)?|\bdeclined\s+to\s+comment\b"
        # "couldn't be reached", "could not immediately be reached", "was not immediately reachable" for comment
        rf"|\b{_NEG}\s+(?:(?:be|been|immediately)\s+)*reach(?:ed|able)\s+for\s+(?:a\s+)?comment\b"
        rf"|\bno\s+immediate\s+comment\b", re.I)),
    ("independent_evidence", re.compile(
        r"\b(?:geolocated|satellite|verified|drone)\s+(?:images?|imagery|footage|videos?|photos?|photographs?)\b",
        re.I)),
    ("verified", re.compile(r"\b(?:has|have|had)\s+(?:independently\s+)?(?:verified|geolocated|confirmed)\b"
                            r"|\bwas\s+(?:independently\s+)?verified\s+by\b"
                            r"|\b(?:footage|images?|imagery|videos?|photos?)\s+(?:independently\s+)?"
                            r"(?:verified|geolocated)\s+by\b"
                            r"|\b(?:geolocated|verified)\s+(?:the|one|a|an|two|three|several|some)\b", re.I)),
    ("other", re.compile(r"\bno\s+(?:immediate\s+)?(?:independent\s+)?confirmation\b"
                         r"|\bno\s+(?:satellite\s+)?(?:imagery|footage|images|evidence)\b", re.I)),
]
EVIDENCE_WORDS = re.compile(r"(?:geolocated|satellite|verified|drone)\s+\w+", re.I)
# An outlet the small model mistakes for a person or a title is still the outlet, whichever voice names it.
AGENT_LABELS = ("ORG", "PERSON", "WORK_OF_ART")


@dataclass
class NoteHit:
    note: VerificationNote
    verifier: str | None  # organisation named as subject/agent of the verification


def find_notes(doc: Doc) -> list[NoteHit]:
    text = doc_text(doc)
    hits: list[NoteHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            note = VerificationNote(kind=kind, span=Span(m.start(), m.end(), m.group(0)))
            hits.append(NoteHit(note, _verifier(doc, m.start(), m.end()) if kind != "independent_evidence" else None))
    hits.sort(key=lambda h: h.note.span.start)
    return hits


def _verifier(doc: Doc, start: int, end: int) -> str | None:
    """The name right before the phrase (its subject), or after 'by' in the passive."""
    text = doc_text(doc)
    # The nearest name before the phrase; the gap check below decides whether it is the subject. Only auxiliaries
    # may separate them, since the phrase need not start with one ("X was unable to verify").
    before = [e for e in doc_ents(doc) if e.label_ in AGENT_LABELS and e.end_char <= start]
    gap = text[before[-1].end_char:start] if before else ""
    if before and re.fullmatch(r"\s*(?:(?:was|were|has|have|had|is|are|did|does|do|also)\s+)*", gap):
        return before[-1].text
    named = re.search(r"(?:^|[.!?]\s+|\n)((?:[A-Z][\w&’'-]*\s+){0,3}[A-Z][\w&’'-]*)\s+"
                      r"(?:(?:was|were|has|have|had|is|are|did|does|do|also)\s+)*$", text[max(0, start - 80):start])
    words = named.group(1).split() if named else []
    if named and (words[0] not in ("It", "This", "That", "The", "They", "We", "He", "She")
                  or words[0] == "The" and len(words) > 2 and words[-1].lower() in MEDIA_NAME_WORDS):
        return named.group(1)  # "Gulf Wire could not confirm", "The Great Lakes Ledger was unable to confirm": a
        # name the entity tagger missed, as the subject
    tail = text[end:end + 60]
    by = re.match(r"\s+by\s+", tail)
    if by:
        after = [e for e in doc_ents(doc) if e.label_ in AGENT_LABELS and e.start_char == end + by.end()]
        if after:
            return after[0].text
    return None


def infer_outlet(hits: list[NoteHit], checking_only: bool = True) -> str | None:
    """The outlet is whoever the text says checked the claims ("could not independently verify", "geolocated");
    with ``checking_only`` false, also whoever merely confirmed or did not: a party "did not confirm" its own
    losses, a UN office "has confirmed" a toll, so those names come after a dateline's or a masthead's."""
    found = [h for h in hits if h.verifier and h.note.kind in ("not_verified", "verified")]
    checked = [h for h in found if CHECKING.search(h.note.span.text)]
    found = checked if checking_only else found
    if not found:
        return None
    # "the Ledger" is "The Great Lakes Ledger" the same text names in full
    names = [next((f for f in (h.verifier for h in found) if _names_in_full(f, h.verifier)), h.verifier)
             for h in found]
    last = {n: h.note.span.start for n, h in zip(names, found)}
    return max(set(names), key=lambda n: (names.count(n), last[n]))  # then the later one (outlets say it last)


def _names_in_full(full: str, short: str) -> bool:
    """"The Great Lakes Ledger" for "the Ledger": a longer name ending with a shorter one's words."""
    words, short_words = full.lower().removeprefix("the ").split(), short.lower().removeprefix("the ").split()
    return len(words) > len(short_words) and words[-len(short_words):] == short_words


CHECKING = re.compile(r"verif|independent|geolocat|could\s+n|couldn|unable|cannot|can[’']t", re.IGNORECASE)


# The outlet's own reporting: "satellite images reviewed by X", "residents reached by X", "told X by phone"; a
# name told things without "by phone" must look like an outlet's ("told Gulf Observer", not "told Xi Jinping").
_REPORTED_TO = re.compile(r"\b(?:(?P<by>reviewed|seen|obtained|verified|reached|contacted|interviewed)\s+by"
                          r"|told|spoke\s+to|speaking\s+to)\s+(?:the\s+)?"
                          r"(?P<name>(?:[A-Z][\w&’'-]*\s+){0,3}[A-Z][\w&’'-]*)"
                          r"(?P<phone>\s+by\s+(?:phone|telephone))?(?=[\s,.;])")
MEDIA_NAME_WORDS = frozenset("""
news post times daily wire monitor observer herald journal tribune press agency radio tv television broadcasting
gazette report reporter telegraph mail express chronicle standard guardian independent review weekly network
ledger courier dispatch bulletin newsline newswire desk
""".split())
# A masthead line under the headline: "The Frontier Ledger", "Caribbean Daily Monitor - Live coverage | Updated ...",
# "Caucasus Newsline (English service)": a short capitalised name, alone or before a dash, bar or bracket
_MASTHEAD = re.compile(r"^[ \t]*(?P<name>(?:The\s+)?[A-Z][\w&’'-]*(?:\s+(?:of\s+)?[A-Z][\w&’'-]*){0,4})"
                       r"[ \t]*(?:$|\s[-–—|]\s|\s?\()", re.MULTILINE)


def masthead_outlet(text: str, known: str | None = None) -> str | None:
    """The outlet a masthead line in the first lines below the headline names, or a first line in capitals above it
    ("THE WEST AFRICA CHRONICLE"); given a ``known`` outlet name, the masthead that spells it out in full
    ("VeriFact Caucasus | Fact Check" for the "VeriFact" the text was told things by)."""
    for i, line in enumerate(text.lstrip().split("\n")[:8]):
        m = _MASTHEAD.match(line)
        words = m["name"].split() if m else []
        fuller = known is not None and len(words) > len(known.split()) and (
            " ".join(words).startswith(known + " ") or " ".join(words).endswith(" " + known))
        if m and (fuller or known is None and (i or m["name"].isupper())
                  and {w.lower() for w in words} & MEDIA_NAME_WORDS) and not country_of(m["name"]):
            name = m["name"]  # "THE SAHEL DISPATCH": a masthead's capitals are type, not the name
            return " ".join(w.title() for w in name.split()) if name.isupper() else name
    return None


def outlet_from_reporting(text: str) -> str | None:
    """The name the text says saw, reached or was told things, when it names one and only one: the outlet."""
    names = set()
    for m in _REPORTED_TO.finditer(text):
        name = m["name"]
        words = name.split()
        if words[0] in ("A", "An", "It", "He", "She", "They", "We") or words[0] == "The" and len(words) == 1 \
                or country_of(name) or {w.lower() for w in words} & ORG_NAME_WORDS:
            continue  # "seen by Ukrainian intelligence", "interviewed by Human Rights Watch": not the outlet
        if m["by"] or m["phone"] or {w.lower() for w in words} & MEDIA_NAME_WORDS:
            names.add(name)
    return names.pop() if len(names) == 1 else None


def link_notes(text: str, hits: list[NoteHit], attributions, sentence_of) -> None:
    """Say which attributions each note qualifies: same sentence first, else the claims it refers back to."""
    for hit in hits:
        note = hit.note
        sentence = sentence_of(note.span.start)
        same = [a for a in attributions if sentence and (sentence[0] <= a.cue.start < sentence[1]
                                                         or sentence[0] <= a.content.start < sentence[1])
                and not (a.cue.start < note.span.end and note.span.start < a.cue.end)]  # the note's own words
        if same:
            note.applies_to = [a.id for a in same]
            continue
        if note.kind == "independent_evidence":
            continue
        before = [a for a in attributions if a.content.end <= note.span.start]
        lead = text[sentence[0]:note.span.start].lower() if sentence else ""
        para = text.rfind("\n\n", 0, sentence[0] if sentence else note.span.start)
        prev_para = text.rfind("\n\n", 0, max(para, 0))
        # "could not verify where the videos were filmed": the nearby claims the videos make, not every claim
        topic = _first_noun(text[note.span.end:sentence[1]]) if sentence else None
        shown = [a for a in before if topic and a.source and topic in _stems(a.source.text) and a.cue.start > prev_para]
        if shown:
            note.applies_to = [a.id for a in shown]
        elif re.search(r"\b(his|her)\s+claims?\b", lead):
            spoken = [a for a in before if a.speaker]
            speaker = spoken[-1].speaker if spoken else None
            note.applies_to = [a.id for a in attributions if speaker and a.speaker == speaker]
        elif POINTS_AT_CLAIMS.search(lead + text[note.span.end:sentence[1]].lower() if sentence else ""):
            note.applies_to = [a.id for a in before]
        else:
            note.applies_to = [a.id for a in before if a.cue.start > prev_para]


# "could not verify the claims", "either side's account": a note that points at every claim before it
POINTS_AT_CLAIMS = re.compile(r"\bclaims?\b|\breports?\b|\bstatements?\b|\baccounts?\b|\beither side\b")
NOT_TOPICS = {"where", "when", "that", "what", "whether", "which", "independently", "their", "either", "such",
              "this", "these", "those", "claim", "claims", "report", "reports", "account", "accounts", "side", "sides"}


def _stems(text: str) -> set[str]:
    return {w.removesuffix("s") for w in re.findall(r"[a-z]+", text.lower())}


def _first_noun(text: str) -> str | None:
    """What a note is about, roughly: the first longer word after it that is no pointer ("where the [videos] were
    filmed"), singular; claims and reports are left to the rules above."""
    words = re.findall(r"[a-z]+", text.lower())[:4]
    first = next((w for w in words if len(w) >= 4 and w not in NOT_TOPICS), None)
    return first.removesuffix("s") if first else None
