# The two commands of the README: `make run` and `make test`. Both set up from a bare machine
# with Python 3.11+ and make: a pinned uv in .tools/, the locked environment in .venv/.
PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup site run run-api preview test test-unit clean

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	@touch $@

setup: $(VENV)/.synced  ## install the locked environment

site: setup  ## build both languages into build/site (Chinese) and build/site/en (English)
	$(MKDOCS) build --strict -f mkdocs.yml
	$(MKDOCS) build --strict -f mkdocs.en.yml

run: site  ## serve the whole portal on http://127.0.0.1:$(PORT)/ (site, API, local outbox)
	PORT=$(PORT) $(PY) -m infra.local_stack

run-api: setup  ## the API and moto only, over the last site build (no rebuild)
	@test -f build/site/index.html || $(MAKE) site
	PORT=$(PORT) $(PY) -m infra.local_stack

preview: setup  ## the Chinese site with live reload, for editors (English: make preview LANG_FILE=mkdocs.en.yml)
	$(MKDOCS) serve -a 127.0.0.1:$(PORT) -f $(or $(LANG_FILE),mkdocs.yml)

test: site  ## every test: unit, integration (moto), end-to-end (local stack over HTTP)
	$(PY) -m pytest

test-unit: setup
	$(PY) -m pytest tests/unit -q

clean:
	rm -rf build .venv .tools .pytest_cache
