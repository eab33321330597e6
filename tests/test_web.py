"""The web app, the static report and the serve/report commands, on stores built by the real pipeline.

Three stores are analysed once for the module: the invented samples, the real example reports (when present)
and a hostile record whose text, title, outlet, URL and quotes carry HTML and script. Expected names, ids and
counts are read from each document, never written out here.
"""

from __future__ import annotations

import copy
import html
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from markupsafe import escape
from typer.testing import CliRunner

from hostile import hostile_record
from pg import emptied
from counterclaim.cli import app as cli
from counterclaim.export import to_document
from counterclaim.pipeline import run
from counterclaim.reconcile.timeline import timeline
from counterclaim.store import open_store
from counterclaim.web import create_app
from counterclaim.web.render import safe_url
from counterclaim.web.report import render_report
from counterclaim.web.views import NO_SIDE, Index, search

with warnings.catch_warnings():  # starlette would rather have httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "examples" / "seeds" / "articles.jsonl"
SAMPLES = ROOT / "samples"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS = "javascript:alert(1)"
HOSTILE_RECORD = hostile_record(SCRIPT, IMG, JS)


@dataclass
class Site:
    doc: dict
    db: Path
    client: TestClient


def _site(inputs: list[str] | dict, db: Path | str) -> Iterator[Site]:
    doc = inputs if isinstance(inputs, dict) else to_document(run(inputs).corpus)
    with open_store(db) as store:
        store.save_document(doc)
    with TestClient(create_app(str(db), check_interval=0)) as client:
        yield Site(doc, Path(db) if "://" not in str(db) else Path(), client)


