"""A stand-in for prefect-docker in the adoption cross-check (Tests/prefect-deploy/adoption.sh).

The fixtures' build and push steps name prefect-docker's real steps, as a team's
prefect.yaml does; this package on PYTHONPATH answers them without Docker, so no
image is built or pushed. Each call is appended to $ACME_STUB_LOG, so the check can
prove `prefect deploy` ran the same steps for the original and the generated files.
"""
