from datetime import date
from enum import Enum
from typing import Literal, Optional

import pandas as pd
from prefect import flow


class Mode(Enum):
    full = "full"
    incremental = "incremental"


@flow(name="etl-daily", log_prints=True, retries=2, description="Daily ETL")
def etl_daily(source: str, limit: int = 100, ratio: float = 0.5, dry_run: bool = False,
              tables: list[str] = ["a", "b"], opts: dict[str, int] | None = None,
              run_date: Optional[date] = None, mode: Mode = Mode.incremental,
              env: Literal["dev", "prod"] = "dev", frame: pd.DataFrame | None = None):
    """Run the daily ETL.

    Args:
        source: where to read from
        limit: max rows
    """
