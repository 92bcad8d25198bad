# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= warehouse/events.duckdb
SRC    ?= seeds/

export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test install clean-db help serve report bench tempeval

help:
	@echo "make run    - install (first time only) and load $(SRC) into $(DB), print a summary"
	@echo "make test   - install (first time only) and run the test suite"
	@echo "make serve  - Prefect server + worker on 127.0.0.1 running the deployments of prefect.yaml"
	@echo "make report - after make run: report.html, a self-contained page of the warehouse"
	@echo "make bench  - the flow vs naive spaCy on 1,000 and 5,000 generated articles (about 25 min)"
	@echo "make tempeval - the date resolver on TempEval-3 gold dates in ../shared/tempeval, if present"

# The venv is (re)built only when the pins or the project metadata change.
$(STAMP): constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/events run $(SRC) --db $(DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

report: $(STAMP)
	$(BIN)/events report --out report.html --db $(DB)

serve: $(STAMP)
	$(BIN)/python -m flows.serve

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

tempeval: $(STAMP)
	$(BIN)/python benchmarks/tempeval.py

clean-db:
	rm -f $(DB) $(DB).wal