@pytest.fixture(scope="module")
def samples(samples_document: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _site(copy.deepcopy(samples_document), tmp_path_factory.mktemp("samples") / "store.sqlite")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not SEEDS.exists():
        pytest.skip("example reports not available")
    yield from _site([str(SEEDS)], tmp_path_factory.mktemp("seeds") / "store.sqlite")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    yield from _site([str(folder / "hostile.jsonl")], folder / "store.sqlite")


def e(text: str) -> str:
    """As the templates print it."""
    return str(escape(text))


def ok(site: Site, url: str) -> str:
    response = site.client.get(url)
    assert response.status_code == 200, (url, response.text[:500])
    return response.text


def path(kind: str, item_id: str) -> str:
    return f"/{kind}/{quote(item_id, safe=':')}"


def speaker(doc: dict, stance: dict) -> str:
    entity = next((x for x in doc["entities"] if x["id"] == stance.get("entity")), None)
    attribution = next((a for a in doc["attributions"] if a["id"] == stance.get("attribution")), None)
    if attribution is not None and not (attribution.get("source") or {}).get("entity"):
        return attribution["source"]["text"]
    return entity["name"] if entity else "the outlet"


def side_columns(page: str) -> dict[str, str]:
    """Each board column's HTML by its side label."""
    columns = {}
    for chunk in page.split('<section class="side-col ')[1:]:
        label = html.unescape(re.search(r'aria-label="Side: ([^"]*)"', chunk).group(1))
        columns[label] = chunk.split("</section>")[0]
    return columns


def most_sided(doc: dict) -> dict:
    return max(doc["propositions"], key=lambda p: (len({s.get("side") for s in p["stances"] if s.get("side")}),
                                                   len(p["stances"])))


def test_stories_page_lists_stories_with_their_articles_outlets_and_propositions(samples):
    page = ok(samples, "/")
    articles = {a["id"]: a for a in samples.doc["articles"]}
    assert samples.doc["stories"]
    for story in samples.doc["stories"]:
        assert f'id="s-{e(story["id"])}"' in page
        assert e(story["label"]) in page
        for article_id in story["articles"]:
            assert f'href="{path("articles", article_id)}"' in page
            if articles[article_id]["outlet"]:
                assert e(articles[article_id]["outlet"]) in page
        for prop_id in story.get("propositions") or []:
            assert f'href="{path("propositions", prop_id)}"' in page
    assert page.count('class="badge status status-') >= len(samples.doc["propositions"])


@pytest.mark.parametrize("corpus", ["samples", "seeds"])
def test_proposition_board_puts_each_source_under_its_side(corpus, request):
    site: Site = request.getfixturevalue(corpus)
    prop = most_sided(site.doc)
    sides = {s.get("side") for s in prop["stances"]}
    assert len({s for s in sides if s}) >= 2, "the corpus should have a proposition both sides speak to"
    page = ok(site, path("propositions", prop["id"]))
    assert e(prop["summary"]) in page
    columns = side_columns(page)
    assert set(columns) == {s or NO_SIDE for s in sides}
    for stance in prop["stances"]:
        column = columns[stance.get("side") or NO_SIDE]
        assert e(speaker(site.doc, stance)) in column, (stance, prop["id"])
        assert f'stance-head stance-{stance["stance"]}' in column
        if stance.get("attribution"):
            anchor = f'{path("articles", stance["article"])}#a-{quote(stance["attribution"], safe=":")}'
            assert f'href="{anchor}"' in column
    against = sum(1 for s in prop["stances"] if s.get("against_interest"))
    assert page.count('class="marker marker-against"') == against


def test_against_interest_and_evidence_markers_follow_the_document(samples, seeds):
    for site in (samples, seeds):
        for prop in site.doc["propositions"]:
            page = ok(site, path("propositions", prop["id"]))
            assert page.count('class="marker marker-against"') == sum(bool(s.get("against_interest"))
                                                                      for s in prop["stances"])
            for stance in prop["stances"]:
                if stance.get("evidence"):
                    assert "marker-evidence" in page and e(stance["evidence"]) in page


@pytest.mark.parametrize("corpus", ["samples", "seeds"])
def test_article_page_highlights_every_attribution_from_offsets(corpus, request):
    site: Site = request.getfixturevalue(corpus)
    for article in site.doc["articles"]:
        page = ok(site, path("articles", article["id"]))
        for attribution in (a for a in site.doc["attributions"] if a["article"] == article["id"]):
            assert page.count(f'id="a-{e(attribution["id"])}"') == 1
        for cls in ("hl-source", "hl-cue", "hl-content"):
            assert f'<span class="{cls}' in page
        for note in article.get("verification_notes") or []:
            assert e(note["span"]["text"]) in page
        body = re.search(r'<div class="article-text">(.*?)</div>', page, re.S).group(1)
        body = re.sub(r'<a class="amark"[^>]*>[^<]*</a>', "", body)
        assert html.unescape(re.sub(r"<[^>]+>", "", body)) == article["text"]  # nothing lost or added


def test_entity_page_lists_every_claim_side_and_alias(seeds):
    claims: dict[str, list[dict]] = {}
    for a in seeds.doc["attributions"]:
        claims.setdefault((a.get("source") or {}).get("entity"), []).append(a)
    entity = max((x for x in seeds.doc["entities"] if x["side"] and x["aliases"]),
                 key=lambda x: len(claims.get(x["id"], [])))
    page = ok(seeds, path("entities", entity["id"]))
    assert e(entity["name"]) in page and e(entity["side"]) in page
    for alias in entity["aliases"]:
        assert e(alias) in page
    assert f'Claims ({len(claims[entity["id"]])})' in page
    for a in claims[entity["id"]]:
        assert f'#a-{quote(a["id"], safe=":")}"' in page
    data = seeds.client.get(path("api/entities", entity["id"])).json()
    assert [c["attribution"] for c in data["claims"]] == [a["id"] for a in claims[entity["id"]]]
    assert data["side"]["name"] == entity["side"]


def test_place_page_has_the_timeline_and_an_svg_map(samples):
    events: dict[str, int] = {}
    for event in samples.doc["events"]:
        events[event.get("place")] = events.get(event.get("place"), 0) + 1
    place = max((p for p in samples.doc["places"] if p["lat"] is not None), key=lambda p: events.get(p["id"], 0))
    page = ok(samples, path("places", place["id"]))
    rows = timeline(samples.doc, {place["id"]})
    assert rows and f"Timeline of claims ({len(rows)})" in page
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert svg.count("<circle") >= 1 and e(place["name"]) in svg
    assert "http" not in svg  # no tiles, no external anything
    data = samples.client.get(path("api/places", place["id"])).json()
    assert len(data["timeline"]) == len(rows)
    assert [p for p in data["map"]["points"] if p["current"]][0]["events"] == events[place["id"]]
    assert all(0 <= p["x"] <= data["map"]["width"] and 0 <= p["y"] <= data["map"]["height"]
               for p in data["map"]["points"])
    unlocated = next((p for p in samples.doc["places"] if p["lat"] is None), None)
    if unlocated is not None:
        assert "No coordinates" in ok(samples, path("places", unlocated["id"]))


def test_search_finds_claims_and_entities_case_insensitively(seeds):
    entity = next(x for x in seeds.doc["entities"] if x["side"] and x["type"] == "person")
    surname = entity["name"].split()[-1]
    page = ok(seeds, "/search?q=" + quote(surname.upper()))
    assert f'href="{path("entities", entity["id"])}"' in page
    data = seeds.client.get("/api/search", params={"q": surname.lower()}).json()
    assert entity["id"] in [x["id"] for x in data["entities"]]
    said = {a["id"] for a in seeds.doc["attributions"] if (a.get("source") or {}).get("entity") == entity["id"]}
    assert said <= {c["attribution"] for c in data["claims"]}
    word = seeds.doc["attributions"][0]["content"]["text"].split()[-1]
    hits = seeds.client.get("/api/search", params={"q": word}).json()["claims"]
    assert seeds.doc["attributions"][0]["id"] in [c["attribution"] for c in hits]
    assert seeds.client.get("/search", params={"q": "x" * 201}).status_code == 422
    assert seeds.client.get("/api/search", params={"q": "x" * 201}).status_code == 422
    bounded = search(Index(seeds.doc), "a", limit=5)
    assert bounded.truncated
    assert len(bounded.claims) + len(bounded.entities) + len(bounded.places) + len(bounded.propositions) == 5


def test_api_shapes_and_openapi(samples):
    stories = samples.client.get("/api/stories").json()
    assert [s["id"] for s in stories["stories"]] == [s["id"] for s in samples.doc["stories"]]
    assert {"id", "label", "articles", "places", "propositions"} <= set(stories["stories"][0])
    prop = most_sided(samples.doc)
    board = samples.client.get(path("api/propositions", prop["id"])).json()
    assert board["proposition"]["summary"] == prop["summary"]
    assert sum(len(g["sources"]) for c in board["columns"] for g in c["groups"]) == len(prop["stances"])
    assert all(g["stance"] in ("supports", "denies", "unverified", "neutral") for c in board["columns"]
               for g in c["groups"])
    article = samples.doc["articles"][0]
    data = samples.client.get(path("api/articles", article["id"])).json()
    assert data["text"] == article["text"]
    assert {c["attribution"] for c in data["attributions"]} == {
        a["id"] for a in samples.doc["attributions"] if a["article"] == article["id"]}
    spec = samples.client.get("/openapi.json").json()
    assert {"/api/stories", "/api/search"} <= set(spec["paths"])
    assert any(p.startswith("/api/propositions/") for p in spec["paths"])
    assert not any(p.startswith(("/articles", "/entities")) for p in spec["paths"])
    for offline in ("/docs", "/redoc"):
        assert samples.client.get(offline).status_code == 404


def test_unknown_ids_are_404(samples):
    for kind in ("propositions", "articles", "entities", "places"):
        page = samples.client.get(f"/{kind}/no-such-id")
        assert page.status_code == 404 and "Not found" in page.text and "text/html" in page.headers["content-type"]
        api = samples.client.get(f"/api/{kind}/no-such-id")
        assert api.status_code == 404 and "no-such-id" in api.json()["detail"]


def test_store_changes_are_picked_up(samples, hostile, tmp_path):
    db = tmp_path / "growing.sqlite"
    with open_store(db) as store:
        store.save_document(hostile.doc)
    with TestClient(create_app(str(db), check_interval=0)) as client:
        assert "Nile Wire" not in client.get("/").text
        with open_store(db) as store:
            store.save_document(samples.doc)
        assert "Nile Wire" in client.get("/").text


def _assert_self_contained(page: str, doc: dict) -> None:
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert not re.search(r"<[a-z][^>]*\ssrc\s*=", page, re.I)  # escaped text has no raw '<'; tags do
    assert not re.search(r"url\(", page)
    ids = {html.unescape(i) for i in re.findall(r'\sid="([^"]*)"', page)}
    urls = {safe_url(a.get("url")) for a in doc["articles"]} - {None}
    for href in (html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)):
        if href.startswith("#"):
            assert unquote(href[1:]) in ids, href
        else:
            assert href in urls, href  # only article URLs go outside


