# townclerk — `make run` and `make test` do the whole set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR ?= var/demo

.PHONY: run test setup system-deps lint typecheck format screenshots bundle benchmarks translations clean

setup: $(STAMP)

system-deps:
	@./scripts/system-deps.sh

$(STAMP): pyproject.toml scripts/system-deps.sh
	@./scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,build,postgres]'
	@touch $(STAMP)

run: setup
	$(PY) -m townclerk --data-dir $(DEMO_DIR) init --demo --if-new
	$(PY) -m townclerk --data-dir $(DEMO_DIR)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --dist loadgroup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

lint: setup
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

typecheck: setup
	$(VENV)/bin/mypy

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots
	$(PY) scripts/render_documents.py docs/screenshots

translations: setup
	$(PY) scripts/update_translations.py

bundle: setup
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

# The first builds the 1,000,000-case database the others reuse (benchmarks/out/, git-ignored).
benchmarks: setup
	$(PY) benchmarks/bench_foundation.py
	$(PY) benchmarks/bench_startup.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_intake.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_ui_stalls.py
	$(PY) benchmarks/bench_documents.py
	$(PY) benchmarks/bench_catalog.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_dashboard.py
	$(PY) benchmarks/bench_reports.py benchmarks/out/foundation-1000000
	$(PY) benchmarks/bench_history.py --dir benchmarks/out/foundation-1000000
	$(PY) benchmarks/bench_backup.py --encrypt

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
