# make run   : set up .venv and rebuild outputs/ from corpus/
# make test  : the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JOBS   ?= 2

.PHONY: run setup corpus test bench clean

run: corpus

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

corpus: setup
	$(VENV)/bin/vnlegal build corpus -o outputs -j $(JOBS)

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) -m vnlegal.bench

clean:
	rm -rf outputs/json
