# The two commands the README promises, plus the benchmark.
#   make example   the main job on an example project: scan, check, generate, deploy, promote (local backend, no server)
#   make test      the whole test suite (what CI runs)
#   make bench     speed and memory against the Python reference
#   make record    rewrite every golden file (Fixtures/**/expected*) from the current output

.PHONY: setup example test bench record

setup:
	@scripts/setup.sh

example: setup
	scripts/example.sh

test: setup
	Tests/realworld/fetch.sh
	scripts/prefect-fidelity.sh
	swift build --build-tests
	scripts/record-goldens.sh --check
	bench/dagbag.sh
	Tests/airflow-removals/run.sh
	Tests/precommit/run.sh
	Tests/prefect-deploy/run.sh
	swift test

# Rewrite every golden file from the current output (then review the diff).
record: setup
	scripts/record-goldens.sh

bench: setup
	bench/run.sh
