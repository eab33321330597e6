"""Who the sources are: one Speaker per real-world speaker in an article, with type, title and side.

Each source phrase is read by ``mentions.describe`` (name, role, country, group); here the mentions are merged:
surnames to full names, "the X chief" to the person whose description shares X, pronouns to the speaker the text
was last following, a headline's short name to the body named in full; and an unnamed role takes the country or
group of the body that introduces it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Span, Speaker
from .countries import countries_in, country_of, fold, widened_country
from .lexicon import (ANALYST_WORDS, ARABIC_ARTICLES, ARMED_GROUP_WORDS, GOVERNMENT_WORDS, GROUP_WORDS, MILITARY_WORDS,
                      ORG_NAME_WORDS, PERSON_ROLES, ROLE_SYNONYMS)
from .mentions import (BYSTANDERS, PERSON_PRONOUNS, Mention, core_words, describe, named_after, role_words, tie_words,
                       tokens_in)
from .spans import clause_tokens, doc_sents, doc_text, sentence_at


def _org_key(m: Mention) -> tuple:
    core = core_words(m.descriptors, m.type)
    # a person described by a role alone is the one so described: "REPORTER:" is not the "SPOKESMAN:" before
    return (m.type, m.country, core or frozenset(m.descriptors) if m.type == "person" else core)


def _compatible_roles(a: set[str], b: set[str]) -> bool:
    if a & b:
        return True
    return any(a & group and b & group for group in ROLE_SYNONYMS)


# Particles a surname carries ("al-Wazir", "ibn Saud"), which describe() reads as words of their own
SURNAME_PARTICLES = frozenset(ARABIC_ARTICLES) | {"az", "ibn", "bin", "abu"}
ANONYMITY = re.compile(r"\W*(?:not to be (?:named|identified|quoted)|anonymity\b|to be identified only"
                       r"|(?:that )?(?:his|her|their) (?:sur|full |family )?names? (?:not|be withheld|is not|not be))",
                       re.IGNORECASE)  # "asked to be identified only as X", "asked that her surname not be used"


class SpeakerBook:
    """Accumulates mentions in text order and merges them into speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.speakers: list[Speaker] = []
        self._by_surname: dict[str, Speaker] = {}
        self._by_org: dict[tuple, Speaker] = {}
        self._by_name: dict[str, Speaker] = {}  # named bodies by folded name
        self._history: list[tuple[int, Speaker]] = []  # (char offset, speaker) of resolved sources
        self._gender: dict[str, str] = {}  # speaker key -> "m" or "f", as its words or the pronouns for it say

    def fold_short_names(self) -> dict[str, Speaker]:
        """Bodies named short with no country, folded into the one body of their type whose full name they begin
        ("General Staff" in a headline, "the General Staff of the Armed Forces of Ukraine" below): old key -> body."""
        moved: dict[str, Speaker] = {}
        for short in [s for s in self.speakers if s.type in BODY_TYPES and s.country is None]:
            name = fold(short.name).removeprefix("the ") + " "
            full = [s for s in self.speakers if s is not short and s.type == short.type and s.country
                    and fold(s.name).removeprefix("the ").startswith(name)]
            if len(full) == 1:
                body = full[0]
                body.mentions += short.mentions
                body.aliases += [a for a in short.aliases if a not in body.aliases]
                body.descriptors |= short.descriptors
                moved[short.key] = body
        self.speakers = [s for s in self.speakers if s.key not in moved]
        return moved

    def _new(self, m: Mention) -> Speaker:
        speaker = Speaker(key=f"s{len(self.speakers) + 1}", name=m.name, type=m.type, title=m.title,
                          country=m.country, group=m.group, descriptors=set(m.descriptors))
        self.speakers.append(speaker)
        return speaker

    def add_alias(self, speaker: Speaker, span: tuple[int, int], text: str) -> Speaker:
        """Count a first-person source inside a speaker's own words as a mention of that speaker (not one a later
        pronoun follows: "I quote her here ... She said" is the woman quoted)."""
        speaker.mentions.append(Span(span[0], span[1], text[span[0]:span[1]]))
        return speaker

    def _add_mention(self, speaker: Speaker, m: Mention) -> Speaker:
        gender = _gender_of(m)
        if gender and speaker.type in ("person", "analyst"):
            self._gender.setdefault(speaker.key, gender)
        speaker.mentions.append(Span(m.span[0], m.span[1], m.text))
        if m.text not in speaker.aliases and m.kind != "pronoun":
            speaker.aliases.append(m.text)
        if m.kind == "named" and m.type == "person" and len(m.name) > len(speaker.name):
            speaker.name = m.name
        speaker.title = speaker.title or m.title
        speaker.country = speaker.country or m.country
        speaker.descriptors |= m.descriptors
        speaker.group = speaker.group or m.group
        self._history.append((m.span[0], speaker))
        return speaker

    def resolve(self, span: tuple[int, int], head: Token | None) -> Speaker | None:
        span, head = _through_document(*_through_relative_pronoun(span, head))
        m = describe(self.doc, span, head)
        m.span = span
        if head is not None and head.lemma_.lower() in DOCUMENTS and head.sent.start > 0 and any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") or c.dep_ == "det" and c.lower_ == "the"
                for c in head.children):
            owner = self._spoke_in_sentence_before(head, back=3)  # "The committee said ... Its statement denied":
            # its own; "The general staff said in a statement... The statement said": the same, over the sentences
            # of a quotation the statement frames
            if owner is not None:  # (taken as a pronoun is: no alias, no words of its own)
                return self._add_mention(owner, replace(m, kind="pronoun", descriptors=set(), country=None))
        if m.type == "person" and m.kind == "description":
            self._name_given(m, span)
        if m.group is None and any(t.lemma_.lower() in GENERIC_BODIES and (
                any(c.dep_ == "case" for c in t.children) or t.dep_ == "pobj" and t.head.lower_ in ("for", "of"))
                                   for t in tokens_in(self.doc, span)):
            # "the group's spokesman", "a spokeswoman for the group": of the body named before
            body = self._named_body_before(span[0])
            m.group = body.name if body is not None else None
        if m.group is None and m.country is None and m.type == "person":
            body = self._titled_by_body(span) or self._body_that_just_spoke(m, head)
            if body is not None:  # "Coalition spokesman X", after "the Saudi-led coalition said"
                m.group, m.country = body.name, body.country
        if m.kind == "pronoun":
            target = self._antecedent(m, span[0])
            return self._add_mention(target, m) if target else None
        if m.type in ("person", "analyst") and m.surname:
            owner = self._owner_that_just_spoke(m, head, span)
            if owner is not None:  # "Kyrgyzstan's border service said... Its spokesperson, Major X, said"
                m.group, m.country = owner.name, owner.country
            known = self._by_surname.get(m.surname) or self._by_given_name(m)
            if known is None:
                known = self._new(m)
                self._by_surname[m.surname] = known
                if " " not in m.name:  # a one-word "person" may turn out to be a body's name
                    self._by_name.setdefault(fold(m.name), known)
            return self._add_mention(known, m)
        if m.kind == "named" and head is not None and head.pos_ == "PROPN" and len(
                m.descriptors - SURNAME_PARTICLES) <= 2:
            # a lone surname the tagger took for an ORG: "Al-Wazir", "Fraser-Lowe", "Restrepo" (of "Hernán Darío
            # Restrepo Vélez")
            known = self._by_surname.get(fold(head.text)) or self._named_with(fold(head.text))
            if known is not None and {fold(d) for d in m.descriptors - SURNAME_PARTICLES} <= set(
                    re.split(r"[\s-]+", fold(known.name))):
                m.group = None  # the tagger's ORG is the name itself, not a body the person belongs to
                return self._add_mention(known, m)
        owner = self._owner_that_just_spoke(m, head, span)
        if owner is not None:  # "FACT denied losing the town. Its spokesman, who gave his name as X, said": FACT's
            m.group, m.country = owner.name, owner.country
            m.name = re.sub(r"^[Ii]ts\s+", owner.name + " ", m.name)  # "FACT spokesman", not "Its spokesman"
            known = next((s for s in self.speakers if s.type == "person" and s.group == owner.name), None)
            return self._add_mention(known or self._new(m), m)
        if m.type == "person" and not INDEFINITE.match(m.text):  # "the militia chief", "the army's spokesman"; "a
            known = self._match_description(m)  # U.S. official" is someone new
            if known is not None:
                return self._add_mention(known, m)
        if m.kind == "description" and not (m.country or m.group) and m.descriptors <= GENERIC_BODIES:
            named = self._body_named_in_sentence(span[0], head) or self._body_introduced(head)
            if named is not None:  # "Footage verified by the X Project showed fires, the group said"
                return self._add_mention(self.resolve(*named), m)
            known = self._named_body_before(span[0])  # "Hezbollah did not confirm. ... the group said"
            if known is not None:
                return self._add_mention(known, m)
        if m.kind == "description" and not (m.country or m.group) and m.type in BODY_TYPES:
            # "Azerbaijan's defence ministry said ... according to the ministry": the last body so described
            known = self._described_before(m, span[0])
            if known is not None:
                return self._add_mention(known, m)
        key = _org_key(m)
        named = fold(m.name) if m.kind == "named" and m.name[:1].isupper() else None
        known = self._by_org.get(key)
        same_name = self._by_name.get(named) if named else None
        if known is None and same_name is not None and same_name.country == m.country and (
                same_name.type == m.type or {"other", "person"} & {same_name.type, m.type}):
            # "JNIM says ... the al Qaeda-linked group JNIM said": one body, described once only; "Al-Karama
            # says" where the tagger took the name for a person's, before "Al-Karama militants said"
            known = same_name
            if known.type in ("other", "person"):
                known.type = m.type
        if known is None:
            known = self._new(m)
            self._by_org[key] = known
        if named:
            self._by_name.setdefault(named, known)
        return self._add_mention(known, m)

    def _name_given(self, m: Mention, span: tuple[int, int]) -> None:
        """Name a person described by the name the phrase, or the clause right after it (which the tagger may leave
        out of the source), gives: "Its spokesman, who gave his name only as Kalli", "a commander identified as
        Colonel X Y"."""
        given = GIVEN_NAME.search(self.doc.text, span[0], min(len(self.doc.text), span[1] + 60))
        if given is None or given.start() > span[1] + 20:
            return
        words = [w for w in given.group(1).split() if w.lower().rstrip(".") not in PERSON_ROLES | RANK_WORDS]
        if words:
            m.name, m.surname, m.kind = " ".join(words), fold(words[-1]), "named"

    def _by_given_name(self, m: Mention) -> Speaker | None:
        """The one person named in full of whose names a lone name is one: where names go by the given name
        ("Brigadier General Meseret Alemu ... Brig. Gen. Meseret said") or a middle one ("Capt. Jean-Pierre
        Kasereka Mbuyi ... Capt. Kasereka")."""
        return None if " " in m.name else self._named_with(m.surname, m.type)

    def _named_with(self, word: str | None, kind: str = "person") -> Speaker | None:
        """The one person named in full with ``word`` among the names before the surname."""
        found = {id(s): s for s in self._by_surname.values()
                 if s.type == kind and len(s.name.split()) > 1 and word in map(fold, s.name.split()[:-1])}
        return next(iter(found.values())) if len(found) == 1 else None

    def _match_description(self, m: Mention) -> Speaker | None:
        roles = role_words(m.descriptors)
        others = m.descriptors - roles
        people = [s for s in self.speakers if s.type == "person"]
        scored = []
        for person in people:
            person_roles = role_words(person.descriptors)
            if not _compatible_roles(roles, person_roles):
                continue
            shared = others & person.descriptors
            group = person.group
            if group and fold(group).split()[0] in others:
                shared.add(fold(group))
            scored.append((len(shared), person))
        if not scored:
            return None
        best = max(scored, key=lambda x: x[0])
        if best[0] > 0 or len(scored) == 1 and not others:
            return best[1]
        exact = [p for _, p in scored if roles and roles <= p.descriptors]
        if len(exact) == 1 and not others:  # "the colonel": the one colonel, not the major general beside him
            return exact[0]
        return None

    def _earlier(self, at: int) -> list[tuple[int, Speaker]]:
        """(offset, speaker) of the sources resolved before ``at``, in text order."""
        return [(pos, s) for pos, s in self._history if pos < at]

    def _described_before(self, m: Mention, at: int) -> Speaker | None:
        """The last body of the mention's type that spoke before ``at`` and its words describe."""
        return next((s for _, s in reversed(self._earlier(at))
                     if s.type == m.type and m.descriptors and m.descriptors <= s.descriptors), None)

    def _titled_by_body(self, span: tuple[int, int]) -> Speaker | None:
        """The body that spoke before, named by the kind word in a person's title ("Coalition spokesman")."""
        kind = next((t.lower_ for t in tokens_in(self.doc, span)
                     if t.dep_ == "compound" and t.lower_ in TITLE_BODIES), None)
        if kind is None:
            return None
        return next((s for _, s in reversed(self._earlier(span[0]))
                     if s.type != "person" and fold(s.name).split()[-1:] == [kind]), None)

    def _owner_that_just_spoke(self, m: Mention, head: Token | None, span: tuple[int, int]) -> Speaker | None:
        """The body that spoke in the sentence before a person introduced as "its" role ("Its spokesperson, X")."""
        if m.type != "person" or m.group or m.country or head is None \
                or head.sent.start == 0 or not any(t.lower_ == "its" for t in tokens_in(self.doc, span)):
            return None
        last = self._spoke_in_sentence_before(head)
        # a state's body gives its country; a body of no country only where it is a group ("the eastern-based
        # government of X" is no party by that name)
        return last if last is not None and (last.country or last.type in ("armed_group", "other")) else None

    def _body_that_just_spoke(self, m: Mention, head: Token | None) -> Speaker | None:
        """A state's body that spoke in the sentence before, whose officer a titled person is: "Somalia's Ministry of
        Information rejected the claim. Deputy Minister X told state TV..." (a minister of a ministry or of a state
        that spoke, "Britain said ... Armed Forces Minister X", a commander of an army)."""
        if head is None or head.sent.start == 0 or not m.title:
            return None
        last = self._spoke_in_sentence_before(head)
        roles = role_words(m.descriptors)
        if m.descriptors - roles - RANK_WORDS - PORTFOLIO_WORDS:
            return None  # "Colonel X, a spokesman for Tigrayan forces": his own words say whose he is
        if last is None or last.country is None or not (
                last.type in ("government", "country") and roles & {"minister", "deputy", "secretary"}
                or last.type == "military" and roles & OFFICER_ROLES):
            return None
        return last

    def _spoke_in_sentence_before(self, head: Token, back: int = 1) -> Speaker | None:
        """The last speaker resolved in the sentence before ``head``'s (or in the ``back`` sentences before it)."""
        before = head.sent
        for _ in range(back):
            if before.start == 0:
                break
            before = self.doc[before.start - 1].sent
        return next((s for pos, s in reversed(self._earlier(head.sent.start_char)) if pos >= before.start_char), None)

    def _body_named_in_sentence(self, at: int, head: Token | None) -> tuple[tuple[int, int], Token] | None:
        """The last organisation the sentence names before ``at`` (the span and head of its phrase): what "the
        group" in the sentence's own frame stands for, whoever spoke before."""
        if head is None:
            return None
        found = None
        for chunk in head.sent.noun_chunks:
            root = chunk.root
            if chunk.end_char > at or country_of(chunk.text):
                continue
            named = root.ent_type_ == "ORG" and root.pos_ == "PROPN" or root.lemma_.lower() in NAMED_BODIES and any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in root.children)  # "the X Witness project"
            if named:
                found = ((chunk.start_char, chunk.end_char), root)
        return found

    def _body_introduced(self, head: Token | None) -> tuple[tuple[int, int], Token] | None:
        """The organisation the sentence before introduces as its subject, after the last body that spoke: "The
        PKK's armed wing, the People's Defence Forces (HPG), offered another account. ... the group claimed"."""
        if head is None or head.sent.start == 0:
            return None
        before = self.doc[head.sent.start - 1].sent
        spoke = max((pos for pos, s in self._earlier(head.idx) if s.type != "person"), default=-1)
        for chunk in before.noun_chunks:
            root = chunk.root
            named = root.ent_type_ == "ORG" and root.pos_ == "PROPN"
            subject = root.dep_ in ("nsubj", "nsubjpass") or root.dep_ == "appos" and root.head.dep_ == "nsubj"
            if named and subject and chunk.start_char > spoke and not country_of(chunk.text):
                return (chunk.start_char, chunk.end_char), root
        return None

    def _named_body_before(self, at: int) -> Speaker | None:
        """The last named organisation that spoke before ``at``: what "the group" or "the movement" stands for."""
        return next((s for _, s in reversed(self._earlier(at))  # not a state's army or ministry
                     if s.type in ("armed_group", "other", "analyst") and s.name[:1].isupper()), None)

    def _person_introduced(self, pronoun: Token, since: int) -> Speaker | None:
        """The one person the sentences before a pronoun in its paragraph (or the one before it) name, after the last
        person who spoke: "The team, led by General X, answered two days later. He denied..." is X speaking."""
        window = [pronoun.sent]
        while window[0].start > 0 and len(window) < 4:  # back over a quotation's sentences, within the paragraph,
            before = self.doc[window[0].start - 1].sent  # or to the sentence before it
            gap = self.doc.text[before.start_char:window[0].start_char]
            if len(window) > 1 and "\n" in gap[len(gap.rstrip()):]:
                break
            window.insert(0, before)
        names = {e.text: e for part in window for e in part.ents if _a_persons_name(e) and len(e) > 1
                 and e.start_char > since and e.end <= pronoun.i and fold(e[-1].text) not in self._by_surname
                 and _introduced(e.root) and not _quoted(e)}
        if len(names) != 1:
            return None
        (ent,) = names.values()
        start = ent.root.head.left_edge.idx if ent.root.dep_ == "appos" else ent.start_char  # "its spokesman, X"
        if ent.label_ != "PERSON":  # the name and the role in apposition that makes it a person's
            last = max(t for c in ent.root.children if c.dep_ == "appos" for t in c.subtree)
            return self.resolve((start, last.idx + len(last.text)), ent.root)
        return self.resolve((start, ent.end_char), ent.root)

    def _antecedent(self, m: Mention, at: int) -> Speaker | None:
        earlier = self._earlier(at)
        wants_person = m.head is not None and m.head.lower_ in PERSON_PRONOUNS
        if not earlier and not wants_person:
            return None
        if wants_person and m.head is not None:
            named_before = [self._by_surname[fold(t.text)] for t in m.head.sent
                            if t.i < m.head.i and fold(t.text) in self._by_surname]
            if named_before:  # "Dorn's disdain surfaced when he said": the person named in the sentence
                return named_before[-1]
            wanted = _gender_of(m)  # "she" is not the colonel called "he" before her
            people = [(pos, s) for pos, s in earlier if s.type in ("person", "analyst")
                      and self._gender.get(s.key, wanted) == wanted]
            introduced = self._person_introduced(m.head, people[-1][0] if people else -1)
            if introduced is not None:
                return introduced
            return people[-1][1] if people else None
        if m.head is not None and m.head.lower_ in ("they", "them"):  # never one person ("REPORTER:" included)
            named = {id(s) for s in self._by_surname.values()}
            earlier = [(pos, s) for pos, s in earlier if id(s) not in named
                       and not (s.type == "person" and not s.name.lower().endswith("s"))]
            if not earlier:
                return None
        last_pos, last = earlier[-1]
        if last.type != "person" or doc_text(self.doc).count("\n\n", last_pos, at) <= 1:
            return last
        things = [s for _, s in earlier if s.type != "person"]
        return things[-1] if things else last


