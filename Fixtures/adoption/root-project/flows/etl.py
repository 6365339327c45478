from datetime import date

from prefect import flow


@flow(name="etl-daily")
def etl_daily(source: str, limit: int = 500, run_date: date | None = None):
    """Load the daily extract."""
    print(source, limit, run_date)


@flow
def vacuum(full: bool = False):
    """Reclaim space."""
    print(full)
