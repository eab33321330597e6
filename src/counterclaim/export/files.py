"""Writing exports to disk atomically: readers never see a half-written file."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import Any, TextIO

from counterclaim.export.stream import SECTIONS, DocumentStream

_JSON_CHUNKS = 4096  # encoder pieces per write: few system calls, and never the whole document in one string


@contextmanager
def _atomic(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file (no newline translation) that replaces ``path`` only once fully written and synced.

    The temp file sits next to the target so that ``os.replace`` stays an atomic rename; it is
    created with ``open`` (not ``mkstemp``) so the result gets the usual umask permissions.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(text: str, path: Path) -> None:
    """Write ``text`` as UTF-8, atomically."""
    with _atomic(path) as fh:
        fh.write(text)


def write_json(doc: dict[str, Any] | DocumentStream, path: Path) -> None:
    """Write ``doc`` (a dict, or a ``DocumentStream`` as if materialized) as indented UTF-8 JSON, atomically.

    Streamed: ``json.dumps`` would hold the whole text, and the list of its pieces, at once, which for a large
    corpus is several times the memory of the document itself. The bytes are the same as ``json.dumps`` gives
    (with an indent, both use the same pure-Python encoder).
    """
    with _atomic(path) as fh:
        if isinstance(doc, DocumentStream):
            _write_stream(doc, fh)
        else:
            _write_chunks(_ENCODER.iterencode(doc), fh)
        fh.write("\n")


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


def _write_chunks(chunks: Iterator[str], fh: TextIO) -> None:
    while part := "".join(islice(chunks, _JSON_CHUNKS)):
        fh.write(part)


def _write_stream(doc: DocumentStream, fh: TextIO) -> None:
    """The document's top-level object written key by key, each record of a section encoded alone and indented to
    its depth (JSON strings hold no raw newline, so indenting every line of a record is exact)."""
    fields = [*doc.head, *SECTIONS]
    fh.write("{")
    for n, name in enumerate(fields):
        fh.write("\n  " + json.dumps(name, ensure_ascii=False) + ": ")
        if name in doc.head:
            _write_chunks(_indented(_ENCODER.iterencode(doc.head[name]), "  "), fh)
        else:
            items = doc.section(name)
            first = next(items, None)
            if first is None:
                fh.write("[]")
            else:
                fh.write("[")
                for k, item in enumerate(chain([first], items)):
                    fh.write(",\n    " if k else "\n    ")
                    _write_chunks(_indented(_ENCODER.iterencode(item), "    "), fh)
                fh.write("\n  ]")
        fh.write("," if n < len(fields) - 1 else "")
    fh.write("\n}")


def _indented(chunks: Iterator[str], prefix: str) -> Iterator[str]:
    for chunk in chunks:
        yield chunk.replace("\n", "\n" + prefix)
