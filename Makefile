# dnclinic: the two commands are `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
DEPS   := pyproject.toml setup.py

.PHONY: run test lint bench bench-instructions screenshots dist wheel clean help

help:
	@echo "make run          set up .venv and start dnclinic on the default database"
	@echo "make test         set up .venv (with the test extra) and run the whole suite offscreen"
	@echo "make lint         ruff, mypy and the import contracts"
	@echo "make screenshots  regenerate the README screenshots"
	@echo "make bench        timings at clinic scale (docs/PERFORMANCE.md)"
	@echo "make bench-instructions  cold start counted by callgrind (docs/STARTUP_INSTRUCTIONS.md)"
	@echo "make dist         one-folder desktop build in dist/dnclinic (PyInstaller)"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dnclinic needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app: $(DEPS) | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.test: $(DEPS) | $(PY)
	$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.dev: $(DEPS) | $(PY)
	$(PIP) install -e '.[test,dev]'
	@touch $@

run: $(VENV)/.app
	$(PY) -m dnclinic $(ARGS)

test: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

screenshots: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots_access.py
	$(PY) scripts/screenshots_documents.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots_wizard.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots_training.py

bench: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Cold start in instructions (valgrind's callgrind): independent of the machine's load.
bench-instructions: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.instructions

$(VENV)/.dist: $(DEPS) | $(PY)
	$(PIP) install -e '.[dist]'
	@touch $@

# One-folder desktop build in dist/dnclinic/ (run it with dist/dnclinic/dnclinic).
dist: $(VENV)/.dist
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec
	@du -sh dist/dnclinic | awk '{print "Built dist/dnclinic (" $$1 ")"}'

wheel: $(VENV)/.app
	$(PIP) wheel --no-deps -w dist .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
