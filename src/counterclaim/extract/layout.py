"""Attributions set by page layout rather than by grammar: signed quotations and transcript turns.

Why: neither has a reporting verb, so the verb rules cannot see them and the tagger, trained on running prose,
finds no cue to link the words to. Both are common in reports: vox pops and liveblog pull quotes end a quotation
with a dash and the speaker's name ('"We held the line." ― Col. Ana Ruiz'), interviews and briefings are printed as
turns ('KOVALENKO: There are no talks.'). PolNeAR marks both as attributions, with the dash or the colon as the cue.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .attributions import RawAttribution
from .countries import STATE_FORCE_WORDS, country_of
from .lexicon import ARMED_GROUP_WORDS, GOVERNMENT_WORDS, MILITARY_WORDS, PERSON_ROLES, TURN_ROLES
from .quotes import Quote
from .spans import CharSpan, doc_ents, doc_text, overlaps

BLANK = r"[ \t\u00a0]"
SIGNED = re.compile(  # a quotation alone on its line, then a dash and a name (on that line or the next)
    rf"^{BLANK}*(?P<quote>[\"“”«„][^\n]*[\"”»“]){BLANK}*\n?{BLANK}*(?P<dash>―|—|–|--){BLANK}*(?P<name>[^\n]+?)"
    rf"[{BLANK[1:-1]}.]*$", re.M)
TURN = re.compile(  # a speaker label opening a line, a colon, then the words on that line
    rf"^{BLANK}*[\"“]?(?P<label>[^\W\d_][\w.'’ -]{{0,40}}?){BLANK}*(?P<colon>:){BLANK}+(?P<words>\S[^\n]*?){BLANK}*$",
    re.M)
HEADLINE = re.compile(  # the first line: a speaker, a colon, a statement
    rf"\A\s*(?P<label>[^\n:\"“”]{{2,80}}?){BLANK}*(?P<colon>:){BLANK}+(?P<words>[^\s\d][^\n]*?){BLANK}*$", re.M)
PARTICLES = frozenset({"de", "da", "del", "der", "di", "du", "la", "le", "van", "von", "al", "el", "bin", "ben", "y",
                       "dos", "das", "ibn", "abu", "ter", "den"})
# labels editors put before a colon that name no speaker ('UPDATE: ...', 'Editor's note: ...')
EDITORIAL = frozenset({"update", "updated", "watch", "read", "more", "editor", "editors", "note", "photo", "photos",
                       "video", "videos", "related", "breaking", "correction", "clarification", "source", "sources",
                       "credit", "listen", "see", "also", "live", "latest", "analysis", "opinion", "context",
                       "background", "warning", "advertisement", "disclaimer", "caption", "map", "graphic", "file",
                       "transcript", "summary", "timeline", "what", "why", "how", "when", "where", "who", "day",
                       "part", "chapter", "step", "question", "answer", "tags", "topics", "share", "follow",
                       # a fact check's fields: 'Claim: ...', 'Verdict: False.'
                       "claim", "verdict", "rating", "ruling", "conclusion", "fact", "facts", "check", "checked"})
LIST_INTRO = re.compile(rf"^[^\n]*\S:{BLANK}*$", re.M)  # "The Ministry informs the public of the following:"
LIST_ITEM = re.compile(rf"^{BLANK}*(?:\d{{1,2}}[.)]|[-•*▪–]){BLANK}+(?P<item>\S[^\n]*?){BLANK}*$")
MAX_NAME_WORDS = 6
MAX_LABEL_WORDS = 4


def _name_words(name: str) -> list[str] | None:
    """The words of a person's or body's name, or None when the text is not one (lower-case words, digits)."""
    words = name.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or any(ch.isdigit() for ch in name):
        return None
    if not words[0][0].isupper() or not all(w[0].isupper() or w.lower() in PARTICLES for w in words):
        return None
    return words


def signed_quotations(doc: Doc, quotes: list[Quote]) -> list[RawAttribution]:
    """'"..." ― Name[, description]': the quotation is the content, the dash the cue, the name the source."""
    text = doc_text(doc)
    found = []
    for m in SIGNED.finditer(text):
        if _name_words(m["name"].split(",")[0].rstrip(" .\u00a0")) is None:  # the name before any description
            continue
        found.append(_attribution(doc, quotes, m.span("dash"), m.span("quote"), m.span("name")))
    return found


def transcript_turns(doc: Doc, quotes: list[Quote]) -> list[RawAttribution]:
    """'LABEL: words' lines whose label names a speaker. It counts when spaCy reads it as a person, or when the
    document has at least two such labels (a transcript: 'Q:' and 'A:', 'HOST:' and 'KOVALENKO:'); editors'
    labels never count."""
    labelled = []
    for m in TURN.finditer(doc_text(doc)):
        label = m["label"].rstrip()
        words = label.replace("’", " ").replace("'", " ").replace(".", " ").split()
        if not 1 <= len(words) <= MAX_LABEL_WORDS or any(w.lower() in EDITORIAL for w in words):
            continue
        span = doc.char_span(m.start("label"), m.start("label") + len(label), alignment_mode="expand")
        if (label.isupper() or _name_words(label)) and span is not None and _names_a_speaker(span):
            labelled.append((m, span))
    labels = {span.text.upper() for _, span in labelled}
    # a lone label that names a country or place is a story's subject ("Mali: Varyag suffers heavy losses"), even
    # where the tagger reads it as a person; in a transcript of several ("RUSSIA:", "UKRAINE:") it is a delegate
    return [_attribution(doc, quotes, m.span("colon"), m.span("words"), (span.start_char, span.end_char))
            for m, span in labelled if len(labels) >= 2 or any(t.ent_type_ == "PERSON" for t in span)
            and not country_of(span.text)]


def headline_statement(doc: Doc, quotes: list[Quote]) -> list[RawAttribution]:
    """'Zelensky: we will not give up the city', 'The Ministry of Defense of X: the enemy shelled our positions':
    a headline that gives a speaker, a colon and a statement. The label must end in a name or a body ('Ukraine
    war: latest' names none) and the words after the colon must hold a verb."""
    m = HEADLINE.match(doc_text(doc))
    if m is None:
        return []
    label = doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
    words = doc.char_span(m.start("words"), m.end("words"), alignment_mode="expand")
    if label is None or words is None or len(label) > MAX_NAME_WORDS + 2 or not label.text[:1].isupper() \
            or any(t.lower_ in EDITORIAL for t in label) or not any(t.pos_ in ("VERB", "AUX") for t in words):
        return []
    body_words = GOVERNMENT_WORDS | MILITARY_WORDS | ARMED_GROUP_WORDS | PERSON_ROLES | STATE_FORCE_WORDS
    # every word of the label belongs to a name or a body ("The Ministry of Defense of X", "Zelensky"), which
    # title-case headlines ("Obama on Climate Change: ...", "A Lesson from X: ...") do not satisfy
    if not all(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.lemma_.lower() in body_words
               or t.lower_ in ("the", "'s", "’s") or country_of(t.text) for t in label):
        return []
    if all(t.ent_type_ in ("GPE", "LOC") or country_of(t.text) or t.lower_ == "the" for t in label):
        return []  # "Mali: Varyag suffers heavy losses": a place is the story's subject, not its speaker
    return [_attribution(doc, quotes, m.span("colon"), m.span("words"), (label.start_char, label.end_char))]


def listed_statement(doc: Doc, quotes: list[Quote]) -> list[RawAttribution]:
    """'The Ministry of National Defence informs the public of the following:' and the numbered or bulleted items
    under it: a press release or a communique, each item a fragment of what the intro's subject says."""
    from .attributions import _is_reporting, _np_span, _subject  # attributions imports this module

    text = doc_text(doc)
    found = []
    for intro in LIST_INTRO.finditer(text):
        items = []
        for line in re.finditer(r"[^\n]*\S[^\n]*", text[intro.end():]):  # the lines after it, blank ones aside
            item = LIST_ITEM.match(line.group())
            if item is None:
                break
            at = intro.end() + line.start()
            items.append((at + item.start("item"), at + item.end("item")))
        colon = doc.char_span(intro.end() - 1, intro.end(), alignment_mode="expand")
        verb = colon.sent.root if colon is not None else None
        if len(items) < 2 or verb is None or not _is_reporting(verb) or (subject := _subject(verb)) is None:
            continue
        found.append(RawAttribution(cue=(verb.idx, verb.idx + len(verb.text)), content=items,
                                    source=_np_span(subject), source_head=subject, verb=verb,
                                    quotes=[q for q in quotes if any(overlaps((q.start, q.end), i) for i in items)],
                                    by_layout=True))
    return found


def _names_a_speaker(label: Span) -> bool:
    """A name ('KOVALENKO', 'Ms. Varga'), a speaking role ('REPORTER', 'Q') or the surname of a person the text
    names ('TRAORE', which the tagger reads as a common noun), not a field ('Location: ...')."""
    last = label[-1]
    return (last.pos_ == "PROPN" or last.ent_type_ in ("PERSON", "ORG", "NORP")
            or last.lower_ in PERSON_ROLES | TURN_ROLES
            or last.is_upper and any(e.label_ == "PERSON" and e[-1].lower_ == last.lower_ for e in doc_ents(label.doc)))


def _attribution(doc: Doc, quotes: list[Quote], cue: CharSpan, content: CharSpan, source: CharSpan) -> RawAttribution:
    head = doc.char_span(*source, alignment_mode="expand")
    return RawAttribution(cue=cue, content=[content], source=source, source_head=head.root if head else None,
                          quotes=[q for q in quotes if overlaps((q.start, q.end), content)], by_layout=True)


def find_layout_attributions(doc: Doc, quotes: list[Quote]) -> list[RawAttribution]:
    """Signed quotations, transcript turns and a headline statement of one parsed doc, in text order."""
    turns = transcript_turns(doc, quotes)
    headline = [h for h in headline_statement(doc, quotes) if not any(overlaps(h.cue, t.cue) for t in turns)]
    found = signed_quotations(doc, quotes) + turns + headline + listed_statement(doc, quotes)
    return sorted(found, key=lambda a: a.content[0])
