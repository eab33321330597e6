"""Words that name a country: names, demonyms, possessives, capitals as metonyms, seats of power."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counterclaim.extract import countries
from counterclaim.extract.countries import country_of, fold, most_written, names_own_party


@pytest.mark.parametrize(("word", "country"), [
    ("Russia", "Russia"),
    ("Ukraine", "Ukraine"),
    ("Sudan", "Sudan"),
    ("Ethiopia", "Ethiopia"),
    ("Myanmar", "Myanmar"),
    ("Burma", "Myanmar"),
    ("Britain", "United Kingdom"),
])
def test_country_names(word: str, country: str) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize(("word", "country"), [
    ("Russian", "Russia"),
    ("Russians", "Russia"),
    ("Ukrainian", "Ukraine"),
    ("Ukrainians", "Ukraine"),
    ("Sudanese", "Sudan"),
    ("Israeli", "Israel"),
    ("Israelis", "Israel"),
    ("Palestinian", "Palestine"),
    ("Armenian", "Armenia"),
    ("Armenians", "Armenia"),
    ("Azerbaijani", "Azerbaijan"),
    ("Ethiopian", "Ethiopia"),
    ("Eritrean", "Eritrea"),
    ("Yemeni", "Yemen"),
    ("Syrian", "Syria"),
    ("Lebanese", "Lebanon"),
    ("Burmese", "Myanmar"),
    ("Congolese", "Democratic Republic of the Congo"),
    ("Rwandan", "Rwanda"),
    ("Malian", "Mali"),
    ("Georgian", "Georgia"),
    ("British", "United Kingdom"),
    ("American", "United States"),
    ("Chinese", "China"),
    ("Dutch", "Netherlands"),
    # the forms news uses where countryinfo has "Tadzhik", "Kirghiz", "Kazakhstani", "Saudi Arabian"
    ("Tajik", "Tajikistan"),
    ("Ecuadorian", "Ecuador"),
    ("Argentine", "Argentina"),
    ("Kyrgyz", "Kyrgyzstan"),
    ("Uzbeks", "Uzbekistan"),
    ("Kazakh", "Kazakhstan"),
    ("Saudi", "Saudi Arabia"),
    ("Serbs", "Serbia"),
    # a union's demonyms, which countryinfo joins with a comma or a slash
    ("Bosnian", "Bosnia and Herzegovina"),
    ("Herzegovinian", "Bosnia and Herzegovina"),
    ("Barbudan", "Antigua and Barbuda"),
])
def test_demonyms(word: str, country: str) -> None:
    assert country_of(word) == country
    assert countries.is_demonym(word)


@pytest.mark.parametrize(("word", "country"), [
    ("Russia's", "Russia"),
    ("Ukraine’s", "Ukraine"),
    ("Sudan’s", "Sudan"),
    ("Israel’s", "Israel"),
    ("Moscow's", "Russia"),
    ("Moscow’s", "Russia"),
    ("Kyiv’s", "Ukraine"),
    ("Britain's", "United Kingdom"),
    ("Kremlin’s", "Russia"),
    ("Pentagon’s", "United States"),
])
def test_possessives(word: str, country: str) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize(("word", "country"), [
    ("Moscow", "Russia"),
    ("Kyiv", "Ukraine"),
    ("Kiev", "Ukraine"),
    ("Khartoum", "Sudan"),
    ("Baku", "Azerbaijan"),
    ("Yerevan", "Armenia"),
    ("Addis Ababa", "Ethiopia"),
    ("Tehran", "Iran"),
    ("Damascus", "Syria"),
    ("Beijing", "China"),
    ("Tbilisi", "Georgia"),
    ("Kinshasa", "Democratic Republic of the Congo"),
    ("Kigali", "Rwanda"),
    ("Washington", "United States"),
    ("London", "United Kingdom"),
])
def test_capitals_as_metonyms(word: str, country: str) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize(("word", "country"), [
    ("Kremlin", "Russia"),
    ("White House", "United States"),
    ("Pentagon", "United States"),
    ("State Department", "United States"),
    ("Downing Street", "United Kingdom"),
    ("Élysée", "France"),
    ("Elysee", "France"),
    ("Bankova", "Ukraine"),
    ("Knesset", "Israel"),
    ("Zhongnanhai", "China"),
])
def test_seats_of_power(word: str, country: str) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize(("word", "country"), [("the Kremlin", "Russia"), ("the White House", "United States")])
def test_seats_with_article(word: str, country: str) -> None:
    assert country_of(word) == country


@pytest.mark.parametrize("word", ["KREMLIN", "kremlin", "RUSSIAN", "moscow"])
def test_case_insensitive(word: str) -> None:
    assert country_of(word) is not None


@pytest.mark.parametrize("word", [
    "blorfistan", "Tuesday", "the", "ministry", "brigade", "Hamas", "", "Zorvak",
    "Georgia", "Jordan",  # a US state, a surname: left alone
    "chad", "niger",  # Chad, Niger and Guinea mean the country only when capitalised as its name
])
def test_unknown_or_ambiguous_words(word: str) -> None:
    assert country_of(word) is None


def test_georgia_and_jordan_mean_the_country_where_the_text_also_names_it_otherwise() -> None:
    with countries.anchored_in("AMMAN, Jan 28 (Wire) - Jordan's government said..."):
        assert (country_of("Jordan"), country_of("Jordan's"), country_of("Georgia")) == ("Jordan", "Jordan", None)
    with countries.anchored_in("Georgian police said that Georgia's border..."):
        assert (country_of("Georgia's"), country_of("Jordan"), country_of("georgia")) == ("Georgia", None, None)
    with countries.anchored_in("Michael Jordan played in Atlanta, Georgia."):
        assert country_of("Jordan") is None and country_of("Georgia") is None
    assert country_of("Jordan") is None  # outside an article, as before


def test_fold_is_accent_and_case_free() -> None:
    assert fold("  Élysée ") == "elysee"
    assert fold("Kyiv’s") == "kyiv's"


@pytest.fixture
def fresh_forms() -> Iterator[None]:
    countries.country_forms.cache_clear()
    yield
    countries.country_forms.cache_clear()


def test_forms_do_not_depend_on_file_order(monkeypatch: pytest.MonkeyPatch, fresh_forms: None) -> None:
    records = list(countries._country_records())
    results = []
    for ordered in (records, records[::-1]):
        monkeypatch.setattr(countries, "_country_records", lambda ordered=ordered: iter(ordered))
        countries.country_forms.cache_clear()
        results.append((country_of("Belgrade"), country_of("Serbian")))
    assert results[0] == results[1] == ("Serbia", "Serbia")


def test_sanaa_without_apostrophe() -> None:
    assert country_of("Sanaa") == "Yemen"


def test_a_capital_shared_with_a_former_state_means_the_current_one() -> None:
    # countryinfo lists Willemstad for Curaçao and for the dissolved Netherlands Antilles, neither with a population
    assert country_of("Willemstad") == "Curaçao"


@pytest.mark.parametrize(("name", "own"), [
    ("Free Syrian Army", True),
    ("Syrian Democratic Forces", True),
    ("Myanmar National Democratic Alliance Army (MNDAA)", True),
    ("Sudan People's Liberation Army", True),
    ("Sudanese Armed Forces (SAF)", False),  # a state's forces, acronym and all
    ("Armed Forces of the Democratic Republic of the Congo", False),  # the country's name runs to five words
    ("Afghan National Army", False),
    ("Israel Defense Forces", False),
    ("Russian Aerospace Forces", False),
    ("Rapid Support Forces", False),  # no country in the name at all
    ("Russian mercenary group Wagner", False),  # not a proper name: the country is its affiliation
])
def test_a_group_named_with_a_country_among_words_of_its_own_is_not_that_countrys_forces(name: str, own: bool) -> None:
    assert names_own_party(name) is own


def test_names_that_differ_only_by_the_are_one_spelling():
    chosen = most_written({"Front for the Defence of the People of Kedar": 2, "Front for Defence of People of Kedar": 1,
                           "Kedar Front": 1})
    assert chosen["Front for Defence of People of Kedar"] == "Front for the Defence of the People of Kedar"
    assert chosen["Kedar Front"] == "Kedar Front"
