# Two commands matter: `make demo` and `make test`. Both build .venv from pinned versions first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install eval eval-polnear eval-cameo eval-ecb bench bench-long bench-store bench-scale \
	bench-stories wheel-check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/presswatch analyze examples/ --db presswatch.db --html report.html --json report.json
	@echo "report: $(CURDIR)/report.html"
	@echo "store:  $(CURDIR)/presswatch.db"
	@echo "record: $(CURDIR)/report.json"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

test: lint
	$(BIN)/pytest

eval: eval-polnear eval-cameo eval-ecb

eval-polnear: $(STAMP)
	$(BIN)/presswatch eval polnear --split dev

eval-cameo: $(STAMP)
	$(BIN)/presswatch eval cameo

eval-ecb: $(STAMP)
	$(BIN)/presswatch eval ecb-entities
	$(BIN)/presswatch eval ecb-stories

# Issue 17's Done-when figures in one run: bare spaCy, the per-document stage, whole runs
# (ingest, analyse, store, link) on one and two workers, where the time goes. On 150
# PolNeAR train articles read in place (examples/ repeated to 100,000 words without
# ../shared/data); about 8 minutes on an idle machine. BENCH_ARGS=--no-store: link only.
BENCH_ARGS ?= $(if $(wildcard ../shared/data/polnear/train/text),--polnear 150,)
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py $(BENCH_ARGS)

# Cost per character of one document from 10k to 1M characters (a few minutes).
bench-long: $(STAMP)
	$(BIN)/python benchmarks/long_documents.py

# Read commands and the web API on a store of 3,000 reports (a few minutes).
bench-store: $(STAMP)
	$(BIN)/python benchmarks/store_reads.py

# Growth with the corpus: 1,000 and 3,000 reports from PolNeAR paragraphs (about an hour;
# stores kept in /tmp/pw-scale and reused). SIZES="1000 3000 10000" for the large one.
SIZES ?= 1000 3000
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scaling.py --sizes $(SIZES)

# Placing 10 new reports in a stored corpus's stories against regrouping it all, on a store
# bench-scale built (STORE=/tmp/pw-scale/store-1000.db for the smaller one).
STORE ?= /tmp/pw-scale/store-3000.db
bench-stories: $(STAMP)
	$(BIN)/python benchmarks/story_assignment.py --db $(STORE)

# The wheel in a fresh virtualenv, no dev extras: `presswatch --help` works and starts fast.
wheel-check: $(STAMP)
	PYTHON=$(PYTHON) .ci/wheel-check

clean:
	rm -rf $(VENV) dist presswatch.db presswatch.db-wal presswatch.db-shm report.html report.json