def test_static_report_is_self_contained_and_complete(samples, seeds):
    for site in (samples, seeds):
        page = render_report(site.doc)
        _assert_self_contained(page, site.doc)
        for prop in site.doc["propositions"]:
            assert e(prop["summary"]) in page and f'id="p-{e(prop["id"])}"' in page
        for attribution in site.doc["attributions"]:
            assert f'id="a-{e(attribution["id"])}"' in page
        for article in site.doc["articles"]:
            assert f'id="art-{e(article["id"])}"' in page


def _assert_inert(page: str) -> None:
    lowered = page.lower()
    assert "<script>alert" not in lowered
    assert "<img src=x" not in lowered
    assert 'href="javascript:' not in lowered and "href='javascript:" not in lowered


def test_hostile_text_is_escaped_everywhere(hostile, tmp_path):
    doc = hostile.doc
    assert any(SCRIPT in a["content"]["text"] or IMG in a["content"]["text"] for a in doc["attributions"])
    urls = ["/", "/entities", "/places", "/search?q=" + quote("<script>"), "/search?q=" + quote(IMG),
            "/search?q=alert"]
    urls += [path(kind, x["id"]) for kind, items in (
        ("articles", doc["articles"]), ("propositions", doc["propositions"]), ("entities", doc["entities"]),
        ("places", doc["places"])) for x in items]
    for url in urls:
        _assert_inert(ok(hostile, url))
    article = ok(hostile, path("articles", "hostile-1"))
    assert e(SCRIPT) in article and e(IMG) in article and JS in article  # shown, as text
    assert hostile.client.get(path("api/articles", "hostile-1")).json()["text"] == doc["articles"][0]["text"]
    report = render_report(doc)
    _assert_inert(report)
    _assert_self_contained(report, doc)
    result = CliRunner().invoke(cli, ["report", "-o", str(tmp_path / "r.html"), "--db", str(hostile.db)])
    assert result.exit_code == 0, result.output
    _assert_inert((tmp_path / "r.html").read_text(encoding="utf-8"))


