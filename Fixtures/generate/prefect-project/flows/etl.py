from enum import Enum
from typing import Literal

from prefect import flow


class Mode(str, Enum):
    full = "full"
    incremental = "incremental"


@flow(name="etl-daily", retries=2)
def etl_daily(source: str, limit: int = 100, mode: Mode = Mode.incremental, dry_run: bool = False):
    """Load the daily extract.

    Args:
        source: where to read from
        limit: max rows
    """


@flow
def report_weekly(env: Literal["dev", "prod"] = "dev", recipients: list[str] = []):
    """Send the weekly report."""
