"""Check a document against the counterclaim/1 contract.

The JSON Schema fixes the shape; the checks here cover what it cannot express and what the
store relies on: offsets really point at the quoted text, ids are unique, and every id a
record refers to exists in the same document (the store enforces these as foreign keys).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

_ID_SECTIONS = ("articles", "entities", "attributions", "events", "places", "propositions", "stories")


@cache
def _validator() -> Draft202012Validator:
    raw = resources.files("counterclaim").joinpath("schema/counterclaim-1.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(raw))


def _pointer(path: Any) -> str:
    return "/" + "/".join(str(p) for p in path)


def _check_span(errors: list[str], where: str, span: dict[str, Any], text: str) -> None:
    start, end = span["start"], span["end"]
    if not 0 <= start <= end <= len(text):
        errors.append(f"{where}: offsets [{start}, {end}) outside the article text (length {len(text)})")
    elif span.get("text") is not None and text[start:end] != span["text"]:
        errors.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, span says {span['text']!r}")


def _check_ref(errors: list[str], where: str, ref: str | None, known: set[str], kind: str) -> None:
    if ref is not None and ref not in known:
        errors.append(f"{where}: unknown {kind} id {ref!r}")


def _invariants(doc: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    for section in _ID_SECTIONS:
        for dup, n in Counter(item["id"] for item in doc[section]).items():
            if n > 1:
                errors.append(f"/{section}: id {dup!r} occurs {n} times")

    texts: dict[str, str] = {}
    for i, article in enumerate(doc["articles"]):
        text = article.get("text")
        if not isinstance(text, str):
            continue  # text is an optional extra field; without it offsets cannot be checked
        texts[article["id"]] = text
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != article["text_sha256"]:
            errors.append(f"/articles/{i}/text_sha256: does not match the sha256 of the article text")
        for j, note in enumerate(article.get("verification_notes", [])):
            _check_span(errors, f"/articles/{i}/verification_notes/{j}/span", note["span"], text)

    articles = {a["id"] for a in doc["articles"]}
    entities = {e["id"] for e in doc["entities"]}
    attributions = {a["id"] for a in doc["attributions"]}

    for i, entity in enumerate(doc["entities"]):
        _check_ref(errors, f"/entities/{i}/affiliation", entity.get("affiliation"), entities, "entity")
        for j, mention in enumerate(entity.get("mentions", [])):
            where = f"/entities/{i}/mentions/{j}"
            _check_ref(errors, where, mention["article"], articles, "article")
            if mention["article"] in texts:
                _check_span(errors, where, mention, texts[mention["article"]])

    for i, attribution in enumerate(doc["attributions"]):
        where = f"/attributions/{i}"
        _check_ref(errors, f"{where}/article", attribution["article"], articles, "article")
        _check_ref(errors, f"{where}/via", attribution.get("via"), entities, "entity")
        source = attribution["source"]
        if source is not None:
            _check_ref(errors, f"{where}/source/entity", source.get("entity"), entities, "entity")
        text = texts.get(attribution["article"])
        if text is None:
            continue
        spans = [("source", source), ("cue", attribution["cue"]), ("content", attribution["content"])]
        spans += [(f"content_fragments/{k}", s) for k, s in enumerate(attribution.get("content_fragments", []))]
        date = attribution.get("date") or {}
        if date.get("start") is not None and date.get("end") is not None:
            spans.append(("date", date))
        for name, span in spans:
            if span is not None:
                _check_span(errors, f"{where}/{name}", span, text)

    for i, event in enumerate(doc["events"]):
        _check_ref(errors, f"/events/{i}/article", event["article"], articles, "article")
        if event["article"] in texts:
            _check_span(errors, f"/events/{i}/span", event["span"], texts[event["article"]])
    for i, story in enumerate(doc["stories"]):
        for j, article_id in enumerate(story["articles"]):
            _check_ref(errors, f"/stories/{i}/articles/{j}", article_id, articles, "article")
    for i, proposition in enumerate(doc["propositions"]):
        for j, stance in enumerate(proposition["stances"]):
            where = f"/propositions/{i}/stances/{j}"
            _check_ref(errors, f"{where}/entity", stance["entity"], entities, "entity")
            _check_ref(errors, f"{where}/attribution", stance.get("attribution"), attributions, "attribution")
            _check_ref(errors, f"{where}/article", stance.get("article"), articles, "article")
    return errors


def validate_document(doc: dict[str, Any]) -> list[str]:
    """Human-readable problems with ``doc``; empty when it is a valid counterclaim/1 document.

    Schema errors come first and alone: the other checks assume the schema's shape.
    """
    schema_errors = sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.path)))
    if schema_errors:
        return [f"{_pointer(e.path)}: {e.message}" for e in schema_errors]
    return _invariants(doc)
