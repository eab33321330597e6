"""Compare an export of the bundled sample corpus with its gold annotation (tests/fixtures/sample_gold.json)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

GOLD = Path(__file__).parent / "fixtures" / "sample_gold.json"


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'")
    return " ".join(text.lower().split())


def load_gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def doc_key(article: dict) -> str:
    """Gold names JSONL records by id and files by file name."""
    return article["source"].rsplit("/", 1)[-1]


def align(export: dict, gold: dict) -> list[tuple[dict, dict | None]]:
    """Each gold attribution with the predicted attribution whose content holds its first words (or None)."""
    by_doc: dict[str, list[dict]] = {}
    keys = {a["id"]: doc_key(a) for a in export["articles"]}
    for attribution in export["attributions"]:
        by_doc.setdefault(keys[attribution["article"]], []).append(attribution)
    pairs = []
    used: set[str] = set()
    for item in gold["attributions"]:
        start = _fold(item["content_start"])
        match = next((a for a in by_doc.get(item["doc"], []) if a["id"] not in used and any(
            start in _fold(f["text"]) for f in a.get("content_fragments") or [a["content"]])), None)
        if match:
            used.add(match["id"])
        pairs.append((item, match))
    return pairs


def speaker_of(export: dict, attribution: dict) -> dict | None:
    entity_id = (attribution.get("source") or {}).get("entity")
    return next((e for e in export["entities"] if e["id"] == entity_id), None)


def same_name(gold_name: str | None, entity: dict | None) -> bool:
    if entity is None:
        return gold_name is None
    if gold_name is None:
        return False
    names = [entity["name"], *entity.get("aliases", [])]
    g = _fold(gold_name)
    return any(g in _fold(n) or _fold(n) in g for n in names if _fold(n))


def same_side(gold_side: str | None, entity: dict | None) -> bool:
    side = (entity or {}).get("side")
    if gold_side is None or side is None:
        return gold_side is None and side is None
    g, s = _fold(gold_side), _fold(side)
    return g in s or s in g
