"""CSV (ACLED-style, one row per claim) and GeoJSON exports: shapes, types, mappings, formula injection, CLI."""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import SAMPLES, build_corpus
from hostile import hostile_record
from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.export import to_csv, to_document, to_geojson
from counterclaim.export.acled import event_date, event_type, fatalities, geo_precision
from counterclaim.export.geojson import SKIPPED
from counterclaim.export.tabular import COLUMNS
from counterclaim.pipeline import run

# (min lat, max lat, min lon, max lon), generous boxes around the two sample countries
BBOX = {"SD": (8.6, 22.3, 21.8, 38.7), "CD": (-13.5, 5.4, 12.2, 31.4)}


def read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


def located(doc: dict[str, Any], event: dict[str, Any]) -> bool:
    place = next((p for p in doc["places"] if p["id"] == event.get("place")), None)
    return place is not None and place["lat"] is not None and place["lon"] is not None


@pytest.fixture(scope="module")
def csv_text(samples_document: dict[str, Any]) -> str:
    return to_csv(samples_document)


@pytest.fixture(scope="module")
def frame(csv_text: str) -> pd.DataFrame:
    return read(csv_text)


@pytest.fixture(scope="module")
def collection(samples_document: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(to_geojson(samples_document)))  # what a reader of the file gets


# --- CSV on the samples ------------------------------------------------------------------------------------------

def test_csv_has_the_columns_in_order_and_numeric_types(frame: pd.DataFrame, csv_text: str) -> None:
    assert list(frame.columns) == list(COLUMNS)
    assert list(COLUMNS[:16]) == [
        "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
        "admin1", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
        "fatalities"]
    assert frame["latitude"].dtype == "float64" and frame["longitude"].dtype == "float64"
    assert frame["fatalities"].dtype == "int64" and frame["time_precision"].dtype == "int64"
    assert set(frame["time_precision"]) <= {1, 2, 3}
    assert set(frame["geo_precision"].dropna()) <= {1, 2, 3}
    assert "\r" not in csv_text and csv_text.endswith("\n")


def test_one_row_per_event_claim(frame: pd.DataFrame, samples_document: dict[str, Any]) -> None:
    expected = [(e["id"], a) for e in samples_document["events"] for a in e["claimed_by"] or [""]]
    got = list(zip(frame["event_id_cnty"], frame["attribution_id"].fillna("")))
    assert got == expected
    own_voice = frame[frame["attribution_id"].isna()]
    assert len(own_voice) == sum(1 for e in samples_document["events"] if not e["claimed_by"])
    assert own_voice["claimant"].isna().all()
    claimed = frame[frame["attribution_id"].notna()]
    assert claimed["claimant"].notna().all() and claimed["notes"].notna().all()
    assert (frame["notes"].fillna("").str.len() <= 300).all()


def test_claimants_carry_side_stance_and_status(frame: pd.DataFrame, samples_document: dict[str, Any]) -> None:
    stances = {(p["id"], s["attribution"]): (s["stance"], p["status"])
               for p in samples_document["propositions"] for s in p["stances"] if s["attribution"]}
    rows = frame[frame["attribution_id"].notna() & frame["proposition_id"].notna()]
    assert len(rows) > 10
    for row in rows.itertuples():
        assert (row.stance, row.status) == stances[(row.proposition_id, row.attribution_id)]
    assert {"supports", "denies"} <= set(frame["stance"].dropna())
    assert "Sudan" in set(frame["claimant_side"].dropna())


def test_sample_places_are_in_their_countries(frame: pd.DataFrame) -> None:
    for name, country in (("Mellit", "SD"), ("Goma", "CD")):
        rows = frame[frame["location"] == name]
        assert len(rows) > 0, name
        south, north, west, east = BBOX[country]
        assert rows["latitude"].between(south, north).all() and rows["longitude"].between(west, east).all()
        assert (rows["country_code"] == country).all()
    assert (frame[frame["location"] == "Goma"]["latitude"] < 0).all()  # south of the equator: negative


