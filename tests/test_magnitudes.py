"""Magnitudes in news text: distances, areas and counts, their hedges, and the numbers that are not magnitudes."""

from __future__ import annotations

import logging
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterclaim.extract import magnitudes
from counterclaim.extract.magnitudes import Magnitude, find_magnitudes


def only(text: str) -> Magnitude:
    found = find_magnitudes(text)
    assert len(found) == 1, found
    return found[0]


def summary(text: str) -> list[tuple[str, str, float, str, str | None]]:
    return [(m.text, m.kind, m.value, m.unit, m.qualifier) for m in find_magnitudes(text)]


# --- distances ----------------------------------------------------------------------------------------------------


def test_over_two_miles() -> None:
    m = only("Assault groups advanced over two miles on the northern flank.")
    assert (m.text, m.kind, m.value, m.unit, m.km, m.qualifier) == (
        "over two miles", "distance", 2.0, "mile", 3.22, "more_than")
    assert m.km2 is None and m.count is None


def test_conversion_in_parentheses_is_one_magnitude() -> None:
    text = "The unit withdrew to a distance of up to 2 kilometers (1.24 miles) from the ridge."
    m = only(text)
    assert (m.text, m.km, m.value, m.unit, m.qualifier) == (
        "up to 2 kilometers (1.24 miles)", 2.0, 2.0, "kilometre", "up_to")
    assert text[m.start:m.end] == m.text and m.text.endswith(")")


def test_abbreviated_conversion_in_parentheses() -> None:
    m = only("Engineers dug a 200 km (124 mi) network of trenches.")
    assert (m.text, m.km, m.unit, m.qualifier) == ("200 km (124 mi)", 200.0, "kilometre", "exact")


def test_hedged_conversion_inside_parentheses() -> None:
    m = only("They held a line about 2 kilometres (roughly 1.2 miles) south of the dam.")
    assert (m.text, m.km, m.qualifier) == ("about 2 kilometres (roughly 1.2 miles)", 2.0, "about")


@pytest.mark.parametrize(("text", "surface", "km", "unit"), [
    ("a strip 500 meters wide", "500 meters", 0.5, "metre"),
    ("they moved 15 kilometers north", "15 kilometers", 15.0, "kilometre"),
    ("they moved 15 km north", "15 km", 15.0, "kilometre"),
    ("a front 8 kilometres long", "8 kilometres", 8.0, "kilometre"),
    ("the convoy was 2.5km away", "2.5km", 2.5, "kilometre"),
    ("a 10-kilometre stretch of road", "10-kilometre", 10.0, "kilometre"),
    ("within 500 yards of the pier", "500 yards", 0.46, "yard"),
    ("frigates stayed 12 nautical miles offshore", "12 nautical miles", 22.22, "nautical mile"),
    ("patrols went three and a half kilometres", "three and a half kilometres", 3.5, "kilometre"),
    ("the shelling reached half a mile inland", "half a mile", 0.8, "mile"),
])
def test_distances(text: str, surface: str, km: float, unit: str) -> None:
    m = only(text)
    assert (m.text, m.kind, m.km, m.unit, m.qualifier) == (surface, "distance", km, unit, "exact")


def test_three_distances_separated_by_slashes() -> None:
    assert [m.text for m in find_magnitudes("15 kilometers / 15 km / 8 kilometres")] == [
        "15 kilometers", "15 km", "8 kilometres"]


def test_range_gives_midpoint_about() -> None:
    m = only("Rebel positions lay 2-3 km from the airfield.")
    assert (m.text, m.value, m.km, m.qualifier) == ("2-3 km", 2.5, 2.5, "about")


def test_calibres_are_not_distances() -> None:
    assert find_magnitudes("It fired 155mm shells and 120 mm mortar rounds.") == []


# --- areas --------------------------------------------------------------------------------------------------------


def test_roughly_two_square_miles() -> None:
    m = only("The militia now controls an area of roughly two square miles.")
    assert (m.text, m.kind, m.value, m.unit, m.km2, m.qualifier) == (
        "roughly two square miles", "area", 2.0, "square mile", 5.18, "about")
    assert m.km is None


@pytest.mark.parametrize(("text", "unit", "km2"), [
    ("3 square kilometres", "square kilometre", 3.0),
    ("40 km2", "square kilometre", 40.0),
    ("40 km²", "square kilometre", 40.0),
    ("5 sq km", "square kilometre", 5.0),
    ("300 hectares", "hectare", 3.0),
    ("300 ha", "hectare", 3.0),
    ("4,000 acres", "acre", 16.19),
])
def test_area_units(text: str, unit: str, km2: float) -> None:
    m = only(f"Government forces retook {text} of farmland.")
    assert (m.text, m.kind, m.unit, m.km2) == (text, "area", unit, km2)


