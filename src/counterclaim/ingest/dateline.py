"""Publication dates read from the text itself, for plain-text reports that come with no metadata.

Wire copy opens with a dateline ("GOMA, Feb. 9, 2024 —", "KHARTOUM, 12 May 2024 (Reuters) -", in translated
copy "Khartoum - 3 May 2025 -"), and pasted web
pages keep a "Published 12 May 2024" line. Only those shapes near the top are read: a date anywhere else in the
text is about the events, not the report.
"""

from __future__ import annotations

import re
from datetime import date

import dateparser

_HEAD_CHARS = 600
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_NUMERIC = r"\d{1,2}[./]\d{1,2}[./]\d{4}"  # "16.09.2026", "22/05/2025": read day first, as the world but the US does
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_NUMERIC})"
# letters beyond ASCII too: "Bogotá", "São Tomé", "Ürümqi"
_UPPER, _LETTER = "A-ZÀ-ÖØ-Þ", "A-Za-zÀ-ÖØ-öø-ɏ"
_PLACE = rf"[{_UPPER}][{_LETTER}'’.\-/ ]{{1,40}}(?:,\s*[{_UPPER}][{_LETTER}'’. ]{{1,30}})?"
_DATELINE = re.compile(
    rf"^\s*{_PLACE}\s*(?:\([^)\n]{{1,30}}\)\s*)?(?:[,:]|\s[—–-])\s*(?P<date>{_DATE})\s*"
    rf"(?:(?:\([^)\n]{{1,30}}\)\s*)?[—–-]|\.\s*/[^/\n]{{1,30}}/)",
    re.MULTILINE)
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"  # "18:42", "9.30am"
_TIME = rf"(?:{_CLOCK}\s*(?:[A-Z]{{2,4}}|local time)?,?\s+)?"  # "18:42 GMT, ", "06:00 local time, " before a date
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_STAMP = re.compile(
    # at a line's start or after a masthead's bar: "Monitor - Live coverage | Updated 2025-11-08 21:40 EST"
    rf"^(?:[^\n|]{{0,80}}(?:\||\s[—–-]))?\s*(?:Published|Posted|Updated|Date|Dated)\s*(?:on|the)?\s*:?\s*{_TIME}"
    rf"(?:{_WEEKDAY},?\s+)?(?P<date>{_DATE})",
    re.MULTILINE | re.IGNORECASE)
# A date on a line of its own, or closing a byline ("By Ana Ruiz | March 9, 2024"), or a field of a masthead
# ("Bamako bureau | Tuesday, 16 September 2025 | Last updated 21:05 GMT", "Caucasus Desk Live – Saturday, September
# 12, 2026"), near the top
_ALONE = re.compile(
    rf"^[ \t]*(?:By\s[^\n]{{1,60}}?[|,·•–—-]\s*|(?:[^\n|]{{1,60}}\|\s*){{1,3}}|[^\n|]{{1,60}}?\s[–—-]\s*)?"
    rf"(?:[A-Z][a-z]+day,?\s+)?(?P<date>{_DATE})"
    rf"(?:,?[ \t]*{_CLOCK}(?:[ \t]*[A-Z]{{2,4}})?)?[ \t]*(?:$|\|)", re.MULTILINE)  # "..., 18:40 GMT"
