"""Magnitudes in news text: distances, areas and counts of people or items, with the hedge word before them.

quantulum3 reads the numbers (digits, number words, "1.5 million", ranges) and the length/area units. Our regexes
add what it drops: the hedge ("more than", "up to"), the people/item noun after a bare number ("500 men",
"14 army vehicles", "200 of its elements") and a conversion in parentheses ("2 kilometers (1.24 miles)"), which
is folded into one magnitude.

Decisions: a count needs a noun from COUNT_NOUNS within three modifier words of the number. Vague amounts
("dozens", "hundreds of", "thousands of families", "a few hundred metres") give no magnitude: there is no number.
Ranges ("2-3 km", "between 500 and 600 troops") give the midpoint, qualified "about" unless a hedge says
otherwise. Calibres and small lengths (mm, cm, inches) are not distances. Counts keep the noun as written, lower
case ("men", "vehicles"); units take quantulum3's singular name ("kilometre" for "km", "kilometers").
"less than"/"fewer than"/"no more than" read as up_to, the nearest upper-bound qualifier we have.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

with warnings.catch_warnings():  # without scikit-learn quantulum3 warns at import; we never use its classifier
    warnings.simplefilter("ignore")
    from quantulum3 import classifier as _qclf
    from quantulum3 import parser as _qparser

from .quantulum_index import install as _install_quantulum_index

_install_quantulum_index()

Qualifier = Literal["exact", "about", "up_to", "at_least", "more_than"]


@dataclass(frozen=True)
class Magnitude:
    text: str
    start: int
    end: int
    kind: Literal["distance", "area", "count"]
    value: float
    unit: str
    km: float | None = None
    km2: float | None = None
    count: float | None = None
    qualifier: Qualifier | None = None


KM = {"metre": 0.001, "kilometre": 1.0, "mile": 1.609344, "nautical mile": 1.852, "yard": 0.0009144,
      "foot": 0.0003048}
KM2 = {"square metre": 1e-6, "square kilometre": 1.0, "square mile": 2.589988110336, "hectare": 0.01,
       "acre": 0.0040468564224, "square foot": 9.290304e-8}
HEDGES: dict[str, Qualifier] = {
    **dict.fromkeys(["up to", "as many as", "as much as", "a maximum of", "no more than", "not more than",
                     "less than", "fewer than"], "up_to"),
    **dict.fromkeys(["at least", "no fewer than", "no less than", "not less than", "a minimum of"], "at_least"),
    **dict.fromkeys(["over", "more than", "upwards of", "in excess of"], "more_than"),
    **dict.fromkeys(["nearly", "almost", "approximately", "about", "some", "roughly", "around", "close to",
                     "an estimated", "estimated", "approx.", "circa"], "about"),
}
COUNT_NOUNS = """men man soldiers? troops fighters? civilians? people persons? servicem[ae]n servicemembers personnel
    militants? insurgents rebels militiamen mercenaries recruits conscripts volunteers officers commanders sailors
    pilots marines paratroopers guards policemen combatants casualties wounded dead killed injured missing deaths
    victims prisoners captives hostages detainees pows famil(?:y|ies) residents refugees evacuees children women
    bod(?:y|ies) corpses? elements members workers journalists medics vehicles? tanks? drones? uavs? missiles? rockets?
    shells? rounds bombs? mines aircraft planes jets helicopters warplanes bombers ships? boats vessels warships
    submarines howitzers guns launchers trucks lorries cars buses carriers apcs pieces weapons rifles grenades
    munitions projectiles homes houses buildings villages settlements towns bridges positions""".split()
_STOP = (r"(?:and|or|but|of|the|an?|in|on|at|to|from|by|with|for|than|as|is|are|was|were|be|been|has|have|had|"
         r"who|which|that|this|these|those|its|their|his|her|our|per|each|after|before|since|during|into|over|"
         r"years?|months?|weeks?|days?|hours?|minutes?|percent|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
         r"june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MOD = rf"(?!{_STOP}\b)[a-z][\w-]*"
# A bare number followed by a people/item noun, maybe via "of its", a group's acronym (which may spell a stop word:
# "40 IS militants") and up to three modifiers ("14 army vehicles"); a noun with a possessive is a name's word
# ("New People's Army"), no count.
_COUNT_AFTER = re.compile(rf"\s+(?:of\s+(?:its|their|the|his|her|our|those|these)\s+)?(?-i:[A-Z][A-Z0-9-]*[A-Z0-9]\s+)?"
                          rf"(?:{_MOD}\s+){{0,3}}?({'|'.join(COUNT_NOUNS)})\b(?![’']s\b)", re.I)
_ACRONYM = re.compile(r"\s+[A-Z][A-Z0-9-]*[A-Z0-9]")
_HEDGE = re.compile(r"\b(" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True)) + r")\s+$", re.I)
_PAREN = re.compile(r"\s*\(\s*(?:(?:about|approximately|roughly|some|around|nearly|almost|~)\s*)?")
_CLOSE = re.compile(r"\s*\)")
# quantulum3 knows neither "hectares" (only "ha") nor "nautical miles".
_EXTRA_UNIT = re.compile(r"(?:\s+|-)(hectare|nautical mile)s?\b", re.I)
# quantulum3 reads "1.5m people" as metres and "1.2bn" as barns: news shorthand for million/billion.
_SCALED = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(m|mn|mln|bn)", re.I)
_SCALE = {"m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9}
_LEADING_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_VAGUE = re.compile(r"(?:hundreds?|thousands?|millions?|dozens?|tens)\b", re.I)  # "a few hundred metres"
_ONE = re.compile(r"\b(?:one|a single)\b", re.I)  # quantulum3 skips a lone "one"
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+$")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|till|during|early|late|mid|year|spring|summer|autumn|fall|winter)"
                          r"\s+$", re.I)
_HAS_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
                         r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|"
                         r"an? (?:mile|kilomet|metre|meter|km|yard|square|hectare|acre))\b", re.I)

_PIECE = re.compile(r".{0,600}?(?:[.!?](?=\s)|\n|$)|.{600}", re.S)  # a sentence or line, at most 600 chars
_SLOW_DIGITS = re.compile(r"\d{10,}|(?![0-9])\d")
_Quantity = tuple[int, int, float, str, bool]  # start, end, value, quantulum3 unit name ("" = bare number), ranged


def _quantities(text: str, lo: int, hi: int) -> list[_Quantity]:
    """quantulum3's quantities in text[lo:hi], cleaned up, offsets into text."""
    out: list[_Quantity] = []
    for piece in _PIECE.finditer(text, lo, hi):  # its cost grows faster than linearly with length: a sentence at a time
        if piece.end() > piece.start() and _HAS_NUMBER.search(piece.group()):  # parse() costs ~1 ms even without one
            out += _parse_piece(text, piece.start(), piece.group())
    return out


