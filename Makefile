# Marginalia: build, run and test. `make run` and `make test` install the system
# libraries they need first (Debian packages), so a fresh machine with the Swift
# toolchain needs nothing else.

SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev sqlite3
CONFIGURATION ?= debug
BINARY = .build/$(CONFIGURATION)/marginalia

.PHONY: run build release test hardening-long deps bench clean

## run: start marginalia on the default replica (created on first use)
run: build
	@$(BINARY) $(ARGS)

build: deps
	$(SWIFT) build -c $(CONFIGURATION)

# Release builds link the Swift runtime statically: a one-shot command starts about
# 5 ms sooner without the dynamic linker resolving it.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

## test: every test (unit, property, end to end against the real binary)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build $(TEST_ARGS)

## hardening-long: the concurrency, load and fault tests at ten times the kills, twice the clients, ten times the writers
hardening-long: deps
	$(SWIFT) build --build-tests
	MARGINALIA_FAULT_SCALE=10 MARGINALIA_FAULT_ROUNDS=10 MARGINALIA_LOAD_CLIENTS=100 MARGINALIA_WRITER_WAVES=20 \
		$(SWIFT) test --skip-build \
		--filter 'SurvivesKillsTests|SyncFaultTests|ServerUnderLoadTests|ServeAndOneShotWritersTests'

## deps: install the Debian packages that are missing (as root, or through sudo)
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends $$missing; \
	fi

## bench: the benchmarks in Benchmarks/, as ratios against baselines run alongside
bench: deps
	$(SWIFT) build -c release --static-swift-stdlib --product marginalia-bench
	.build/release/marginalia-bench $(BENCH_ARGS)

clean:
	rm -rf .build
