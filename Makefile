# The two commands a new machine needs: `make run` and `make test`. Both build their own venv.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
INPUT  ?= $(or $(STORYLINE_SHARED),../shared)/samples
DB     ?= storyline.db
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test ingest serve bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

run: $(VENV)/.installed  ## ingest INPUT (default ../shared/samples) into DB and serve it
	$(BIN)/storyline --db $(DB) ingest $(INPUT)
	$(BIN)/storyline --db $(DB) serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev  ## the full test suite, with the browser and Postgres it needs
	bash scripts/install-test-services.sh
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) storyline.db storyline.db-wal storyline.db-shm
