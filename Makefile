# Course tasks. Needs GNU make and python3 >= 3.10; no conda.
#
#   make lab     open the course in JupyterLab (creates .venv on first use)
#   make test    run every check: stripped notebooks, ruff, pytest (logic, widgets, notebooks, browser)
#   make app     open the start notebook as an app (Voila: code hidden, widgets live, links
#                between lessons work)
#   make report  open lesson 8 (read a report) as an app
#   make site    build executed, self-contained HTML pages of every lesson into site/
#   make handouts  printable student and instructor copies;  make slides  decks to project
#   make help    list all targets
#
# Use another interpreter with e.g. `make lab PYTHON=python3.12`; pass extra options with
# LAB_ARGS="--no-browser" or PYTEST_ARGS="-x -k staging".

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Stamp: rewritten after a successful install, so pip only runs again when pyproject.toml changes.
STAMP := $(VENV)/.installed
# Node test tools (axe-core, configurable-http-proxy) from package-lock.json into ./node_modules;
# reinstalled only when package.json or package-lock.json changes.
NODE_STAMP := $(if $(wildcard package.json),node_modules/.installed)
SITE_DIR ?= site
# JupyterLab settings the course ships (save widget state with the notebook, so a reopened lesson
# shows its tools instead of "model not found"); JupyterLab reads overrides.json from here.
LAB_SETTINGS_DIR := $(VENV)/share/jupyter/lab/settings
LAB_SETTINGS := $(if $(wildcard jupyter-settings/overrides.json),$(LAB_SETTINGS_DIR)/overrides.json)

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
# The notebook `make lab` opens: the start page once it exists, else the first lesson.
START := $(firstword $(wildcard notebooks/00_start_here.ipynb) notebooks/03_tnm_staging.ipynb)
# JupyterLab refuses to start as root unless told to (it exits at once).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

LAB_ARGS ?=
VOILA_ARGS ?=
PYTEST_ARGS ?=
# A hung kernel or browser must fail the run, not eat the CI time limit.
PYTEST_TIMEOUT ?= 900

# Put the venv's tools first on PATH for commands that start subprocesses (jupyter, voila).
IN_VENV := PATH="$(abspath $(BIN)):$$PATH" VIRTUAL_ENV="$(abspath $(VENV))"

.PHONY: help venv node lab lab-settings app report test site handouts slides bench loadtest lint strip clean

help:
	@echo "make lab    open the course in JupyterLab (first run installs into .venv, ~1-2 min)"
	@echo "make test   run all checks: stripped notebooks, ruff, pytest incl. notebooks and browser"
	@echo "make app    open the start notebook as an app (Voila: code hidden, widgets live;"
	@echo "            every lesson is served, so the links between lessons work)"
	@echo "make report open lesson 8, the report reader, as an app (Voila)"
	@echo "make site   build executed, self-contained HTML pages of every lesson into $(SITE_DIR)/"
	@echo "make handouts build/handouts/: student/ and answers/ copies of every lesson, to print"
	@echo "make slides build/slides/: a reveal.js deck per lesson to project (offline; S: notes)"
	@echo "make bench  time the widgets in a kernel, then key-to-screen and drags in Voila + Chromium"
	@echo "make loadtest  measure a class on a local JupyterHub: K learners, update times, memory, CPU"
	@echo "make venv   create .venv and install the package with its dev tools"
	@echo "make node   install the Node tools (npm ci: axe-core, proxy, reveal.js) into node_modules"
	@echo "make lab-settings install the course's JupyterLab settings into .venv"
	@echo "make lint   ruff check"
	@echo "make strip  strip outputs from notebooks/*.ipynb before committing"
	@echo "make clean  remove .venv and caches"
	@echo "make help   list these targets"

venv: $(STAMP) $(LAB_SETTINGS)

lab-settings: $(LAB_SETTINGS)

$(LAB_SETTINGS_DIR)/overrides.json: jupyter-settings/overrides.json
	mkdir -p "$(dir $@)"
	cp jupyter-settings/overrides.json "$@"

