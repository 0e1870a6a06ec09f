# Sluice: `make run` opens the REPL on an embedded data dir; `make test` runs every test.
SWIFT ?= swift
APT_PACKAGES := pkg-config librocksdb-dev libpcre2-dev libreadline-dev tmux
DATA ?= ./sluice-data
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

CONFORMANCE ?= ../shared/conformance
BASELINE := Tests/Conformance/baseline.txt

.PHONY: bootstrap build release run test bench fuzz conformance conformance-check clean

## bootstrap: install the system packages that are missing (non-interactive, CI has no terminal)
bootstrap:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release

run: build
	$(SWIFT) run sluice --data $(DATA)

test: bootstrap
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) conformance-check

## conformance: every ksqlDB test file, with a table per file and per tier
conformance: build
	.build/debug/sluice conformance $(CONFORMANCE) --failures

## conformance-check: fails when a case of the committed baseline stops passing (the ratchet)
conformance-check:
	@if [ -d "$(CONFORMANCE)/ksql-qtt" ]; then \
	  $(SWIFT) build >/dev/null && .build/debug/sluice conformance $(CONFORMANCE) --baseline $(BASELINE); \
	else \
	  echo "conformance: $(CONFORMANCE) is absent, skipping the ratchet (the baseline is $(BASELINE))"; \
	fi

## bench: the hot-path figures (release build): parser, log store, Nexmark q0-q2
bench: release
	.build/release/sluice bench parse
	.build/release/sluice bench log
	for q in q0 q1 q2; do .build/release/sluice bench query Queries/nexmark/$$q.sql --events 4000000 --runs 3; done

## fuzz: run the SQL front end's libFuzzer target (with AddressSanitizer) over FUZZ_RUNS inputs; lld links it
FUZZ_RUNS ?= 1000000
fuzz: bootstrap
	SLUICE_FUZZ=1 $(SWIFT) build -c release --scratch-path .build/fuzz --product SluiceSQLFuzzer \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
	mkdir -p .build/fuzz-corpus .build/fuzz-artifacts
	.build/fuzz/release/SluiceSQLFuzzer .build/fuzz-corpus Tests/Fuzz/seeds -dict=Tests/Fuzz/sql.dict \
	  -runs=$(FUZZ_RUNS) -max_len=1024 -print_final_stats=1 -artifact_prefix=.build/fuzz-artifacts/

clean:
	rm -rf .build
