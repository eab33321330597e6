"""Writing exports to disk atomically: readers never see a half-written file."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

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


def write_json(doc: dict[str, Any], path: Path) -> None:
    """Write ``doc`` as indented UTF-8 JSON, atomically.

    Streamed: ``json.dumps`` would hold the whole text, and the list of its pieces, at once, which for a large
    corpus is several times the memory of the document itself. The bytes are the same as ``json.dumps`` gives
    (with an indent, both use the same pure-Python encoder).
    """
    chunks = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc)
    with _atomic(path) as fh:
        while part := "".join(islice(chunks, _JSON_CHUNKS)):
            fh.write(part)
        fh.write("\n")
