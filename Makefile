# Two entry points for a fresh machine with Python 3.10+ and a package index:
#   make demo   set up .venv and run the pipeline on the bundled examples (local, no Docker/Jenkins)
#   make test   set up .venv and run the test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test bench clean

$(BIN)/mlops: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,test]'
	touch $@

demo: $(BIN)/mlops
	$(BIN)/mlops run examples/ --answer 'epochs=10' --runs-dir runs

test: $(BIN)/mlops
	$(BIN)/mlops render --check
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(BIN)/mlops
	$(BIN)/python benchmarks/overhead.py

clean:
	rm -rf $(VENV) runs .pytest_cache
