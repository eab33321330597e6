"""Words that name a country: names, alternative spellings, demonyms, capitals and seats of power.

Built once from the countryinfo package so that "Moscow's", "the Kremlin", "Russian" and "Russia's" all point to
the same party, for any country.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources

from .lexicon import SEAT_METONYMS

# Older or colloquial forms that news still uses and countryinfo lacks.
EXTRA_FORMS = {
    "Ukraine": ["Kiev"], "United Kingdom": ["Britain", "England", "London"], "United States": ["America", "US", "U.S.", "Washington"],
    "Netherlands": ["Holland", "Dutch"], "France": ["French"], "China": ["Chinese"], "Switzerland": ["Swiss"],
    "Democratic Republic of the Congo": ["DRC", "DR Congo", "Congolese", "Democratic Republic of Congo"],
    "Republic of the Congo": [],
    "Israel": ["Israeli"], "Palestine": ["Palestinian", "Gaza"], "Myanmar": ["Burma", "Burmese"],
    "Burkina Faso": ["Burkina"], "Bosnia and Herzegovina": ["Bosnia"], "United Arab Emirates": ["UAE", "U.A.E."],
    "Republic of Macedonia": ["Macedonia"],
    # a state countryinfo has no record of, though most of the world recognises it
    "Kosovo": ["Kosovo", "Kosovar", "Kosovars", "Kosovan", "Pristina", "Prishtina"],
}
# News demonyms countryinfo spells otherwise ("Tadzhik", "Kirghiz", "Kazakhstani", "Saudi Arabian") or lacks.
EXTRA_DEMONYMS = {
    "Tajikistan": "Tajik", "Kyrgyzstan": "Kyrgyz", "Uzbekistan": "Uzbek", "Kazakhstan": "Kazakh",
    "Saudi Arabia": "Saudi", "Serbia": "Serb", "Croatia": "Croat", "Philippines": "Philippine",
    "Ecuador": "Ecuadorian", "Argentina": "Argentine",
}
AMBIGUOUS_FORMS = {"georgia", "jordan", "chad", "niger", "guinea", "us", "x"}
# Of those, the ones that mean the country when capitalised as its name, news on the Sahel and Darfur being full of
# them; "Georgia" (the US state) and "Jordan" (a surname) stay ambiguous whatever their case.
CAPITALISED_COUNTRIES = {"Chad", "Niger", "Guinea"}
# "Georgia" and "Jordan" mean the country in a text that also names it otherwise ("Georgian", "Tbilisi", "Amman");
# extraction sets which of them the article at hand anchors so.
ANCHORABLE = {"georgia": "Georgia", "jordan": "Jordan"}
_anchored: ContextVar[frozenset[str]] = ContextVar("anchored", default=frozenset())


@lru_cache(maxsize=1)
def _anchors() -> dict[str, re.Pattern]:
    """Ambiguous form -> the other words of its country (demonym, capital), as one pattern."""
    found = {}
    for rec in _country_records():
        key = _key(rec.get("name") or "")
        if key in ANCHORABLE:
            words = [*_record_demonyms(rec), *_record_capitals(rec)]
            found[key] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words if w) + r")\b", re.I)
    return found


@contextmanager
def anchored_in(text: str):
    """Within this block, an ambiguous country name means the country where the text names it otherwise too."""
    token = _anchored.set(frozenset(key for key, words in _anchors().items() if words.search(text)))
    try:
        yield
    finally:
        _anchored.reset(token)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free form with straight apostrophes, used as a lookup key.

    Apostrophes are kept so callers can still see a possessive ("kyiv's"); country lookups drop them (_key).
    Cached, with an ASCII shortcut (nothing to decompose): every speaker, side and place name goes through it,
    hundreds of thousands of times in a large corpus."""
    if text.isascii():
        return text.lower().strip()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("’", "'").strip()


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    """The country lookup key: folded and apostrophe-free, on both sides of the lookup, so that the common
    spelling "Sanaa" meets countryinfo's "Sana'a"."""
    return fold(text).replace("'", "")


def _unpossessed(text: str) -> str:
    """"Moscow's" -> "Moscow", "Ukrainians'" -> "Ukrainians"."""
    return re.sub(r"[’']s?$", "", text.strip())


def _country_records():
    data_dir = resources.files("countryinfo") / "data"
    for entry in data_dir.iterdir():
        if entry.name.endswith(".json"):
            yield json.loads(entry.read_text(encoding="utf-8"))


