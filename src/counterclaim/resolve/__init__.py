"""Merge per-article speakers into corpus-wide entities and settle which side each speaks for.

Persons merge on a fuzzy surname match with compatible first names ("Zelensky" ~ "Zelenskyy"); bodies merge on
(type, country, core words), so "Moscow's Defense Ministry" = "the Russian Defense Ministry". A side is a party to
the conflict: a country whose forces the corpus reports fighting, or an armed group; other countries' officials
get no side.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, MutableSequence
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from ..extract.countries import (ANCHORABLE, NAME_WORD, countries_in, country_of, country_of_code, fold, most_written,
                                 name_key, names_a_states_force, names_own_party)
from ..extract.lexicon import ARMED_GROUP_WORDS, GENERIC_GROUP_WORDS, MILITARY_WORDS, UNIT_WORDS
from ..extract.mentions import BYSTANDERS, OPPOSITION_WORDS, TRAILING_LOWER, core_words, unnamed_opposition
from ..ingest.dateline import dateline_places
from ..model import ArticleAnalysis, Corpus, Entity, EntityMention, Speaker
from .gazetteer import Gazetteer

ACRONYM = re.compile(r"\b((?:[A-Z][\w’'-]+\s+(?:(?:of|the|for|and|de|du|des)\s+)*){1,6})\(([A-Z][A-Za-z0-9-]{1,9})\)")
PERSON_TYPES = ("person", "analyst")
# "the army's spokesman" with no country: the army of the one country the article reports fighting
STATE_BODY_WORDS = {"army", "military", "government", "ministry", "minister", "force", "forces", "troops", "police",
                    "presidency", "junta", "regime", "security"}
# a body of the nations together is no state's: "the UN Security Council", "UN peacekeeping forces" (nor is a
# bystander by trade: "a port security supervisor")
INTERNATIONAL_WORDS = frozenset({"un", "u.n.", "nations", "peacekeeping", "peacekeepers", "nato", "eu", "union"})
STATE_DEPARTMENTS = frozenset({"defence", "defense", "interior", "information", "foreign", "affairs", "security",
                               "army", "military", "navy", "police"})  # "Army Public Relations", an office
PLACING_WORDS = frozenset({"in", "to", "at", "near", "inside"})  # "the mission in Armenia" works there


def _interned(text: str | None) -> str | None:
    return sys.intern(text) if text else text


@dataclass(frozen=True, slots=True)
class _Member:
    """What an entity needs of a speaker in one article: not its spans and descriptors, so that the clusters of
    a large corpus stay small (names, which recur across articles, are interned)."""

    article: str
    key: str
    name: str
    type: str
    side: str | None
    title: str | None
    country: str | None
    group: str | None
    aliases: tuple[str, ...]
    state_body: bool  # described as an army, a ministry, a government...
    mentions: tuple[EntityMention, ...]

    @classmethod
    def of(cls, article: str, s: Speaker) -> _Member:
        return cls(article, s.key, sys.intern(s.name), sys.intern(s.type), _interned(s.side), _interned(s.title),
                   _interned(s.country), _interned(s.group), tuple(map(sys.intern, s.aliases)),
                   _a_state_body(s), tuple(EntityMention(article, m.start, m.end) for m in s.mentions))


def _a_state_body(s: Speaker) -> bool:
    """Described as an army, a ministry, a government..., or as an officer of a command ("commander of the Maritime
    Operational Command"); not a body of the nations together nor a bystander by trade."""
    return bool((s.descriptors & STATE_BODY_WORDS or s.type == "person" and "command" in s.descriptors)
                and not s.descriptors & (INTERNATIONAL_WORDS | BYSTANDERS))


@dataclass
class _Cluster:
    members: list[_Member]

    @property
    def first(self) -> _Member:
        return self.members[0]


NAME_LINKS = frozenset({"of", "the", "and", "for", "in", "de", "du", "des", "la", "le", "al", "el", "wa"})


@dataclass
class _Survey:
    """What the corpus-wide lexicon needs from the articles, gathered in one pass over them."""

    names: set[str] = field(default_factory=set)  # forces, speaker names and the groups speakers belong to
    written: list[tuple[str, str]] = field(default_factory=list)  # (acronym, expansion) spelled out in a text
    forces: list[tuple[str, list[str]]] = field(default_factory=list)  # (article id, the forces it reports)
    filed_from: dict[str, list[str]] = field(default_factory=dict)  # article id -> its dateline's places, city first

    @classmethod
    def of(cls, analyses: Iterable[ArticleAnalysis]) -> _Survey:
        survey = cls()
        for analysis in analyses:
            survey.names.update(analysis.forces)
            survey.names.update(s.name for s in analysis.speakers)
            survey.names.update(s.group for s in analysis.speakers if s.group)
            survey.forces.append((analysis.article.id, list(analysis.forces)))
            places = dateline_places(analysis.article.text)
            if places:
                survey.filed_from[analysis.article.id] = places
            for m in ACRONYM.finditer(analysis.article.text):
                words = [w for w in re.split(r"[\s-]+", m.group(1)) if w and w[0].isupper()]  # T(ehrik-e-)T(aliban)
                short = m.group(2)
                if len(short.replace("-", "")) <= len(words) or len(words) >= 3 \
                        or _spelled_by_beginnings(short.upper(), words):
                    # "... of Azawad (CSP-DPA)": an acronym of another language's name stands for the whole name
                    survey.written.append((short, _expand(m.group(1), short)))
        return survey

    def acronyms(self) -> dict[str, str]:
        """'RSF' -> 'Rapid Support Forces': from 'Rapid Support Forces (RSF)', or from a name in the corpus whose
        capitalised initials spell an acronym the corpus also uses."""
        found: dict[str, str] = {}
        # by initials, each name spelled once (not once per acronym); in sorted order so that which of two names
        # with the same initials wins does not depend on string hashing
        spelled: dict[str, str] = {}
        for name in sorted({re.sub(r"^[Tt]he\s+", "", n) for n in self.names if len(n.split()) > 1}):
            if any(w[0].islower() and w not in NAME_LINKS for w in name.split()):
                continue  # "spokesperson of Rapid Support Forces" is a speaker described, not a name spelled RSF
            spelled["".join(w[0] for w in name.split() if w[0].isupper())] = name
        shorts = sorted(n for n in self.names if re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", n))
        for short in shorts:
            if short in spelled:
                found[short] = spelled[short]
        for short, long in self.written:
            found.setdefault(short, long)
        syllabic = [s for s in shorts if s not in found and len(s) >= 4]
        for short in syllabic:  # "CENTCOM" beside "U.S. Central Command", "AFRICOM" beside "US Africa Command"
            names = {name for name in spelled.values() if _spelled_by_beginnings(short, _own_words(name))}
            if len(names) == 1:
                found[short] = names.pop()
        return found

    def _filed_from(self, article_id: str, gazetteer: Gazetteer | None) -> str | None:
        """The country an article's dateline names, or that the gazetteer places its city in."""
        def country(place: str) -> str | None:  # "BAMENDA", "PORT SUDAN": where the gazetteer puts a city
            found = gazetteer.locate(place.title()) if gazetteer is not None else None
            return country_of_code(found.country_code) if found and found.feature != "country" else None

        named = {country_of(p) or country(p) for p in self.filed_from.get(article_id, [])} - {None}
        return named.pop() if len(named) == 1 else None  # "YEREVAN / BAKU", "JUBA/PORT SUDAN": both sides

    def parties(self, gazetteer: Gazetteer | None = None) -> Parties:
        expand = self.acronyms()
        names: set[str] = set()
        home: dict[str, str] = {}
        for article_id, forces in self.forces:
            names.update(expand.get(n, n) for n in forces)
            names.update(forces)
            countries = [n for n in forces if country_of(n) or n in ANCHORABLE.values()]  # "Jordan", anchored
            if len(countries) == 1:
                home[article_id] = country_of(countries[0]) or countries[0]
            elif (filed := self._filed_from(article_id, gazetteer)) and (
                    not countries or filed in map(country_of, countries)):
                # "BAMENDA – ... the army said": a report that names no state's forces is on the war of the country
                # it is filed from; "BENI, Democratic Republic of Congo - ... the army", among Congo's and Uganda's
                # forces, is Congo's
                home[article_id] = filed
        for short, long in (_regional_adjectives(names) | _plural_names(names)).items():
            expand.setdefault(short, long)
        return Parties(names, home, expand)


def _plural_names(names: set[str]) -> dict[str, str]:
    """'Zaydis' -> 'Zaydi movement': a one-word party (a headline's "Zaydis claim attack") that is the plural of
    the one longer party named by that word and generic group words."""
    bare = _bare_names(names)
    return {name: bare[name_key(name)[:-1]] for name in names if " " not in name and name.endswith("s")
            and not country_of(name) and name_key(name)[:-1] in bare}


def _bare_names(names: set[str]) -> dict[str, str]:
    """Party names without their generic group words ("Houthi movement" -> "houthi"), where that is one name."""
    found: dict[str, str] = {}
    for n in sorted(names):
        key = " ".join(w for w in name_key(n).split() if w not in ARMED_GROUP_WORDS | GENERIC_GROUP_WORDS)
        if key and key != name_key(n) and not country_of(key):
            found[key] = n if key not in found else ""
    return {k: v for k, v in found.items() if v}


def _regional_adjectives(names: set[str]) -> dict[str, str]:
    """'Tigrayan' -> 'Tigray People's Liberation Front': a one-word party that is no country and reads as the
    adjective of a word in exactly one longer party's name ("Tigrayan forces" are that front's)."""
    found = {}
    longer = [n for n in names if len(n.split()) > 1 and not country_of(n)]
    for name in names:
        if " " in name or country_of(name) or not name[:1].isupper():
            continue
        stems = {name[:-len(end)] for end in ("ians", "ans", "ian", "an", "is", "i", "ese") if name.endswith(end)}
        holders = {n for n in longer for w in n.split() if len(w) >= 4 and w in stems}
        if len(holders) == 1:
            found[name] = holders.pop()
    return found


def _expand(phrase: str, short: str) -> str:
    """The tail of phrase whose capitalised initials, or words' beginnings ("CENTCOM": CENTral COMmand), spell the
    acronym, else the whole phrase."""
    words = phrase.split()
    letters = short.replace("-", "").upper()
    for start in range(len(words)):
        if not words[start][0].isupper():
            continue  # "Rebels [of the] Coalition of Patriots for Change (CPC)": the name starts on a capital
        capitalised = [w for w in words[start:] if w[0].isupper()]
        if "".join(w[0] for w in capitalised).upper() == letters or _spelled_by_beginnings(letters, capitalised):
            return " ".join(words[start:])
    return " ".join(words[-len(letters):]) if len(letters) <= 3 else re.sub(r"^[Tt]he\s+", "", " ".join(words))


def _own_words(name: str) -> list[str]:
    """A body's capitalised name words after the country that heads it: "U.S. Central Command" -> Central, Command."""
    words = [w for w in name.split() if w[0].isupper()]
    while len(words) > 2 and country_of(words[0]):
        words = words[1:]
    return words


def _spelled_by_beginnings(letters: str, words: list[str]) -> bool:
    """Whether the letters are each word's beginning in turn, every word used: "CENTCOM" by "Central Command"."""
    if not words:
        return not letters
    head = words[0].upper()
    return any(letters[:n] == head[:n] and _spelled_by_beginnings(letters[n:], words[1:])
               for n in range(1, min(len(head), len(letters)) + 1))


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _same_person(a: _Member, b: _Member) -> bool:
    na, nb = a.name.split(), b.name.split()
    if fuzz.ratio(fold(na[-1]), fold(nb[-1])) < 85:
        return False
    if len(na) > 1 and len(nb) > 1:
        return fuzz.ratio(fold(na[0]), fold(nb[0])) >= 80
    return True


def _kind(kind: str, name: str) -> str:
    """A body typed "other" whose (expanded) name has an armed-group word is an armed group: "RSF" once expanded
    to "Rapid Support Forces"."""
    return "armed_group" if kind == "other" and set(fold(name).split()) & ARMED_GROUP_WORDS else kind


def _org_key(s: Speaker, expand: dict[str, str]) -> tuple:
    name = expand.get(s.name, s.name)
    kind = _kind(s.type, name)
    core = core_words(s.descriptors, kind)
    if kind == "armed_group":  # named by its name: "the MNDAA" is the group its expansion names, "Fano
        # militia" the group called "Fano"
        named = frozenset(fold(w) for w in NAME_WORD.findall(name) if not country_of(w))
        core = named - GENERIC_GROUP_WORDS or named or core
    if not core:
        core = frozenset(fold(w) for w in name.split() if not country_of(w)) or frozenset({fold(name)})
        # (a capital named as a body, "Bamako", keeps its name: an empty key would join every such body)
    return (kind, s.country, core)


class _Surnames:
    """Blocking for the person merge: each folded surname with the known surnames close enough to pass
    ``_same_person``'s surname test, so a speaker is compared with a few clusters rather than every one.
    New surnames are scored against the known ones once, by rapidfuzz in C (cutoff below 85 to stay a superset
    of what ``_same_person`` accepts), so the work grows with distinct surnames, not with mentions."""

    def __init__(self) -> None:
        self.known: list[str] = []
        self.near: dict[str, set[str]] = {}
        self.clusters: dict[str, list[int]] = defaultdict(list)  # surname -> clusters whose first speaker has it

    def candidates(self, surname: str) -> list[int]:
        if surname not in self.near:
            hits = process.extract(surname, self.known, scorer=fuzz.ratio, score_cutoff=80, limit=None)
            self.near[surname] = {surname, *(hit for hit, _, _ in hits)}
            for hit, _, _ in hits:
                self.near[hit].add(surname)
            self.known.append(surname)
        return sorted(i for s in self.near[surname] for i in self.clusters.get(s, ()))


def _clusters(analyses: list[ArticleAnalysis], sides: Parties) -> list[_Cluster]:
    expand = sides.expand
    people: list[_Cluster] = []
    surnames = _Surnames()
    bodies: dict[tuple, _Cluster] = {}
    for analysis in analyses:
        keys = _body_keys(analysis.speakers, expand)
        for speaker in analysis.speakers:
            item = _Member.of(analysis.article.id, speaker)
            if speaker.type in PERSON_TYPES and len(speaker.name.split()) <= 4 and speaker.name[:1].isupper():
                surname = fold(speaker.name.split()[-1])
                # the first cluster, in creation order, whose first speaker is the same person
                match = next((people[i] for i in surnames.candidates(surname)
                              if _same_person(people[i].first, item)), None)
                if match:
                    match.members.append(item)
                else:
                    surnames.clusters[surname].append(len(people))
                    people.append(_Cluster([item]))
                continue
            key = keys.get(speaker.key) or _org_key(speaker, expand)
            home = sides.home.get(item.article)
            if item.state_body and key[1] is None and home:
                # "the military" of a report on one country's war is that country's, not the military another
                # report names the same way
                key = (key[0], home, key[2])
            bodies.setdefault(key, _Cluster([])).members.append(item)
    return _misread_bodies_joined(people, list(bodies.values()), expand)


def _body_keys(speakers: list, expand: dict[str, str]) -> dict[str, tuple]:
    """Speaker key -> cluster key of each body in one article. A headline's bare "health ministry" takes the key of
    the body its article names in full ("the Hamas-run health ministry"): the one body of the same kind whose core
    words hold its own and that names its country or party."""
    bodies = [(s, _org_key(s, expand)) for s in speakers if s.type not in PERSON_TYPES]
    found = {}
    for s, key in bodies:
        # ("the military" is no "Timor Liberation Army", a force with a name of its own and no country)
        wider = set() if s.country or s.group else {
            k for o, k in bodies if o is not s and k[0] == key[0] and (o.country or o.group) and key[2] < k[2]
            and not (o.country is None and _named_group(o.name))}
        found[s.key] = wider.pop() if len(wider) == 1 else key
    return found


def _misread_bodies_joined(people: list[_Cluster], bodies: list[_Cluster], expand: dict[str, str]) -> list[_Cluster]:
    """A "person" that a report names as a body elsewhere ("Hamas denied..." tagged a PERSON in one report, an
    organisation in another; "Meridian Bulk denied", after "the ship's operator, Meridian Bulk") is that body, when
    no mention gives it a title; so is an untyped body of the same name as a typed one ("CENTCOM", spelled out as
    the "Central Command" a military's)."""
    by_name = {fold(m.name): cluster for cluster in bodies for m in cluster.members}
    def named(cluster: _Cluster) -> str:
        return fold(expand.get(cluster.first.name, cluster.first.name))

    typed = {named(c): c for c in bodies if c.members and c.first.type != "other"}
    kept = []
    for cluster in people:
        body = by_name.get(fold(cluster.first.name))
        if body is not None and all(not m.title for m in cluster.members):
            body.members.extend(cluster.members)
        else:
            kept.append(cluster)
    for cluster in bodies:
        body = typed.get(named(cluster)) if cluster.members and cluster.first.type == "other" else None
        if body is not None and body is not cluster:
            body.members.extend(cluster.members)
            cluster.members = []
    return kept + bodies


@dataclass
class Parties:
    """Who is fighting, as the corpus tells it."""

    names: set[str]  # countries and armed groups whose forces are reported
    home: dict[str, str]  # article id -> the one country whose forces it names, when it names only one
    expand: dict[str, str]
    _answers: dict[str, str | None] = field(default_factory=dict, repr=False)  # asked for every event and speaker

    def party(self, name: str | None) -> str | None:
        if not name:
            return None
        if name not in self._answers:
            self._answers[name] = self._party(name)
        return self._answers[name]

    @cached_property
    def _folded(self) -> dict[str, str]:
        return {name_key(n): n for n in sorted(self.names)}

    @cached_property
    def _bare(self) -> dict[str, str]:
        return _bare_names(self.names)

    def _party(self, name: str) -> str | None:
        name = re.sub(r"^[Tt]he\s+", "", name)
        full = self.expand.get(name, name)
        country = None if names_own_party(full) else _country_named(full)
        bare = " ".join(w for w in name.split() if fold(w) not in ARMED_GROUP_WORDS)  # "M23 rebels" -> "M23"
        # "Myanmar rebels" are not Myanmar's
        rebels_of = country_of(bare) and {fold(w) for w in name.split()} & OPPOSITION_WORDS
        # "Fano militia" is the party its forces call "Fano"; "Varyag Group", "Zaydi movement" are names of their own
        described = name.split()[-1] in FIGHTER_WORDS
        for candidate in (bare, full, name) if described else (full, name, bare):
            if rebels_of and candidate == bare:
                return None
            if candidate in self.names or name_key(candidate) in self._folded:
                if candidate == bare:
                    return country or self.expand.get(bare, bare)
                # "Defence of the People of X" as written beside its acronym: the party as its forces named it
                return country or (full if full in self.names else self._folded.get(name_key(full), full))
        key = name_key(name)  # "Houthi military spokesman", "Houthis": the Houthi movement's
        found = self._bare.get(key) or (self._bare.get(key[:-1]) if key.endswith("s") else None)
        words = name.split()
        for n in range(len(words) - 1, 0, -1) if found is None else ():
            if all(w.islower() for w in words[n:]):  # "Houthi health ministry": a party's body, in a headline
                found = self.party(" ".join(words[:n]))
                break
        return found


FIGHTER_WORDS = frozenset({"militia", "militias", "militiamen", "rebels", "fighters", "insurgents", "militants",
                           "gunmen", "guerrillas"})


def _country_named(name: str) -> str | None:
    """The country whose body a name names: not one its rebels fight ("Myanmar rebels"), nor where it works ("the
    EU mission in Armenia", "the UN envoy to Yemen"), nor one named in a name of the body's own."""
    words = name.split()
    if {fold(w) for w in words} & OPPOSITION_WORDS:
        return None
    if names_own_party(TRAILING_LOWER.sub("", name)):
        return None  # "the Myanmar Witness project": a body with a name of its own
    return next(countries_in(words, PLACING_WORDS), None)


def parties(analyses: Iterable[ArticleAnalysis], gazetteer: Gazetteer | None = None) -> Parties:
    """The warring parties the corpus reports, with its acronyms: one pass over the analyses."""
    return _Survey.of(analyses).parties(gazetteer)


def _side(cluster: _Cluster, sides: Parties) -> str | None:
    """Its own name if it is an armed party; else the party of the body it belongs to; else its country."""
    speakers = cluster.members
    state_media = next((s.country for s in speakers if s.type == "media" and s.country
                        and "state" in fold(s.name).split()), None)
    if state_media:  # "Iranian state television": the voice of a state, a party where that state fights
        return state_media if sides.party(state_media) else None
    if any(s.type in ("media", "analyst") for s in speakers):
        return None
    for s in speakers:  # a party described, not named ("an al Qaeda-linked group"), is the side extract found
        if s.type in ("armed_group", "other", "military", "military_unit") and sides.party(s.name) \
                and not (s.side and unnamed_opposition(s.name)):
            return s.country if s.country and sides.party(s.country) else sides.party(s.name)
    described = next((party for s in speakers if s.side and unnamed_opposition(s.name)
                      and (party := sides.party(s.side))), None)
    if described:  # "an Islamic State affiliate", in a report naming one such group: not the group it is tied to
        return described
    # a one-word body is not its own group ("Junta" said): its country may still be found below
    groups = [s.group for s in speakers if s.group and (s.group != s.name or " " in s.name)]
    for group in groups:
        if sides.party(group) and not country_of(group):
            country = next((s.country for s in speakers if s.country), None)
            return country if country and sides.party(country) else sides.party(group)
    # ("Ecuador's armed forces spokesman": a group that is a country is that country)
    countries = Counter(c for s in speakers if (c := s.country or (s.group and country_of(s.group))))
    if countries:
        country = countries.most_common(1)[0][0]
        return country if sides.party(country) else None
    if any(fold(s.group).removeprefix("the ") != fold(s.name).removeprefix("the ") for s in speakers if s.group
           and not (s.state_body and set(fold(s.group).split()) & (UNIT_WORDS | STATE_DEPARTMENTS | MILITARY_WORDS))):
        # a spokesperson of the UN, a monitor, an embassy: not a party (a body named by itself may be); the
        # commander of "the army's Second Division" or a deputy minister of "Defence" is the state's, below
        return None
    own_words = Counter(s.side for s in speakers if s.side and sides.party(s.side))
    if own_words:
        return own_words.most_common(1)[0][0]
    ruled = next((party for s in speakers if s.type == "government" and (party := sides.party(s.name))), None)
    if ruled:
        return ruled  # "Zarqan health ministry": the movement's, not the state's the article reports fighting
    # "the army" is the home state's; "the People's Defence Forces", a force with a name and no country, is not
    homes = Counter(sides.home[s.article] for s in speakers if s.article in sides.home and s.state_body
                    and not (s.type == "military" and (_named_group(s.name) or _names_its_own(s.name))))
    if homes:
        return homes.most_common(1)[0][0]
    # "The 33rd Front accused the ELN of ...": an armed group named as one is a party, fighters named or not
    return next((s.name for s in speakers if _kind(s.type, s.name) in ("armed_group", "military")
                 and _named_group(s.name)), None)


def _one_spelling_per_side(entities: Iterable[Entity]) -> None:
    """"Al-Shabaab" (a speaker opening a sentence) and "al-Shabaab" (the group its militants were found to serve)
    are one side: every entity takes the spelling most of them give it."""
    # counted in reverse alphabetical order, so that of two spellings given as often the later one wins, as ever
    chosen = most_written(Counter(sorted((e.side for e in entities if e.side), reverse=True)))
    for entity in entities:
        if entity.side:
            entity.side = chosen[entity.side]


def _names_its_own(name: str) -> bool:
    """A force described with a name of its own in it ("the Fano armed force of Amhara"), no country's."""
    return any(w[:1].isupper() and not country_of(w) and fold(w) not in STATE_BODY_WORDS | ARMED_GROUP_WORDS | {
        "armed", "national", "federal"} for w in name.split())


def _named_group(name: str) -> bool:
    words = name.split()
    return all(w[:1].isupper() or w[:1].isdigit() or w in NAME_LINKS for w in words) \
        and not unnamed_opposition(name) and not names_a_states_force(name) \
        and not {fold(w) for w in words} <= ARMED_GROUP_WORDS | STATE_BODY_WORDS | NAME_LINKS | {"armed"}
    # ("The Army", capitalised as a state's army is, names no group)


def resolve(analyses: MutableSequence[ArticleAnalysis], gazetteer: Gazetteer | None = None) -> Corpus:
    """Corpus-wide entities; every attribution's ``speaker`` and ``via`` become entity ids (the gazetteer, where
    given, says which country a report that names none is filed from)."""
    sides = parties(analyses, gazetteer)
    expand = sides.expand
    entities: dict[str, Entity] = {}
    ids: dict[tuple[str, str], str] = {}
    for cluster in _clusters(analyses, sides):
        if not cluster.members:
            continue
        names = Counter(expand.get(s.name, s.name) for s in cluster.members)
        name = max(names, key=lambda n: (names[n], len(n)))
        kind = _kind(cluster.first.type, name)
        side = _side(cluster, sides)
        if kind == "other" and sides.party(name) == name or kind == "military" and side == name \
                and not country_of(name):
            kind = "armed_group"  # "Hezbollah", whose fighters fight; "the Rapid Support Forces", no state's army
        entity_id = f"{kind}:{slug(name)}"
        while entity_id in entities:
            entity_id += "-2"
        aliases = sorted({a for s in cluster.members for a in s.aliases if a != name})
        titles = [s.title for s in cluster.members if s.title]
        entity = Entity(id=entity_id, name=name, type=kind, side=side,
                        title=titles[0] if titles else None, aliases=aliases)
        for member in cluster.members:
            ids[(member.article, member.key)] = entity_id
            entity.mentions += member.mentions
        entities[entity_id] = entity
    _one_spelling_per_side(entities.values())
    for i, analysis in enumerate(analyses):
        aid = analysis.article.id
        for attribution in analysis.attributions:
            attribution.speaker = ids.get((aid, attribution.speaker)) if attribution.speaker else None
            attribution.via = ids.get((aid, attribution.via)) if attribution.via else None
        analyses[i] = analysis  # kept where the analyses are packed (``packing``); a no-op for a list
    return Corpus(analyses=analyses, entities=sorted(entities.values(), key=lambda e: e.id), parties=sides)
