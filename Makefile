# Two set-up commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install dev bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[ocr]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,ocr]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

demo: install
	$(BIN)/subsidy check sample_dossiers/sjs-compute
	$(BIN)/subsidy calc sample_dossiers/sjs-compute --explain

test: dev
	$(BIN)/python -m pytest

bench: dev
	$(BIN)/python bench/bench_calc.py
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_small.py
	$(BIN)/python bench/bench_portfolio.py

# A bounded fuzz run (minutes, not part of make test): mutated sample files and profiles must never
# give an internal error, a traceback, a hang or an unescaped control character.
fuzz: install
	$(BIN)/python tools/fuzz.py --seconds $${FUZZ_SECONDS:-300}

clean:
	rm -rf $(VENV) build *.egg-info
