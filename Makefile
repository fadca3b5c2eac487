# Every target installs what it needs first: `make run` and `make test` work on a fresh machine.
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
PYTHON  ?= python3

.PHONY: install run shell index test test-fast lint bench bench-load soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# torch first and pinned: pip takes the CPU wheel; unpinned, a dependency would pull a multi-GB CUDA build.
	$(BIN)/pip install --disable-pip-version-check -q torch==2.13.0
	$(BIN)/pip install --disable-pip-version-check -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)                         ## create .venv with .venv/bin/iprdesk

index: install                            ## build the search index, or bring it up to date with knowledge/
	$(BIN)/iprdesk index build

run: index                                ## the bot on Telegram with TELEGRAM_BOT_TOKEN, else the terminal chat
	$(BIN)/iprdesk start

# The suites that touch the database run a second time with every Tracker on PostgreSQL (the tracker's own
# tests already run on both); the test run starts and stops its own server.
DB_SUITES := tests/core tests/channels tests/security

test: install                             ## the whole suite on SQLite, then the database suites on PostgreSQL
	bash scripts/ensure-postgres.sh
	$(BIN)/python -m pytest -q
	IPRDESK_TEST_DATABASE=postgres $(BIN)/python -m pytest -q -m "not model" $(DB_SUITES)

test-fast: install                        ## the suite without the real model and PostgreSQL
	$(BIN)/python -m pytest -q -m "not model and not postgres"

lint: install                             ## ruff and mypy
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/mypy

bench: index                              ## benchmarks: figures as ratios against a bare baseline
	$(BIN)/python benchmarks/bench_retrieval.py
	$(BIN)/python benchmarks/bench_tracker.py
	$(BIN)/python benchmarks/bench_casework.py
	$(BIN)/python benchmarks/bench_desk.py

bench-load: index                         ## the real bot under load through the fake Bot API, against the bare engine
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_load.py --unthrottled

soak: index                               ## ten minutes at 5 questions/s: the bot's memory sampled every 10 s
	$(BIN)/python benchmarks/bench_load.py --soak-seconds 600 --rate 5

clean:
	rm -rf $(VENV) index/build-* index/CURRENT
