# The two commands of the README: `make run` and `make test`. Both set up from a bare machine
# with Python 3.11+ and make: a pinned uv in .tools/, the locked environment in .venv/.
PYTHON ?= python3
PORT ?= 8000
# The portal's ONE public base URL (chalicelib/config.py, site_base_url): the site build (its
# canonical links, sitemaps, robots.txt and feeds) and make qr's posters use it; the local stack
# answers on PORT, so by default they are the same. make deploy builds the site again for its
# stage's own address (infra/deploy.py). Another address: make site PUBLIC_BASE_URL=https://…
PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
export PUBLIC_BASE_URL
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 PYTHONWARNINGS=ignore::DeprecationWarning $(VENV)/bin/mkdocs
export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup site run run-api preview test test-unit clean reset qr
.PHONY: infra-tools infra-lint-lock package deploy
.PHONY: browser bench-site bench-api bench-local bench-staff bench-figures mutation

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')"
	@touch $@

# The CJK font the one-time notice's PDF embeds (functions/chalicelib/fonts/README.md): from
# Debian's package at this version, checked against the checksum kept beside it, never by hand.
FONT := functions/chalicelib/fonts/wqy-microhei.ttc
FONT_DEB := fonts-wqy-microhei=0.2.0-beta-3.1

setup: $(VENV)/.synced $(FONT)  ## install the locked environment and the font the PDF documents embed

$(FONT): functions/chalicelib/fonts/SHA256SUMS
	@rm -rf .tools/font && mkdir -p .tools/font
	cd .tools/font && { apt-get download -q $(FONT_DEB) 2>/dev/null || \
		{ [ "$$(id -u)" = 0 ] && apt-get update -q >/dev/null && apt-get download -q $(FONT_DEB); }; } || \
		{ echo "cannot fetch $(FONT_DEB) with apt-get download (Debian's archive)"; exit 1; }
	dpkg-deb -x .tools/font/*.deb .tools/font/root
	cp .tools/font/root/usr/share/fonts/truetype/wqy/wqy-microhei.ttc $@.part
	cd $(@D) && echo "$$(cut -d' ' -f1 SHA256SUMS)  wqy-microhei.ttc.part" | sha256sum --check --quiet
	mv $@.part $@
	@rm -rf .tools/font

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

test: site infra-tools browser  ## every test: unit, integration (moto), end-to-end (local stack over HTTP), infra checks
	$(PY) -m pytest

bench-api: setup  ## API benchmark: cold-start import ratio, AWS calls per submission, submissions/s
	$(PY) -m bench.api

bench-local: site  ## the local stack under load (10,000 requests: p95, errors, memory) and lookup timing
	$(PY) -m bench.local_stack
	$(PY) -m bench.lookup_timing

bench-staff: setup  ## staff side: items read per queue page at 10 and 10,000 stored requests, AWS calls per staff action
	$(PY) -m bench.staff

bench-figures: setup  ## figures: items read for a year's dashboard at 100 and 1,000 stored requests (BENCH_FIGURE_SIZES=100,10000 for 10,000); aggregates = a recount after late, duplicated stream records
	$(PY) -m bench.figures

mutation: setup  ## mutation score of domain/ and service_layer/ against the unit tests (mutmut; minutes, not in make test)
	$(UV) sync --frozen --group mutation
	$(PY) -m bench.mutation

qr: setup  ## printable A4 posters (SVG + PDF) with each window's signed QR link on $(PUBLIC_BASE_URL) → build/qr/
	$(PY) site/qr/posters.py build/qr

test-unit: setup
	$(PY) -m pytest tests/unit -q

# Headless Chromium for the browser tests (tests/e2e/site/) and Lighthouse: Debian's
# chromium plus CJK fonts (without them Chinese renders as boxes). Installed when missing and we
# are root (a fresh CI machine); otherwise the browser tests skip, saying why.
browser:  ## install chromium + fonts-noto-cjk with apt when missing (root only)
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; \
	else echo "chromium or fonts-noto-cjk missing and not root: the browser tests will skip"; fi

bench-site: setup  ## site benchmark: build time, pages, guide page weight, search index, Lighthouse (bench/site.py)
	$(PY) -m bench.site

# ---- AWS (infra/README.md). cfn-lint and checkov live in their own environment: the SAM
# translator that cfn-lint needs pins pydantic, which the project's .venv must not inherit.
INFRA_LINT := .tools/infra-lint
STAGE ?= dev
REGION ?= ap-northeast-1
DEPLOY_CONFIG ?= infra/stages/$(STAGE).yaml

$(INFRA_LINT)/.synced: infra/lint-requirements.txt | $(UV)
	$(UV) venv --quiet --allow-existing --python "$$($(PYTHON) -c 'import sys; print(sys.executable)')" $(INFRA_LINT)
	$(UV) pip sync --quiet --require-hashes --python $(INFRA_LINT)/bin/python infra/lint-requirements.txt
	@touch $@

infra-tools: $(INFRA_LINT)/.synced  ## cfn-lint and checkov for the infra checks of `make test`

infra-lint-lock: | $(UV)  ## re-lock infra/lint-requirements.txt after editing infra/lint-requirements.in
	$(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes --no-header \
		infra/lint-requirements.in -o infra/lint-requirements.txt

package: setup  ## the Lambda package and the AWS template into build/package/ (chalice package --merge-template)
	$(PY) -m infra.package --out build/package --region $(REGION)

deploy: package  ## deploy STAGE to AWS from $(DEPLOY_CONFIG): stack, the site built for its address, cache invalidation
	$(PY) -m infra.deploy --stage $(STAGE) --region $(REGION) --config $(DEPLOY_CONFIG) --package build/package --site build/site

reset:  ## forget the local stack's data (requests, messages, outbox) kept in .local/
	rm -rf .local

clean:
	rm -rf build .venv .tools .pytest_cache
