# Marginalia: build, run and test. `make run` and `make test` install the system
# libraries they need first (Debian packages), so a fresh machine with the Swift
# toolchain needs nothing else.

SWIFT ?= swift
# libreadline-dev for the REPL (found through pkg-config); tmux drives it in the tests;
# chromium renders the exported HTML page in the tests, cmark-gfm the Markdown export;
# Debian's python3 with jsonschema and rfc3987 checks the W3C export's assertions;
# openssl checks a replica's self-signed certificate and fingerprint; libxml2-dev parses
# the web pages `import` reads (found through pkg-config); postgresql gives the hub's tests
# a throwaway cluster of their own (initdb and pg_ctl, run as the 'postgres' user).
APT_PACKAGES := libsqlite3-dev sqlite3 libreadline-dev libxml2-dev pkg-config tmux chromium cmark-gfm python3 python3-jsonschema python3-rfc3987 openssl postgresql
CONFIGURATION ?= debug
BINARY = .build/$(CONFIGURATION)/marginalia

PREFIX ?= $(HOME)/.local
COMPLETIONS = .build/completions

.PHONY: run build release test test-asan test-tsan hardening-long deps bench fuzz completions install-completions clean

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

## test-asan, test-tsan: the whole suite (the binary the end-to-end tests run included)
## built with AddressSanitizer or ThreadSanitizer, each in its own build folder. Leaks
## of the Swift runtime and Foundation that LeakSanitizer misreads are suppressed, and
## MARGINALIA_SANITIZED tells the tests that memory figures are the sanitizer's.
test-asan test-tsan: test-%: deps
	$(SWIFT) build --build-tests --scratch-path .build-$* --sanitize=$(subst asan,address,$(subst tsan,thread,$*))
	MARGINALIA_SANITIZED=$* LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp:print_suppressions=0 \
		$(SWIFT) test --skip-build --scratch-path .build-$* $(TEST_ARGS)

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

## fuzz: libFuzzer with AddressSanitizer against a responder session on a real replica,
## for FUZZ_SECONDS (default 60; FUZZ_SECONDS=3600 for a long run). New inputs go to
## .build-fuzz/corpus; a crash leaves its input in .build-fuzz/artifacts and fails the
## target. Leak checking is off: run per input, it took two thirds of the time and the
## Swift runtime's caches look like leaks to it. Swift's backtracer is off too: it reads
## the crashed thread's stack in a way AddressSanitizer reports as an overflow of its
## own, which hid the real message (a failed precondition) in CI.
FUZZ_SECONDS ?= 60
fuzz: deps
	MARGINALIA_FUZZ=1 $(SWIFT) build -c release --scratch-path .build-fuzz --product marginalia-fuzz \
		-Xswiftc -sanitize=fuzzer,address
	mkdir -p .build-fuzz/corpus .build-fuzz/artifacts
	SWIFT_BACKTRACE=enable=no .build-fuzz/release/marginalia-fuzz -detect_leaks=0 -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix=.build-fuzz/artifacts/ \
		.build-fuzz/corpus Fuzz/corpus

## completions: bash, zsh and fish completion scripts for the one-shot commands, in .build/completions
completions: build
	@mkdir -p $(COMPLETIONS)
	for shell in bash zsh fish; do $(BINARY) --generate-completion-script $$shell > $(COMPLETIONS)/marginalia.$$shell; done

## install-completions: install them under $(PREFIX)/share (default ~/.local/share)
install-completions: completions
	install -D -m 644 $(COMPLETIONS)/marginalia.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/marginalia
	install -D -m 644 $(COMPLETIONS)/marginalia.zsh $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_marginalia
	install -D -m 644 $(COMPLETIONS)/marginalia.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/marginalia.fish

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan
