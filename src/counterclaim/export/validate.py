"""Check a document against the counterclaim/1 contract.

The JSON Schema fixes the shape; the checks here cover what it cannot express and what the
store relies on: offsets really point at the quoted text, ids are unique, and every id a
record refers to exists in the same document (the store enforces these as foreign keys).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Container
from functools import cache
from importlib import resources
from itertools import chain
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

from counterclaim.export.stream import SECTIONS, Document, article_at, corpus_wide, event_groups, groups


@cache
def _schema() -> dict[str, Any]:
    return json.loads(resources.files("counterclaim").joinpath("schema/counterclaim-1.schema.json").read_text("utf-8"))


@cache
def _validator() -> Draft202012Validator:
    """The reference validator, whose messages name the path; slow (about 6 ms per article)."""
    return Draft202012Validator(_schema())


@cache
def _fast_check() -> Any:
    """jsonschema-rs, a hundred times faster, answers whether a part is valid; only a part it rejects is walked
    again by the reference validator for the messages (and that one's verdict is the one that counts)."""
    return jsonschema_rs.Draft202012Validator(_schema())


def _pointer(path: Any) -> str:
    return "/" + "/".join(str(p) for p in path)


def _check_span(errors: list[str], where: str, span: dict[str, Any], text: str) -> None:
    start, end = span["start"], span["end"]
    if not 0 <= start <= end <= len(text):
        errors.append(f"{where}: offsets [{start}, {end}) outside the article text (length {len(text)})")
    elif span.get("text") is not None and text[start:end] != span["text"]:
        errors.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, span says {span['text']!r}")


def _check_ref(errors: list[str], where: str, ref: str | None, known: Container[str], kind: str) -> None:
    if ref is not None and ref not in known:
        errors.append(f"{where}: unknown {kind} id {ref!r}")


def _invariants(doc: Document) -> list[str]:
    """The checks after the schema's, walking the per-article sections a group at a time: each offset is checked
    while its article's text is at hand, and only ids are kept across groups."""
    errors: list[str] = []
    wide = corpus_wide(doc)
    entities = {e["id"] for e in wide["entities"]}
    # the spans of corpus-wide records, by article, checked when that article's text comes by
    waiting: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for i, entity in enumerate(wide["entities"]):
        _check_ref(errors, f"/entities/{i}/affiliation", entity.get("affiliation"), entities, "entity")
        for j, mention in enumerate(entity.get("mentions", [])):
            waiting[mention["article"]].append((f"/entities/{i}/mentions/{j}", mention))

    ids: dict[str, Counter[str]] = {section: Counter() for section in SECTIONS}
    for section in SECTIONS:
        ids[section].update(item["id"] for item in wide[section])
    # (where, article id) of attributions naming an article not seen yet, checked once all are known
    named_articles: list[tuple[str, str]] = []
    position: dict[str, int] = {}  # article id -> where it is, to find its text again for its events
    i = j = 0
    for articles, attributions in groups(doc):
        texts: dict[str, str] = {}
        for article in articles:
            ids["articles"][article["id"]] += 1
            position.setdefault(article["id"], i)
            text = article.get("text")
            if isinstance(text, str):  # text is an optional extra field; without it offsets cannot be checked
                texts[article["id"]] = text
                if hashlib.sha256(text.encode("utf-8")).hexdigest() != article["text_sha256"]:
                    errors.append(f"/articles/{i}/text_sha256: does not match the sha256 of the article text")
                for k, note in enumerate(article.get("verification_notes", [])):
                    _check_span(errors, f"/articles/{i}/verification_notes/{k}/span", note["span"], text)
                for where, span in waiting.get(article["id"], ()):
                    _check_span(errors, where, span, text)
            i += 1
        for attribution in attributions:
            ids["attributions"][attribution["id"]] += 1
            _check_attribution(errors, f"/attributions/{j}", attribution, entities, texts.get(attribution["article"]))
            if attribution["article"] not in ids["articles"]:  # else known already: no need to keep it
                named_articles.append((f"/attributions/{j}/article", attribution["article"]))
            j += 1
    errors += _check_events(doc, position, ids["events"])

    duplicates = [f"/{section}: id {dup!r} occurs {n} times"
                  for section in SECTIONS for dup, n in ids[section].items() if n > 1]
    articles_known = set(ids["articles"])
    attributions_known = set(ids["attributions"])
    for where, article_id in named_articles:
        _check_ref(errors, where, article_id, articles_known, "article")
    for i, entity in enumerate(wide["entities"]):
        for j, mention in enumerate(entity.get("mentions", [])):
            _check_ref(errors, f"/entities/{i}/mentions/{j}", mention["article"], articles_known, "article")
    for i, story in enumerate(wide["stories"]):
        for j, article_id in enumerate(story["articles"]):
            _check_ref(errors, f"/stories/{i}/articles/{j}", article_id, articles_known, "article")
    for i, proposition in enumerate(wide["propositions"]):
        for j, stance in enumerate(proposition["stances"]):
            where = f"/propositions/{i}/stances/{j}"
            _check_ref(errors, f"{where}/entity", stance["entity"], entities, "entity")
            _check_ref(errors, f"{where}/attribution", stance.get("attribution"), attributions_known, "attribution")
            _check_ref(errors, f"{where}/article", stance.get("article"), articles_known, "article")
    return duplicates + errors


def _check_events(doc: Document, position: dict[str, int], ids: Counter[str]) -> list[str]:
    """Each event's article exists and its span points at that article's text. The events come by article, so
    each article's record is fetched once (decoded from its chunk, for a stream)."""
    errors: list[str] = []
    article: dict[str, Any] = {}
    for i, event in enumerate(e for group in event_groups(doc) for e in group):
        ids[event["id"]] += 1
        _check_ref(errors, f"/events/{i}/article", event["article"], position, "article")
        if event["article"] not in position:
            continue
        if article.get("id") != event["article"]:
            article = article_at(doc, position[event["article"]])
        if isinstance(article.get("text"), str):
            _check_span(errors, f"/events/{i}/span", event["span"], article["text"])
    return errors


def _check_attribution(errors: list[str], where: str, attribution: dict[str, Any], entities: set[str],
                       text: str | None) -> None:
    _check_ref(errors, f"{where}/via", attribution.get("via"), entities, "entity")
    source = attribution["source"]
    if source is not None:
        _check_ref(errors, f"{where}/source/entity", source.get("entity"), entities, "entity")
    if text is None:
        return
    spans = [("source", source), ("cue", attribution["cue"]), ("content", attribution["content"])]
    spans += [(f"content_fragments/{k}", s) for k, s in enumerate(attribution.get("content_fragments", []))]
    date = attribution.get("date") or {}
    if date.get("start") is not None and date.get("end") is not None:
        spans.append(("date", date))
    for name, span in spans:
        if span is not None:
            _check_span(errors, f"{where}/{name}", span, text)


def _schema_errors(doc: Document) -> list[tuple[list[str], str]]:
    """(path, message) of every schema error: the corpus-wide sections at once, then each group as a document
    of its own, its paths shifted to where its records sit in the whole document."""
    validator, fast = _validator(), _fast_check()
    wide = corpus_wide(doc)
    found = [] if fast.is_valid(wide) else [(list(map(str, e.path)), e.message) for e in validator.iter_errors(wide)]
    empty = {name: [] for name in SECTIONS}
    shift = {"articles": 0, "attributions": 0, "events": 0}
    parts = chain(({"articles": articles, "attributions": attributions} for articles, attributions in groups(doc)),
                  ({"events": events} for events in event_groups(doc)))
    for sections in parts:
        part = {**wide, **empty, **sections}
        for e in () if fast.is_valid(part) else validator.iter_errors(part):
            path = list(map(str, e.path))
            if len(path) > 1 and path[0] in shift:
                path[1] = str(int(path[1]) + shift[path[0]])
            found.append((path, e.message))
        for name, records in sections.items():
            shift[name] += len(records)
    return sorted(found, key=lambda pm: pm[0])


def validate_document(doc: Document) -> list[str]:
    """Human-readable problems with ``doc`` (a dict or a ``DocumentStream``); empty when it is a valid
    counterclaim/1 document.

    Schema errors come first and alone: the other checks assume the schema's shape.
    """
    schema_errors = _schema_errors(doc)
    if schema_errors:
        return [f"{_pointer(path)}: {message}" for path, message in schema_errors]
    return _invariants(doc)
