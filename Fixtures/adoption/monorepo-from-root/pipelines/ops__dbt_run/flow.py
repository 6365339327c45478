"""Runs dbt against the warehouse and reports to chat."""
from typing import Optional

from prefect import flow


@flow(log_prints=True)
def ops__dbt_run(
    command: str = "build",
    select: Optional[str] = None,
    target: str = "dev",
    send_report: bool = False,
    repository: str = "https://github.com/acme/dbt-warehouse.git",
    artifact_buckets: dict = {},
):
    print(command, select, target)