# --- counts -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "surface", "count", "unit", "qualifier"), [
    ("The commander said around 500 men had crossed.", "around 500 men", 500, "men", "about"),
    ("He spoke of the '500 corpses' left behind.", "500 corpses", 500, "corpses", "exact"),
    ("The group lost more than 200 of its elements.", "more than 200 of its elements", 200, "elements", "more_than"),
    ("At least nine people were killed.", "At least nine people", 9, "people", "at_least"),
    ("The drone hit 14 army vehicles.", "14 army vehicles", 14, "vehicles", "exact"),
    ("They captured more than 30 vehicles.", "more than 30 vehicles", 30, "vehicles", "more_than"),
    ("1.5 million people have fled.", "1.5 million people", 1_500_000, "people", "exact"),
    ("1.5m people have fled.", "1.5m people", 1_500_000, "people", "exact"),
    ("The navy lost 12 Leopard tanks.", "12 Leopard tanks", 12, "tanks", "exact"),
    ("They seized two hundred and fifty POWs.", "two hundred and fifty POWs", 250, "pows", "exact"),
    ("Twenty-one soldiers surrendered.", "Twenty-one soldiers", 21, "soldiers", "exact"),
    ("a dozen tanks", "a dozen tanks", 12, "tanks", "exact"),
    ("7 killed and", "7 killed", 7, "killed", "exact"),
    ("30 artillery pieces", "30 artillery pieces", 30, "pieces", "exact"),
    ("at least one civilian", "at least one civilian", 1, "civilian", "at_least"),
    ("between 500 and 600 troops", "between 500 and 600 troops", 550, "troops", "about"),
    # a group's acronym between number and noun, which quantulum3 reads as units (roentgen siemens farad, peck kelvin)
    ("more than 100 RSF fighters had been killed", "more than 100 RSF fighters", 100, "fighters", "more_than"),
    ("killing 15 PKK members", "15 PKK members", 15, "members", "exact"),
    ("the army killed 40 IS militants", "40 IS militants", 40, "militants", "exact"),  # an acronym spelling "is"
])
def test_counts(text: str, surface: str, count: float, unit: str, qualifier: str) -> None:
    m = only(text)
    assert (m.text, m.kind, m.count, m.value, m.unit, m.qualifier) == (surface, "count", count, count, unit, qualifier)
    assert m.km is None and m.km2 is None


@pytest.mark.parametrize(("hedge", "qualifier"), [
    ("nearly", "about"), ("almost", "about"), ("approximately", "about"), ("about", "about"), ("some", "about"),
    ("roughly", "about"), ("around", "about"), ("an estimated", "about"), ("up to", "up_to"),
    ("as many as", "up_to"), ("no more than", "up_to"), ("fewer than", "up_to"), ("at least", "at_least"),
    ("no fewer than", "at_least"), ("over", "more_than"), ("more than", "more_than"), ("upwards of", "more_than"),
    ("Over", "more_than"), ("Approx.", "about"),
])
def test_hedges(hedge: str, qualifier: str) -> None:
    for tail, kind in (("40 drones", "count"), ("3 km", "distance")):
        m = only(f"Officials said {hedge} {tail} were involved.")
        assert (m.text, m.kind, m.qualifier) == (f"{hedge} {tail}", kind, qualifier)


@pytest.mark.parametrize("text", [
    "In April 2023 the 72nd Brigade rotated out.",
    "the 3rd Separate Assault Brigade attacked on May 9",
    "on 9 May troops entered the town",
    "In 2022 Ukrainian troops held the bridge.",
    "the 1990s soldiers",
    "The siege lasted 3 months and three days.",
    "40% of the troops and 40 per cent of civilians",
    "$5 million, 5 million dollars and £5m",
    "a 45-year-old man and a 19-year-old soldier",
    "at 05:30 troops moved",
    "T-72 tanks, Shahed-136 drones and Kh-101 missiles",
    "dozens of soldiers, hundreds of civilians and thousands of families",
    "tens of thousands of troops",
    "a few hundred metres",
    "several kilometres",
    "5 of them were hurt",
    "the third of 3 brigades",
    "one side's fighters",
    "Nobody was hurt, no one died.",
])
def test_not_magnitudes(text: str) -> None:
    assert find_magnitudes(text) == []


# --- whole sentences about invented wars --------------------------------------------------------------------------


def test_invented_report_sentence() -> None:
    text = ("Rebel fighters pushed some 12 kilometres beyond the Darhal river on Tuesday, capturing more than "
            "40 armoured vehicles and at least 300 fighters, a spokesman said; the army said 3 of its drones "
            "struck a depot 500 metres from the front.")
    assert summary(text) == [
        ("some 12 kilometres", "distance", 12.0, "kilometre", "about"),
        ("more than 40 armoured vehicles", "count", 40.0, "vehicles", "more_than"),
        ("at least 300 fighters", "count", 300.0, "fighters", "at_least"),
        ("3 of its drones", "count", 3.0, "drones", "exact"),
        ("500 metres", "distance", 500.0, "metre", "exact"),
    ]


