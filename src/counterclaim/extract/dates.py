"""Resolve a time phrase against the article's publication date.

dateparser does the parsing. Two things it gets wrong for news are handled first: a weekday equal to the
publication's weekday means that same day (dateparser returns the week before), and vague spans ("earlier this
week", "last summer", "last month") resolve to a week/season/month with that precision instead of None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from ..model import DateRef

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
# Any run of them, not just the first: "in early February", "since late 2022".
FILLER = re.compile(r"^((on|in|at|by|since|until|from|during|early|late|earlier|later)\s+)+", re.I)
NON_DATES = re.compile(r"^(\d+|one|two|three|\w+ly)$|\b(years?|months?|weeks?|days?) old\b", re.I)


def _weekday(phrase: str, published: date) -> date | None:
    words = re.findall(r"[a-z]+", phrase.lower())
    days = [WEEKDAYS.index(w) for w in words if w in WEEKDAYS]
    if len(days) != 1:
        return None
    back = (published.weekday() - days[0]) % 7
    if "last" in words and back == 0:
        back = 7
    if "next" in words or "coming" in words:
        return published + timedelta(days=(days[0] - published.weekday()) % 7 or 7)
    return published - timedelta(days=back)


def _relative_span(phrase: str, published: date) -> DateRef | None:
    low = phrase.lower()
    week_start = published - timedelta(days=published.weekday())
    if "this week" in low:
        return DateRef(_interval(week_start, min(published, week_start + timedelta(days=6))), "week", phrase)
    if "last week" in low:
        return DateRef(_interval(week_start - timedelta(days=7), week_start - timedelta(days=1)), "week", phrase)
    for season, (first, last) in SEASONS.items():
        if season in low:
            return DateRef(_season_interval(published, first, last, "last" in low or "previous" in low),
                           "season", phrase)
    if "last month" in low or "previous month" in low:
        month = (published.replace(day=1) - timedelta(days=1))
        return DateRef(month.strftime("%Y-%m"), "month", phrase)
    if "this month" in low:
        return DateRef(published.strftime("%Y-%m"), "month", phrase)
    if "last year" in low:
        return DateRef(str(published.year - 1), "year", phrase)
    if "this year" in low:
        return DateRef(str(published.year), "year", phrase)
    return None


def _interval(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def _season_interval(published: date, first: int, last: int, past: bool) -> str:
    """ISO interval of the season meant: 'last summer' is the latest summer already over by publication."""
    year = published.year
    while True:
        start = date(year, first, 1)
        end_year = year + 1 if last < first else year
        end = date(end_year, last % 12 + 1, 1) - timedelta(days=1)
        if (end < published) if past else (start <= published or year < published.year):
            return f"{start.strftime('%Y-%m')}/{end.strftime('%Y-%m')}"
        year -= 1


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, published: date | None) -> DateRef:
    """A DateRef for phrase ('on Friday', 'by the evening of January 12', 'earlier this week')."""
    phrase = phrase.strip()
    if published is None:
        return DateRef(None, "unknown", phrase)
    if phrase.lower() in ("today", "this morning", "tonight", "this evening", "this afternoon"):
        return DateRef(published.isoformat(), "day", phrase)
    if phrase.lower() == "yesterday" or phrase.lower().startswith("yesterday"):
        return DateRef((published - timedelta(days=1)).isoformat(), "day", phrase)
    day = _weekday(phrase, published)
    if day is not None:
        return DateRef(day.isoformat(), "day", phrase)
    vague = _relative_span(phrase, published)
    if vague is not None:
        return vague
    core = FILLER.sub("", phrase)
    core = re.sub(r"^(the\s+)?(morning|evening|night|afternoon)\s+of\s+", "", core, flags=re.I)
    if re.fullmatch(r"(1[89]|20)\d\d", core):
        return DateRef(core, "year", phrase)
    if NON_DATES.search(core):
        return DateRef(None, "unknown", phrase)
    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day, 12), "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(core, languages=["en"], settings=settings)
    if parsed is None:
        return DateRef(None, "unknown", phrase)
    if re.search(r"\bago\b", core, re.I):
        return _counted_back(parsed, core, phrase)
    if re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", core):
        return DateRef(parsed.date().isoformat(), "day", phrase)
    if re.search(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b",
                 core, re.I):
        return DateRef(parsed.strftime("%Y-%m"), "month", phrase)
    if re.fullmatch(r"\d{4}", core):
        return DateRef(core, "year", phrase)
    return DateRef(parsed.date().isoformat(), "day", phrase)


def _counted_back(parsed: datetime, core: str, phrase: str) -> DateRef:
    """'three days ago' is a day, but 'two months ago' only a month and 'a year ago' a year: a count back is as
    precise as its finest unit (dateparser also lands month counts on the first, from PREFER_DAY_OF_MONTH)."""
    units = set(re.findall(r"\b(year|month|week|day|hour|minute)s?\b", core.lower()))
    if units and units <= {"year", "month"}:
        if "month" in units:
            return DateRef(parsed.strftime("%Y-%m"), "month", phrase)
        return DateRef(str(parsed.year), "year", phrase)
    return DateRef(parsed.date().isoformat(), "day", phrase)
