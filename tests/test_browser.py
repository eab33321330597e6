"""The web UI and the static report in a real browser: Debian's Chromium driven by Playwright.

The samples and one hostile record are analysed by the real pipeline; each store is served by uvicorn on a
free loopback port in a background thread, and one Chromium is launched for the module (the system binary at
/usr/bin/chromium or $COUNTERCLAIM_CHROMIUM; nothing is downloaded). Without it the module is skipped, unless
COUNTERCLAIM_REQUIRE_BROWSER=1 (CI), in which case it fails. Expected names and ids are read from the
documents, never written out here.
"""

from __future__ import annotations

import copy
import json
import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from typer.testing import CliRunner

from hostile import hostile_record
from counterclaim.cli import app as cli
from counterclaim.export import to_document
from counterclaim.pipeline import run
from counterclaim.store import open_store
from counterclaim.web import create_app

CHROMIUM = os.environ.get("COUNTERCLAIM_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("COUNTERCLAIM_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=1">'
JS = "javascript:window.__pwned=1"
HOSTILE_RECORD = hostile_record(SCRIPT, IMG, JS)


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason} (COUNTERCLAIM_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


# ---- fixtures -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set COUNTERCLAIM_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken install: say why
            _unavailable(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield chromium
        chromium.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Site:
    doc: dict
    db: Path
    base: str

    def url(self, kind: str, item_id: str) -> str:
        return f"{self.base}/{kind}/{quote(item_id, safe=':')}"


def _serve(inputs: list[str] | dict, db: Path) -> Iterator[Site]:
    import uvicorn

    doc = inputs if isinstance(inputs, dict) else to_document(run(inputs).corpus)
    with open_store(db) as store:
        store.save_document(doc)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield Site(doc, db, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def samples(browser: Any, samples_document: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """samples/ through the real pipeline (conftest analyses it once per session), saved and served."""
    yield from _serve(copy.deepcopy(samples_document), tmp_path_factory.mktemp("browser-samples") / "store.sqlite")


@pytest.fixture(scope="module")
def hostile(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("browser-hostile")
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    yield from _serve([str(folder / "hostile.jsonl")], folder / "store.sqlite")


@dataclass
class Tab:
    page: Any
    dialogs: list[str]


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    """A fresh page at 1280x800 that records (and dismisses) every dialog."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield Tab(page, dialogs)
    context.close()


def report(site: Site, folder: Path) -> Path:
    out = folder / "report.html"
    result = CliRunner().invoke(cli, ["report", "-o", str(out), "--db", str(site.db)])
    assert result.exit_code == 0, result.output
    return out


# ---- helpers over the documents ---------------------------------------------------------------------------

def most_sided(doc: dict) -> dict:
    """The proposition with stances from the most named sides, then the most stances."""
    return max(doc["propositions"], key=lambda p: (len({s.get("side") for s in p["stances"] if s.get("side")}),
                                                   len(p["stances"])))


def speaker(doc: dict, stance: dict) -> str:
    """The name a source card shows: the quoted entity's, else the words the article used, else the entity's."""
    entities = {e["id"]: e for e in doc["entities"]}
    attribution = next((a for a in doc["attributions"] if a["id"] == stance.get("attribution")), None)
    if attribution is not None:
        source = attribution.get("source") or {}
        return entities[source["entity"]]["name"] if source.get("entity") else source.get("text") or "unnamed source"
    return entities[stance["entity"]]["name"] if stance.get("entity") in entities else "the outlet"


def busiest_article(doc: dict) -> str:
    return Counter(a["article"] for a in doc["attributions"]).most_common(1)[0][0]


def id_selector(element_id: str) -> str:
    return f"[id={json.dumps(element_id)}]"


def href_selector(href: str) -> str:
    return f"a[href={json.dumps(href)}]"


TARGET = """() => {
  const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!el) return null;
  const box = el.getBoundingClientRect();
  const other = [...document.querySelectorAll('.' + el.classList[0])].find(x => x !== el);
  // "in view": its start is on screen (a whole board may be taller than the window)
  return {id: el.id, target: el.matches(':target'),
          inView: box.width > 0 && box.height > 0 && box.top >= -1 && box.top < innerHeight - 8,
          background: getComputedStyle(el).backgroundColor,
          otherBackground: other ? getComputedStyle(other).backgroundColor : null};
}"""


# ---- the site ----------------------------------------------------------------------------------------------

def test_story_list_shows_every_story_with_its_outlets(samples: Site, tab: Tab) -> None:
    page = tab.page
    page.goto(samples.base + "/")
    articles = {a["id"]: a for a in samples.doc["articles"]}
    assert samples.doc["stories"]
    assert page.locator("article.story").count() == len(samples.doc["stories"])
    for story in samples.doc["stories"]:
        card = page.locator(id_selector(f"s-{story['id']}"))
        assert card.is_visible()
        assert card.locator("h2").inner_text().strip() == story["label"]
        text = card.inner_text()
        for article_id in story["articles"]:
            outlet = articles[article_id].get("outlet")
            if outlet:
                assert outlet in text, (story["id"], outlet)
            assert card.locator(href_selector(f"/articles/{quote(article_id, safe=':')}")).count() >= 1
    assert tab.dialogs == []


def test_proposition_link_opens_a_board_with_both_sides(samples: Site, tab: Tab) -> None:
    page = tab.page
    prop = most_sided(samples.doc)
    sides = {s.get("side") for s in prop["stances"]}
    named = sorted(s for s in sides if s)
    assert len(named) >= 2, "the samples should have a proposition both sides speak to"
    page.goto(samples.base + "/")
    page.locator(href_selector(f"/propositions/{quote(prop['id'], safe=':')}")).first.click()
    page.wait_for_url("**/propositions/**")
    assert page.locator("h1").inner_text().strip() == prop["summary"]
    columns = page.locator("section.side-col")
    assert columns.count() == len(sides)
    colours = set()
    for side in named:
        column = page.locator(f"section.side-col[aria-label={json.dumps('Side: ' + side)}]")
        assert column.is_visible()
        assert side in column.locator(".side-head").inner_text()  # a label, not only a colour
        colours.add(column.evaluate("el => getComputedStyle(el).borderTopColor"))
        stances = [s for s in prop["stances"] if s.get("side") == side]
        assert column.locator("li.source").count() == len(stances)
        card = column.locator("li.source").first
        assert card.is_visible()
        assert card.locator(".where a").count() == 1  # every card says where it was reported
        text = column.inner_text()
        for stance in stances:
            assert speaker(samples.doc, stance) in text, stance
    assert len(colours) == len(named), "each side's column has its own colour"
    assert tab.dialogs == []


def test_quote_link_lands_on_a_visible_highlighted_anchor(samples: Site, tab: Tab) -> None:
    page = tab.page
    prop = most_sided(samples.doc)
    stance = next(s for s in prop["stances"] if s.get("attribution"))
    attribution = next(a for a in samples.doc["attributions"] if a["id"] == stance["attribution"])
    page.goto(samples.url("propositions", prop["id"]))
    href = f"/articles/{quote(attribution['article'], safe=':')}#a-{quote(attribution['id'], safe=':')}"
    page.locator(href_selector(href)).first.click()
    page.wait_for_url("**/articles/**")
    url = urlsplit(page.url)
    assert url.path == f"/articles/{quote(attribution['article'], safe=':')}"
    assert url.fragment == f"a-{quote(attribution['id'], safe=':')}"
    page.wait_for_function("() => document.querySelector(':target') !== null")
    target = page.evaluate(TARGET)
    assert target is not None and target["id"] == f"a-{attribution['id']}"
    assert target["target"] and target["inView"], target
    assert target["otherBackground"] is not None and target["background"] != target["otherBackground"], target
    content = page.locator(f"span.hl-content[data-a~={json.dumps(attribution['id'])}]").first
    assert content.is_visible()
    assert content.inner_text() in attribution["content"]["text"]
    assert tab.dialogs == []


def test_search_box_finds_a_speaker_by_surname(samples: Site, tab: Tab) -> None:
    page = tab.page
    said = Counter((a.get("source") or {}).get("entity") for a in samples.doc["attributions"])
    person = max((e for e in samples.doc["entities"] if e["type"] == "person" and " " in e["name"]),
                 key=lambda e: said[e["id"]])
    assert said[person["id"]], "the samples should quote a named person"
    surname = person["name"].split()[-1]
    page.goto(samples.url("propositions", most_sided(samples.doc)["id"]))
    page.locator("form.search input[name=q]").fill(surname)
    page.locator("form.search input[name=q]").press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("form.search input[name=q]").input_value() == surname
    assert page.locator(href_selector(f"/entities/{quote(person['id'], safe=':')}")).first.is_visible()
    claims = page.locator("li.claim")
    assert claims.count() >= said[person["id"]]
    quotes = "\n".join(claims.locator(".quote").all_inner_texts())
    for a in samples.doc["attributions"]:
        if (a.get("source") or {}).get("entity") == person["id"]:
            first = (a.get("content_fragments") or [a["content"]])[0]["text"].strip("\"“”«» ,.")
            assert first[:20] in quotes, (first, quotes)
    assert tab.dialogs == []


def test_static_report_shows_boards_and_its_links_work(samples: Site, tab: Tab, tmp_path: Path) -> None:
    page = tab.page
    page.goto(report(samples, tmp_path).as_uri())
    doc = samples.doc
    assert page.locator(".board").count() == len(doc["propositions"])
    for prop in doc["propositions"]:
        assert page.locator(id_selector(f"p-{prop['id']}")).count() == 1
    broken = page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
        .map(a => a.getAttribute('href'))
        .filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))""")
    assert broken == []
    prop = most_sided(doc)
    page.locator(href_selector(f"#p-{quote(prop['id'], safe=':')}")).first.click()
    page.wait_for_function("() => document.querySelector(':target') !== null")
    assert page.evaluate(TARGET)["inView"]
    board = page.locator(id_selector(f"p-{prop['id']}"))
    assert board.locator(".prop-title").inner_text().strip() == prop["summary"]
    assert board.locator("section.side-col").count() == len({s.get("side") for s in prop["stances"]})
    stance = next(s for s in prop["stances"] if s.get("attribution"))
    board.locator(href_selector(f"#a-{quote(stance['attribution'], safe=':')}")).first.click()
    page.wait_for_function("id => location.hash === '#a-' + id", arg=quote(stance["attribution"], safe=":"))
    target = page.evaluate(TARGET)
    assert target["id"] == f"a-{stance['attribution']}" and target["target"] and target["inView"], target
    assert page.url.startswith("file://")
    assert tab.dialogs == []


# ---- hostile text -------------------------------------------------------------------------------------------

INERT = """() => ({
  pwned: typeof window.__pwned,
  scripts: document.scripts.length,
  handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes])
      .filter(a => a.name.toLowerCase().startsWith('on')).map(a => a.name),
  jsLinks: [...document.querySelectorAll('[href], [src], [action]')]
      .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || '')
      .filter(v => v.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase().startsWith('javascript:')),
  images: document.images.length,
  text: document.body.innerText,
})"""


def _assert_inert(tab: Tab, url: str) -> str:
    tab.page.goto(url)
    tab.page.wait_for_load_state("load")
    state = tab.page.evaluate(INERT)
    assert state["pwned"] == "undefined", url
    assert state["scripts"] == 0 and state["handlers"] == [] and state["jsLinks"] == [], (url, state)
    assert state["images"] == 0, url
    assert tab.dialogs == [], (url, tab.dialogs)
    return str(state["text"])


def test_hostile_text_never_runs(hostile: Site, tab: Tab, tmp_path: Path) -> None:
    doc = hostile.doc
    assert doc["articles"] and doc["attributions"], "the hostile record should be analysed"
    urls = [hostile.base + u for u in ("/", "/entities", "/places", "/search?q=" + quote(SCRIPT),
                                       "/search?q=" + quote(IMG), "/search?q=pwned", "/no-such-page")]
    urls += [hostile.url(kind, x["id"]) for kind, items in (
        ("articles", doc["articles"]), ("propositions", doc["propositions"]), ("entities", doc["entities"]),
        ("places", doc["places"])) for x in items]
    texts = {url: _assert_inert(tab, url) for url in urls}
    article = texts[hostile.url("articles", "hostile-1")]
    assert SCRIPT in article and IMG in article and JS in article  # shown to the reader, as text
    assert f"Lake Courier {SCRIPT}{IMG}" in texts[hostile.base + "/"]
    # typing the payload into the search box puts it back on the page as text only
    tab.page.goto(hostile.base + "/")
    tab.page.locator("form.search input[name=q]").fill(IMG)
    tab.page.locator("form.search input[name=q]").press("Enter")
    tab.page.wait_for_url("**/search?q=*")
    assert IMG in tab.page.locator("main").inner_text()
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    static = _assert_inert(tab, report(hostile, tmp_path).as_uri())
    assert SCRIPT in static and IMG in static
    links = [x for x in tab.page.locator("a[href^='#']").all() if x.is_visible()]
    assert links
    for link in links[:15]:  # its in-page links still do nothing else
        link.click()
    assert tab.page.evaluate("typeof window.__pwned") == "undefined" and tab.dialogs == []


# ---- layout -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_horizontal_scroll(samples: Site, browser: Any, viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        urls = [samples.base + "/", samples.url("propositions", most_sided(samples.doc)["id"]),
                samples.url("articles", busiest_article(samples.doc))]
        for url in urls:
            page.goto(url)
            width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
            assert width[0] <= width[1] + 1, (viewport, url, width)
            assert page.locator("h1").first.is_visible()
    finally:
        context.close()
