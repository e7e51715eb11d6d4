# make run   : set up .venv and rebuild outputs/ from corpus/
# make test  : the test suite
# make eval  : the scores of every gold set under ../shared
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JOBS   ?= 2

.PHONY: run setup reader-tools ocr-tools corpus serve test eval bench clean

run: corpus

setup: $(VENV)/.installed reader-tools

# Tesseract with its Vietnamese model reads scanned decisions, poppler's pdftotext
# the form fields of e-signed PDFs, LibreOffice (Writer, no GUI) the Word 97–2003
# .doc files; installed when apt is at hand (as root), otherwise such files are
# read without them (or named as failures) and the record or the line says so
READER_PACKAGES := tesseract-ocr tesseract-ocr-vie poppler-utils libreoffice-writer-nogui
reader-tools:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie && \
	   command -v pdftotext >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1; } || \
	  { if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	      (apt-get install -y -qq --no-install-recommends $(READER_PACKAGES) >/dev/null 2>&1 || \
	       (apt-get update -qq && apt-get install -y -qq --no-install-recommends $(READER_PACKAGES) >/dev/null)); \
	    else echo "note: install $(READER_PACKAGES) to read scans, e-signed PDFs and .doc files" >&2; fi; }

ocr-tools: reader-tools

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $@

corpus: setup
	$(VENV)/bin/vnlegal build corpus -o outputs -j $(JOBS)
	$(VENV)/bin/vnlegal report outputs
	@echo "open outputs/report.html (charts), outputs/vnlegal.sqlite (SQL), or: $(VENV)/bin/vnlegal show outputs/json/<record>.json"

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
