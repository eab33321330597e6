"""The ingest stage: every input shape, every bad-input case, and the id/source/date rules."""

from __future__ import annotations

import builtins
import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest

from counterclaim.ingest import iter_inputs, normalise_text
from counterclaim.model import Article, InputError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seeds"

PARAGRAPHS = [
    "The regional governor said on Thursday that troops had pushed back an attempted crossing of "
    "the river near the village of Dovhe, describing the night-time assault as the largest in weeks.",
    "A spokesman for the opposing command rejected the account, telling reporters that its units had "
    "established a foothold on the western bank and were holding their positions despite heavy shelling.",
    "Neither claim could be independently verified. Satellite images reviewed by analysts showed damage "
    "to a pontoon bridge, but it was unclear when the damage had occurred or who had caused it.",
]


def page(head: str = "", charset: str = "utf-8") -> str:
    """A news page with navigation, masthead and footer around a short article."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">
<title>Officials trade claims over river crossing - Eastern Ledger</title>{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li>
<li><a href="/subscribe">Subscribe today for unlimited access</a></li></ul></nav>
<header><div class="masthead">Eastern Ledger masthead banner</div></header>
<main><article><h1>Officials trade claims over river crossing</h1>{body}</article></main>
<footer><p>Copyright 2024 Eastern Ledger. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>"""


METADATA = """<meta property="og:title" content="Officials trade claims over river crossing">
<meta property="og:site_name" content="Eastern Ledger">
<meta property="og:url" content="https://ledger.example.com/2024/03/river-crossing">
<meta property="article:published_time" content="2024-03-07T09:15:00Z">"""


def run(
    *paths: str | Path, published: date | None = None, max_bytes: int = 20_000_000
) -> list[Article | InputError]:
    return list(iter_inputs(paths, published=published, max_bytes=max_bytes))


def one(path: str | Path, published: date | None = None, max_bytes: int = 20_000_000) -> Article | InputError:
    (result,) = run(path, published=published, max_bytes=max_bytes)
    return result


def article(path: str | Path, published: date | None = None) -> Article:
    result = one(path, published)
    assert isinstance(result, Article), result
    return result


def articles(*paths: str | Path, published: date | None = None) -> list[Article]:
    results = run(*paths, published=published)
    assert all(isinstance(result, Article) for result in results), results
    return [result for result in results if isinstance(result, Article)]


def write_jsonl(path: Path, *lines: object) -> Path:
    """Lines given as str are written verbatim, anything else as JSON."""
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


# --- normalisation ------------------------------------------------------------------------


def test_normalise_text_line_ends_bom_nfc_and_outer_whitespace() -> None:
    raw = "\ufeff  Kyiv said\r\nMoscow denied\rCafe\u0301  closed \n\n"
    assert normalise_text(raw) == "Kyiv said\nMoscow denied\nCaf\u00e9  closed"


def test_txt_file_is_normalised_and_hashed(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("\ufeffLine one.\r\nLine two.\r\n".encode())
    result = article(path)
    assert result.text == "Line one.\nLine two."
    assert result.text_sha256 == hashlib.sha256(b"Line one.\nLine two.").hexdigest()
    assert result.id == result.text_sha256[:16]
    assert (result.published, result.outlet, result.title, result.url, result.language) == (None,) * 5


def test_a_web_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("\ufeff<!DOCTYPE html><html><head><title>Port shelled</title></head><body><h1>Port shelled</h1>"
                    "<p>The navy said the port was shelled &amp; burning.</p><script>alert(1)</script></body></html>",
                    encoding="utf-8")
    result = article(path)
    assert result.title == "Port shelled"
    assert "The navy said the port was shelled & burning." in result.text
    assert "<" not in result.text and "alert" not in result.text


# --- sources, ids and directories --------------------------------------------------------


def test_source_is_the_path_as_given_and_ids_are_stable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir" / "sub").mkdir(parents=True)
    (tmp_path / "dir" / "sub" / "a.txt").write_text("The ministry said the convoy was hit.")
    (tmp_path / "copy.txt").write_text("The ministry said the convoy was hit.\n")
    first = articles("dir", "copy.txt")
    second = articles(Path("dir"), Path("copy.txt"))
    assert [a.source for a in first] == ["dir/sub/a.txt", "copy.txt"]
    assert [a.id for a in first] == [a.id for a in second]
    assert first[0].id == first[1].id


def test_directory_recursion_is_sorted_and_skips_other_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b_sub").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "a.txt").write_text("Alpha report.")
    (root / "b_sub" / "nested.TXT").write_text("Nested report.")
    (root / "c.htm").write_text(page(METADATA))
    write_jsonl(root / "d.jsonl", {"id": "rec-1", "text": "Record report."})
    (root / "notes.md").write_text("Not picked up inside a directory.")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / ".hidden.txt").write_text("Hidden.")
    (root / ".cache" / "x.txt").write_text("Cached.")
    sources = [result.source for result in articles(root)]
    assert sources == [f"{root}/a.txt", f"{root}/b_sub/nested.TXT", f"{root}/c.htm", "rec-1"]


