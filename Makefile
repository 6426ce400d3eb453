# Marginalia: build, run and test. `make run` and `make test` install the system
# libraries they need first (Debian packages), so a fresh machine with the Swift
# toolchain needs nothing else.

SWIFT ?= swift
# libreadline-dev for the REPL (found through pkg-config); tmux drives it in the tests.
APT_PACKAGES := libsqlite3-dev sqlite3 libreadline-dev pkg-config tmux
CONFIGURATION ?= debug
BINARY = .build/$(CONFIGURATION)/marginalia

PREFIX ?= $(HOME)/.local
COMPLETIONS = .build/completions

.PHONY: run build release test deps bench completions install-completions clean

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
	rm -rf .build
