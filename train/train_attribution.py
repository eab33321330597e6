"""Train the learned attribution tagger on PolNeAR train, pick the epoch by dev attribution F1, save the weights.

Usage::

    .venv/bin/python train/train_attribution.py                 # what `make train-attribution` runs
    .venv/bin/python train/train_attribution.py --epochs 3 --out /tmp/attr-model

CPU only, fixed seed. The docs are parsed by the same spaCy pipeline the rules use (cached outside the repo), each
token is labelled B/I-S (source), B/I-C (cue), B/I-Q (content) or O, and a spaCy ``tagger`` whose network is
``counterclaim.AttributionTok2Vec.v2`` learns the labels. Only the config, the weights and figures are saved
(``src/counterclaim/data/attribution_model/``): no PolNeAR text, no vocab.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Adam, set_current_ops

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "bench"))

import attribution_eval as bench  # noqa: E402
from polnear_data import DEFAULT_DATA, bio_tags, cue_lemmas, load_records, parsed_docs  # noqa: E402

from counterclaim.extract import learned  # noqa: E402
from counterclaim.extract.learned_features import cache_features  # noqa: E402
from counterclaim.extract.learned_ops import MatmulOps  # noqa: E402
from counterclaim.extract.quotes import find_quotes  # noqa: E402
from counterclaim.nlp import load_pipeline  # noqa: E402


def build(cues: list[str], width: int, embed_width: int, depth: int, window: int, rows: int,
          encoder_dropout: float = 0.0, lstm_depth: int = 0) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger", config={"model": {
        "@architectures": "spacy.Tagger.v2", "nO": None, "normalize": True,
        "tok2vec": {"@architectures": "counterclaim.AttributionTok2Vec.v2", "width": width,
                    "embed_width": embed_width, "depth": depth, "window_size": window, "rows": rows, "cues": cues,
                    "encoder_dropout": encoder_dropout, "lstm_depth": lstm_depth},
    }})
    return nlp


def examples(docs: list[Doc], records: list[dict[str, Any]]) -> list[Example]:
    out = []
    for doc, rec in zip(docs, records):
        ref = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                  tags=bio_tags(doc, rec))
        out.append(Example(doc, ref))
    return out


def to_span_attributions(raws: list[learned.RawAttribution]) -> list[bench.SpanAttribution]:
    return [bench.SpanAttribution(source=(r.source,) if r.source else (), cue=(r.cue,), content=tuple(r.content))
            for r in raws]


def score(docs: list[Doc], records: list[dict[str, Any]], tagger: learned.Tagger) -> bench.Tally:
    total = bench.Tally()
    for doc, rec in zip(docs, records):
        pred = learned.find_learned(doc, find_quotes(doc.text), tagger)
        total += bench.score_article(rec["text"], bench.gold_attributions(rec), to_span_attributions(pred))
    return total


def summary(t: bench.Tally) -> str:
    f = bench._fmt
    return (f"attr P {f(t.attribution.precision)} R {f(t.attribution.recall)} F1 {f(t.attribution.f1)} | "
            f"exact {f(t.exact.f1)} | tokens S {f(t.roles['source'].f1)} C {f(t.roles['cue'].f1)} "
            f"Q {f(t.roles['content'].f1)} | speaker {f(t.speaker_accuracy)}")


def save(out: Path, nlp: spacy.language.Language, epoch: int, tally: bench.Tally, args: argparse.Namespace,
         t_train: float, t_start: float) -> None:
    """Config, weights and a meta.json of settings and dev figures; nothing else (no vocab, no text)."""
    tagger_pipe = nlp.get_pipe("tagger")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    nlp.config.to_disk(out / "config.cfg")
    tagger_pipe.to_disk(out / "tagger", exclude=["vocab"])
    meta = {"trained_on": "PolNeAR train (840 articles)", "selected_on": "PolNeAR dev attribution F1",
            "best_epoch": epoch, "seed": args.seed, "labels": list(tagger_pipe.labels),
            "settings": {k: v for k, v in vars(args).items() if k not in ("data", "out")},
            "train_minutes": round((time.perf_counter() - t_train) / 60, 1),
            "total_minutes": round((time.perf_counter() - t_start) / 60, 1),
            "dev": {"attribution": tally.attribution.as_dict(), "exact_content": tally.exact.as_dict(),
                    "role_tokens": {r: tally.roles[r].as_dict() for r in bench.ROLES},
                    "speaker_accuracy": tally.speaker_accuracy}}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--out", type=Path, default=learned.MODEL_DIR)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=7)
    p.add_argument("--max-minutes", type=float, default=60.0,
                   help="start no new epoch after this many minutes (a safety net on a slow machine)")
    p.add_argument("--width", type=int, default=96)
    p.add_argument("--embed-width", type=int, default=32)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--window", type=int, default=2)
    p.add_argument("--rows", type=int, default=4000)
    p.add_argument("--batch", type=int, default=8, help="articles per update")
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--learn-rate", type=float, default=0.002)
    p.add_argument("--encoder-dropout", type=float, default=0.2, help="dropout inside the window encoder layers")
    p.add_argument("--lstm-depth", type=int, default=2, help="bidirectional LSTM layers after the window layers")
    p.add_argument("--checkpoint", action="store_true", help="save the best model after every improving epoch")
    p.add_argument("--limit", type=int, default=None, help="train on the first N articles only (smoke tests)")
    args = p.parse_args(argv)

    t_start = time.perf_counter()
    spacy.util.fix_random_seed(args.seed)
    set_current_ops(MatmulOps())
    main_nlp = load_pipeline()
    train_recs = load_records(args.data, "train")[: args.limit]
    dev_recs = load_records(args.data, "dev")
    train_docs = parsed_docs(train_recs, "train", main_nlp)
    dev_docs = parsed_docs(dev_recs, "dev", main_nlp)
    cues = cue_lemmas(train_docs, train_recs)
    cache_features(train_docs + dev_docs, frozenset(cues))
    print(f"{len(train_docs)} train / {len(dev_docs)} dev articles, {len(cues)} cue lemmas, "
          f"prepared in {time.perf_counter() - t_start:.0f} s", flush=True)

    nlp = build(cues, args.width, args.embed_width, args.depth, args.window, args.rows, args.encoder_dropout,
                args.lstm_depth)
    train = examples(train_docs, train_recs)
    optimizer = Adam(learn_rate=args.learn_rate, use_averages=True, L2=1e-6, grad_clip=1.0)
    nlp.initialize(lambda: train, sgd=optimizer)
    tagger_pipe = nlp.get_pipe("tagger")
    rng = random.Random(args.seed)
    best: tuple[float, int, bytes, bench.Tally] | None = None
    t_train = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for i in range(0, len(train), args.batch):
            nlp.update(train[i:i + args.batch], sgd=optimizer, drop=args.dropout, losses=losses)
        with tagger_pipe.model.use_params(optimizer.averages):
            tally = score(dev_docs, dev_recs, learned.Tagger(tagger_pipe.model, tuple(tagger_pipe.labels)))
            f1 = tally.attribution.f1 or 0.0
            if best is None or f1 > best[0]:
                best = (f1, epoch, tagger_pipe.to_bytes(exclude=["vocab"]), tally)
                if args.checkpoint:
                    save(args.out, nlp, epoch, tally, args, t_train, t_start)
        print(f"epoch {epoch:2d} loss {losses.get('tagger', 0):9.1f} {time.perf_counter() - t0:5.0f} s | "
              f"{summary(tally)}", flush=True)
        if (time.perf_counter() - t_start) / 60 > args.max_minutes:
            print("time budget reached", flush=True)
            break
    assert best is not None
    f1, epoch, weights, tally = best
    tagger_pipe.from_bytes(weights, exclude=["vocab"])
    save(args.out, nlp, epoch, tally, args, t_train, t_start)
    print(f"best epoch {epoch}: {summary(tally)}")
    print(f"saved to {args.out} ({sum(f.stat().st_size for f in args.out.rglob('*') if f.is_file()) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