def test_explicit_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    markdown = tmp_path / "notes.md"
    markdown.write_text("# Briefing\n\nThe spokesman said talks would resume.")
    bare = tmp_path / "README"
    bare.write_text("Officials confirmed the strike.")
    blob = tmp_path / "dump.bin"
    blob.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    assert article(markdown).text == "# Briefing\n\nThe spokesman said talks would resume."
    assert article(bare).text == "Officials confirmed the strike."
    assert one(blob) == InputError(str(blob), "binary file, not text")


# --- bad files ----------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert one(missing) == InputError(str(missing), "no such file or directory")
    assert list(iter_inputs(str(missing))) == [InputError(str(missing), "no such file or directory")]


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t ", "\ufeff\n".encode()])
def test_empty_documents(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert one(path) == InputError(str(path), "empty document")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Kyiv said\x00 Moscow denied", "binary file, not text"),
        (bytes(range(1, 9)) * 100 + b"some text", "binary file, not text"),
        ("Kyiv said".encode("utf-16"), "UTF-16 text, not UTF-8; convert it to UTF-8"),
        (b"Caf\xe9 owner said", "not valid UTF-8 (invalid byte 0xe9 at offset 3)"),
        (b"abc\xff\xfe", "not valid UTF-8 (invalid byte 0xff at offset 3)"),
    ],
)
def test_binary_and_undecodable_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert one(path) == InputError(str(path), reason)


def test_too_large_is_refused_by_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    real_open = builtins.open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        assert str(file) != str(path), "a file over the limit must not be opened"
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", guarded_open)
    assert one(path) == InputError(str(path), "too large: 50.0 MB, limit 20.0 MB")
    small = tmp_path / "small.txt"
    small.write_text("x" * 2_000_000)
    assert one(small, max_bytes=1_000_000) == InputError(str(small), "too large: 2.0 MB, limit 1.0 MB")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod cannot lock out root, so refuse the open directly.
    path = tmp_path / "locked.txt"
    path.write_text("Secret report.")
    real_open = builtins.open

    def refusing_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", refusing_open)
    assert one(path) == InputError(str(path), "permission denied")


def test_unreadable_subdirectory_is_reported_and_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.txt", "z.txt"):
        (tmp_path / name).write_text(f"Report {name}.")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def refusing_scandir(path: str) -> object:
        if path == str(locked):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    results = run(tmp_path)
    assert [type(r) for r in results] == [Article, InputError, Article]
    assert results[1] == InputError(str(locked), "permission denied")