$(STAMP): pyproject.toml
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  $(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 10) else "Python 3.10 or newer is needed, $(PYTHON) is %d.%d; try: make PYTHON=python3.12 ..." % v[:2])'; \
	  echo "$(PYTHON) -m venv --clear $(VENV)"; \
	  $(PYTHON) -m venv --clear $(VENV); \
	fi
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[dev]"
	touch $@

node: $(NODE_STAMP)

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm ci --no-audit --no-fund --loglevel=error"; \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: the axe-core and JupyterHub tests need Node.js and npm (e.g. apt-get install nodejs npm)"; \
	fi

lab: $(STAMP) $(LAB_SETTINGS)
	@test -f "$(START)" || { echo "$(START) is missing"; exit 1; }
	$(IN_VENV) $(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(LAB_ARGS) "$(START)"

# App mode: a lesson as a page with its code hidden (APP=notebooks/03_tnm_staging.ipynb for
# another lesson); every page load starts its own kernel. Voila runs in tree mode on the
# lesson's folder and the browser opens at /voila/render/<lesson>.ipynb: Voila started on one
# notebook answers 403 to the links to the other lessons. VOILA_ARGS go to Voila
# (e.g. --port=9000 --no-browser --theme=dark).
APP ?= $(START)
app: $(STAMP)
	@test -f "$(APP)" || { echo "$(APP) is missing"; exit 1; }
	$(IN_VENV) $(BIN)/python tools/voila_app.py "$(APP)" $(VOILA_ARGS)

# The report reader (lesson 8) as an app: for someone holding a report.
report: $(STAMP)
	$(MAKE) app APP=notebooks/08_reading_a_report.ipynb

test: $(STAMP) $(NODE_STAMP) $(LAB_SETTINGS)
ifneq ($(NOTEBOOKS),)
	$(BIN)/nbstripout --keep-id --verify $(NOTEBOOKS)
endif
	$(BIN)/ruff check .
	$(IN_VENV) MPLBACKEND=Agg $(BIN)/python -m pytest --nbval-lax --nbval-current-env --timeout=$(PYTEST_TIMEOUT) tests notebooks $(PYTEST_ARGS)

site: $(STAMP)
	$(IN_VENV) $(BIN)/python tools/build_site.py --out "$(SITE_DIR)"

# Handouts to print (docs/instructor/handouts.md): every lesson executed once and exported twice,
# build/handouts/student/ (folded answers left out of print, lines to write on, every patient's
# worksheet) and build/handouts/answers/ (everything shown, "Instructor copy" on every page).
handouts: $(STAMP)
	$(IN_VENV) $(BIN)/python tools/build_handouts.py --out build/handouts

# Slides to project (docs/instructor/slides.md): a reveal.js deck per lesson in build/slides/, with
# reveal.js copied from node_modules (npm ci) so the decks work offline.
slides: $(STAMP) $(NODE_STAMP)
	$(IN_VENV) $(BIN)/python tools/build_slides.py --out build/slides

bench: $(STAMP)
	$(IN_VENV) $(BIN)/python -m benchmarks.bench_explorers

# A class on a real local JupyterHub (127.0.0.1 only): K = 5, 10, 20, 30 simulated learners, each
# with their own server and kernel, a control changed every 2 s for 2 minutes; stops by itself
# (about 15-20 minutes). Not part of `make test` (which runs a 2-learner, 20-second version).
LOADTEST_ARGS ?= --lessons
loadtest: $(STAMP) $(NODE_STAMP)
	$(IN_VENV) $(BIN)/python -m benchmarks.loadtest $(LOADTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

strip: $(STAMP)
ifneq ($(NOTEBOOKS),)
	$(BIN)/nbstripout --keep-id $(NOTEBOOKS)
endif

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist *.egg-info tests/artifacts
	rm -rf node_modules $(SITE_DIR)
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
