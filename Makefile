# make run   : set up .venv and rebuild outputs/ from corpus/
# make test  : the test suite
# make eval  : the scores of every gold set under ../shared
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JOBS   ?= 2

.PHONY: run setup ocr-tools corpus serve test eval bench clean

run: corpus

setup: $(VENV)/.installed ocr-tools

# Tesseract with its Vietnamese model reads scanned decisions, poppler's pdftotext
# the form fields of e-signed PDFs; installed when apt is at hand (as root),
# otherwise such files are read without them and the record says so
ocr-tools:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie && command -v pdftotext >/dev/null 2>&1; } || \
	  { if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	      (apt-get install -y -qq tesseract-ocr tesseract-ocr-vie poppler-utils >/dev/null 2>&1 || \
	       (apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-vie poppler-utils >/dev/null)); \
	    else echo "note: install tesseract-ocr, tesseract-ocr-vie and poppler-utils to read scans and e-signed PDFs" >&2; fi; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $@

corpus: setup
	$(VENV)/bin/vnlegal build corpus -o outputs -j $(JOBS)

# the dataset in Datasette (installed with the test extra): http://127.0.0.1:8001/
serve: corpus
	$(VENV)/bin/vnlegal serve outputs

test: setup
	$(PY) -m pytest -q

# every gold set under ../shared extracted and graded: one table set × field
eval: setup
	$(PY) -m vnlegal.evaluate --scans -j $(JOBS)

bench: setup
	$(PY) -m vnlegal.bench

clean:
	rm -rf outputs/json