def test_invented_paragraph_offsets() -> None:
    text = ("Naval officials in the port of Selvin said the blockade zone covers about 3,000 square kilometres.\n"
            "Troops pushed 3.5 kilometres (2.2 miles) into the pocket, about 200 metres from the coast road. "
            "Aid groups said nearly 1.2 million people had been displaced since March 2021.")
    found = find_magnitudes(text)
    assert [m.text for m in found] == ["about 3,000 square kilometres", "3.5 kilometres (2.2 miles)",
                                       "about 200 metres", "nearly 1.2 million people"]
    for m in found:
        assert text[m.start:m.end] == m.text
    assert [m.km2 for m in found][0] == 3000.0 and found[1].km == 3.5 and found[3].count == 1_200_000


# --- bounds, order, offsets ---------------------------------------------------------------------------------------


def test_start_and_end_bound_the_search_and_offsets_stay_global() -> None:
    text = "Columns advanced over two miles. Later 14 army vehicles and 500 men arrived."
    cut = text.index("two")
    m = find_magnitudes(text, cut, text.index("."))[0]
    assert (m.text, m.start, m.qualifier) == ("two miles", cut, "exact")  # the hedge lies before start
    later = find_magnitudes(text, text.index("Later"))
    assert [m.text for m in later] == ["14 army vehicles", "500 men"]
    assert all(text[m.start:m.end] == m.text for m in later)
    cut = text.index("men")  # "500" stays a bare number when its noun lies past end
    assert [m.text for m in find_magnitudes(text, 0, cut)] == ["over two miles", "14 army vehicles"]
    assert find_magnitudes(text, 0, cut) == find_magnitudes(text[:cut])
    assert find_magnitudes(text, 10, 5) == [] and find_magnitudes("", 0, None) == []


def test_results_are_ordered_and_do_not_overlap() -> None:
    text = "up to 2 km (1.2 mi), 14 army vehicles, over 3 square miles, around 500 men and 8 kilometres"
    found = find_magnitudes(text)
    assert len(found) == 5
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- quantulum3 quirks --------------------------------------------------------------------------------------------


def test_classifier_stays_off_even_if_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """With scikit-learn present quantulum3 would unpickle its classifier and crash; the module forces it off."""
    import quantulum3.classifier

    expected = summary("They advanced over two miles with around 500 men.")
    monkeypatch.setattr(quantulum3.classifier, "USE_CLF", True)
    assert summary("They advanced over two miles with around 500 men.") == expected


def test_import_emits_no_classifier_warning() -> None:
    result = subprocess.run([sys.executable, "-W", "error", "-c", "import counterclaim.extract.magnitudes"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Classifier" not in result.stderr


def test_quantulum_errors_give_no_magnitudes(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[object]:
        raise ValueError("bad input")

    monkeypatch.setattr(magnitudes._qparser, "parse", broken)
    assert find_magnitudes("14 army vehicles moved 5 km") == []


def test_root_logger_is_left_alone() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    find_magnitudes("5 km")
    assert root.handlers == before


# --- robustness ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "(" * 10_000,
    "1" * 10_000,
    "١" * 10_000,
    "2 km (" * 1_600,
    "".join(chr(0x20 + (i * 7919) % 0x2FFF) for i in range(10_000)),
    "more than 5 army men and (" * 400,
])
def test_long_and_odd_strings(text: str) -> None:
    began = time.perf_counter()
    found = find_magnitudes(text)
    assert time.perf_counter() - began < 20
    assert all(text[m.start:m.end] == m.text for m in found)


FRAGMENTS = st.sampled_from(["over", "two", "miles", "up to", "2", "kilometers", "(1.24 miles)", "(", ")", "500",
                             "men", "square", "km2", "hectares", "of its", "elements", "at least", "1.5", "million",
                             "people", "May", "2023", "-", "/", ":", "army", "vehicles", "one", "dozen", ",", "."])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(FRAGMENTS, st.text(max_size=3)), max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, start=st.integers(-5, 400), end=st.one_of(st.none(), st.integers(-5, 400)))
def test_never_raises_and_offsets_hold(text: str, start: int, end: int | None) -> None:
    found = find_magnitudes(text, max(start, 0), end)
    lo, hi, _ = slice(max(start, 0), end).indices(len(text))
    for m in found:
        assert m.text == text[m.start:m.end]
        assert lo <= m.start < m.end <= hi
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
