"""Find quoted passages, whatever marks the writer (or a machine translator) used.

Marks are paired by position rather than by glyph: wire copy mixes “curly”, "straight" and «guillemet» quotes, and
machine translation often closes a «quote with ” or reuses « as a closer. A quote never runs past a paragraph break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«„‟"
CLOSERS = "”»"
STRAIGHT = '"'
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph end when unclosed)
    closed: bool
    width: int = 1  # characters in each mark: 2 for archive copy's ''double quotes''

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.width, self.end - self.width if self.closed else self.end

    def words(self, text: str) -> int:
        s, e = self.inner
        return len(text[s:e].split())

    def is_full(self, text: str) -> bool:
        """Long enough, or sentence-like enough, to be someone's words rather than a scare-quoted phrase."""
        s, e = self.inner
        inner = text[s:e].rstrip()
        return self.words(text) >= 6 or (self.words(text) >= 3 and inner[-1:] in ",.!?…")


def _role(text: str, i: int, open_mark: str | None) -> str:
    """'open', 'close' or '' for the character at i; open_mark is the mark of the quote open there, if any."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch == "«":
        return _guillemet_role(before, after, open_mark)
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    if ch == STRAIGHT and before.isspace() and after.isspace():
        # ' " All responsibility lies with them, " - said the ministry': machine translation spaces its marks out.
        # A spaced mark closes the quote that is open, else opens one if words follow on the line
        if open_mark == STRAIGHT:
            return "close"
        rest = text[i + 1:i + 40].lstrip(" \t")
        return "open" if rest[:1].isalnum() else ""
    if ch == STRAIGHT:
        return _straight_role(before, after, i)
    return ""


def _guillemet_role(before: str, after: str, open_mark: str | None) -> str:
    # «... city.« : a machine translator reused the opener as a closer
    if not before.isspace() and (after.isspace() or after in ".,;:!?"):
        return "close"
    # «... city. «. : the same, spaced out. An opener leads into words; quotes do not nest at the top level, so
    # inside a «quote a « that leads into none is its closer
    if open_mark == "«" and not after.isalnum():
        return "close"
    return "open"


def _straight_role(before: str, after: str, i: int) -> str:
    if before.isspace() or before in "([{—–-:" or i == 0:
        return "open" if not after.isspace() else ""
    # said,"We ... : speech is introduced after a comma like after a colon; a closer there would be followed by a
    # space, not by the first word. Other marks (src="x") are not speech.
    if before in ",;" and after.isalnum():
        return "open"
    return "close"


def find_quotes(text: str) -> list[Quote]:
    """All top-level quoted passages in text order. Single quotes count only in text that has no double ones
    (British style, 'like this'); beside double quotes they are apostrophes and nested quotes."""
    quotes = _double_quotes(text)
    return quotes if quotes else _single_quotes(text)


SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–:,;]))[‘'](?=[\w…])")
SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?![\w])")


def _single_quotes(text: str) -> list[Quote]:
    """Pairs of single marks within a paragraph. An apostrophe ends a word ("the soldiers' families") as a closer
    does, so of the candidates before the next opener the first after punctuation wins ('..., the soldiers' wives
    said,' he said), then the first before punctuation, then the first; an opener with no closer is no quote."""
    quotes = []
    bounds = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    for lo, hi in zip(bounds, bounds[1:]):
        paragraph = text[lo:hi]
        at = 0
        while (opener := SINGLE_OPEN.search(paragraph, at)) is not None:
            following = SINGLE_OPEN.search(paragraph, opener.end())
            stop = following.start() if following else len(paragraph)
            candidates = [m.start() for m in SINGLE_CLOSE.finditer(paragraph, opener.end(), stop)
                          if m.start() > opener.end()]
            if not candidates:
                at = opener.end()
                continue
            close = next((c for c in candidates if paragraph[c - 1] in ",.!?…—–"),
                         next((c for c in candidates if paragraph[c + 1:c + 2] in (",", ".", ";", ":", "!", "?")),
                              candidates[0]))
            quotes.append(Quote(lo + opener.start(), lo + close + 1, True))
            at = close + 1
    return quotes


def _double_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    paragraph_ends = [m.start() for m in PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    open_at: int | None = None
    width = 1
    para_index = 0
    skip_to = 0
    for i, ch in enumerate(text):
        doubled = ch == "'" and text[i:i + 2] == "''" and text[i + 2:i + 3] != "'"  # archive copy: ''A,'' he said
        if i < skip_to or not (ch in OPENERS or ch in CLOSERS or ch == STRAIGHT or doubled):
            continue
        while paragraph_ends[para_index] < i:
            if open_at is not None:  # unclosed at the paragraph end
                end = len(text[:paragraph_ends[para_index]].rstrip())
                quotes.append(Quote(open_at, end, False, width))
                open_at = None
            para_index += 1
        mark = 2 if doubled else 1
        skip_to = i + mark
        role = _straight_role(text[i - 1] if i else " ", text[i + 2:i + 3] or " ", i) if doubled else \
            _role(text, i, None if open_at is None else text[open_at])
        if open_at is None:
            if role == "open":
                open_at, width = i, mark
        elif text[open_at] == "«" and ch == STRAIGHT:
            continue  # « ... "the north is behind it" ... »: straight marks nest inside guillemets
        elif mark == width and (role == "close" or (ch in (STRAIGHT, "'") and role == "open"
                                                    and text[open_at] == ch)):
            quotes.append(Quote(open_at, i + mark, True, width))
            open_at = None
    if open_at is not None:
        while para_index < len(paragraph_ends) - 1 and paragraph_ends[para_index] < open_at:
            para_index += 1
        end = len(text[: paragraph_ends[para_index]].rstrip())
        quotes.append(Quote(open_at, end, False, width))
    return quotes


def parse_text(text: str, quotes: list[Quote]) -> str:
    """The same text with each paired mark rewritten as “ or ”, so the parser sees ordinary quotes (but for archive
    copy's doubled '' marks, which the attribution tagger was trained on as they are).

    Swaps are one character for one, so offsets into the parse text are offsets into the article.
    """
    chars = list(text)
    for q in quotes:
        if q.width == 2:  # ''A'' is left as it is: the tagger was trained on the parse of such text
            continue
        chars[q.start] = "“"
        if q.closed:
            chars[q.end - 1] = "”"
    return "".join(chars)
