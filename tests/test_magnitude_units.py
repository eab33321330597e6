"""Magnitudes in invented sentences about other wars: distances to km, areas to km2, counts of people and items."""

from __future__ import annotations

import pytest

from counterclaim.extract.magnitudes import find_magnitudes


@pytest.mark.parametrize("text, kind, expected", [
    ("Rebels said they had advanced 8 kilometres along the lake road.", "distance", {"km": 8.0, "qualifier": "exact"}),
    ("The brigade pulled back nearly three miles from the river.", "distance", {"km": 4.83, "qualifier": "about"}),
    ("Fighters dug in about 400 metres south of the airport.", "distance", {"km": 0.4, "qualifier": "about"}),
    ("Militiamen now hold at least 12 square kilometres of farmland.", "area", {"km2": 12.0, "qualifier": "at_least"}),
    ("The army said it had captured 14 armoured vehicles.", "count", {"count": 14.0}),
    ("Officials said more than 30 civilians were killed.", "count", {"count": 30.0, "qualifier": "more_than"}),
])
def test_normalised(text, kind, expected):
    found = [m for m in find_magnitudes(text) if m.kind == kind]
    assert found, text
    magnitude = found[0]
    assert magnitude.text == text[magnitude.start:magnitude.end]
    for key, value in expected.items():
        assert getattr(magnitude, key) == pytest.approx(value, abs=0.01) if isinstance(value, float) else (
            getattr(magnitude, key) == value), (key, magnitude)


def test_dates_and_unit_names_are_not_counts():
    text = "The 45th Brigade said on 9 May 2024 that fighting had lasted three days."
    assert [m for m in find_magnitudes(text) if m.kind == "count"] == []


def test_window_offsets():
    text = "Troops advanced 5 km. Later they withdrew 2 km."
    start = text.index("Later")
    found = find_magnitudes(text, start)
    assert [m.km for m in found] == [2.0] and found[0].start >= start