# A first line that closes on its date: "Russian Offensive Campaign Assessment, October 9, 2025"
_TITLED = re.compile(rf"\A[ \t]*[^\n]{{3,160}}?,[ \t]*(?P<date>{_DATE})[ \t]*$", re.MULTILINE)
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
# Any wire dateline, dated or not: "KYIV (Reuters) -", "ADDIS ABABA, Nov 4 (Wire) -", "GOMA, Congo, Feb. 9, 2024 —",
# "KABUL/ISLAMABAD, Dec 25, 2024 -" (two bureaus),
# "MOSCOW, October 14. /Agency/.": a capitalised place at the start of a paragraph, perhaps a country, a date and an
# agency, then a dash, or a full stop and the agency between slashes.
_WIRE_DATE = r",\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s*\d{4})?"
WIRE_DATELINE = re.compile(rf"(?m)^[ \t]*(?:[{_UPPER}][{_UPPER}'’.\-/ ]{{1,40}}"
                           rf"(?:,\s*[{_UPPER}][{_LETTER}'’. ]{{1,30}})?"
                           rf"(?:{_WIRE_DATE})?"
                           # a title-case place only with a date: "Gaza City, August 10, 2024 (Desk) -"
                           rf"|[{_UPPER}][a-zß-öø-ÿ'’\-]+(?:[\s/][{_UPPER}][a-zß-öø-ÿ'’\-]+){{0,3}}"
                           rf"(?:,\s*[{_UPPER}][{_LETTER}'’. ]{{1,30}})?{_WIRE_DATE})"
                           r"(?:\s*(?:\((?P<agency>[^)\n]{1,30})\)\s*)?[—–-]{1,2}|\.\s*/(?P<slashed>[^/\n]{1,30})/\.?)"
                           r"\s+(?=[A-Z“\"«‘'])")
# A liveblog entry's time stamp opening a line ("17:55 GMT – ", "9.30am – "): its heading follows
LIVE_STAMP = re.compile(rf"(?m)^[ \t]*{_CLOCK}(?:\s+[A-Z]{{2,4}})?[ \t]*[–—-][ \t]+(?=\S)")
# A bulletin entry's date opening its line ("- Thursday, 23 Oct: Police say..."): no speaker's name
LEADING_DATE = re.compile(rf"[-•*\s]*{_WEEKDAY},?\s+\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?\s*:?\s*")
# A liveblog entry's time stamp on a line of its own ("07:48 GMT"), its entry on the lines below
STAMP_LINE = re.compile(rf"(?m)^[ \t]*{_CLOCK}(?:[ \t]+[A-Z]{{2,4}})?[ \t]*$")
# A time stamp opening a phrase, dash or not ("13:20 GMT" on a liveblog entry's line of its own)
LEADING_CLOCK = re.compile(rf"[ \t]*{_CLOCK}(?:[ \t]+[A-Z]{{2,4}}\b)?[ \t]*(?:[–—-]|\n|$)\s*")


def dateline_date(text: str, titled: bool = True) -> date | None:
    """The date of a dateline, a "Published ..." line or a date line of its own in the first lines of ``text``, or
    of a first line that closes on one."""
    head = text[:_HEAD_CHARS]
    for pattern in (_DATELINE, _STAMP, _ALONE, _TITLED) if titled else (_DATELINE, _STAMP, _ALONE):
        found = pattern.search(head)
        if found:
            parsed = _parsed(found.group("date"))
            if parsed is not None:
                return parsed
    return None


def _parsed(text: str) -> date | None:
    numeric = re.fullmatch(r"(\d{1,2})([./])(\d{1,2})[./](\d{4})", text)
    if numeric:
        first, mark, second, year = int(numeric[1]), numeric[2], int(numeric[3]), int(numeric[4])
        if mark == "/" and first <= 12 and second <= 12 and first != second:
            return None  # "05/06/2025": 5 June or May 6, by the outlet's country, which the text does not say
        day, month = (second, first) if mark == "/" and second > 12 else (first, second)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    return parsed.date() if parsed is not None else None


def dateline_agency(text: str) -> str | None:
    """The agency a wire dateline names ("KYIV (Reuters) -"), the outlet where metadata lacks one."""
    found = WIRE_DATELINE.search(text[:_HEAD_CHARS])
    agency = found and (found["agency"] or found["slashed"])
    return agency.strip() if agency else None


def dateline_places(text: str) -> list[str]:
    """The places a wire dateline names, city first: "PESHAWAR, Pakistan, Oct 11 (Wire) -" -> PESHAWAR, Pakistan."""
    found = WIRE_DATELINE.search(text[:_HEAD_CHARS])
    if not found:
        return []
    head = re.split(r"\s*[(—–]|\s-|\.\s*/|,\s*\d|,\s*[A-Z][a-z]{2,8}\.?\s+\d", found.group(0).strip())[0]
    return [p.strip(" .") for part in head.split(",") for p in part.split("/") if p.strip(" .")]
