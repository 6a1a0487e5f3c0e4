# townclerk — `make run` and `make test` do the whole set-up on a fresh Debian/Ubuntu machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The oldest PySide6 townclerk supports is pinned in constraints-oldest.txt (only there); the UI
# tests also run against it, in a second venv.
OLDEST_VENV := .venv-oldest
OLDEST_STAMP := $(OLDEST_VENV)/.installed
DEMO_DIR ?= var/demo

.PHONY: run test test-oldest setup setup-oldest system-deps lint typecheck format screenshots bundle deb benchmarks translations clean

setup: $(STAMP)

system-deps:
	@./scripts/system-deps.sh

$(STAMP): pyproject.toml scripts/system-deps.sh
	@./scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,build,postgres]'
	@touch $(STAMP)

setup-oldest: $(OLDEST_STAMP)

$(OLDEST_STAMP): pyproject.toml constraints-oldest.txt Makefile | $(STAMP)
	@test -x $(OLDEST_VENV)/bin/python || $(PYTHON) -m venv $(OLDEST_VENV)
	$(OLDEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST_VENV)/bin/python -m pip install --quiet -c constraints-oldest.txt -e '.[dev,postgres]'
	@touch $(OLDEST_STAMP)

run: setup
	$(PY) -m townclerk --data-dir $(DEMO_DIR) init --demo --if-new
	$(PY) -m townclerk --data-dir $(DEMO_DIR)

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 --dist loadgroup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(MAKE) --no-print-directory test-oldest

# The UI tests against the oldest supported PySide6 (what glibc 2.28 desktops get from pip).
test-oldest: setup-oldest
	QT_QPA_PLATFORM=offscreen $(OLDEST_VENV)/bin/python -m pytest -n 2 --dist loadgroup tests/ui

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

# A Debian package of the bundle: /opt/townclerk, /usr/bin/townclerk, a desktop entry and icon.
deb: bundle
	$(PY) scripts/build_deb.py dist/townclerk dist

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
	$(PY) benchmarks/bench_report_locks.py
	$(PY) benchmarks/bench_login_contention.py
	$(PY) benchmarks/bench_session_check.py --dir benchmarks/out/foundation-1000000
	$(PY) benchmarks/bench_back_office_queue.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
