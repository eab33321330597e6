"""Words that name a country: names, alternative spellings, demonyms, capitals and seats of power.

Built once from the countryinfo package so that "Moscow's", "the Kremlin", "Russian" and "Russia's" all point to
the same party, for any country.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

from .lexicon import SEAT_METONYMS

# Older or colloquial forms that news still uses and countryinfo lacks.
EXTRA_FORMS = {
    "Ukraine": ["Kiev"], "United Kingdom": ["Britain", "England", "London"], "United States": ["America", "US", "U.S.", "Washington"],
    "Netherlands": ["Holland", "Dutch"], "France": ["French"], "China": ["Chinese"], "Switzerland": ["Swiss"],
    "Democratic Republic of the Congo": ["DRC", "DR Congo", "Congolese"], "Republic of the Congo": [],
    "Israel": ["Israeli"], "Palestine": ["Palestinian", "Gaza"], "Myanmar": ["Burma", "Burmese"],
}
AMBIGUOUS_FORMS = {"georgia", "jordan", "chad", "niger", "guinea", "us", "x"}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-free form used as a lookup key.

    Cached, with an ASCII shortcut (nothing to decompose): every speaker, side and place name goes through it,
    hundreds of thousands of times in a large corpus."""
    if text.isascii():
        return text.lower().strip()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("’", "'").strip()


def _country_records():
    data_dir = resources.files("countryinfo") / "data"
    for entry in data_dir.iterdir():
        if entry.name.endswith(".json"):
            yield json.loads(entry.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def country_forms() -> dict[str, str]:
    """Folded surface form -> canonical country name."""
    forms: dict[str, str] = {}
    for rec in _country_records():
        name = rec.get("name")
        if not name:
            continue
        capital = rec.get("capital") or ""
        surfaces = [name, rec.get("demonym") or "", *(capital if isinstance(capital, list) else [capital])]
        surfaces += [s for s in rec.get("altSpellings") or [] if isinstance(s, str) and len(s) > 3]
        for surface in surfaces:
            key = fold(surface)
            if key and key not in AMBIGUOUS_FORMS:
                forms.setdefault(key, name)
        demonym = fold(rec.get("demonym") or "") if isinstance(rec.get("demonym"), str) else ""
        if demonym:
            forms.setdefault(demonym + "s", name)  # "Ukrainians"
    _prefer_populous(forms)
    for name, extra in EXTRA_FORMS.items():
        for surface in extra:
            forms[fold(surface)] = name
    for seat, name in SEAT_METONYMS.items():
        forms[fold(seat)] = name
    return forms


def _prefer_populous(forms: dict[str, str]) -> None:
    """A short form that is part of several countries' names ("Congo") means the most populous of them, as it
    does in news copy; a country's own full name always means that country."""
    records = [(fold(r["name"]), r["name"], r.get("population") or 0) for r in _country_records() if r.get("name")]
    own = {folded for folded, _, _ in records}
    population = {name: people for _, name, people in records}
    for key in [k for k in forms if k not in own and " " not in k and len(k) > 3]:
        holders = {name for folded, name, _ in records if key in folded.split()} | {forms[key]}
        forms[key] = max(sorted(holders), key=lambda name: population.get(name, 0))


def country_of(word: str) -> str | None:
    """The country a word names ("Russian", "Moscow's", "Kremlin"), or None."""
    key = fold(word)
    for suffix in ("'s", "'"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return country_forms().get(key)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    out = set()
    for rec in _country_records():
        demonym = rec.get("demonym")
        if isinstance(demonym, str) and demonym:
            out |= {fold(demonym), fold(demonym) + "s"}
    return frozenset(out)


def is_demonym(word: str) -> bool:
    """"Ukrainian", "Sudanese": a people or an adjective, never a place."""
    return fold(word) in _demonyms()
