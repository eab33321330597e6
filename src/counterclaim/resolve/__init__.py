"""Merge per-article speakers into corpus-wide entities and settle which side each speaks for.

Persons merge on a fuzzy surname match with compatible first names ("Zelensky" ~ "Zelenskyy"); bodies merge on
(type, country, core words), so "Moscow's Defense Ministry" = "the Russian Defense Ministry". A side is a party to
the conflict: a country whose forces the corpus reports fighting, or an armed group; other countries' officials
get no side.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..extract.countries import country_of, fold
from ..extract.lexicon import PERSON_ROLES
from ..model import ArticleAnalysis, Corpus, Entity, EntityMention, Speaker

ACRONYM = re.compile(r"\b((?:[A-Z][\w’'-]+\s+(?:(?:of|the|for|and|de|du|des)\s+)*){1,6})\(([A-Z][A-Za-z0-9]{1,7})\)")
PERSON_TYPES = ("person", "analyst")


@dataclass
class _Cluster:
    speakers: list[tuple[str, Speaker]]  # (article id, speaker)

    @property
    def first(self) -> Speaker:
        return self.speakers[0][1]


def acronyms(analyses: list[ArticleAnalysis]) -> dict[str, str]:
    """'Rapid Support Forces (RSF)' anywhere in the corpus -> {'RSF': 'Rapid Support Forces'}."""
    found: dict[str, str] = {}
    for analysis in analyses:
        for m in ACRONYM.finditer(analysis.article.text):
            words = [w for w in m.group(1).split() if w[0].isupper()]
            short = m.group(2)
            if len(short) <= len(words):
                found.setdefault(short, _expand(m.group(1), short))
    return found


def _expand(phrase: str, short: str) -> str:
    """The tail of phrase whose capitalised initials spell the acronym."""
    words = phrase.split()
    for start in range(len(words)):
        initials = "".join(w[0] for w in words[start:] if w[0].isupper())
        if initials.upper() == short.upper():
            return " ".join(words[start:])
    return " ".join(words[-len(short):])


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _same_person(a: Speaker, b: Speaker) -> bool:
    na, nb = a.name.split(), b.name.split()
    if fuzz.ratio(fold(na[-1]), fold(nb[-1])) < 85:
        return False
    if len(na) > 1 and len(nb) > 1:
        return fuzz.ratio(fold(na[0]), fold(nb[0])) >= 80
    return True


def _org_key(s: Speaker, expand: dict[str, str]) -> tuple:
    name = expand.get(s.name, s.name)
    core = frozenset(d for d in s.descriptors if not country_of(d) and d not in PERSON_ROLES)
    if not core:
        core = frozenset(fold(w) for w in name.split() if not country_of(w))
    return (s.type, s.country, core)


def _clusters(analyses: list[ArticleAnalysis], expand: dict[str, str]) -> list[_Cluster]:
    people: list[_Cluster] = []
    bodies: dict[tuple, _Cluster] = {}
    for analysis in analyses:
        for speaker in analysis.speakers:
            item = (analysis.article.id, speaker)
            if speaker.type in PERSON_TYPES and len(speaker.name.split()) <= 4 and speaker.name[:1].isupper():
                match = next((c for c in people if _same_person(c.first, speaker)), None)
                if match:
                    match.speakers.append(item)
                else:
                    people.append(_Cluster([item]))
                continue
            key = _org_key(speaker, expand)
            bodies.setdefault(key, _Cluster([])).speakers.append(item)
    return people + list(bodies.values())


def parties(analyses: list[ArticleAnalysis]) -> set[str]:
    """Countries the corpus reports as fighting: the sides of its military and government speakers, and of
    countries whose forces it names (``ArticleAnalysis.forces``)."""
    counts: Counter[str] = Counter()
    for analysis in analyses:
        counts.update(analysis.forces)
    return {country for country, n in counts.items() if n >= 2}


def _side(cluster: _Cluster, belligerents: set[str], expand: dict[str, str]) -> str | None:
    if any(s.type in ("media", "analyst") for _, s in cluster.speakers):
        return None
    countries = Counter(s.country for _, s in cluster.speakers if s.country)
    if countries:
        country = countries.most_common(1)[0][0]
        return country if country in belligerents else None
    sides = Counter(s.side for _, s in cluster.speakers if s.side)
    if sides:
        return sides.most_common(1)[0][0]
    groups = Counter(s.group for _, s in cluster.speakers if s.group)
    if groups:
        group = groups.most_common(1)[0][0]
        return expand.get(group, group)
    return None


def resolve(analyses: list[ArticleAnalysis]) -> Corpus:
    """Corpus-wide entities; every attribution's ``speaker`` and ``via`` become entity ids."""
    expand = acronyms(analyses)
    belligerents = parties(analyses)
    entities: dict[str, Entity] = {}
    ids: dict[tuple[str, str], str] = {}
    for cluster in _clusters(analyses, expand):
        if not cluster.speakers:
            continue
        names = Counter(expand.get(s.name, s.name) for _, s in cluster.speakers)
        name = max(names, key=lambda n: (names[n], len(n)))
        first = cluster.first
        entity_id = f"{first.type}:{_slug(name)}"
        while entity_id in entities:
            entity_id += "-2"
        aliases = sorted({a for _, s in cluster.speakers for a in s.aliases if a != name})
        titles = [s.title for _, s in cluster.speakers if s.title]
        entity = Entity(id=entity_id, name=name, type=first.type, side=_side(cluster, belligerents, expand),
                        title=titles[0] if titles else None, aliases=aliases)
        for article_id, speaker in cluster.speakers:
            ids[(article_id, speaker.key)] = entity_id
            entity.mentions += [EntityMention(article_id, m.start, m.end) for m in speaker.mentions]
        entities[entity_id] = entity
    for analysis in analyses:
        aid = analysis.article.id
        for attribution in analysis.attributions:
            attribution.speaker = ids.get((aid, attribution.speaker)) if attribution.speaker else None
            attribution.via = ids.get((aid, attribution.via)) if attribution.via else None
    return Corpus(analyses=analyses, entities=sorted(entities.values(), key=lambda e: e.id))
