"""JSONL batches: one record per line, streamed, each bad line reported and skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from counterclaim.ingest.article import build_article, clean, parse_date
from counterclaim.ingest.dateline import dateline_date
from counterclaim.ingest.headline import headline_of
from counterclaim.ingest.decode import (
    SNIFF_BYTES, Rejected, decode, looks_binary, normalise_text, too_large,
)
from counterclaim.model import Article, InputError

_SKIP_CHUNK = 1 << 20
_UTF8_BOM = b"\xef\xbb\xbf"
_TEXT_FIELDS = ("url", "outlet", "title")
_JSON_TYPES = {
    bool: "boolean", int: "integer", float: "non-integer number",
    str: "string", list: "array", dict: "object",
}


def iter_jsonl(path: str, published: date | None, max_bytes: int) -> Iterator[Article | InputError]:
    """Yield one result per non-blank line, never holding more than one line in memory.

    A line longer than ``max_bytes`` is skipped in chunks, so the file itself may be any size.
    Blank lines are skipped; a file with no records at all is an empty document.
    """
    with open(path, "rb") as handle:
        if looks_binary(handle.read(SNIFF_BYTES)):
            raise Rejected("binary file, not text")
        handle.seek(0)
        number = 0
        empty = True
        while line := handle.readline(max_bytes + 1):
            number += 1
            where = f"{path}:{number}"
            if len(line) > max_bytes:
                empty = False
                size = len(line)
                while not line.endswith(b"\n") and (line := handle.readline(_SKIP_CHUNK)):
                    size += len(line)
                yield InputError(where, too_large(size, max_bytes))
                continue
            if number == 1:
                line = line.removeprefix(_UTF8_BOM)
            if not line.strip():
                continue
            empty = False
            try:
                yield _parse_line(line, where, published)
            except Rejected as error:
                yield InputError(where, str(error))
    if empty:
        raise Rejected("empty document")


def _parse_line(line: bytes, where: str, published: date | None) -> Article:
    """One non-blank line to an Article."""
    try:
        record = json.loads(decode(line).rstrip("\r\n"))  # keep the column count on this line
    except json.JSONDecodeError as error:
        raise Rejected(f"invalid JSON: {error.msg} (column {error.colno})") from None
    except (ValueError, RecursionError) as error:  # e.g. huge integers, very deep nesting
        raise Rejected(f"invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise Rejected(f"record is a JSON {_json_type(record)}, not an object")
    return _article_from_record(record, where, published)


def _article_from_record(record: dict[str, Any], where: str, published: date | None) -> Article:
    """Validate the record's fields; the source is its id, else its url, else ``path:line``."""
    text = record.get("text")
    text = normalise_text(text) if isinstance(text, str) else ""
    if not text:
        raise Rejected("record has no text")
    record_id = record.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int, type(None))):
        raise Rejected(f"field 'id' must be a string or integer, not {_json_type(record_id)}")
    for name in _TEXT_FIELDS:
        if not isinstance(record.get(name), (str, type(None))):
            raise Rejected(f"field '{name}' must be a string, not {_json_type(record[name])}")
    article_id = clean(None if record_id is None else str(record_id))
    url = clean(record.get("url"))
    return build_article(
        text,
        article_id or url or where,
        _record_date(record.get("published"), None) or dateline_date(text) or published,
        article_id=article_id,
        outlet=record.get("outlet"),
        title=clean(record.get("title")) or headline_of(text),
        url=url,
        origin=where,
    )


def _record_date(value: Any, default: date | None) -> date | None:
    """The record's own date wins; a blank one means absent, an unreadable one is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    found = parse_date(value) if isinstance(value, str) else None
    if found is None:
        raise Rejected(f"unparseable published date: {json.dumps(value)[:40]}")
    return found


def _json_type(value: Any) -> str:
    """Name a value's type as JSON calls it, since that is what the user wrote."""
    return _JSON_TYPES.get(type(value), type(value).__name__)
