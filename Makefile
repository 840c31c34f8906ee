# Chanjiao — one entry point for set-up, running and testing. `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run LOCALITY=梧州市` makes the demonstration data of one locality only; empty: all of them.
LOCALITY ?=
export CHANJIAO_DATA_DIR ?= $(CURDIR)/var

.DEFAULT_GOAL := help
.PHONY: help install install-test run serve test test-sqlite test-postgres fuzz lint check schema screenshots

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the platform

run: install ## Set up an SQLite demo (catalogues, localities, demo data of every locality) and serve it (web, worker, scheduler) on :8000
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao migrate --noinput
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao load_catalogs
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao load_localities
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao load_programmes
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao load_labor_market_stats
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao load_warning_rules
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao demo_data $(if $(LOCALITY),--locality $(LOCALITY)) --seed 1 --services-in-background
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao collectstatic --noinput --verbosity 0
	@$(MAKE) --no-print-directory serve

serve: install ## Start the web server, task worker and scheduler on the existing data; Ctrl-C stops all three
	@echo "平台地址：http://$(HOST):$(PORT)/    接口文档：http://$(HOST):$(PORT)/api/v1/docs/"
	@echo "网站、后台任务执行器和周期任务调度一起运行；按 Ctrl-C 一起停止。"
	CHANJIAO_HTTPS=0 $(BIN)/chanjiao serve --host $(HOST) --port $(PORT)

install-test: $(VENV)/.installed-test ## Install the platform with its test tools

# The whole suite runs with the clock pinned at the hours where China's date and UTC's differ
# (conftest.py: CHANJIAO_TEST_CLOCK); `make test-sqlite CLOCK=` runs it on the real clock.
# The browser tests (Chromium) check pages, not the database, and the demo command's end-to-end
# runs with every service's demo (marker demo_pass) do what `make run` does on the embedded SQLite:
# both run once, in the SQLite pass (`make test-postgres` alone runs them on PostgreSQL too).
# Every other HTTP, API and service test runs on both (the services' own tests, and the demo
# writers of statistics, analytics, warnings, applications/events and recommendations).
test: install-test ## Run the whole suite on SQLite (clock at 00:30 China time), then on a throwaway PostgreSQL 15 (23:30) without the browser and demo end-to-end tests
	$(MAKE) --no-print-directory test-sqlite CLOCK=00:30
	$(MAKE) --no-print-directory test-postgres CLOCK=23:30 PYTEST_ARGS='-m "not browser and not demo_pass"'

test-sqlite: install-test ## Run the suite on SQLite only
	@echo "== 测试：SQLite（时钟 $(or $(CLOCK),实际时间)）=="
	CHANJIAO_TEST_CLOCK=$(CLOCK) $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install-test ## Run the suite on a throwaway PostgreSQL 15 cluster
	@echo "== 测试：PostgreSQL 15（时钟 $(or $(CLOCK),实际时间)）=="
	CHANJIAO_TEST_CLOCK=$(CLOCK) PATH="$(CURDIR)/$(BIN):$$PATH" scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

# The API fuzz run (chanjiao/common/tests/test_api_fuzz.py) is part of `make test` with 3 generated
# requests per operation and role; `make fuzz EXAMPLES=50` runs it longer (figures per role printed).
EXAMPLES ?= 25
fuzz: install-test ## Fuzz every API operation from docs/openapi.yaml as anonymous, student, enterprise admin and officer (EXAMPLES=25 per operation and role)
	CHANJIAO_FUZZ_EXAMPLES=$(EXAMPLES) $(BIN)/pytest chanjiao/common/tests/test_api_fuzz.py -s -q $(PYTEST_ARGS)

schema: install ## Regenerate the committed OpenAPI document docs/openapi.yaml
	DJANGO_SETTINGS_MODULE=config.settings_testing $(BIN)/chanjiao spectacular --validate \
		--fail-on-warn --file docs/openapi.yaml

lint: install-test ## Lint (ruff), check formatting, type-check (mypy) and check the layer contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy chanjiao config
	$(BIN)/lint-imports

check: install ## Django system checks and a migrations check
	$(BIN)/chanjiao check
	$(BIN)/chanjiao makemigrations --check --dry-run

screenshots: install-test ## Screenshots of each role's workbench and the ten main pages at 1366 and 390 px wide, into screenshots/
	rm -rf screenshots
	CHANJIAO_SCREENSHOTS=$(CURDIR)/screenshots CHANJIAO_REQUIRE_BROWSER=1 $(BIN)/pytest \
		chanjiao/web/tests/test_portal_browser.py -q || true
	@echo "截图已保存在 screenshots/（$$(ls screenshots 2>/dev/null | wc -l) 张）；页面问题见上方测试输出。"