def _parse_piece(text: str, lo: int, chunk: str) -> list[_Quantity]:
    return [(lo + s, lo + e, value, unit, ranged) for s, e, value, unit, ranged in _parse_chunk(chunk)]


@lru_cache(maxsize=4096)
def _parse_chunk(chunk: str) -> tuple[_Quantity, ...]:
    """Quantities of one sentence, offsets into it; cached because several events' clauses often cover the same
    sentence, and quantulum3 costs milliseconds per call."""
    # Long digit runs and non-ASCII digits make quantulum3's regexes take seconds (cubic); none is a magnitude here.
    masked = _SLOW_DIGITS.sub(lambda m: " " * len(m.group()), chunk)
    handlers = logging.root.handlers[:]
    try:
        # quantulum3's classifier is a scikit-learn pickle that crashes (ModuleNotFoundError '_loss') when sklearn is
        # installed alongside; its heuristic fallback gives the same results with or without sklearn. Set each call
        # so that whatever imported quantulum3 first cannot switch it back on.
        _qclf.USE_CLF = False
        parsed = _qparser.parse(masked)
    except Exception:  # it raises assorted errors on odd input: a missed magnitude beats a crash
        return ()
    finally:
        logging.root.handlers[:] = handlers  # parse() calls logging.basicConfig(), configuring the app's root logger
    out: list[_Quantity] = []
    for q in parsed:
        s, e = q.span
        if chunk[s:e] != q.surface or _VAGUE.match(q.surface):
            continue  # offsets off (text shifted by its cleaning): better no magnitude than a wrong span
        while e > s and not chunk[e - 1].isalnum():  # "15 kilometers /"
            e -= 1
        value, name = float(q.value), q.unit.name
        if name.startswith("per ") and name[4:] in KM2.keys() | KM.keys():
            name = name[4:]  # "half a mile" comes out as 0.5 "per mile"
        if (m := _SCALED.fullmatch(chunk, s, e)) and _COUNT_AFTER.match(chunk, e):
            value, name = float(m.group(1).replace(",", "")) * _SCALE[m.group(2).lower()], "dimensionless"
        elif name == "dozen":
            value, name = value * 12, "dimensionless"
        elif name not in KM and name not in KM2 and (m := _LEADING_NUMBER.match(chunk, s)) and \
                (c := _COUNT_AFTER.match(chunk, m.end())) and (c.start(1) < e or _ACRONYM.fullmatch(chunk, m.end(), e)):
            # the noun read as a unit: "30 pieces" (a "set" to quantulum3), "30 APCs" (ampere-seconds); or a
            # group's acronym before the noun: "100 RSF fighters" (roentgen siemens farad), "12 M23 rebels"
            e, name = m.end(), "dimensionless"
        out.append((s, e, value, "" if name == "dimensionless" else name, q.uncertainty is not None))
    for m in _ONE.finditer(chunk):
        if not any(s <= m.start() < e for s, e, *_ in out):
            out.append((m.start(), m.end(), 1.0, "", False))
    return tuple(sorted(out))