_NAME_WORD = r"(?:(?:al|el|ad|as|ash|bin|ibn|abu|de|da|van|von)-?)?[A-Z][\w'’-]*"  # "al-Fulani" too
GIVEN_NAME = re.compile(r"\b(?:gave (?:his|her|their) name (?:only )?as|identified (?:himself |herself )?(?:only )?as"
                        rf"|uses the name|known as)\s+((?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD})")
INDEFINITE = re.compile(r"(?:an?|one|another)\s", re.IGNORECASE)
SPOKES_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})
BODY_TYPES = frozenset({"government", "military", "military_unit"})
GENERIC_BODIES = frozenset({"group", "organisation", "organization", "movement", "militia", "faction"})
# A role of a state body: "an army spokesman" speaks for no rebel group the sentence before names
STATE_ROLE_WORDS = frozenset({"army", "government", "ministry", "police", "junta", "presidency"})
# Words that head the name of a body that reports ("the Myanmar Witness project", "the Lantern Monitor")
NAMED_BODIES = GENERIC_BODIES | {"project", "monitor", "observatory", "institute", "centre", "center", "network",
                                 "initiative", "lab", "laboratory", "collective"}
TITLE_BODIES = GENERIC_BODIES | {"coalition", "alliance", "front"}  # "Coalition spokesman X"
# the portfolio in a title, which names no body of its own: "Armed Forces Minister", "Defence Secretary"
PORTFOLIO_WORDS = frozenset({"armed", "forces", "defence", "defense", "foreign", "interior", "information", "affairs",
                             "war", "security", "army"})