def test_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The general said the line held.")
    results = run(tmp_path / "missing.txt", good)
    assert isinstance(results[0], InputError) and isinstance(results[1], Article)


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_mixed_good_and_bad_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": "a1", "text": "First claim."},
        '{"id": "a2", "text": ',
        "",
        "[1, 2]",
        {"id": "a3"},
        {"id": "a4", "text": "   "},
        {"id": "a5", "text": 42},
        {"id": ["x"], "text": "Listed id."},
        {"id": "a7", "text": "Bad url.", "url": ["http://x"]},
        {"id": "a8", "text": "Bad outlet.", "outlet": 3},
        {"id": "a9", "text": "Bad title.", "title": {"t": 1}},
        {"id": "a10", "text": "Bad date.", "published": "last Tuesday"},
        "   ",
        {"id": "a11", "text": "Last claim."},
    )
    results = run(path)
    assert [r.id for r in results if isinstance(r, Article)] == ["a1", "a11"]
    errors = [r for r in results if isinstance(r, InputError)]
    assert errors == [
        InputError(f"{path}:2", "invalid JSON: Expecting value (column 22)"),
        InputError(f"{path}:4", "record is a JSON array, not an object"),
        InputError(f"{path}:5", "record has no text"),
        InputError(f"{path}:6", "record has no text"),
        InputError(f"{path}:7", "record has no text"),
        InputError(f"{path}:8", "field 'id' must be a string or integer, not array"),
        InputError(f"{path}:9", "field 'url' must be a string, not array"),
        InputError(f"{path}:10", "field 'outlet' must be a string, not integer"),
        InputError(f"{path}:11", "field 'title' must be a string, not object"),
        InputError(f"{path}:12", 'unparseable published date: "last Tuesday"'),
    ]


def test_jsonl_hostile_lines_are_errors_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"[" * 100_000 + b"\n" + b"{\"text\": \"caf\xe9\"}\n" + b"{\"text\": \"ok\"}\n")
    deep, latin1, good = run(path)
    assert isinstance(deep, InputError) and deep.where == f"{path}:1"
    assert deep.reason.startswith("invalid JSON")
    assert latin1 == InputError(f"{path}:2", "not valid UTF-8 (invalid byte 0xe9 at offset 13)")
    assert isinstance(good, Article)


def test_jsonl_source_and_id_rules(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": "rec-7", "url": "https://a.example/1", "text": "With id."},
        {"id": 7, "text": "Numeric id."},
        {"url": " https://a.example/2 ", "text": "Url only."},
        {"text": "Neither."},
        {"id": "", "text": "Empty id."},
    )
    results = articles(path)
    assert [(r.id, r.source) for r in results] == [
        ("rec-7", "rec-7"),
        ("7", "7"),
        (results[2].text_sha256[:16], "https://a.example/2"),
        (results[3].text_sha256[:16], f"{path}:4"),
        (results[4].text_sha256[:16], f"{path}:5"),
    ]
    assert results[2].url == "https://a.example/2"


def test_jsonl_metadata_fields(tmp_path: Path) -> None:
    record = {"id": "m", "text": "Body.", "outlet": " Eastern Ledger ", "title": "", "url": None}
    result = article(write_jsonl(tmp_path / "m.jsonl", record))
    assert (result.outlet, result.title, result.url) == ("Eastern Ledger", None, None)


def test_jsonl_published_precedence(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "dates.jsonl",
        {"id": "own", "text": "a", "published": "2023-05-12"},
        {"id": "stamp", "text": "b", "published": "2023-05-11T23:30:00Z"},
        {"id": "absent", "text": "c"},
        {"id": "blank", "text": "d", "published": " "},
    )
    default = date(2022, 2, 24)
    assert [r.published for r in articles(path, published=default)] == [
        date(2023, 5, 12), date(2023, 5, 11), default, default,
    ]


def test_jsonl_streams_lines_and_limits_each_line(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "big.jsonl",
        {"id": "before", "text": "short"},
        {"id": "huge", "text": "y" * 3000},
        {"id": "after", "text": "short too"},
    )
    results = run(path, max_bytes=1000)  # the file is over the limit, most lines are not
    assert [r.id for r in results if isinstance(r, Article)] == ["before", "after"]
    assert results[1] == InputError(f"{path}:2", "too large: 3.0 kB, limit 1.0 kB")


def test_jsonl_bom_empty_and_binary(tmp_path: Path) -> None:
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes("\ufeff".encode() + b'{"id": "b", "text": "With BOM."}\r\n')
    assert article(bom).id == "b"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n")
    assert one(empty) == InputError(str(empty), "empty document")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00")
    assert one(binary) == InputError(str(binary), "binary file, not text")


# --- HTML ----------------------------------------------------------------------------------


