# The two commands the README promises, plus the benchmark.
#   make example   the main job on an example project: scan, check, generate, deploy, promote (local backend, no server)
#   make test      the whole test suite (what CI runs)
#   make test-prefect  only the Prefect REST client tests, with their servers
#   make bench     speed and memory against the Python reference
#   make record    rewrite every golden file (Fixtures/**/expected*) from the current output

.PHONY: setup example test test-prefect bench record

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