def test_event_types_use_acled_categories(frame: pd.DataFrame) -> None:
    acled = {
        "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
        "Explosions/Remote violence": {"Shelling/artillery/missile attack", "Air/drone strike"},
        "Violence against civilians": {"Attack"},
        "Strategic developments": {"Non-violent transfer of territory", "Change to group/activity", "Other"},
    }
    for kind, sub in zip(frame["event_type"], frame["sub_event_type"]):
        assert sub in acled[kind]
    shelling = frame[frame["type"] == "shelling"]
    assert len(shelling) and set(shelling["event_type"]) == {"Explosions/Remote violence"}
    gains = frame[frame["type"].isin(["capture", "advance"]) & (frame["actor1"] == "Rapid Support Forces")]
    assert len(gains) and set(gains["sub_event_type"]) == {"Non-state actor overtakes territory"}


# --- mappings on hand-made events --------------------------------------------------------------------------------

def _event(kind: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"id": "e", "article": "a", "type": kind, "span": {"text": text, "start": 0, "end": len(text)}, **extra}


@pytest.mark.parametrize(("kind", "side", "country", "expected"), [
    ("capture", "Rapid Support Forces", "SD", "Non-state actor overtakes territory"),
    ("capture", "Sudan", "SD", "Government regains territory"),
    ("advance", "Russia", "UA", "Non-state actor overtakes territory"),  # a foreign state's gain
    ("advance", None, "SD", "Armed clash"),
])
def test_territorial_gains_depend_on_who_gains(kind: str, side: str | None, country: str, expected: str) -> None:
    assert event_type(_event(kind, "took the town"), {"country_code": country}, side) == ("Battles", expected)


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("shelling", "shelled the market", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("attack", "air strikes on the base", ("Explosions/Remote violence", "Air/drone strike")),
    ("attack", "drones hit the depot", ("Explosions/Remote violence", "Air/drone strike")),
    ("attack", "targeting displaced families", ("Violence against civilians", "Attack")),
    ("attack", "stormed the trenches", ("Battles", "Armed clash")),
    ("withdrawal", "pulled back", ("Strategic developments", "Non-violent transfer of territory")),
    ("replacement", "replaced the commander", ("Strategic developments", "Change to group/activity")),
])
def test_event_type_table(kind: str, text: str, expected: tuple[str, str]) -> None:
    assert event_type(_event(kind, text), None, None) == expected


@pytest.mark.parametrize(("value", "precision", "expected"), [
    ("2024-05-11", "day", ("2024-05-11", 1)),
    ("2024-05-07/2024-05-13", "week", ("2024-05-10", 2)),
    ("2024-02-07/2024-02-08", "day", ("2024-02-07", 2)),  # two days is not a day
    ("2024-05", "month", ("2024-05-16", 3)),
    ("2023-06/2023-08", "season", ("2023-07-16", 3)),
    ("2023", "year", ("2023-07-02", 3)),
    (None, "unknown", ("", 3)),
    ("not a date", "day", ("", 3)),
])
def test_dates_are_coded_at_the_middle_of_their_period(value: str | None, precision: str,
                                                       expected: tuple[str, int]) -> None:
    assert event_date(value, precision) == expected


def test_fatalities_count_deaths_only() -> None:
    count = {"kind": "count", "count": 9.0, "text": "at least nine people"}
    assert fatalities(_event("casualties", "killing at least nine people", magnitude=count)) == 9
    assert fatalities(_event("casualties", "wounding at least nine people", magnitude=count)) == 0
    assert fatalities(_event("casualties", "killed or wounded nine people", magnitude=count)) == 0
    assert fatalities(_event("advance", "advanced 15 km", magnitude={"kind": "distance", "km": 15.0})) == 0


def test_geo_precision_codes() -> None:
    town = {"lat": 14.1, "lon": 25.5, "feature": "town", "precision": "exact"}
    assert geo_precision(town, {"place_relation": "in"}) == 1
    assert geo_precision(town, {"place_relation": "north of"}) == 2
    assert geo_precision(town, {"place_relation": None, "place_inferred": True}) == 2
    assert geo_precision({**town, "feature": "region", "precision": "region"}, {}) == 3
    assert geo_precision({**town, "lat": None}, {}) is None


# --- formula injection and negative coordinates, on a hand-built document ------------------------------------------

