from prefect import flow


@flow(name="etl-daily", description="Loads the day's files.")
def etl_daily(source: str = "s3://raw", limit: int = 100):
    pass


@flow
async def report(recipients: list[str] = []):
    """Sends the daily report."""
