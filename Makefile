# The two commands the README promises, plus the benchmark.
#   make example   the main job on an example project: scan, check, generate, deploy, promote (local backend, no server)
#   make test      the whole test suite (what CI runs)
#   make test-prefect  only the Prefect REST client tests, with their servers
#   make bench     speed and memory against the Python reference
#   make record    rewrite every golden file (Fixtures/**/expected*) from the current output
#   make wheel     dist/acme_scan-VERSION-py3-none-manylinux_X_Y_x86_64.whl: the release binary as a pip package
#   make install   the release binary into $(PREFIX)/bin (default /usr/local/bin)

.PHONY: setup example test test-prefect bench record wheel install

PREFIX ?= /usr/local

setup:
	@scripts/setup.sh

example: setup
	scripts/example.sh

test: setup
	scripts/test.sh

# The REST client and Prefect API tests alone, against two throwaway Prefect servers.
test-prefect: setup
	swift build --build-tests
	Tests/servers/with-prefect.sh swift test --skip-build --filter 'RESTClientTests|PrefectAPITests'

# Rewrite every golden file from the current output (then review the diff).
record: setup
	scripts/record-goldens.sh

bench: setup
	bench/run.sh

# Prints the wheel's path (scripts/wheel.sh says how it is made and checked).
wheel: setup
	@scripts/wheel.sh

# The binary the wheel ships (scripts/release-binary.sh): static Swift runtime, tree-sitter
# and SQLite linked in, so the installed file runs, and can be copied, without Swift.
install: setup
	@binary="$$(scripts/release-binary.sh)" && install -d "$(DESTDIR)$(PREFIX)/bin" \
	  && install -m 755 "$$binary" "$(DESTDIR)$(PREFIX)/bin/acme-scan"
