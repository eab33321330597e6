"""The counterclaim/1 export: shape, determinism, validation and the JSON writer."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from documents import as_stream
from jsonfile import assert_written_as

from counterclaim.export import stream_document, to_document, validate_document, write_json
from counterclaim.model import Corpus

SHARED_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schema" / "counterclaim-1.schema.json"
BUNDLED_SCHEMA = Path(__file__).resolve().parents[1] / "src" / "counterclaim" / "schema" / "counterclaim-1.schema.json"


def test_document_validates_and_is_json(small_corpus: Corpus) -> None:
    doc = to_document(small_corpus)
    assert validate_document(doc) == []
    assert json.loads(json.dumps(doc)) == doc
    assert doc["schema"] == "counterclaim/1"


def test_document_shape(small_corpus: Corpus) -> None:
    doc = to_document(small_corpus, generator={"name": "test"})
    assert doc["generator"] == {"name": "test"}
    report, wire = doc["articles"]
    assert report["published"] == {"value": "2023-05-12", "precision": "day"}
    assert wire["published"] == {"value": None, "precision": "unknown"}
    assert report["text"] == small_corpus.analyses[0].article.text
    assert report["verification_notes"][0]["applies_to"] == ["art-1:1", "art-1:2", "art-1:3"]
    # Text order inside each article, whatever order extraction produced.
    assert [a["id"] for a in doc["attributions"]] == ["art-1:1", "art-1:2", "art-1:3", "art-2:1"]
    assert [e["id"] for e in doc["entities"]] == sorted(e.id for e in small_corpus.entities)
    relayed = doc["attributions"][3]
    assert (relayed["via"], relayed["via_text"]) == ("ent-tass", "Tass")
    assert relayed["source"]["entity"] == "ent-ru-mod"
    assert relayed["date"] == {"value": None, "precision": "unknown"}
    claim = doc["attributions"][0]
    assert claim["date"]["text"] == "on Friday"
    assert len(doc["attributions"][1]["content_fragments"]) == 2


def test_document_is_deterministic(small_corpus: Corpus) -> None:
    assert json.dumps(to_document(small_corpus)) == json.dumps(to_document(small_corpus))


def test_document_does_not_alias_the_corpus(small_corpus: Corpus) -> None:
    doc = to_document(small_corpus)
    doc["events"][0]["claimed_by"].append("x")
    assert small_corpus.events[0]["claimed_by"] == ["art-1:1"]


def _set(span: dict[str, Any], **changes: Any) -> None:
    span.update(changes)


@pytest.mark.parametrize(
    ("corrupt", "where"),
    [
        (lambda d: _set(d["attributions"][0]["cue"], start=d["attributions"][0]["cue"]["start"] + 1),
         "/attributions/0/cue"),
        (lambda d: _set(d["attributions"][2]["content"], end=10**6), "/attributions/2/content"),
        (lambda d: _set(d["attributions"][1]["content_fragments"][1], text="The enemy"),
         "/attributions/1/content_fragments/1"),
        (lambda d: _set(d["articles"][0]["verification_notes"][0]["span"], start=0),
         "/articles/0/verification_notes/0/span"),
        (lambda d: _set(d["entities"][0]["mentions"][0], end=10**6), "/entities/0/mentions/0"),
        (lambda d: _set(d["events"][0]["span"], start=1), "/events/0/span"),
        (lambda d: _set(d["attributions"][0]["date"], start=0), "/attributions/0/date"),
    ],
)
def test_span_invariant_catches_corrupted_span(
    small_corpus: Corpus, corrupt: Callable[[dict[str, Any]], None], where: str, shape: Callable
) -> None:
    doc = to_document(small_corpus)
    corrupt(doc)
    errors = validate_document(shape(doc))
    assert len(errors) == 1 and errors[0].startswith(where), errors


# every check must say the same, at the same path, of a dict and of a stream of the same document
SHAPES = pytest.mark.parametrize("shape", [lambda d: d, as_stream], ids=["dict", "stream"])
test_span_invariant_catches_corrupted_span = SHAPES(test_span_invariant_catches_corrupted_span)


@SHAPES
def test_schema_errors_name_the_path(small_corpus: Corpus, shape: Callable) -> None:
    doc = to_document(small_corpus)
    del doc["attributions"][1]["kind"]
    doc["entities"][0]["type"] = "alien"
    errors = validate_document(shape(doc))
    assert any(e.startswith("/attributions/1: 'kind' is a required property") for e in errors)
    assert any(e.startswith("/entities/0/type:") for e in errors)


@SHAPES
def test_dangling_references_duplicates_and_hash(small_corpus: Corpus, shape: Callable) -> None:
    doc = to_document(small_corpus)
    doc["attributions"][3]["via"] = "ent-nobody"
    doc["entities"].append(copy.deepcopy(doc["entities"][0]))
    doc["articles"][1]["text_sha256"] = "0" * 64
    doc["propositions"][0]["stances"][0]["attribution"] = "att-nowhere"
    doc["articles"].append(copy.deepcopy(doc["articles"][0]))
    errors = validate_document(shape(doc))
    assert "/attributions/3/via: unknown entity id 'ent-nobody'" in errors
    assert "/propositions/0/stances/0/attribution: unknown attribution id 'att-nowhere'" in errors
    assert any(e.startswith("/entities: id 'ent-marchuk' occurs 2 times") for e in errors)
    assert any(e.startswith(f"/articles: id {doc['articles'][0]['id']!r} occurs 2 times") for e in errors)
    assert any(e.startswith("/articles/1/text_sha256") for e in errors)


def test_stream_document_is_to_document_taken_article_by_article(small_corpus: Corpus, tmp_path: Path) -> None:
    expected = to_document(small_corpus)
    stream = stream_document(small_corpus)
    assert small_corpus.analyses == [] and small_corpus.events == []  # handed over, not copied
    assert len(stream) == 2 and stream.attribution_count == len(expected["attributions"])
    assert stream.materialize() == expected
    assert validate_document(stream) == []
    write_json(stream, tmp_path / "stream.json")
    written = (tmp_path / "stream.json").read_text("utf-8")
    assert_written_as(written, expected)
    write_json(expected, tmp_path / "dict.json")
    assert (tmp_path / "dict.json").read_text("utf-8") == written  # a stream and its dict give the same bytes


def test_an_empty_stream_is_written_as_its_empty_document(tmp_path: Path) -> None:
    empty = stream_document(Corpus([], []))
    write_json(empty, tmp_path / "empty.json")
    assert_written_as((tmp_path / "empty.json").read_text("utf-8"), empty.materialize())
    assert validate_document(empty) == []


# The bundled copy swaps the contract's two examples, which name real people and places from the example
# reports, for invented ones; everything else is the contract verbatim.
EXAMPLE_SWAPS = {
    "canonical name, e.g. 'Yevgeny Prigozhin'": "canonical name, e.g. 'Olena Marchuk'",
    "(e.g. 'Ukrainian forces advanced near Bakhmut in early May 2023')":
        "(e.g. 'Rebel forces advanced near the town of Vuhlyar in early May')",
}


def test_bundled_schema_matches_shared() -> None:
    if not SHARED_SCHEMA.exists():
        pytest.skip(f"{SHARED_SCHEMA} not present")
    shared = SHARED_SCHEMA.read_text("utf-8")
    for contract, bundled in EXAMPLE_SWAPS.items():
        assert shared.count(contract) == 1
        shared = shared.replace(contract, bundled)
    assert json.loads(BUNDLED_SCHEMA.read_text("utf-8")) == json.loads(shared)


def test_write_json_is_utf8_and_atomic(small_corpus: Corpus, tmp_path: Path) -> None:
    doc = to_document(small_corpus)
    doc["articles"][0]["title"] = "Бої біля Вугляра"
    target = tmp_path / "out" / "nested" / "doc.json"
    write_json(doc, target)
    raw = target.read_text("utf-8")
    assert "Бої біля Вугляра" in raw and raw.startswith('{\n  "schema"')
    assert_written_as(raw, doc)
    write_json({"schema": "counterclaim/1"}, target)  # replaces in place
    assert json.loads(target.read_text("utf-8")) == {"schema": "counterclaim/1"}
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]


@pytest.mark.parametrize("break_it", [
    lambda d: d["attributions"][0].pop("cue"),
    lambda d: d["attributions"][0].update(kind="rumour"),
    lambda d: d["articles"][0].update(published={"value": 2023, "precision": "day"}),
    lambda d: d["entities"][0].update(type=None),
    lambda d: d["events"][0]["span"].update(start="7"),
    lambda d: d["propositions"][0].update(stances="none"),
    lambda d: d.update(stories={}),
    lambda d: d.pop("places"),
    lambda d: None,
])
def test_the_fast_schema_check_agrees_with_the_reference_validator(small_corpus: Corpus, break_it: Callable) -> None:
    """jsonschema-rs only decides whether the reference validator has to look; both must see the same breakage."""
    from counterclaim.export.validate import _fast_check, _validator

    doc = to_document(small_corpus)
    break_it(doc)
    reference = list(_validator().iter_errors(doc))
    assert _fast_check().is_valid(doc) == (not reference)
    if reference:
        assert validate_document(doc)
