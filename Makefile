# The two commands the README promises, plus the benchmark.
#   make example   the main job on an example project: scan, check, generate, deploy, promote (local backend, no server)
#   make test      the whole test suite (what CI runs)
#   make test-prefect  only the Prefect REST client tests, with their servers
#   make bench     speed and memory against the Python reference
#   make record    rewrite every golden file (Fixtures/**/expected*) from the current output
#   make install   a release build of acme-scan into $(PREFIX)/bin (default /usr/local/bin)

.PHONY: setup example test test-prefect bench record install

PREFIX ?= /usr/local
# The build installed; the test suite installs its debug build to check this target without a release build.
CONFIGURATION ?= release

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

# The binary links Debian's libtree-sitter and the Swift runtime of the toolchain that built it.
install: setup
	swift build -c $(CONFIGURATION) --product acme-scan
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 ".build/$(CONFIGURATION)/acme-scan" "$(DESTDIR)$(PREFIX)/bin/acme-scan"
