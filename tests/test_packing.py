"""The packed containers a large run keeps its corpus in (issue 6): they must behave as the lists they stand for,
and a run over them must give the very document a run over plain lists gives."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from counterclaim.engines import extract_batch
from counterclaim.export import to_document, validate_document
from counterclaim.export.stream import DocumentStream, event_groups
from counterclaim.ingest import iter_inputs
from counterclaim.model import Article
from counterclaim.packing import PackedAnalyses, PackedRecords
from counterclaim.reconcile import reconcile
from counterclaim.resolve import resolve
from counterclaim.resolve.gazetteer import default_gazetteer

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def analyses() -> list:
    return extract_batch([a for a in iter_inputs([str(SAMPLES)]) if isinstance(a, Article)])


def test_packed_analyses_behave_as_a_list_of_copies(analyses) -> None:
    packed = PackedAnalyses(analyses)
    assert len(packed) == len(analyses) and list(packed) == analyses and packed == analyses
    first = packed[0]
    assert first == analyses[0] and first is not analyses[0]
    first.attributions[0].speaker = "changed"
    assert packed[0].attributions[0].speaker != "changed"  # reading gives a copy...
    packed[0] = first
    assert packed[0].attributions[0].speaker == "changed"  # ...kept once assigned back
    packed.reverse()
    assert packed.pop().article.id == analyses[0].article.id and len(packed) == len(analyses) - 1
    assert [a.article.id for a in packed[:2]] == [a.article.id for a in analyses[::-1][:2]]


def test_a_packed_corpus_gives_the_document_of_a_plain_one(analyses, samples_document) -> None:
    gazetteer = default_gazetteer()
    plain = to_document(reconcile(resolve(copy.deepcopy(analyses)), gazetteer))
    packed = to_document(reconcile(resolve(PackedAnalyses(analyses)), gazetteer))
    assert packed == plain == samples_document
    assert validate_document(packed) == []


def test_packed_records_come_by_article_then_id() -> None:
    records = PackedRecords()
    records.add("b", [{"id": "b:e2", "n": 2}, {"id": "b:e1", "n": 1}])
    records.add("a", [{"id": "a:e1", "n": 0}])
    records.add("c", [])
    assert len(records) == 3 and records.articles() == ["a", "b"]
    assert [r["id"] for r in records] == ["a:e1", "b:e1", "b:e2"]
    assert records[1] == {"id": "b:e1", "n": 1}
    records.add("b", [{"id": "b:e1", "n": 5}])  # an article's records replace what it had
    assert len(records) == 2 and records.of("b") == [{"id": "b:e1", "n": 5}]
    next(iter(records))["n"] = 9  # each pass decodes afresh
    assert records.of("a") == [{"id": "a:e1", "n": 0}] and records.of("missing") == []


def test_a_stream_walks_packed_events_in_groups(samples_document, monkeypatch) -> None:
    import counterclaim.export.stream as stream_module

    monkeypatch.setattr(stream_module, "EVENT_GROUP_SIZE", 3)
    doc = copy.deepcopy(samples_document)
    events = PackedRecords()
    for article in {e["article"] for e in doc["events"]}:
        events.add(article, [e for e in doc["events"] if e["article"] == article])
    stream = DocumentStream(head={"schema": doc["schema"], "generator": doc["generator"]}, entities=doc["entities"],
                            events=events, places=doc["places"], propositions=doc["propositions"],
                            stories=doc["stories"])
    for article in doc["articles"]:
        stream.add(article, [a for a in doc["attributions"] if a["article"] == article["id"]])
    groups = list(event_groups(stream))
    assert len(groups) > 1 and all(len(g) <= 3 for g in groups)
    assert [e for g in groups for e in g] == doc["events"]
    assert stream.materialize() == doc and validate_document(stream) == []
    # a broken event far into the section is named at its place in the whole document
    last = len(doc["events"]) - 1
    broken = doc["events"][last]
    events.add(broken["article"], [e | {"span": {**e["span"], "start": e["span"]["end"] + 1}}
                                   if e["id"] == broken["id"] else e for e in events.of(broken["article"])])
    assert [p for p in validate_document(stream) if "/events/" in p] == [
        f"/events/{last}/span: offsets [{broken['span']['end'] + 1}, {broken['span']['end']}) outside the article "
        f"text (length {len(next(a for a in doc['articles'] if a['id'] == broken['article'])['text'])})"]


def test_analyses_pickle_as_constructor_calls_with_every_field(analyses) -> None:
    """``model.pickled_by_fields``: each slotted class pickles as ``cls(*fields)``; nothing may be lost on the way,
    nested events, parties, dates and magnitudes included."""
    import pickle
    from dataclasses import fields

    from counterclaim import model

    for cls in (model.Span, model.DateRef, model.Article, model.Speaker, model.Attribution, model.Event,
                model.VerificationNote, model.Party, model.Toponym, model.ArticleAnalysis, model.Entity,
                model.EntityMention):
        assert cls.__match_args__ == tuple(f.name for f in fields(cls)), cls  # every field is an __init__ argument
    events = [e for a in analyses for e in a.events]
    assert any(e.magnitude for e in events) and any(e.actor for e in events) and any(e.date for e in events)
    for analysis in analyses:
        assert pickle.loads(pickle.dumps(analysis, pickle.HIGHEST_PROTOCOL)) == analysis
    assert pickle.loads(pickle.dumps(model.Span(1, 2, "x"))) == model.Span(1, 2, "x")
