# The two commands the README promises, plus the benchmark.
#   make example   scan the example project and print its manifest
#   make test      the whole test suite (what CI runs)
#   make test-prefect  only the Prefect REST client tests, with their servers
#   make bench     speed and memory against the Python reference

.PHONY: setup example test test-prefect bench record

setup:
	@scripts/setup.sh

example: setup
	swift build --product acme-scan
	.build/debug/acme-scan Fixtures/scan/example-etl --output -

test: setup
	Tests/realworld/fetch.sh
	scripts/prefect-fidelity.sh
	swift build --build-tests
	bench/dagbag.sh
	Tests/precommit/run.sh
	Tests/prefect-deploy/run.sh
	Tests/servers/with-prefect.sh swift test

# The REST client and Prefect API tests alone, against two throwaway Prefect servers.
test-prefect: setup
	swift build --build-tests
	Tests/servers/with-prefect.sh swift test --skip-build --filter 'RESTClientTests|PrefectAPITests'

# Rewrite the golden files from the current output (then review the diff).
record: setup
	-ACME_RECORD=1 swift test --filter GoldenManifestTests

bench: setup
	bench/run.sh
