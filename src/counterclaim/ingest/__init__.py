"""The ingest stage: files, directories and JSONL batches in; ``Article`` or ``InputError`` out.

Bad input never raises: each unreadable file or record becomes an ``InputError`` and the rest
of the batch goes on, because one broken file should not cost a user a whole corpus run.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from counterclaim.ingest.article import build_article
from counterclaim.ingest.dateline import dateline_date
from counterclaim.ingest.headline import headline_of
from counterclaim.ingest.decode import Rejected, decode, normalise_text, read_capped
from counterclaim.ingest.html import article_from_html
from counterclaim.ingest.jsonl import iter_jsonl
from counterclaim.model import Article, InputError

__all__ = ["iter_inputs", "normalise_text"]

_HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(rb"\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_DIRECTORY_SUFFIXES = (".txt", ".jsonl", *_HTML_SUFFIXES)


def iter_inputs(
    paths: Iterable[str | Path] | str | Path,
    published: date | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Article | InputError]:
    """Lazily read every path: files by extension, directories recursively in sorted order.

    ``published`` is the date to assume when a document carries none of its own. A file named
    explicitly with an unknown extension is read as plain text; inside directories only
    .txt, .html, .htm and .jsonl files are taken, and hidden entries are skipped. A lone path
    is accepted too, since a bare string would otherwise be iterated character by character.
    """
    for given in [paths] if isinstance(paths, (str, Path)) else paths:
        path = os.fspath(given)
        files = _walk(path) if os.path.isdir(path) else iter([path])
        for found in files:
            if isinstance(found, InputError):
                yield found
            else:
                yield from _read_file(found, published, max_bytes)


def _walk(root: str) -> Iterator[str | InputError]:
    """Supported files under ``root`` in name order, as ``root``-prefixed paths.

    Symlinked directories are not followed (no loops); hidden entries such as ``.git`` or
    macOS ``._name`` resource files are skipped, since they are never articles.
    """
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(root, _os_reason(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif entry.name.lower().endswith(_DIRECTORY_SUFFIXES) and entry.is_file():
            yield entry.path


def _read_file(path: str, published: date | None, max_bytes: int) -> Iterator[Article | InputError]:
    """Read one file by its extension; anything not JSONL or HTML is tried as plain text."""
    suffix = os.path.splitext(path)[1].lower()
    try:
        if suffix == ".jsonl":
            yield from iter_jsonl(path, published, max_bytes)
            return
        data = read_capped(path, max_bytes)
        if suffix in _HTML_SUFFIXES or _HTML_START.match(data[:512]):  # a page saved under another name
            yield article_from_html(data, path, published)
            return
        text = normalise_text(decode(data))
        if not text:
            raise Rejected("empty document")
        yield build_article(text, path, dateline_date(text) or published, title=headline_of(text))
    except Rejected as error:
        yield InputError(path, str(error))
    except OSError as error:
        yield InputError(path, _os_reason(error))


def _os_reason(error: OSError) -> str:
    """A short lower-case reason for an OS error, without the path the caller already shows."""
    if error.errno == errno.ENOENT:
        return "no such file or directory"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (error.strerror or str(error)).lower()