RANK_WORDS = frozenset({"senior", "junior", "chief", "brig", "gen", "col", "lt", "maj", "capt", "first", "second"})
OFFICER_ROLES = frozenset({"commander", "general", "colonel", "major", "captain", "lieutenant", "brigadier", "officer"})
ROLE_NOUNS = {"commander", "officer", "official", "spokesman", "spokeswoman", "spokesperson", "soldier",
              "general", "colonel", "major", "captain", "lieutenant", "diplomat", "minister", "source"}


DOCUMENTS = frozenset({"statement", "communique", "communiqué", "release", "bulletin", "declaration", "message"})
# ("a message attributed to Los Lobos": the group's, as far as the text vouches)
ISSUING_VERBS = frozenset({"issue", "release", "publish", "sign", "post", "send", "circulate", "attribute"})


def _through_document(span: tuple[int, int], head: Token | None) -> tuple[tuple[int, int], Token | None]:
    """'A statement from the Azawad Liberation Front claims...', 'the communique of the Sahrawi defence ministry',
    'a statement issued by the X Council' (the issuer, not whoever carried it), 'a message attributed to Los Lobos'
    (the tagger may leave its issuer out of the source): the speaker is the body the document is from."""
    if head is None or head.lemma_.lower() not in DOCUMENTS:
        return span, head
    of = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
          for g in c.children if g.dep_ == "pobj" and span[0] <= g.idx < span[1]]
    issued = [g for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in ISSUING_VERBS
              for a in c.children if a.dep_ == "agent" or a.dep_ == "prep" and c.lemma_.lower() == "attribute"
              for g in a.children if g.dep_ == "pobj"]
    source = next((g for g in of + issued if g.pos_ == "PROPN" or g.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")),
                  None)
    if source is None:
        return span, head
    end = source.right_edge.idx + len(source.right_edge.text)
    return (source.left_edge.idx, min(span[1], end) if source in of else end), source


def _through_relative_pronoun(span: tuple[int, int], head: Token | None) -> tuple[tuple[int, int], Token | None]:
    """'The junta, which seized power promising to restore order': the speaker is the noun a relative pronoun
    stands for, not whoever spoke last."""
    if head is None or head.tag_ not in ("WP", "WDT") or span[1] - span[0] > len(head.text):
        return span, head
    clause = head.head
    while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.pos_ in ("VERB", "AUX"):
        clause = clause.head
    noun = clause.head
    if clause.dep_ != "relcl" or noun.pos_ not in ("NOUN", "PROPN"):
        return span, head
    climbed = noun
    while head.lower_ == "who" and not _person_like(climbed) and climbed.dep_ == "pobj" \
            and climbed.head.dep_ == "prep" and climbed.head.head.pos_ in ("NOUN", "PROPN"):
        climbed = climbed.head.head  # "a farmer from a hamlet near Tibu, who asked not to be named": the farmer
    noun = climbed if _person_like(climbed) else noun  # not "confirmation from officials, who"
    start = min((c.left_edge for c in noun.lefts), key=lambda t: t.i, default=noun)
    # up to the clause: "spokeswoman X Y, who", "a farmer from a hamlet near Tibu, who"
    before = [t for t in noun.subtree if noun.i <= t.i < clause.left_edge.i and not t.is_punct]
    end = before[-1] if before else noun
    return (start.idx, end.idx + len(end.text)), noun


def affiliation_from_introduction(doc: Doc, speaker: Speaker, forces: dict[str, int]) -> tuple[str | None, str | None]:
    """(country, armed group) of an unnamed role that news copy introduces just before naming the speaker.

    "A Congolese army commander acknowledged a pullback. Col. X, who commands a brigade, said...", "the rebel
    group's commander in the north, Gen. Y, boasted...": the first mention of the speaker, in its own sentence or
    the one before, follows a role noun whose phrase names a country or one of the article's armed forces, with no
    other person's name in between, so the speaker belongs to it.
    """
    if not speaker.mentions:
        return None, None
    first = min(speaker.mentions, key=lambda m: m.start)
    own = sentence_at(doc, first.start)
    if own is None:
        return None, None
    found: tuple[str | None, str | None] = (None, None)
    for sent in [s for s in doc_sents(doc)[0] if s.end <= own.start][-1:] + [own]:
        for token in sent:
            if token.idx >= first.start:
                break
            if token.ent_type_ == "PERSON":
                found = (None, None)  # someone else was named after the description
            elif token.lemma_.lower() in ROLE_NOUNS and token.dep_ in ("nsubj", "nsubjpass", "appos", "ROOT") \
                    and not ANONYMITY.search(sent.text):  # an official "speaking on condition of anonymity" is
                # not the person named next
                tied = tie_words(token)
                words = [t for t in token.subtree if t.i != token.i and t.idx < first.start and t.i not in tied]
                named = _affiliation(words, forces)
                found = named if any(named) else found
    if found == (None, None):  # "Commander X, who introduces himself as the leader of Fano in Lasta,"
        named = doc.char_span(first.start, first.end, alignment_mode="expand")
        clause = [t for c in named.root.children if c.dep_ == "relcl" for t in c.subtree] if named else []
        group = _affiliation(clause, forces)[1] if clause else None  # an armed force only: "who tracks the
        found = (None, group) if group else found  # conflict at the Maputo-based X" makes no Mozambican
    if found == (None, None) and speaker.descriptors & SPOKES_ROLES:
        found = _body_before(doc, own, forces)
    if found[0] is None and speaker.descriptors & STATE_ROLE_WORDS:
        return None, None  # "An army spokesman" after the rebels' claim is not theirs: the state's, found later
    return found


def _affiliation(words: list[Token], forces: dict[str, int]) -> tuple[str | None, str | None]:
    """(country, armed group) a phrase names: a country word, else the longest of the article's forces; a group
    named after a country's possessive is that group ("Yemen's Houthi movement")."""
    country = next((c for c in map(widened_country, words) if c), None)  # "South Sudan's army": not Sudan's
    text = " ".join(t.text for t in words)
    group = next((f for f in sorted(forces, key=len, reverse=True) if f in text), None)
    if country and named_after(words):
        owner = next(t for t in words if country_of(t.text) and any(c.dep_ == "case" for c in t.children))
        return None, group or " ".join(t.text for t in words if t.i > owner.i + 1 and not t.is_punct)
    return country, None if country else group


def _body_before(doc: Doc, own: SpacySpan, forces: dict[str, int]) -> tuple[str | None, str | None]:
    """"The Israeli military denied losing tanks. A spokesman, Lt. Col. X, told reporters...": a spokesperson with
    no body of their own speaks for the body, or the state, the sentence before has for subject."""
    before = [s for s in doc_sents(doc)[0] if s.end <= own.start][-1:]
    for token in before[0] if before else ():
        if token.dep_ == "nsubj" and token.pos_ == "PROPN" and (country := widened_country(token)):
            return country, None  # "Rwanda denies the accusation. ... government spokeswoman X said"
        if token.dep_ == "nsubj" and token.pos_ == "PROPN" and any(found := _force_spelled(token, forces)):
            return found  # "The TLA gave a different account. ... rebel spokesman X claimed"
        if token.dep_ == "nsubj" and token.lemma_.lower() in MILITARY_WORDS | GOVERNMENT_WORDS | ARMED_GROUP_WORDS:
            tied = tie_words(token)  # "Rwanda-backed M23 rebels said...": the rebels', not their backer's
            aside = clause_tokens(token) | {t.i for c in token.children if c.dep_ == "appos" for t in c.subtree}
            # "Congo's armed forces, known by the French acronym X,": the country's, whatever they are called
            found = _affiliation([t for t in token.subtree if t.i not in tied | aside], forces)
            if any(found):
                return found
    return None, None


def _force_spelled(token: Token, forces: dict[str, int]) -> tuple[str | None, str | None]:
    """(country, armed group) of the article's force a proper noun names: by its name, or by the acronym the text
    spells out ("the Timor Liberation Army (TLA)"; "the Sudanese Armed Forces (SAF)", Sudan's)."""
    if token.text in forces:
        return None, token.text
    spelled = re.search(rf"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|the|and)\s+)*)+)\(\s*{re.escape(token.text)}\s*\)",
                        token.doc.text) if token.text.isupper() else None
    if spelled is None:
        return None, None
    name = spelled.group(1).strip()
    group = next((f for f in forces if name.endswith(f)), None)
    country = None if group else next((c for c in countries_in(name.split()) if c in forces), None)
    return country, group


def _quoted(span: SpacySpan) -> bool:
    """Whether a name stands inside a quotation its sentence opens (marks are paired and straight by now)."""
    before = span.doc.text[span.sent.start_char:span.start_char]
    return before.count('"') % 2 == 1


def _a_persons_name(ent: SpacySpan) -> bool:
    """A PERSON, or a name the tagger called an organisation that a role stands in apposition to ("Ivana Markovic,
    a researcher at ...", tagged ORG)."""
    return ent.label_ == "PERSON" or ent.label_ == "ORG" and len(ent) <= 4 and all(
        t.pos_ == "PROPN" and t.is_title for t in ent) and not any(t.lower_ in ORG_NAME_WORDS for t in ent) and any(
        c.dep_ == "appos" and c.lemma_.lower() in PERSON_ROLES | ANALYST_WORDS for c in ent.root.children)


def _introduced(name: Token) -> bool:
    """A name that acts in its sentence: its subject, in apposition ("its spokesman, X"), the agent ("led by X"),
    the origin ("an account came from Lieutenant X"), the one spoken to ("I spoke earlier to X") or the one a
    feature's sentence opens on ("For X, the pattern is familiar"); not one acted on ("accused X of lying")."""
    role = name.head if name.dep_ == "appos" else name
    return role.dep_ in ("nsubj", "nsubjpass") or role.dep_ == "pobj" and (
        role.head.lower_ == "by" or role.head.lower_ == "from" and role.head.head.pos_ in ("VERB", "AUX")
        or role.head.lower_ == "for" and role.head.i == role.sent.start
        or role.head.lower_ == "to" and role.head.head.lemma_.lower() in ("speak", "talk"))
    # (an origin hangs on a verb: not "a statement from Ciudad Bolívar", a place)


FEMININE = frozenset({"she", "her", "spokeswoman", "chairwoman", "woman", "mother", "mrs", "ms", "businesswoman",
                      "congresswoman", "councilwoman", "grandmother", "daughter", "wife", "widow", "sister"})
MASCULINE = frozenset({"he", "him", "his", "spokesman", "chairman", "man", "father", "mr", "businessman",
                       "congressman", "councilman", "grandfather", "son", "husband", "brother"})


def _gender_of(m: Mention) -> str | None:
    """What a pronoun or a described person's own words say of their sex, if anything."""
    words = {m.text.lower()} if m.kind == "pronoun" else {w.lower().strip(".") for w in m.text.split()}
    if words & FEMININE and not words & MASCULINE:
        return "f"
    if words & MASCULINE and not words & FEMININE:
        return "m"
    return None


def _person_like(token: Token) -> bool:
    """A person or people, by the tagger's label or the noun: what "who" can stand for."""
    return token.ent_type_ in ("PERSON", "NORP") or token.lemma_.lower() in PERSON_ROLES | BYSTANDERS \
        or token.lower_ in GROUP_WORDS
