"""How saving to the store scales: one `save_document` of N and of 10N articles into a fresh SQLite file.

Why: issue 6 asks that analyze write to the store in batches and keep cost near-linear; the document's rows go
through the ORM one by one, so this measures whether that stays linear and what it costs per article. The
documents are copies of one real analysis (the bundled samples by default, or a generated corpus) with every id
renamed per copy, so rows, references and text sizes are those of real output. Each size runs in a fresh process
for its own peak RSS; a second save of the same document (everything already stored, so skipped) is timed too.

    .venv/bin/python bench/store_save.py                 # 1,000 and 10,000 articles (~3 min on 2 cores)
    .venv/bin/python bench/store_save.py --sizes 200,2000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ID_SECTIONS = ("articles", "attributions", "entities", "events", "places", "propositions", "stories")


def base_document(inputs: list[str]) -> dict[str, Any]:
    from counterclaim.export import to_document
    from counterclaim.pipeline import run

    return to_document(run(inputs).corpus)


def _rename(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, list):
        return [_rename(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, ids) for k, v in value.items()}
    return value


def replicate(doc: dict[str, Any], articles: int) -> dict[str, Any]:
    """Copies of ``doc`` until it holds at least ``articles`` articles; copy k renames every id to ``<id>~k``."""
    known = {item["id"] for section in ID_SECTIONS for item in doc[section]}
    out: dict[str, Any] = {**doc, **{section: [] for section in ID_SECTIONS}}
    for k in range(-(-articles // len(doc["articles"]))):
        renamed = _rename({s: doc[s] for s in ID_SECTIONS}, {i: f"{i}~{k}" for i in known})
        for section in ID_SECTIONS:
            out[section] += renamed[section]
    return out


def measure(path: str) -> dict[str, Any]:
    from counterclaim.export import validate_document
    from counterclaim.store import open_store

    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    assert validate_document(doc) == [], "replicated document must stay valid"
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.sqlite") as store:
        start = time.perf_counter()
        stats = store.save_document(doc, validated=True)
        first = time.perf_counter() - start
        start = time.perf_counter()
        store.save_document(doc, validated=True)
        again = time.perf_counter() - start
        rows = sum(store.counts().values())
    return {"articles": len(doc["articles"]), "rows": rows, "inserted": sum(stats.inserted.values()),
            "save_s": round(first, 2), "resave_s": round(again, 2),
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="articles per document, smallest first")
    parser.add_argument("--input", action="append", help="what to analyse for the base document [default: samples/]")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    base = base_document(args.input or [str(ROOT / "samples")])
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"base: {len(base['articles'])} analysed articles, copied with renamed ids")
    print(f"{'articles':>9} {'rows':>9} {'save s':>8} {'ms/article':>11} {'resave s':>9} {'peak RSS MB':>12}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"doc-{n}.json"
            path.write_text(json.dumps(replicate(base, n), ensure_ascii=False), encoding="utf-8")
            out = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True,
                                 check=False)
            if out.returncode != 0:
                raise SystemExit(f"measure {n} failed:\n{out.stderr[-3000:]}")
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(r)
            print(f"{r['articles']:>9} {r['rows']:>9} {r['save_s']:>8.2f} {1000 * r['save_s'] / r['articles']:>11.1f} "
                  f"{r['resave_s']:>9.2f} {r['rss_mb']:>12}", flush=True)
    if len(results) >= 2:
        small, large = results[0], results[-1]
        print(f"{large['articles'] / small['articles']:.0f}x the articles: save {large['save_s'] / small['save_s']:.1f}x "
              f"the time, resave {large['resave_s'] / max(small['resave_s'], 0.01):.1f}x, peak RSS "
              f"{large['rss_mb'] / small['rss_mb']:.2f}x")


if __name__ == "__main__":
    main()
