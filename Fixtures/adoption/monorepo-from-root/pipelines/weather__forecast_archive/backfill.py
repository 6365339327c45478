from prefect import flow

from pipelines.common.tasks import load_rows


@flow(name="weather-forecast-backfill")
def backfill_forecast(model: str = "gfs", start: str = "2024-01-01", end: str = "2024-01-31"):
    """Archive the forecasts of past days again."""
    load_rows("weather", f"forecast_{model}", [], "overwrite")
