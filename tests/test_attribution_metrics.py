"""Metric functions of bench/attribution_eval.py, on small invented texts (no PolNeAR text here)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from counterclaim.model import Attribution, Span

BENCH = Path(__file__).resolve().parents[1] / "bench" / "attribution_eval.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("attribution_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


ev = _load_bench()

TEXT = (
    "The harbour master said the old bridge would reopen in May. "
    "\u201cWe are on schedule,\u201d a spokeswoman told reporters, \u201cand the budget holds.\u201d "
    "Residents doubt it, according to a local survey."
)


def frag(phrase: str, text: str = TEXT, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.find(phrase, start + 1)
    assert start >= 0, phrase
    return (start, start + len(phrase))


def attr(source: str | None, cue: str, *content: str) -> ev.SpanAttribution:
    return ev.SpanAttribution(
        source=(frag(source),) if source else (),
        cue=(frag(cue),),
        content=tuple(frag(c) for c in content),
    )


HARBOUR = attr("The harbour master", "said", "the old bridge would reopen in May")
SPOKES = attr("a spokeswoman", "told", "\u201cWe are on schedule,\u201d", "\u201cand the budget holds.\u201d")
SURVEY = attr("a local survey", "according to", "Residents doubt it")
GOLD = [HARBOUR, SPOKES, SURVEY]


def score(gold, pred, text=TEXT):
    return ev.score_article(text, gold, pred).as_dict()


# ------------------------------------------------------------------------------------------------- tokens


def test_tokenize_words_and_punctuation():
    text = "Mr. Smith said: \u201cno.\u201d"
    toks = [text[s:e] for s, e in ev.tokenize(text)]
    assert toks == ["Mr", ".", "Smith", "said", ":", "\u201c", "no", ".", "\u201d"]


def test_token_index_overlap_and_words():
    text = "Mr. Smith said: \u201cno.\u201d"
    index = ev.TokenIndex(text)
    # a fragment cutting "Smith" in half still claims the whole token; whitespace-only claims nothing
    assert index.tokens([(5, 7)]) == {2}
    assert index.tokens([(3, 4)]) == frozenset()
    assert index.tokens([(15, len(text))]) == {5, 6, 7, 8}
    assert index.words(index.tokens([(15, len(text))])) == {6}
    assert index.tokens([(4, 4)]) == frozenset()


def test_jaccard():
    assert ev.jaccard(frozenset({1, 2}), frozenset({1, 2})) == 1.0
    assert ev.jaccard(frozenset({1, 2}), frozenset({2, 3})) == pytest.approx(1 / 3)
    assert ev.jaccard(frozenset(), frozenset()) == 0.0


def test_quoted():
    assert ev.is_quoted("\u201cWe are on schedule,\u201d")
    assert ev.is_quoted('he was "fine"')
    assert not ev.is_quoted("the harbour master\u2019s bridge")  # apostrophe is not a quotation mark


# ----------------------------------------------------------------------------------------------- metrics


def test_perfect_prediction_scores_one_everywhere():
    r = score(GOLD, list(GOLD))
    assert (r["n_gold"], r["n_pred"], r["n_matched"], r["n_exact"]) == (3, 3, 3, 3)
    for block in (r["attribution"], r["exact_content"], *r["role_tokens"].values(),
                  r["matched_pairs"]["source_tokens"]):
        assert (block["precision"], block["recall"], block["f1"]) == (1.0, 1.0, 1.0)
    assert r["matched_pairs"]["source_presence_accuracy"] == 1.0
    assert r["by_quotation"]["quoted"]["n_gold"] == 1 and r["by_quotation"]["quoted"]["recall"] == 1.0
    assert r["by_quotation"]["unquoted"]["n_gold"] == 2 and r["by_quotation"]["unquoted"]["recall"] == 1.0


def test_half_overlapping_content_matches_at_threshold_but_not_exactly():
    # gold content "the old bridge would reopen in May" = 7 tokens; 4 of them -> Jaccard 4/7 >= 0.5
    half = attr("The harbour master", "said", "the old bridge would")
    r = score([HARBOUR], [half])
    assert r["n_matched"] == 1 and r["n_exact"] == 0
    assert r["attribution"]["f1"] == 1.0
    assert r["exact_content"]["f1"] == 0.0
    content = r["role_tokens"]["content"]
    assert (content["tp"], content["n_pred"], content["n_gold"]) == (4, 4, 7)
    assert content["precision"] == 1.0 and content["recall"] == pytest.approx(4 / 7)
    # 3 of 7 tokens -> Jaccard 3/7 < 0.5: no match, and the gold counts as missed
    third = attr("The harbour master", "said", "the old bridge")
    r = score([HARBOUR], [third])
    assert r["n_matched"] == 0
    assert r["attribution"]["precision"] == 0.0 and r["attribution"]["recall"] == 0.0
    assert r["matched_pairs"]["source_presence_accuracy"] is None  # no matched pairs: undefined


def test_jaccard_threshold_is_inclusive():
    text = "One two three four said Ann."
    gold = [ev.SpanAttribution(source=(frag("Ann", text),), cue=(frag("said", text),),
                               content=(frag("One two three four", text),))]
    pred = [ev.SpanAttribution(source=(frag("Ann", text),), cue=(frag("said", text),),
                               content=(frag("One two", text),))]
    assert score(gold, pred, text)["n_matched"] == 1  # Jaccard exactly 0.5


def test_extra_prediction_lowers_precision_only():
    extra = attr(None, "doubt", "it")
    r = score(GOLD, [*GOLD, extra])
    assert r["attribution"]["precision"] == pytest.approx(3 / 4)
    assert r["attribution"]["recall"] == 1.0
    assert r["attribution"]["f1"] == pytest.approx(2 * 3 / (4 + 3))
    # its cue/content tokens are false positives of the role metrics even though it matched nothing
    cue = r["role_tokens"]["cue"]
    assert cue["n_pred"] == cue["n_gold"] + 1 and cue["tp"] == cue["n_gold"]


def test_matching_is_one_to_one():
    # two predictions over the same gold content: only one may match
    dup = attr("The harbour master", "said", "the old bridge would reopen in May")
    r = score([HARBOUR], [dup, dup])
    assert (r["n_matched"], r["n_exact"]) == (1, 1)
    assert r["attribution"]["precision"] == 0.5 and r["attribution"]["recall"] == 1.0


def test_greedy_takes_best_pair_first():
    g = [frozenset({1, 2, 3, 4}), frozenset({5, 6})]
    p = [frozenset({1, 2, 3}), frozenset({1, 2, 3, 4})]
    # p1 is the best match for g0 (1.0) even though p0 (0.75) comes first; p0 then has nothing left
    assert ev.match_one_to_one(g, p) == [(0, 1, 1.0)]


def test_exact_content_ignores_punctuation():
    # gold content includes the quotation marks and the comma, prediction has bare words
    gold = [attr("a spokeswoman", "told", "\u201cWe are on schedule,\u201d")]
    pred = [attr("a spokeswoman", "told", "We are on schedule")]
    r = score(gold, pred)
    assert r["n_exact"] == 1
    short = [attr("a spokeswoman", "told", "We are on")]
    assert score(gold, short)["n_exact"] == 0


def test_discontinuous_content_counts_every_fragment():
    one_fragment = attr("a spokeswoman", "told", "\u201cWe are on schedule,\u201d")
    r = score([SPOKES], [one_fragment])
    content = r["role_tokens"]["content"]
    assert content["precision"] == 1.0 and content["recall"] < 1.0
    assert r["n_exact"] == 0


def test_source_presence_and_matched_source_tokens():
    no_source = attr(None, "said", "the old bridge would reopen in May")
    short_source = attr("harbour master", "told", "\u201cWe are on schedule,\u201d",
                        "\u201cand the budget holds.\u201d")
    r = score([HARBOUR, SPOKES], [no_source, short_source])
    assert r["n_matched"] == 2
    # pair 1: gold has a source, prediction not; pair 2: both have one (overlapping or not)
    assert r["matched_pairs"]["source_presence_accuracy"] == 0.5
    src = r["matched_pairs"]["source_tokens"]
    # gold sources: "The harbour master" (3) + "a spokeswoman" (2); predicted: "harbour master" (2)
    assert (src["tp"], src["n_pred"], src["n_gold"]) == (0, 2, 5)
    # role-level source counts see the predicted "harbour master" inside gold's "The harbour master"
    role_src = r["role_tokens"]["source"]
    assert (role_src["tp"], role_src["n_pred"], role_src["n_gold"]) == (2, 2, 5)


def test_both_without_source_agree():
    gold = [attr(None, "doubt", "it")]
    r = score(gold, list(gold))
    assert r["matched_pairs"]["source_presence_accuracy"] == 1.0
    assert r["matched_pairs"]["source_tokens"]["f1"] is None  # 0/0 is undefined, not 0 or 1


def test_quotation_breakdown():
    # the quoted gold (spokeswoman) is missed, both unquoted ones are found
    r = score(GOLD, [HARBOUR, SURVEY])
    q = r["by_quotation"]
    assert (q["quoted"]["n_gold"], q["quoted"]["recall"]) == (1, 0.0)
    assert (q["unquoted"]["n_gold"], q["unquoted"]["recall"]) == (2, 1.0)
    assert q["quoted"]["precision"] is None and q["unquoted"]["precision"] == 1.0


def test_tally_sums_articles():
    total = ev.Tally()
    total += ev.score_article(TEXT, GOLD, list(GOLD))
    total += ev.score_article(TEXT, GOLD, [HARBOUR])
    d = total.as_dict()
    assert (d["n_articles"], d["n_gold"], d["n_pred"], d["n_matched"]) == (2, 6, 4, 4)
    assert d["attribution"]["precision"] == 1.0 and d["attribution"]["recall"] == pytest.approx(4 / 6)


def test_predicted_attributions_uses_fragments_when_present():
    quote1, quote2 = "\u201cWe are on schedule,\u201d", "\u201cand the budget holds.\u201d"
    content = Span.of(TEXT, frag(quote1)[0], frag(quote2)[1])
    fragments = [Span.of(TEXT, *frag(quote1)), Span.of(TEXT, *frag(quote2))]
    a = Attribution(id="a1", article="x", cue=Span.of(TEXT, *frag("told")), content=content, kind="direct",
                    source=Span.of(TEXT, *frag("a spokeswoman")), content_fragments=fragments)
    b = Attribution(id="a2", article="x", cue=Span.of(TEXT, *frag("said")),
                    content=Span.of(TEXT, *frag("the old bridge would reopen in May")), kind="indirect")
    pa, pb = ev.predicted_attributions([a, b])
    assert pa == SPOKES
    assert pb.source == () and pb.content == (frag("the old bridge would reopen in May"),)
    assert ev.count_offset_mismatches(TEXT, [a, b]) == 0
    drifted = Attribution(id="a3", article="x", cue=Span(0, 3, "Thx"), content=content, kind="direct")
    assert ev.count_offset_mismatches(TEXT, [drifted]) == 1


def test_record_to_article_keeps_text_and_reads_id():
    rec = {"id": "dev/usatoday_2016-09-20_some-slug", "text": " Odd\u00a0 text\ufeff ", "attributions": [], "_line": 7}
    art = ev.record_to_article(rec, "dev")
    assert art.text == rec["text"]
    assert art.outlet == "usatoday" and art.published.isoformat() == "2016-09-20"
    assert art.source == "polnear/dev.jsonl:7" and len(art.text_sha256) == 64


def test_extractor_path_with_stand_ins(monkeypatch):
    """nlp.pipe + extract_article wiring, with a fake pipeline and extractor (no spaCy model needed)."""
    import counterclaim.extract
    from counterclaim.model import ArticleAnalysis

    seen = []

    class FakeNLP:
        def pipe(self, texts, batch_size):
            for text in texts:
                yield ("doc", text)

    def fake_extract(article, doc):
        seen.append((article.text, doc))
        found = Attribution(id="a1", article=article.id, cue=Span.of(article.text, *frag("said")),
                            content=Span.of(article.text, *frag("the old bridge would reopen in May")),
                            kind="indirect", source=Span.of(article.text, *frag("The harbour master")))
        return ArticleAnalysis(article=article, attributions=[found])

    monkeypatch.setattr(counterclaim.extract, "extract_article", fake_extract, raising=False)
    records = [{"id": "dev/nyt_2016-09-20_x", "text": TEXT, "attributions": [
        {"source": [list(frag("The harbour master"))], "cue": [list(frag("said"))],
         "content": [list(frag("the old bridge would reopen in May"))]},
        {"source": [], "cue": [list(frag("doubt"))], "content": [list(frag("it, according"))]},
    ]}]
    tally, per_article = ev.evaluate(records, ev.extractor_predictions(records, "dev", FakeNLP(), 4))
    assert seen == [(TEXT, ("doc", TEXT))]
    d = tally.as_dict()
    assert (d["n_gold"], d["n_pred"], d["n_matched"], d["offset_mismatches"]) == (2, 1, 1, 0)
    assert per_article == [{"id": "dev/nyt_2016-09-20_x", "n_gold": 2, "n_pred": 1, "n_matched": 1, "n_exact": 1}]


# ----------------------------------------------------------------------------------------- full script path

DATA = ev.DEFAULT_DATA
needs_data = pytest.mark.skipif(not (DATA / "dev.jsonl").is_file(), reason=f"no PolNeAR data at {DATA}")


@needs_data
def test_oracle_run_scores_one(tmp_path, capsys):
    out = tmp_path / "oracle.json"
    assert ev.main(["--oracle", "--limit", "2", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["n_articles"] == 2 and report["n_gold"] > 0
    assert report["attribution"]["f1"] == 1.0 and report["exact_content"]["f1"] == 1.0
    assert all(m["f1"] == 1.0 for m in report["role_tokens"].values())
    dumped = json.dumps(report)
    for rec in ev.load_records(DATA, "dev", 2):  # figures and ids only, never article text
        assert rec["text"][:40] not in dumped and "text" not in report["articles"][0]
    assert "attribution" in capsys.readouterr().out


@needs_data
def test_extractor_run_on_two_dev_articles(tmp_path):
    extract = pytest.importorskip("counterclaim.extract")
    if not hasattr(extract, "extract_article"):
        pytest.skip("counterclaim.extract.extract_article not written yet")
    out = tmp_path / "eval.json"
    assert ev.main(["--limit", "2", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["mode"] == "extractor" and report["n_articles"] == 2
    assert report["n_matched"] <= min(report["n_pred"], report["n_gold"])
    for block in (report["attribution"], report["exact_content"], *report["role_tokens"].values()):
        for key in ("precision", "recall", "f1"):
            assert block[key] is None or 0.0 <= block[key] <= 1.0
    assert report["offset_mismatches"] == 0
