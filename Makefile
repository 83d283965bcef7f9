# gapcheck: `make help` lists the targets. Every target sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup run test test-engines bench lint fmt generated clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install gapcheck with its test tools

run: $(STAMP) ## Main job: check the knowledge base and the example profiles, build the site in out/site
	$(BIN)/gapcheck kb check
	$(BIN)/gapcheck kb stats
	$(BIN)/gapcheck matrix profiles/
	$(BIN)/gapcheck publish profiles/ --out out/site

test: $(STAMP) ## Run the whole test suite and the lint
	$(BIN)/ruff check checker tests bench
	$(BIN)/pytest -q $(PARALLEL)

test-engines: $(STAMP) ## As CI: the whole suite with pyshacl, then the engine-dependent tests with the fast engine
	GAPCHECK_ENGINE=pyshacl $(MAKE) --no-print-directory test
	GAPCHECK_ENGINE=fast $(BIN)/pytest -q -m engine $(PARALLEL)

# the suite on every core (pytest-xdist); a module stays on one worker, so its fixtures are built once
PARALLEL ?= -n auto --dist loadfile

BENCH_SCALE ?= 1000
bench: $(STAMP) ## Benchmark: both engines and publish beside competent pyshacl; README table, bench/results/latest.json
	$(BIN)/python bench/bench.py --scale $(BENCH_SCALE) --markdown --readme

lint: $(STAMP) ## Lint the Python code (ruff)
	$(BIN)/ruff check checker tests bench

generated: $(STAMP) ## Regenerate the closed namespaces and the JSON-LD context from the ontology
	$(BIN)/python -m checker.kb.vocab_gen > checker/kb/vocab.py.tmp && mv checker/kb/vocab.py.tmp checker/kb/vocab.py
	$(BIN)/python -m checker.profile.context > ontology/profile-context.jsonld

messages: $(STAMP) ## Extract the interface strings into checker/i18n/messages/ and merge them into fr.po, es.po
	$(BIN)/python -m checker.i18n.catalogs

fmt: $(STAMP) ## Format the Python code
	$(BIN)/ruff format checker tests

clean: ## Remove the virtual environment and build output
	rm -rf $(VENV) build out .pytest_cache .ruff_cache