def _not_a_count(text: str, s: int, e: int, lo: int, hi: int) -> bool:
    """Numbers that are part of a name, a date, a time or a year ("T-72", "May 9", "05:30", "in 2023")."""
    if (s > lo and (text[s - 1].isalnum() or text[s - 1] in "-:/#.")) or (e < hi and text[e] in ":/"):
        return True
    if _MONTH_BEFORE.search(text, max(lo, s - 12), s):
        return True
    return bool(re.fullmatch(r"(19|20)\d\d", text[s:e]) and _YEAR_BEFORE.search(text, max(lo, s - 10), s))


def find_magnitudes(text: str, start: int = 0, end: int | None = None) -> list[Magnitude]:
    """Magnitudes inside text[start:end], offsets into text, in text order, non-overlapping."""
    lo, hi, _ = slice(start, end).indices(len(text))
    quantities = _quantities(text, lo, hi) if lo < hi else []
    found: list[Magnitude] = []
    prev, i = lo, 0
    while i < len(quantities):
        s, e, value, unit, ranged = quantities[i]
        i += 1
        if s < prev:
            continue
        kind: Literal["distance", "area", "count"] | None = None
        if unit in KM:
            kind = "distance"
        elif unit in KM2:
            kind = "area"
        elif unit == "" and (m := _EXTRA_UNIT.match(text, e, hi)):
            kind, unit, e = "area" if m.group(1).lower() == "hectare" else "distance", m.group(1).lower(), m.end()
        elif unit == "" and not _not_a_count(text, s, e, lo, hi) and (m := _COUNT_AFTER.match(text, e, hi)):
            kind, unit, e = "count", m.group(1).lower(), m.end()
        if kind is None:
            continue
        table = KM if kind == "distance" else KM2
        if kind != "count" and i < len(quantities) and quantities[i][3] in table \
                and _PAREN.fullmatch(text, e, quantities[i][0]) and (c := _CLOSE.match(text, quantities[i][1], hi)):
            e, i = c.end(), i + 1  # "2 kilometers (1.24 miles)": the conversion belongs to this magnitude
        hedge = _HEDGE.search(text, max(prev, s - 40), s)
        qualifier: Qualifier = HEDGES[hedge.group(1).lower()] if hedge else "about" if ranged else "exact"
        s = hedge.start() if hedge else s
        found.append(Magnitude(
            text=text[s:e], start=s, end=e, kind=kind, value=value, unit=unit,
            km=round(value * KM[unit], 2) if kind == "distance" else None,
            km2=round(value * KM2[unit], 2) if kind == "area" else None,
            count=value if kind == "count" else None, qualifier=qualifier))
        prev = e
    return found
