from prefect import flow


@flow(name="sales-daily", log_prints=True)
def sales_daily(region: str = "eu", full_refresh: bool = False, limit: int = 1000):
    """Load the day's sales."""
    print(region, full_refresh, limit)


@flow
def sales_backfill(start: str, end: str, region: str = "eu"):
    """Backfill the sales between two dates."""
    print(start, end, region)
