# The two commands: `make run` serves the demo site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export CMS_INSTANCE ?= $(CURDIR)/instance

.PHONY: run test install install-test assets browser-test bench clean

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

install: $(VENV)/.installed node_modules/.installed
install-test: $(VENV)/.installed-test node_modules/.installed

run: install
	$(BIN)/flask --app wsgi cms init --demo
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

test: install-test
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

browser-test: install-test
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

bench: install-test
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules test-artifacts
