# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Builds live outside the clone so that repeated runs (and CI) reuse them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/shifters-portal/target
export PATH := $(HOME)/.cargo/bin:$(PATH)
# Trunk must use the system wasm-opt (Debian's binaryen) instead of downloading one.
export TRUNK_TOOLS_WASM_OPT = $(shell wasm-opt --version 2>/dev/null | sed -n 's/.*(\(version_[0-9]*\)).*/\1/p')

PORTAL := $(CARGO_TARGET_DIR)/debug/portal
export PORTAL_DB ?= surrealkv://data/portal.db
export PORTAL_BIND ?= 127.0.0.1:3000

.PHONY: run test deps front server lint unit e2e bench clean

run: deps front server
	@scripts/run-demo.sh "$(PORTAL)"

test: deps front lint unit e2e

deps:
	@scripts/install-deps.sh

front:
	trunk build --release --offline
	@scripts/precompress.sh dist

server:
	cargo build --locked -p server --bin portal

lint:
	cargo fmt --all --check
	cargo clippy --locked -p server --all-targets -- -D warnings
	cargo clippy --locked -p app --features csr --target wasm32-unknown-unknown -- -D warnings

unit:
	cargo test --locked -p app --features ssr
	cargo test --locked -p server

e2e: server
	cd end2end && PORTAL_BIN="$(PORTAL)" npx playwright test

clean:
	rm -rf dist end2end/test-results
