"""A plain-text report's headline: its first line, when that line stands alone (or above a byline, a masthead or
a stamp) and reads as a headline.

Pasted copy and JSONL feeds often carry the headline as the text's first paragraph and no title field; a user
listing reports wants it as the title. A first line that is a sentence (it ends in a full stop), a byline, a
dateline, a date or a liveblog stamp is not one.
"""

from __future__ import annotations

import re

from .dateline import LIVE_STAMP, WIRE_DATELINE, dateline_date

MAX_WORDS = 25
_FIRST_LINE = re.compile(r"\A\s*(?P<line>[^\n]+?)[ \t]*\n(?P<next>[^\n]*)")
_NOT_A_HEADLINE = re.compile(r"^(?:By|Posted|Published|Updated|Photo|Image|Video|Listen|Watch)\b[\s:]", re.I)
# what may sit right under a headline, with no blank line between: a byline, a masthead's fields, a stamp
_FURNITURE = re.compile(r"\s*(?:(?:By|Posted|Published|Updated)\b|[^\n|]{2,60}\|)")
_SENTENCE_END = re.compile(r"[.,;:]['\"’”»]?$")


def headline_of(text: str) -> str | None:
    """The first line of ``text`` if it is a headline of its own ('M23 rebels advance toward Goma'), else None."""
    found = _FIRST_LINE.match(text)
    if found is None or found["next"].strip() and not _FURNITURE.match(found["next"]):
        return None
    line = found["line"].strip()
    words = line.split()
    if not 2 <= len(words) <= MAX_WORDS or _SENTENCE_END.search(line) or _NOT_A_HEADLINE.match(line) \
            or _FURNITURE.match(line):  # "CENTRAL ASIA MONITOR | Live report": a masthead
        return None
    if WIRE_DATELINE.match(line) or LIVE_STAMP.match(line) or dateline_date(line, titled=False) \
            or not line[:1].isupper() \
            and not line[:1].isdigit() and line[:1] not in "\"“‘'«":
        return None
    return line
