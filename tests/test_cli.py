"""The command line end to end: help, version, bad inputs among good ones, the export, the store, re-runs."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim import __version__
from counterclaim.cli import app
from counterclaim.nlp import load_pipeline

SCRIPT = Path(sys.executable).with_name("counterclaim")
# The installed console script; the same entry point through this interpreter where the venv has no script.
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-c", "from counterclaim.cli import main; main()"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")

REPORT = (
    "Sudanese army units regained control of a bridge over the Blue Nile, the military said on Wednesday.\n\n"
    "\"We have cleared the last positions held by the militia on the eastern bank,\" army spokesman "
    "Colonel Idris Mahjoub told reporters in Port Sudan.\n\n"
    "Horn Dispatch could not independently verify the claim."
)
GOOD_RECORD = {
    "id": "caucasus-0412",
    "text": ("Armenian officials said on Monday that a border post had come under fire. "
             "\"The shelling lasted for two hours,\" the ministry said."),
    "published": "2024-02-12",
    "outlet": "Caspian Wire",
    "title": "Border post shelled, officials say",
}
TABLES = ["articles", "attributions", "entities", "entity_mentions", "verification_notes"]


@pytest.fixture(scope="module", autouse=True)
def pipeline() -> None:
    load_pipeline()  # cached for the whole process: every CliRunner call below reuses it


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def flat(text: str) -> str:
    """Output without colour codes, box drawing or line wrapping, for substring checks."""
    text = ANSI.sub("", text)
    text = re.sub(r"[│╭╮╰╯─]", " ", text)
    return " ".join(text.split())


def lines(text: str) -> list[str]:
    return [ANSI.sub("", line).strip() for line in text.splitlines() if line.strip()]


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def counts(db: Path) -> dict[str, int]:
    return {t: rows(db, f"select count(*) from {t}")[0][0] for t in TABLES}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """One good report, one good JSONL record, and four kinds of bad input side by side."""
    root = tmp_path / "inputs"
    root.mkdir()
    (root / "bridge.txt").write_text(REPORT, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (root / "legacy.txt").write_bytes("The governor said troops held the ridge near ".encode() + b"P\xe9ronne.")
    (root / "batch.jsonl").write_text(json.dumps(GOOD_RECORD) + "\n" + '{"id": "caucasus-0413", "text": \n',
                                      encoding="utf-8")
    return root


def analyze(runner: CliRunner, tmp_path: Path, *args: str):
    result = runner.invoke(app, ["analyze", *args, "-o", str(tmp_path / "report.json"),
                                 "--db", str(tmp_path / "x.sqlite")])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# --- help and version -------------------------------------------------------------------------------------------


def test_app_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "analyze" in result.output
    assert "--version" in result.output


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "analyze" in result.output
    assert "Traceback" not in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"counterclaim {__version__}"


def test_analyze_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0
    out = flat(result.output)
    for option in ("--output", "--format", "--db", "--published", "--model", "--attributions"):
        assert option in out


def test_analyze_chooses_the_attribution_finder(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    from counterclaim.extract.learned import MODE_ENV

    monkeypatch.delenv(MODE_ENV, raising=False)  # restored afterwards: the option sets it for this process
    report = tmp_path / "belief.txt"
    report.write_text("The governor is convinced that the militia will withdraw from the valley by the end of the "
                      "month.", encoding="utf-8")
    found = {}
    for mode in ("rules", "combined"):
        result = analyze(runner, tmp_path, str(report), "--attributions", mode)
        assert result.exit_code == 0, result.output
        found[mode] = len(json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["attributions"])
    assert found == {"rules": 0, "combined": 1}  # a belief only the trained tagger reads as an attribution
    result = analyze(runner, tmp_path, str(report), "--attributions", "neural")
    assert result.exit_code == 2 and "--attributions" in result.stderr and "neural" in result.stderr


def test_installed_script_help_and_version() -> None:
    for args, expected in ([["--version"], f"counterclaim {__version__}"], [["--help"], "analyze"],
                           [["analyze", "--help"], "--published"]):
        proc = subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert expected in proc.stdout
        assert "Traceback" not in proc.stdout + proc.stderr


# --- one run over good and bad inputs ---------------------------------------------------------------------------


def test_bad_inputs_are_reported_and_good_ones_kept(runner: CliRunner, tmp_path: Path, corpus: Path) -> None:
    result = analyze(runner, tmp_path, str(corpus))
    assert result.exit_code == 1
    errors = [line for line in lines(result.stderr) if line.startswith("error")]
    expected = {
        f"{corpus / 'batch.jsonl'}:2": "invalid JSON",
        str(corpus / "empty.txt"): "empty document",
        str(corpus / "scan.txt"): "binary file",
        str(corpus / "legacy.txt"): "not valid UTF-8 (invalid byte 0xe9 at offset 46)",
    }
    assert len(errors) == len(expected), errors
    for where, reason in expected.items():
        [line] = [e for e in errors if f" {where}:" in e]
        assert reason in line
    assert "4 input(s) failed" in flat(result.stderr)
    assert str(corpus / "bridge.txt") not in result.stderr
    assert "Traceback" not in result.stderr

    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    by_source = {a["source"]: a for a in doc["articles"]}
    assert set(by_source) == {"caucasus-0412", str(corpus / "bridge.txt")}
    record = by_source["caucasus-0412"]
    assert (record["id"], record["outlet"], record["title"]) == (
        "caucasus-0412", "Caspian Wire", "Border post shelled, officials say")
    assert record["published"]["value"] == "2024-02-12"
    report = by_source[str(corpus / "bridge.txt")]
    assert report["text"] == REPORT
    assert report["published"]["value"] is None

    quotes = [a for a in doc["attributions"] if a["article"] == report["id"] and a["kind"] == "direct"]
    assert [q["source"]["text"] for q in quotes] == ["army spokesman Colonel Idris Mahjoub"]
    assert quotes[0]["content"]["text"].startswith("\"We have cleared the last positions")

    stored = rows(tmp_path / "x.sqlite", "select id, source, outlet, published, text from articles order by id")
    assert [(r[0], r[1]) for r in stored] == sorted((a["id"], a["source"]) for a in doc["articles"])
    assert {r[0]: r[4] for r in stored} == {a["id"]: a["text"] for a in doc["articles"]}
    assert {r[0]: r[3] for r in stored}["caucasus-0412"] == "2024-02-12"
    assert rows(tmp_path / "x.sqlite", "select count(*) from attributions")[0][0] == len(doc["attributions"])


def test_outlet_is_inferred_from_verification_note(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = analyze(runner, tmp_path, str(path))
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    [article] = doc["articles"]
    assert article["outlet"] == "Horn Dispatch"
    assert [n["kind"] for n in article["verification_notes"]] == ["not_verified"]


def test_running_twice_stores_nothing_twice(runner: CliRunner, tmp_path: Path, corpus: Path) -> None:
    first = analyze(runner, tmp_path, str(corpus))
    before = counts(tmp_path / "x.sqlite")
    assert before["articles"] == 2
    second = analyze(runner, tmp_path, str(corpus))
    assert (first.exit_code, second.exit_code) == (1, 1)
    assert counts(tmp_path / "x.sqlite") == before
    assert "already stored" in flat(second.stdout)


def test_same_file_given_twice_is_analysed_once(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = analyze(runner, tmp_path, str(path), str(path))
    assert result.exit_code == 0, result.output
    assert rows(tmp_path / "x.sqlite", "select count(*) from articles")[0][0] == 1


def test_missing_path_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.txt"
    result = analyze(runner, tmp_path, str(missing))
    assert result.exit_code == 1
    errors = [line for line in lines(result.stderr) if str(missing) in line]
    assert errors == [f"error {missing}: no such file or directory"]
    assert "Traceback" not in result.output


def test_missing_path_alone_says_nothing_was_analysed(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.txt"
    result = analyze(runner, tmp_path, str(missing))
    assert result.exit_code == 1
    assert lines(result.stderr) == [f"error {missing}: no such file or directory",
                                    "1 input(s) failed; nothing was analysed; `counterclaim failures` lists them."]


def test_missing_path_among_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "bridge.txt"
    good.write_text(REPORT, encoding="utf-8")
    result = analyze(runner, tmp_path, str(tmp_path / "gone.txt"), str(good))
    assert result.exit_code == 1
    assert "gone.txt: no such file or directory" in result.stderr
    assert rows(tmp_path / "x.sqlite", "select source from articles") == [(str(good),)]


# --- dates, usage errors ----------------------------------------------------------------------------------------


def test_published_option_resolves_dates(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = analyze(runner, tmp_path, str(path), "--published", "2024-03-08")  # a Friday
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    [article] = doc["articles"]
    assert article["published"] == {"value": "2024-03-08", "precision": "day"}
    dated = [a["date"] for a in doc["attributions"] if (a.get("date") or {}).get("text") == "on Wednesday"]
    assert dated and all(d["value"] == "2024-03-06" and d["precision"] == "day" for d in dated)
    assert rows(tmp_path / "x.sqlite", "select published from articles") == [("2024-03-08",)]


def test_published_option_does_not_override_record_date(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(GOOD_RECORD) + "\n", encoding="utf-8")
    result = analyze(runner, tmp_path, str(path), "--published", "2024-03-08")
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert doc["articles"][0]["published"]["value"] == "2024-02-12"
    monday = [a["date"] for a in doc["attributions"] if (a.get("date") or {}).get("text") == "on Monday"]
    assert monday and monday[0]["value"] == "2024-02-12"  # the record's own Monday, not one before 8 March


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "08/03/2024", ""])
def test_bad_published_is_a_usage_error(runner: CliRunner, tmp_path: Path, value: str) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = analyze(runner, tmp_path, str(path), "--published", value)
    assert result.exit_code == 2
    assert "is not a date" in flat(result.stderr)
    assert "YYYY-MM-DD" in flat(result.stderr)
    assert "Traceback" not in result.output
    assert not (tmp_path / "report.json").exists()


def test_unsupported_format_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = analyze(runner, tmp_path, str(path), "--format", "xml")
    assert result.exit_code == 2
    message = flat(result.stderr)
    assert "--format" in message and "unsupported format 'xml'" in message and "json" in message
    assert "Traceback" not in result.output
    assert not (tmp_path / "report.json").exists()


def test_installed_script_end_to_end(tmp_path: Path, corpus: Path) -> None:
    """The real entry point, in its own process: same errors, exit 1, no traceback."""
    proc = subprocess.run(
        [*COMMAND, "analyze", str(corpus), "-o", str(tmp_path / "report.json"), "--db",
         str(tmp_path / "x.sqlite"), "--published", "2024-03-08"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"{corpus / 'batch.jsonl'}:2: invalid JSON" in proc.stderr
    assert f"{corpus / 'scan.txt'}: binary file" in proc.stderr
    assert rows(tmp_path / "x.sqlite", "select count(*) from articles") == [(2,)]
    assert rows(tmp_path / "x.sqlite", "select published from articles where id = 'caucasus-0412'") == [
        ("2024-02-12",)]


def test_timeline_command_reads_the_store(runner: CliRunner, tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[1] / "samples" / "reports.jsonl"
    analyze(runner, tmp_path, str(sample))
    result = runner.invoke(app, ["timeline", "Mellit", "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 0, result.output
    assert "Claims about Mellit" in result.output
    assert re.search(r"2024-05-1\d", result.output) and ("supports" in result.output or "denies" in result.output)
    missing = runner.invoke(app, ["timeline", "Atlantis", "--db", str(tmp_path / "x.sqlite")])
    assert missing.exit_code == 1 and "no place called 'Atlantis'" in missing.output