def _surfaces(rec: dict) -> list[str]:
    """Every form a record offers: name, demonym (and its plural, "Ukrainians"), capitals, longer alt spellings."""
    demonyms = _record_demonyms(rec)
    surfaces = [rec["name"], *demonyms, *_record_capitals(rec)]
    surfaces += [s for s in rec.get("altSpellings") or [] if isinstance(s, str) and len(s) > 3]
    return surfaces + [d + "s" for d in demonyms]


def _record_capitals(rec: dict) -> list[str]:
    """countryinfo gives one capital as a string, several (or none) as a list."""
    capital = rec.get("capital") or ""
    return capital if isinstance(capital, list) else [capital]


def _record_demonyms(rec: dict) -> list[str]:
    """A record's demonyms: countryinfo joins a union's ("Bosnian,Herzegovinian"); news forms it lacks added."""
    demonym = rec.get("demonym") if isinstance(rec.get("demonym"), str) else ""
    found = [d.strip() for d in re.split(r"[,/]", demonym) if d.strip()]
    extra = EXTRA_DEMONYMS.get(rec.get("name", ""))
    return found + ([extra] if extra else [])


@lru_cache(maxsize=1)
def country_forms() -> dict[str, str]:
    """Folded surface form -> canonical country name."""
    records = [rec for rec in _country_records() if rec.get("name")]
    claims: dict[str, set[str]] = {}
    for rec in records:
        for surface in _surfaces(rec):
            key = _key(surface)
            if key and key not in AMBIGUOUS_FORMS:
                claims.setdefault(key, set()).add(rec["name"])
    # Population, then whether ISO 3166 still lists the country (a numeric code; the Netherlands Antilles has none)
    rank = {rec["name"]: (rec.get("population") or 0, bool((rec.get("ISO") or {}).get("numeric"))) for rec in records}
    forms = {key: _claimant(key, names, rank) for key, names in claims.items()}
    _prefer_populous(forms, records)
    for name, extra in EXTRA_FORMS.items():
        for surface in extra:
            forms[_key(surface)] = name
    for seat, name in SEAT_METONYMS.items():
        forms[_key(seat)] = name
    return forms


def name_key(name: str) -> str:
    """A party name compared without its articles: "Defence of the People" = "Defence of People"."""
    return " ".join(w for w in fold(name).split() if w not in ("the", "a", "an"))


def most_written(counts: dict[str, int]) -> dict[str, str]:
    """Each name -> the spelling of it written most among those that fold alike ("Al-Shabaab" opening a sentence,
    "al-Shabaab fighters" inside one; "Front for the Defence of X", "Front for Defence of X"); of equals, the first
    given."""
    alike: dict[str, list[str]] = {}
    for name in counts:
        alike.setdefault(name_key(name), []).append(name)
    return {name: max(names, key=lambda n: counts[n]) for names in alike.values() for name in names}


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    return {code: rec["name"] for rec in _country_records()
            if rec.get("name") and (code := (rec.get("ISO") or {}).get("alpha2"))}


def country_of_code(code: str | None) -> str | None:
    """The country an ISO 3166 alpha-2 code stands for ("RU" -> "Russia")."""
    return _names_by_code().get(code or "")


def _claimant(key: str, names: set[str], rank: dict[str, tuple[int, bool]]) -> str:
    """The one of several countries claiming a form that it means, whatever order the data files come in.

    A country's own name means that country. Otherwise a claimant whose name contains another claimant's name is
    a union or former state of it ("Serbia and Montenegro" also has Belgrade for capital): news means the
    present, smaller state. Among the rest the most populous wins ("Indian" is India, not its ocean territory),
    then a country ISO still lists (Willemstad is Curaçao's, no longer the Netherlands Antilles')."""
    own = sorted(name for name in names if _key(name) == key)
    if own:
        return own[0]
    words = {name: set(_key(name).split()) for name in names}
    inner = [name for name in names if not any(words[other] < words[name] for other in names)]
    return max(sorted(inner), key=lambda name: rank.get(name, (0, False)))


def _prefer_populous(forms: dict[str, str], records: list[dict]) -> None:
    """A short form that is part of several countries' names ("Congo") means the most populous of them, as it
    does in news copy; a country's own full name always means that country."""
    named = [(_key(r["name"]), r["name"], r.get("population") or 0) for r in records]
    own = {folded for folded, _, _ in named}
    population = {name: people for _, name, people in named}
    for key in [k for k in forms if k not in own and " " not in k and len(k) > 3]:
        holders = {name for folded, name, _ in named if key in folded.split()} | {forms[key]}
        forms[key] = max(sorted(holders), key=lambda name: population.get(name, 0))


