"""Time phrases resolved against the publication date: weekdays, vague spans, seasons, months, absolute days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from counterclaim.extract.dates import resolve_date
from counterclaim.model import DateRef

FRIDAY = date(2024, 3, 8)  # a Friday
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def resolved(phrase: str, published: date | None = FRIDAY) -> tuple[str | None, str]:
    ref = resolve_date(phrase, published)
    return ref.value, ref.precision


def test_friday_fixture_is_a_friday() -> None:
    assert FRIDAY.strftime("%A") == "Friday"


# --- weekdays ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", range(7))
@pytest.mark.parametrize("form", ["on {day}", "{day}", "late on {day}", "on {day} evening"])
def test_weekday_equal_to_publication_weekday_is_that_day(offset: int, form: str) -> None:
    published = date(2024, 3, 4) + timedelta(days=offset)  # Monday 4 March .. Sunday 10 March
    phrase = form.format(day=published.strftime("%A"))
    assert resolved(phrase, published) == (published.isoformat(), "day")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("on Thursday", "2024-03-07"),
    ("on Wednesday", "2024-03-06"),
    ("on Monday", "2024-03-04"),
    ("on Sunday night", "2024-03-03"),
    ("on Saturday", "2024-03-02"),
    ("in the early hours of Tuesday", "2024-03-05"),
    ("Thursday's", "2024-03-07"),
])
def test_other_weekdays_are_the_most_recent_past_one(phrase: str, expected: str) -> None:
    assert resolved(phrase) == (expected, "day")


def test_last_weekday_on_that_weekday_is_a_week_before() -> None:
    assert resolved("last Friday") == ("2024-03-01", "day")
    assert resolved("last Friday night") == ("2024-03-01", "day")


def test_last_weekday_on_another_weekday_is_the_most_recent() -> None:
    assert resolved("last Wednesday") == ("2024-03-06", "day")


def test_next_weekday_is_in_the_future() -> None:
    assert resolved("next Monday") == ("2024-03-11", "day")
    assert resolved("next Friday") == ("2024-03-15", "day")


# --- weeks, months, seasons, years ------------------------------------------------------------------------------


def test_earlier_this_week_is_a_week_interval_up_to_publication() -> None:
    assert resolved("earlier this week") == ("2024-03-04/2024-03-08", "week")
    assert resolved("this week") == ("2024-03-04/2024-03-08", "week")


def test_earlier_this_week_on_a_monday_is_just_that_day() -> None:
    assert resolved("earlier this week", date(2024, 3, 4)) == ("2024-03-04/2024-03-04", "week")


def test_last_week_is_the_previous_monday_to_sunday() -> None:
    assert resolved("last week") == ("2024-02-26/2024-03-03", "week")
    assert resolved("late last week", date(2024, 1, 3)) == ("2023-12-25/2023-12-31", "week")


@pytest.mark.parametrize(("published", "expected"), [
    (date(2024, 4, 15), "2023-06/2023-08"),  # spring: last summer was the previous year's
    (date(2024, 10, 20), "2024-06/2024-08"),  # autumn: last summer is the one just over
    (date(2024, 7, 15), "2023-06/2023-08"),  # during summer: the previous one
    (date(2024, 9, 1), "2024-06/2024-08"),
])
def test_last_summer(published: date, expected: str) -> None:
    assert resolved("last summer", published) == (expected, "season")


def test_last_winter_spans_the_year_end() -> None:
    assert resolved("last winter", date(2024, 4, 15)) == ("2023-12/2024-02", "season")
    assert resolved("last winter", date(2024, 1, 10)) == ("2022-12/2023-02", "season")


@pytest.mark.parametrize("phrase", ["last autumn", "last fall"])
def test_autumn_and_fall_are_the_same_season(phrase: str) -> None:
    assert resolved(phrase, date(2024, 4, 15)) == ("2023-09/2023-11", "season")


def test_season_without_last_is_the_current_or_latest_one() -> None:
    assert resolved("in the spring", date(2024, 4, 15)) == ("2024-03/2024-05", "season")
    assert resolved("this summer", date(2024, 10, 20)) == ("2024-06/2024-08", "season")


@pytest.mark.parametrize(("published", "expected"), [
    (FRIDAY, "2024-02"),
    (date(2024, 1, 15), "2023-12"),  # across the year boundary
    (date(2024, 3, 31), "2024-02"),
])
def test_last_month(published: date, expected: str) -> None:
    assert resolved("last month", published) == (expected, "month")
    assert resolved("late last month", published) == (expected, "month")


def test_this_month_and_years() -> None:
    assert resolved("earlier this month") == ("2024-03", "month")
    assert resolved("last year") == ("2023", "year")
    assert resolved("earlier this year") == ("2024", "year")
    assert resolved("in 2022") == ("2022", "year")


# --- absolute and counted days ----------------------------------------------------------------------------------


def test_by_the_evening_of_a_date() -> None:
    assert resolved("by the evening of March 3") == ("2024-03-03", "day")
    assert resolved("on the night of March 2") == ("2024-03-02", "day")


@pytest.mark.parametrize(("published", "expected"), [
    (FRIDAY, "2023-05-09"),  # 9 May has not come yet in March 2024: the past one
    (date(2024, 6, 1), "2024-05-09"),
    (date(2024, 5, 9), "2024-05-09"),
])
def test_on_may_9_lands_in_the_right_year(published: date, expected: str) -> None:
    assert resolved("on May 9", published) == (expected, "day")
    assert resolved("on 9 May", published) == (expected, "day")


def test_explicit_year_wins() -> None:
    assert resolved("on February 24, 2022") == ("2022-02-24", "day")
    assert resolved("in February 2022") == ("2022-02", "month")


def test_month_name_alone_is_month_precision() -> None:
    assert resolved("in March") == ("2024-03", "month")


def test_date_across_year_boundary() -> None:
    assert resolved("on December 30", date(2024, 1, 3)) == ("2023-12-30", "day")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("three days ago", "2024-03-05"),
    ("3 days ago", "2024-03-05"),
    ("four days ago", "2024-03-04"),
    ("a week ago", "2024-03-01"),
    ("two weeks ago", "2024-02-23"),
])
def test_counted_days_ago(phrase: str, expected: str) -> None:
    assert resolved(phrase) == (expected, "day")


def test_three_days_ago_across_month_boundary() -> None:
    assert resolved("three days ago", date(2024, 3, 1)) == ("2024-02-27", "day")


def test_months_ago_is_not_the_first_of_the_month() -> None:
    assert resolved("two months ago") in {("2024-01-08", "day"), ("2024-01", "month")}


@pytest.mark.parametrize("phrase", ["today", "this morning", "tonight"])
def test_today_forms(phrase: str) -> None:
    assert resolved(phrase) == ("2024-03-08", "day")


@pytest.mark.parametrize("phrase", ["yesterday", "yesterday afternoon", "last night"])
def test_yesterday_forms(phrase: str) -> None:
    assert resolved(phrase) == ("2024-03-07", "day")


def test_in_early_month() -> None:
    assert resolved("in early February") == ("2024-02", "month")


# --- nothing to resolve -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["on Friday", "last summer", "three days ago", "on May 9", "last month"])
def test_no_publication_date_gives_no_value(phrase: str) -> None:
    ref = resolve_date(phrase, None)
    assert ref == DateRef(None, "unknown", phrase)


@pytest.mark.parametrize("phrase", ["flurbish quantocks", "three", "recently", "five years old",
                                    "on the eve of the talks", "weeks ago", ""])
def test_garbage_gives_no_value(phrase: str) -> None:
    assert resolved(phrase) == (None, "unknown")


def test_phrase_text_is_kept_stripped() -> None:
    ref = resolve_date("  on Thursday ", FRIDAY)
    assert ref.text == "on Thursday"
    assert ref.value == "2024-03-07"
