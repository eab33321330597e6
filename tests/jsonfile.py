"""What a written counterclaim/1 file must look like: the document itself, with every record of a section on a
line of its own (``export.files.write_json``), so that line tools see one article, claim or event per line."""

from __future__ import annotations

import json
from typing import Any

from counterclaim.export.stream import SECTIONS


def assert_written_as(text: str, doc: dict[str, Any]) -> None:
    assert json.loads(text) == doc
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}" and text.endswith("}\n")
    records = [line.strip().rstrip(",") for line in lines if line.startswith("    ")]
    assert records == [json.dumps(r, ensure_ascii=False) for name in SECTIONS for r in doc.get(name, ())]
    assert all("\n" not in json.dumps(value) for value in doc.values() if not isinstance(value, list))
