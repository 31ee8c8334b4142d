# The two commands: `make run` serves the demo site, `make test` checks the code
# with `make lint` and runs every test.
# `make dev` serves it with Flask's development server, reloading on changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PORT ?= 5000
export CMS_INSTANCE ?= $(CURDIR)/instance
# pytest caches its rewritten test modules as bytecode; where the environment
# forbids writing bytecode every run (and every xdist worker) redoes that work.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run dev lint test install install-test messages assets browser-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs the package (editable) and its runtime dependencies.
$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e . --config-settings editable_mode=compat
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $@

# Front-end packages (editor, axe-core, vnu-jar) from the npm registry, pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Compiled message catalogs (git-ignored), rebuilt when their .po changes.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard cms/translations/*/LC_MESSAGES/*.po))
%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

install: $(VENV)/.installed node_modules/.installed $(CATALOGS)
install-test: $(VENV)/.installed-test node_modules/.installed $(CATALOGS)

# Creates or upgrades the database, loads the demo site once (printing the
# admin's password that one time), then serves it with gunicorn
# (gunicorn.conf.py: CMS_WORKERS processes, default 2; Ctrl-C stops it).
run: install
	$(BIN)/flask --app wsgi cms init --demo
	@echo "Serving the site at http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/login)"
	$(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

# The same site on Flask's development server: reloads when the code changes,
# shows the debugger on errors. Never for a public address.
dev: install
	$(BIN)/flask --app wsgi cms init --demo
	$(BIN)/flask --app wsgi run --debug --host 127.0.0.1 --port $(PORT)

# Re-extracts the core's messages and merges them into every catalog.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --project "Sen CMS" --version 0.1.0 \
		--ignore-dirs=".* _* node_modules plugins tests bench build dist instance *.egg-info scaffold" \
		-o cms/translations/messages.pot .
	$(BIN)/pybabel update -i cms/translations/messages.pot -d cms/translations

# ruff over the code and mypy over cms/ (rules in pyproject.toml); mypy keeps
# its cache in .mypy_cache, so a second run takes seconds.
lint: install-test
	@$(BIN)/ruff check cms plugins tests bench || \
		{ echo "make lint: ruff found the problems above. Fix them, or justify one with '# noqa: CODE (why)'."; exit 1; }
	@$(BIN)/mypy || \
		{ echo "make lint: mypy found the type errors above (configuration: [tool.mypy] in pyproject.toml)."; exit 1; }

# Both run in parallel, one Chromium per worker; screenshots and HTML of failed
# browser tests go to test-artifacts/, emptied at the start of each run.
test: install-test lint
	rm -rf test-artifacts
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

browser-test: install-test
	rm -rf test-artifacts
	$(BIN)/python -m pytest -n auto --dist loadgroup -m browser $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules test-artifacts
