# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Builds live outside the clone so that repeated runs (and CI) reuse them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/shifters-portal/target
# wasm-opt comes from npm (tools/), cargo tools from ~/.cargo/bin.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk must use that wasm-opt instead of downloading one (see tools/package.json).
export TRUNK_TOOLS_WASM_OPT = version_132

PORTAL := $(CARGO_TARGET_DIR)/debug/portal
# The real SurrealDB server (surreal/), built apart from the portal's workspace.
SURREAL_TARGET_DIR ?= $(HOME)/.cache/shifters-portal/surreal-target
export SURREAL_BIN := $(SURREAL_TARGET_DIR)/release/surreal
export PORTAL_DB ?= surrealkv://data/portal.db
export PORTAL_BIND ?= 127.0.0.1:3000
# Python with the tests' packages (scripts/install-deps.sh): vobject reads the vCard export
# back, aiosmtpd receives the mails (tools/smtp_sink.py).
export PORTAL_TEST_PYTHON ?= $(CURDIR)/tools/venv/bin/python

.PHONY: run test deps front server surreal fmt lint unit unit-server e2e bench bench-directory clean

run: deps front server
	@scripts/run-demo.sh "$(PORTAL)"

test: deps front lint unit unit-server e2e

deps:
	@scripts/install-deps.sh

# One Trunk build; its post-build hook (scripts/wasm-split.sh) builds the
# wasm and splits it into the first load and one chunk per area. Skipped
# when its inputs have not changed since the last build (scripts/front.sh).
front:
	@scripts/front.sh

server:
	cargo build --locked -p server --bin portal

surreal:
	CARGO_TARGET_DIR=$(SURREAL_TARGET_DIR) cargo build --release --locked --manifest-path surreal/Cargo.toml

# leptosfmt formats the view! bodies, cargo fmt the rest; the second
# leptosfmt pass settles what cargo fmt moved around the macros.
fmt:
	leptosfmt --quiet app/src
	cargo fmt --all
	leptosfmt --quiet app/src

lint:
	cargo fmt --all --check
	leptosfmt --check app/src > /dev/null
	cargo clippy --locked -p server --all-targets -- -D warnings
	cargo clippy --locked -p app --features csr --target wasm32-unknown-unknown -- -D warnings

# One invocation: the app's ssr tests share the server's build (same features).
unit: surreal
	cargo test --locked -p server -p app --features app/ssr
	cargo test --locked -p app-macros

# The integration suite again, on a real SurrealDB server over ws:// (each
# test gets a database of its own on it). The same cargo flags as `unit`, so
# the same test binaries run again instead of a second set being linked.
unit-server: surreal
	scripts/with-surreal.sh cargo test --locked -p server -p app --features app/ssr --tests

e2e: server
	cd end2end && PORTAL_BIN="$(PORTAL)" npx playwright test

# Speed figures (not a test): release build, 22,000 members, oha against the
# static floor, bundle size, browser timings. See docs/performance.md.
bench: deps front
	@scripts/bench.sh

clean:
	rm -rf dist end2end/test-results

# directory: search + facet timings on a 22,000-member store, release build
# (docs/performance.md). The store is kept in data/bench-directory.db.
BENCH_DB ?= surrealkv://data/bench-directory.db
bench-directory:
	cargo build --locked --release -p server --bin portal
	$(CARGO_TARGET_DIR)/release/portal --db $(BENCH_DB) seed --members 22000 --demo-password bench-directory-2026 > /dev/null
	$(CARGO_TARGET_DIR)/release/portal --db $(BENCH_DB) bench directory
