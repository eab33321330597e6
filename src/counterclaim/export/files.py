"""Writing exports to disk atomically: readers never see a half-written file."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any


def write_text(text: str, path: Path) -> None:
    """Write ``text`` as UTF-8 (no newline translation) through a temp file and ``os.replace``.

    The temp file sits next to the target so that ``os.replace`` stays an atomic rename; it is
    created with ``open`` (not ``mkstemp``) so the result gets the usual umask permissions.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json(doc: dict[str, Any], path: Path) -> None:
    """Write ``doc`` as indented UTF-8 JSON, atomically."""
    write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", path)
