"""PolNeAR records -> parsed docs with BIO role labels, for training and scoring the learned attribution tagger.

Parses are cached as DocBin files outside the repository (the cache holds article text, which must never be
committed): ``$COUNTERCLAIM_CACHE`` or ``<tmp>/counterclaim-polnear``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

ROLE_TAG = {"source": "S", "cue": "C", "content": "Q"}
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def cache_dir() -> Path:
    path = Path(os.environ.get("COUNTERCLAIM_CACHE") or Path(tempfile.gettempdir()) / "counterclaim-polnear")
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_records(data_dir: Path, split: str) -> list[dict[str, Any]]:
    with (Path(data_dir) / f"{split}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parsed_docs(records: list[dict[str, Any]], split: str, nlp: Any) -> list[Doc]:
    """The rules' own parse of every record (quote-normalised input, same offsets), cached per split."""
    from counterclaim.extract import parse_input

    path = cache_dir() / f"{split}-{len(records)}.spacy"
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == [parse_input(r["text"]) for r in records]:
            return docs
    t0 = time.perf_counter()
    docs = list(nlp.pipe((parse_input(r["text"]) for r in records), batch_size=16))
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    print(f"parsed {split}: {len(docs)} articles in {time.perf_counter() - t0:.0f} s", flush=True)
    return docs


def bio_tags(doc: Doc, record: dict[str, Any]) -> list[str]:
    """One tag per token: B-/I- + S (source), C (cue), Q (content), or O. A token takes a role when it overlaps
    one of its fragments; every fragment starts with B (discontinuous content is re-joined by the linker)."""
    tags = ["O"] * len(doc)
    for attribution in record["attributions"]:
        for role, letter in ROLE_TAG.items():
            for start, end in attribution.get(role) or ():
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for tok in span:
                    tags[tok.i] = f"I-{letter}"
                tags[span.start] = f"B-{letter}"
    for tok in doc:  # white space between paragraphs never starts a span
        if tok.is_space and tags[tok.i].startswith("B-"):
            tags[tok.i] = "I-" + tags[tok.i][2:] if tok.i and tags[tok.i - 1] != "O" else "O"
    return tags


def cue_lemmas(docs: list[Doc], records: list[dict[str, Any]], min_count: int = 4, min_share: float = 0.1) -> list[str]:
    """Lemmas that head gold cues often enough to be worth a feature (a word list, no text)."""
    as_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc, rec in zip(docs, records):
        cue_tokens = set()
        for a in rec["attributions"]:
            for s, e in a.get("cue") or ():
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    cue_tokens.update(t.i for t in span if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "ADP"))
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "ADP"):
                seen[tok.lemma_.lower()] += 1
                if tok.i in cue_tokens:
                    as_cue[tok.lemma_.lower()] += 1
    return sorted(w for w, n in as_cue.items() if n >= min_count and n / seen[w] >= min_share and w.isalpha())