def country_of(word: str) -> str | None:
    """The country a word names ("Russian", "Moscow's", "the Kremlin", "Sanaa"), or None.

    The word as written is tried first, as some names look possessive or carry an article ("St. John's", "The
    Gambia"); then without the possessive and without a leading article, which spaCy ORG entity texts keep
    ("the Kremlin"). Forms themselves keep their article, so a bare "valley" is not Anguilla's "The Valley"."""
    if word in CAPITALISED_COUNTRIES or _unpossessed(word) in CAPITALISED_COUNTRIES:
        return _unpossessed(word)
    anchored = _anchored.get()
    if anchored and word[:1].isupper() and (owner := _key(_unpossessed(word))) in anchored:
        return ANCHORABLE[owner]
    forms = country_forms()
    key = _key(word)
    if key in forms or not (key.startswith("the ") or "'" in word or "’" in word):
        return forms.get(key)  # most calls, spared the variants (this runs ~100 times per article)
    bare = _key(_unpossessed(word))
    return next((forms[k] for k in (key.removeprefix("the "), bare, bare.removeprefix("the ")) if k in forms), None)


NAME_PARTICLES = {"da", "de", "do", "dos", "das", "del", "della", "di", "du", "al", "el", "la", "le"}


def ends_a_name(token) -> bool:
    """"Praia" in "Mocimboa da Praia": the last word of a longer name, a town, not Cape Verde's capital."""
    doc = token.doc
    return token.i > 1 and doc[token.i - 1].lower_ in NAME_PARTICLES and doc[token.i - 2].is_title


def countries_in(words: list[str], not_after: frozenset[str] = frozenset()) -> Iterator[str]:
    """The countries a name's words name, in order, each read with the word after it first: "South Sudan
    People's Defence Forces" names South Sudan, not Sudan. A word after one of ``not_after`` is skipped."""
    for before, word, after in zip(["", *words], words, [*words[1:], ""]):
        if fold(before) not in not_after and (found := country_of(f"{word} {after}".strip()) or country_of(word)):
            yield found


def widened_country(token) -> str | None:
    """The country a token names read with the capitalised words just before it: "South Sudan's army" is South
    Sudan's, not Sudan's; "Sudan's army" is Sudan's. The end of a longer name is none."""
    doc = token.doc
    if ends_a_name(token):
        return None
    for start in range(max(0, token.i - 2), token.i + 1):
        words = doc[start:token.i + 1]
        if all(w.text[:1].isupper() for w in words):
            found = country_of(" ".join(w.text for w in words))
            if found:
                return found
    return None


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    out = set()
    for rec in _country_records():
        for demonym in _record_demonyms(rec):
            out |= {fold(demonym), fold(demonym) + "s"}
    return frozenset(out)


def is_demonym(word: str) -> bool:
    """"Ukrainian", "Sudanese": a people or an adjective, never a place."""
    return fold(word) in _demonyms()


# Words a state's own forces are named with ("Sudanese Armed Forces", "Armed Forces of Ukraine", "Afghan National
# Army", "Russian Aerospace Forces"). A group whose name holds a country among other words of its own ("Free Syrian
# Army", "Syrian Democratic Forces", "Myanmar National Democratic Alliance Army") is a party of its own.
STATE_FORCE_WORDS = frozenset("""
army armed forces force military defence defense navy naval air aerospace airborne national guard guards border coast
marine marines territorial special operations republican royal arab people's peoples ground land strategic rocket
gendarmerie police security service services interior ministry command of the and for general staff joint chiefs
headquarters high in central northern southern eastern western district
""".split())
NAME_WORD = re.compile(r"[\w’'-]+")  # a word of a proper name: "People's", "Al-Nour"


@lru_cache(maxsize=4096)
def names_own_party(name: str) -> bool:
    """A proper name that carries a country among words of its own: the group is not that country's forces."""
    words = NAME_WORD.findall(name)
    if not words or not all(w[:1].isupper() or w.lower() in ("of", "the", "and", "for", "in") for w in words):
        return False
    rest, found, i = [], False, 0
    while i < len(words):  # country forms run to 5 words: "Democratic Republic of the Congo"
        n = next((n for n in range(6, 0, -1) if i + n <= len(words) and country_of(" ".join(words[i:i + n]))), 0)
        if n:
            found, i = True, i + n
        else:
            if not (words[i].isupper() and len(words[i]) > 1):  # an acronym: "(SAF)"
                rest.append(fold(words[i]).replace("’", "'"))
            i += 1
    return found and any(w not in STATE_FORCE_WORDS for w in rest)


def names_a_states_force(name: str) -> bool:
    """"Ethiopian National Defense Force", "Armed Forces of Ukraine": a name holding a country that is that
    country's own body, not a party named after it ("Free Syrian Army")."""
    return any(country_of(w) for w in name.split()) and not names_own_party(name)