@pytest.fixture
def hostile() -> dict[str, Any]:
    """The fixture corpus with spreadsheet formulas in quotes and names, at a place west of Greenwich."""
    doc = to_document(build_corpus())
    attributions = {a["id"]: a for a in doc["attributions"]}
    attributions["art-1:1"]["content"]["text"] = '=HYPERLINK("http://example.invalid/x","click")'
    attributions["art-1:2"]["content_fragments"] = [{"text": "@SUM(1+1)*cmd|' /C calc'!A0", "start": 0, "end": 1}]
    entity = next(e for e in doc["entities"] if e["id"] == "ent-marchuk")
    entity["name"], entity["side"] = "+Marchuk", "-Ukraine"
    doc["events"][0]["claimed_by"] = ["art-1:1", "art-1:2"]
    doc["places"][0].update(lat=8.48, lon=-12.3, admin1="\tWestern Area")
    return doc


def test_formula_cells_get_a_quote_and_numbers_stay_numbers(hostile: dict[str, Any]) -> None:
    text = to_csv(hostile)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["notes"] for r in rows] == ['\'=HYPERLINK("http://example.invalid/x","click")',
                                          "'@SUM(1+1)*cmd|' /C calc'!A0"]
    assert rows[1]["claimant"] == "'+Marchuk" and rows[1]["claimant_side"] == "'-Ukraine"
    assert rows[0]["admin1"] == "'\tWestern Area"
    for row in rows:
        assert row["longitude"] == "-12.3" and row["latitude"] == "8.48" and row["fatalities"] == "0"
    frame = read(text)
    assert frame["longitude"].tolist() == [-12.3, -12.3] and frame["longitude"].dtype == "float64"
    for column in COLUMNS:  # nothing a spreadsheet would evaluate is left unprefixed
        for value in frame[column].dropna():
            if isinstance(value, str):
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)


# --- GeoJSON ------------------------------------------------------------------------------------------------------

def test_geojson_is_a_feature_collection_of_points(collection: dict[str, Any],
                                                   samples_document: dict[str, Any]) -> None:
    assert collection["type"] == "FeatureCollection"
    drawable = [e for e in samples_document["events"] if located(samples_document, e)]
    assert [f["id"] for f in collection["features"]] == [e["id"] for e in drawable]
    assert collection[SKIPPED] == len(samples_document["events"]) - len(drawable) > 0
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon + lat)


def test_geojson_puts_longitude_first(collection: dict[str, Any], samples_document: dict[str, Any]) -> None:
    places = {p["id"]: p for p in samples_document["places"]}
    for feature in collection["features"]:
        place = places[feature["properties"]["place"]]
        assert feature["geometry"]["coordinates"] == [place["lon"], place["lat"]]
    mellit = next(f for f in collection["features"] if f["properties"]["place_name"] == "Mellit")
    south, north, west, east = BBOX["SD"]
    lon, lat = mellit["geometry"]["coordinates"]
    assert west <= lon <= east and south <= lat <= north and mellit["properties"]["country"] == "SD"


def test_geojson_features_carry_their_claims(collection: dict[str, Any], samples_document: dict[str, Any]) -> None:
    events = {e["id"]: e for e in samples_document["events"]}
    for feature in collection["features"]:
        props = feature["properties"]
        event = events[feature["id"]]
        assert props["type"] == event["type"] and props["plover"] == event["plover"]
        assert props["date"] == event["date"]["value"] and props["precision"] == event["date"]["precision"]
        assert props["claims"], feature["id"]
        if event["claimed_by"]:
            assert [c["attribution"] for c in props["claims"]] == event["claimed_by"]
            assert all(c["claimant"] and c["quote"] for c in props["claims"])
        else:
            assert [c["attribution"] for c in props["claims"]] == [None]
        for claim in props["claims"]:
            assert set(claim) == {"attribution", "claimant", "claimant_side", "stance", "status", "proposition",
                                  "quote"}
            assert claim["status"] == props["status"] and claim["proposition"] == props["proposition"]


def test_geojson_of_a_document_without_coordinates_is_empty(hostile: dict[str, Any]) -> None:
    doc = copy.deepcopy(hostile)
    doc["places"][0].update(lat=None, lon=None)
    assert to_geojson(doc) == {"type": "FeatureCollection", "features": [], SKIPPED: 1}