def test_serve_refuses_a_public_address_without_allow_remote(tmp_path):
    db = tmp_path / "empty.sqlite"
    open_store(db).close()
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "--allow-remote" in errors[0]
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "no store" in missing.stderr and "Traceback" not in missing.output


def test_report_and_serve_help_and_report_command(samples, tmp_path):
    for command in ("serve", "report"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "--db" in result.output
    assert "--allow-remote" in CliRunner().invoke(cli, ["serve", "--help"]).output
    export = tmp_path / "export.json"
    export.write_text(json.dumps(samples.doc), encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "-o", str(out), "--from", str(export)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('class="proposition card"') == len(samples.doc["propositions"])
    missing = CliRunner().invoke(cli, ["report", "-o", str(out), "--db", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "no store" in missing.stderr


def test_the_same_data_gives_the_same_pages_from_sqlite_and_postgresql(samples, pg_url):
    emptied(pg_url)
    prop = most_sided(samples.doc)
    article = samples.doc["articles"][0]["id"]
    entity = next(e["id"] for e in samples.doc["entities"] if e["type"] == "person")
    place = next(p["id"] for p in samples.doc["places"] if p["lat"] is not None)
    urls = ["/", path("propositions", prop["id"]), path("articles", article), path("entities", entity),
            path("places", place), "/search?q=army", "/api/stories", "/api" + path("propositions", prop["id"])]
    for site in _site(copy.deepcopy(samples.doc), pg_url):
        for url in urls:
            assert ok(site, url) == ok(samples, url), url


def test_request_bodies_and_queries_are_bounded(samples):
    assert samples.client.post("/api/stories", content=b"x" * 20_000).status_code == 413
    assert samples.client.post("/api/stories", content=b"x").status_code == 405
    assert samples.client.get("/search", params={"q": "a" * 500}).status_code == 422
    hits = samples.client.get("/api/search", params={"q": "a"}).json()
    assert sum(len(v) for v in hits.values() if isinstance(v, list)) <= 200