def test_html_boilerplate_is_stripped_and_metadata_used(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(page(METADATA))
    result = article(path, published=date(2020, 1, 1))
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    for boilerplate in ("World news menu", "Subscribe today", "masthead", "Copyright", "Privacy policy"):
        assert boilerplate not in result.text
    assert result.title == "Officials trade claims over river crossing"
    assert result.outlet == "Eastern Ledger"
    assert result.url == "https://ledger.example.com/2024/03/river-crossing"
    assert result.published == date(2024, 3, 7)
    assert result.source == str(path)


def test_html_without_date_uses_the_argument_not_the_copyright_year(tmp_path: Path) -> None:
    path = tmp_path / "undated.htm"
    path.write_text(page())
    assert article(path, published=date(2023, 5, 12)).published == date(2023, 5, 12)
    assert article(path).published is None


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "cyrillic.html"
    claim = "Губернатор заявил об атаке."
    path.write_bytes(page(charset="windows-1251").replace(PARAGRAPHS[0], claim).encode("cp1251"))
    assert claim in article(path).text
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes(b"<html><body><p>Caf\xe9</p></body></html>")
    assert one(undeclared) == InputError(str(undeclared), "not valid UTF-8 (invalid byte 0xe9 at offset 18)")


@pytest.mark.parametrize("markup", [
    "<html><head><title>Only a title</title></head><body></body></html>", "<"
])
def test_html_without_article_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "blank.html"
    path.write_text(markup)
    assert one(path) == InputError(str(path), "no article text found in HTML")


# --- the shared example seeds --------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared example seeds not present")
def test_seed_examples() -> None:
    records = articles(SEEDS / "articles.jsonl")
    assert [(r.id, r.published) for r in records] == [
        ("000_a3ee0f3d239552e6", date(2023, 5, 12)),
        ("001_0f60bd3534760745", date(2023, 5, 11)),
        ("002_b5ca02158e98709b", date(2023, 1, 13)),
    ]
    files = [r for r in run(SEEDS) if isinstance(r, Article) and r.source.endswith(".txt")]
    assert [Path(f.source).stem for f in files] == [r.id for r in records]
    assert [f.text_sha256 for f in files] == [r.text_sha256 for r in records]


@pytest.mark.parametrize("first, title", [
    ("Rebels advance toward Tamsin as army denies losses", "Rebels advance toward Tamsin as army denies losses"),
    ("Is the northern front collapsing?", "Is the northern front collapsing?"),
    ("The army said on Monday that it had pushed the rebels back.", None),  # a sentence, not a headline
    ("By Ana Ruiz | March 9, 2024", None),
    ("KORVEL, March 9, 2024 — The army said it held the bridge", None),
    ("17:55 GMT – Rebels claim rocket attack", None),
])
def test_a_plain_text_reports_first_line_is_its_title_when_it_reads_as_a_headline(tmp_path: Path, first, title):
    report = tmp_path / "report.txt"
    report.write_text(f"{first}\n\nThe army said on Monday that it held the bridge at Korvel.\n", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "r1", "text": report.read_text(encoding="utf-8")}) + "\n"
                    + json.dumps({"id": "r2", "text": report.read_text(encoding="utf-8"), "title": "Given"}) + "\n",
                    encoding="utf-8")
    text_article, jsonl_article, titled = list(iter_inputs([str(report), str(feed)]))
    assert text_article.title == title and jsonl_article.title == title
    assert titled.title == "Given"  # a record's own title wins


@pytest.mark.parametrize("text, title", [
    ("Gangs and army trade blame\nBy Ana Ruiz\n\nPORT-AU-PRINCE - Text.", "Gangs and army trade blame"),
    ("LIVE: Rockets and drones for a second night\nRiver News live desk | Updated June 18\n\n06:40 GMT\nText.",
     "LIVE: Rockets and drones for a second night"),
    ("Rebels claim the bridge\nUpdated 18:42 GMT, 24 September 2024\n\nText.", "Rebels claim the bridge"),
    ("The army said it held the bridge\nat Korvel on Monday.\n\nText.", None),  # a sentence over two lines
    ("STEPPE MONITOR | Live report\nUpdated 11 April 2026\n\nText.", None),  # a masthead
])
def test_a_headline_may_sit_right_above_its_byline_masthead_or_stamp(tmp_path: Path, text, title):
    report = tmp_path / "report.txt"
    report.write_text(text, encoding="utf-8")
    [article] = list(iter_inputs([str(report)]))
    assert article.title == title
