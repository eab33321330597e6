"""Compare attribution finders on PolNeAR in one run: rules, the learned model, their combination, and textacy.

Usage::

    .venv/bin/python bench/attribution_eval.py --compare                 # all of dev
    .venv/bin/python bench/attribution_eval.py --compare --limit 20 --json out/compare.json

Every system reads the same parse of each article (``parse_input`` text through ``load_pipeline``), so the
figures differ only by the finder. rules / model / combined run the full ``extract_article`` in that mode (speakers,
dates, events included), which is what a user pays; the cost of the model is reported as the extra time per article
over rules (parse + extract) in percent. textacy 0.13's ``extract.triples.direct_quotations`` is an outside
baseline (direct quotes only, by design); it is optional and reported as missing when it cannot be imported.
Metric definitions: see ``attribution_eval``'s docstring.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from attribution_eval import (OVERLAPS, ROLES, SpanAttribution, Tally, _fmt, gold_attributions,
                              predicted_attributions, record_to_article, score_article)

SYSTEMS = ("rules", "model", "combined", "textacy")


def _runs(tokens: Sequence[Any]) -> tuple[tuple[int, int], ...]:
    """Character fragments covering runs of consecutive tokens."""
    out: list[tuple[int, int]] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if out and tok.i == last + 1:
            out[-1] = (out[-1][0], end)
        else:
            out.append((tok.idx, end))
        last = tok.i
    return tuple(out)


def textacy_finder() -> Callable[[Any], list[SpanAttribution]] | None:
    try:
        from textacy.extract.triples import direct_quotations
    except Exception:  # noqa: BLE001 - any import failure means "not available"
        return None

    def find(doc: Any) -> list[SpanAttribution]:
        """Its triples; an article where it bails out (unbalanced quotation marks) counts as no predictions."""
        out = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            find.failures += 1  # type: ignore[attr-defined]
            return []
        for triple in triples:
            out.append(SpanAttribution(source=_runs(triple.speaker), cue=_runs(triple.cue),
                                       content=((triple.content.start_char, triple.content.end_char),)))
        return out

    find.failures = 0  # type: ignore[attr-defined]
    return find


def compare(records: Sequence[dict[str, Any]], split: str, nlp: Any,
            systems: Sequence[str] = SYSTEMS) -> dict[str, Any]:
    """Score every system on every record; returns figures and per-article seconds (no article text)."""
    from counterclaim.extract import extract_article, parse_input
    from counterclaim.extract.learned_model import load_tagger

    textacy = textacy_finder() if "textacy" in systems else None
    if "model" in systems or "combined" in systems:
        load_tagger()  # load once, outside the timings
    if records:  # warm-up, untimed: first calls load lexicons, gazetteers and the tagger's caches
        warm = record_to_article(records[0], split)
        warm_doc = nlp(parse_input(warm.text))
        for system in systems:
            if system != "textacy":
                extract_article(warm, warm_doc, attributions=system)
    tallies = {s: Tally() for s in systems}
    seconds = {s: 0.0 for s in systems}
    parse_s = 0.0
    for rec in records:
        article = record_to_article(rec, split)
        t0 = time.perf_counter()
        doc = nlp(parse_input(article.text))
        parse_s += time.perf_counter() - t0
        gold = gold_attributions(rec)
        for system in systems:
            t0 = time.perf_counter()
            if system == "textacy":
                if textacy is None:
                    continue
                pred = textacy(doc)
            else:
                pred = predicted_attributions(extract_article(article, doc, attributions=system).attributions)
            seconds[system] += time.perf_counter() - t0
            tallies[system] += score_article(rec["text"], gold, pred)
    n = max(len(records), 1)
    rules_total = (parse_s + seconds.get("rules", 0.0)) / n
    report: dict[str, Any] = {"split": split, "n_articles": len(records), "parse_s_per_article": parse_s / n,
                              "systems": {}}
    for system in systems:
        if system == "textacy" and textacy is None:
            report["systems"][system] = {"available": False}
            continue
        total = parse_s / n + seconds[system] / n
        report["systems"][system] = {
            "available": True, **tallies[system].as_dict(),
            "s_per_article": total if system != "textacy" else seconds[system] / n,
            "extra_vs_rules": (total - rules_total) / rules_total if system != "textacy" and rules_total else None,
        }
        if system == "textacy":
            report["systems"][system]["articles_failed"] = textacy.failures  # type: ignore[union-attr]
    return report


def render(report: dict[str, Any]) -> None:
    """One table: a row per figure, a column per system."""
    systems = report["systems"]
    names = list(systems)

    def get(name: str, *path: str) -> str:
        node: Any = systems[name]
        if not node.get("available"):
            return "missing"
        for key in path:
            node = node[key]
        return node if isinstance(node, str) else _fmt(node)

    rows = [("attribution P", ("attribution", "precision")), ("attribution R", ("attribution", "recall")),
            ("attribution F1", ("attribution", "f1")),
            *((f"attribution F1 @ Jaccard {k}", ("attribution_at_overlap", k, "f1")) for k in OVERLAPS),
            ("exact content F1", ("exact_content", "f1")),
            *((f"{r} token F1", ("role_tokens", r, "f1")) for r in ROLES),
            ("speaker accuracy (matched)", ("matched_pairs", "speaker_accuracy")),
            ("quoted recall", ("by_quotation", "quoted", "recall")),
            ("unquoted recall", ("by_quotation", "unquoted", "recall")),
            ("predicted attributions", ("n_pred",))]
    title = (f"PolNeAR {report['split']}: {report['n_articles']} articles; "
             f"parse {report['parse_s_per_article']:.3f} s/article")
    print(title)
    print(f"{'figure':28}" + "".join(f"{n:>11}" for n in names))
    for label, path in rows:
        cells = [get(n, *path) if path != ("n_pred",) or not systems[n].get("available")
                 else str(systems[n]["n_pred"]) for n in names]
        print(f"{label:28}" + "".join(f"{c:>11}" for c in cells))
    cost = []
    for n in names:
        s = systems[n]
        if not s.get("available"):
            cost.append("missing")
        elif s["extra_vs_rules"] is None:
            cost.append(f"{s['s_per_article']:.3f}s*")
        else:
            cost.append(f"{s['extra_vs_rules']:+.0%}")
    print(f"{'s/article (parse+extract)':28}" + "".join(
        f"{(_fmt(systems[n]['s_per_article']) if systems[n].get('available') else 'missing'):>11}" for n in names))
    print(f"{'extra time vs rules':28}" + "".join(f"{c:>11}" for c in cost))
    failed = systems.get("textacy", {}).get("articles_failed")
    print("(* textacy: its own call only, on the shared parse"
          + (f"; it bailed out on {failed} articles with unbalanced quotation marks)" if failed else ")"))