# --- the command line ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_analyze_writes_the_chosen_format(fmt: str, tmp_path: Path, samples_document: dict[str, Any]) -> None:
    target = tmp_path / f"x.{fmt}"
    result = CliRunner().invoke(app, ["analyze", str(SAMPLES), "--format", fmt, "-o", str(target),
                                      "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.sqlite").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left over
    if fmt == "csv":
        assert target.read_text(encoding="utf-8") == to_csv(samples_document)
    else:
        assert json.loads(target.read_text(encoding="utf-8")) == json.loads(json.dumps(to_geojson(samples_document)))


def test_bad_format_is_a_one_line_error(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Army units regained control of the bridge, the military said.", encoding="utf-8")
    target = tmp_path / "x.out"
    result = CliRunner().invoke(app, ["analyze", str(report), "--format", "xlsx", "-o", str(target), "--db", ""])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "unsupported format" in line]
    assert len(errors) == 1 and "'xlsx'" in errors[0] and "json, csv, geojson" in errors[0]
    assert "Traceback" not in result.output
    assert not target.exists()


def test_default_output_is_named_after_the_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  samples_document: dict[str, Any]) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["analyze", str(SAMPLES), "--format", "GeoJSON", "--db", ""])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report.geojson"]
    assert json.loads((tmp_path / "out" / "report.geojson").read_text(encoding="utf-8"))["type"] == "FeatureCollection"


@pytest.mark.parametrize("fmt", ["csv", "geojson", "json"])
def test_export_writes_what_the_store_holds_without_reanalysing(fmt: str, tmp_path: Path,
                                                                samples_document: dict[str, Any]) -> None:
    from counterclaim.store import open_store

    with open_store(tmp_path / "x.sqlite") as store:
        store.save_document(copy.deepcopy(samples_document))
    target = tmp_path / f"x.{fmt}"
    result = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(target), "--db", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 0, result.output
    written = target.read_text(encoding="utf-8")
    if fmt == "csv":
        assert written == to_csv(samples_document)
    elif fmt == "geojson":
        assert json.loads(written) == json.loads(json.dumps(to_geojson(samples_document)))
    else:  # the store's own order (by id), same content
        with open_store(tmp_path / "x.sqlite") as store:
            assert json.loads(written) == json.loads(json.dumps(store.load_document()))
        assert len(json.loads(written)["articles"]) == len(samples_document["articles"])


def test_export_from_a_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "-o", str(tmp_path / "x.csv"), "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2 and "no store at" in result.stderr and "Traceback" not in result.output


def test_hostile_markup_and_sql_stay_verbatim_text_in_csv_and_geojson(tmp_path: Path) -> None:
    """Article text is data: a script tag, an attribute-breaking tag, a javascript: URL and an SQL fragment in the
    quotes, title and outlet come out of both exports character for character, as plain strings."""
    script, img, js = "<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "javascript:alert(3)"
    record = hostile_record(script, img, js)
    record["text"] += " \"Robert'); DROP TABLE articles;--\" was written under the sign, a resident said."
    feed = tmp_path / "hostile.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc = to_document(run([str(feed)]).corpus)
    text = doc["articles"][0]["text"]
    quotes = {text[a["content"]["start"]:a["content"]["end"]] for a in doc["attributions"]}
    assert any(script in q for q in quotes) and any("DROP TABLE" in q for q in quotes)

    rows = list(csv.DictReader(io.StringIO(to_csv(doc))))
    assert rows and {r["source"] for r in rows} == {doc["articles"][0]["outlet"]}  # the outlet, markup and all
    assert script in rows[0]["source"] and img in rows[0]["source"]
    assert any(img in r["notes"] for r in rows)  # a claim's words, tags included, joined by single spaces
    for row in rows:
        assert all(word in text for word in row["notes"].split())

    collection = json.loads(json.dumps(to_geojson(doc)))  # what a GIS tool reads back
    geo_quotes = [c["quote"] for f in collection["features"] for c in f["properties"]["claims"] if c["quote"]]
    assert any(img in q for q in geo_quotes)
    for quote in geo_quotes:
        assert all(word in text for word in quote.split())
