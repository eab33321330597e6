"""Property tests over hostile input: ingest, extraction, dates, quantities and export never raise, and every span
they produce lies inside its article and equals the article's slice.

The suite runs a small sample of each property; `make fuzz` runs them with COUNTERCLAIM_FUZZ_EXAMPLES=2500
(10,000 generated inputs over the four corpus-level properties, more over the unit ones).
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import lru_cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from counterclaim.export import to_document, validate_document
from counterclaim.extract import extract_article, parse_input
from counterclaim.extract.dates import resolve_date
from counterclaim.extract.magnitudes import find_magnitudes
from counterclaim.ingest import iter_inputs
from counterclaim.ingest.article import build_article
from counterclaim.ingest.dateline import dateline_date
from counterclaim.model import Article, InputError
from counterclaim.nlp import load_pipeline
from counterclaim.reconcile import reconcile
from counterclaim.resolve import resolve
from counterclaim.resolve.gazetteer import default_gazetteer

EXAMPLES = int(os.environ.get("COUNTERCLAIM_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 25,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

QUOTES = list("\"'“”‘’«»„‟‹›「」")
ODD = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u202e", "\u202d", "\u2066", "\u2069", "\u00ad", "\u0301",
       "\r\n", "\n\n", "\t", "\x00", "\ud7ff", "\U0001f4a3"]
WORDS = ["the army", "said", "rebels", "captured", "the town of Varnik", "denied", "on Friday", "\"", "«", "»",
         "advanced 3 kilometres", "according to", "officials", "could not independently verify", "Col.", "Gen.",
         "withdrew from", "shelled", "killed 12 civilians", "spokesman", "claimed", "near", "Lake Orvo", ",", ".",
         "told reporters", "last summer", "by the evening of March 3", "about 500 men", "over two miles",
         "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "'; DROP TABLE articles; --", "javascript:alert(1)"]
fragments = st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES), st.sampled_from(ODD),
                      st.text(max_size=12))
prose = st.lists(fragments, min_size=1, max_size=60).map(" ".join)
texts = st.one_of(prose, st.text(min_size=1, max_size=300),
                  st.builds(lambda w, n: (w + " ") * n, st.sampled_from(WORDS), st.integers(50, 300)))


@lru_cache(maxsize=1)
def _nlp():
    return load_pipeline()


def _check_spans(obj, text: str) -> None:
    """Every {start, end, text} dict inside obj is a slice of text."""
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int) and isinstance(obj["end"], int):
            assert 0 <= obj["start"] <= obj["end"] <= len(text), obj
            assert text[obj["start"]:obj["end"]] == obj["text"], obj
        for value in obj.values():
            _check_spans(value, text)
    elif isinstance(obj, list):
        for value in obj:
            _check_spans(value, text)


def _analyse(texts_: list[str], published: date | None):
    articles = [build_article(t, f"fuzz-{n}.txt", published) for n, t in enumerate(texts_)]
    analyses = [extract_article(a, _nlp()(parse_input(a.text))) for a in articles]
    return articles, reconcile(resolve(analyses), default_gazetteer())


@FUZZ
@given(st.lists(texts.filter(lambda t: t.strip()), min_size=1, max_size=3, unique_by=str.strip),
       st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
@example(["denied " * 50], None)  # found by `make fuzz`: every content fragment one word long, so none was left
def test_analysis_of_arbitrary_text_exports_a_valid_document(batch, published):
    texts_ = [t.strip() for t in batch]
    articles, corpus = _analyse(texts_, published)
    doc = to_document(corpus)
    assert validate_document(doc) == []
    by_id = {a.id: a.text for a in articles}
    for section in ("attributions", "events"):
        for item in doc[section]:
            _check_spans(item, by_id[item["article"]])


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".jsonl", ".md"]))
def test_ingest_never_raises_on_arbitrary_bytes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    for item in iter_inputs([str(path)]):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert str(path) in item.where and item.reason and "\n" not in item.reason


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                       max_size=3), max_leaves=8)


@FUZZ
@given(st.lists(st.one_of(
    st.fixed_dictionaries({"id": json_values, "text": json_values},
                          optional={"published": json_values, "url": json_values, "outlet": json_values,
                                    "title": json_values}).map(json.dumps),
    st.text(max_size=80)), min_size=1, max_size=5))
def test_jsonl_with_wrong_types_gives_one_error_per_bad_record(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "records.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines) + "\n", encoding="utf-8",
                    errors="surrogatepass")
    items = list(iter_inputs([str(path)]))
    assert all(isinstance(i, (Article, InputError)) for i in items)
    for item in items:
        if isinstance(item, InputError):
            assert item.where.startswith(str(path)) and "\n" not in item.reason


@FUZZ
@given(st.text(max_size=200), st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31))))
def test_date_phrases_never_raise(phrase, published):
    ref = resolve_date(phrase, published)
    assert ref.precision
    dateline_date(phrase)


@FUZZ
@given(texts)
def test_quantities_are_slices_of_the_text(text):
    for magnitude in find_magnitudes(text):
        assert text[magnitude.start:magnitude.end] == magnitude.text


@FUZZ
@given(st.sampled_from(["<p>", "</div>", "<script>", "<!--", "<a href='javascript:x'>", "<<>>", "&amp;", "&#0;",
                        "<meta charset='utf-16'>", "<html><body>", "text", "\"quoted\"", "<p>Army said"]).map(str)
       | st.text(max_size=40))
def test_broken_html_never_raises(tmp_path_factory, chunk):
    path = tmp_path_factory.mktemp("fuzz") / "page.html"
    path.write_text(chunk * 5, encoding="utf-8", errors="surrogatepass")
    items = list(iter_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], (Article, InputError))


def test_a_ten_thousand_character_sentence_is_analysed():
    sentence = "The army said that " + ", ".join(["rebels advanced near Varnik"] * 400) + "."
    assert len(sentence) > 10_000
    articles, corpus = _analyse([sentence], date(2025, 1, 1))
    assert validate_document(to_document(corpus)) == []

