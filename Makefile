# Two entry points do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install -q --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check bench clean system-deps goldens wheel properdocs

# Stamp files make re-runs cheap; they are rebuilt when the pins change.
$(BIN)/.site-deps: requirements/site.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements/site.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(BIN)/.test-deps: $(BIN)/.site-deps requirements/test.txt package.json package-lock.json
	$(PIP) -r requirements/test.txt
	npm ci --no-audit --no-fund --silent
	touch $@

site: $(BIN)/.site-deps
	$(BIN)/mkdocs build --strict

serve: $(BIN)/.site-deps
	$(BIN)/mkdocs serve -a 127.0.0.1:8000   # not strict: show drafts even while they have problems

system-deps:
	scripts/install-system-deps

# Every test, on all cores (pytest-xdist); a missing tool fails under CI=true. Quick inner
# loop while developing: $(BIN)/python -m pytest -m "not slow" (see CONTRIBUTING.md).
test: $(BIN)/.test-deps system-deps
	$(BIN)/python -m pytest -n auto

# Rewrites every golden file from the current output: review the diff before committing it.
goldens: $(BIN)/.test-deps
	$(BIN)/python -m pytest -q --update-goldens -m golden

check: $(BIN)/.site-deps
	$(BIN)/python -m maklumat check

# The plugin as a wheel (dist/), for `pip install` into another MkDocs site.
wheel: $(BIN)/.site-deps
	$(BIN)/python -m pip wheel -q --no-deps --no-build-isolation -w dist .

# The same site built by ProperDocs (a maintained MkDocs 1.6 fork), compared with MkDocs'.
properdocs: $(BIN)/.site-deps
	$(PIP) properdocs
	scripts/compare-properdocs $(BIN)

bench: $(BIN)/.site-deps
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-compare dist build .cache test-artifacts
