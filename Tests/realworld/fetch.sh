#!/usr/bin/env bash
# Fetches the real-world corpus for RealWorldTests: the prefect-dbt sdist,
# whose tests define many flows. Pinned by version and sha256.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$repo/scripts/fetch-pypi.sh" prefect-dbt 0.7.25 dae783c5fd97a98f6b6c16d7cc28b5205dc4d1d750594962279b45f421f88f12 >/dev/null
