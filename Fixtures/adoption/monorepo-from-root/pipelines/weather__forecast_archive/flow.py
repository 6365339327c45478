from prefect import flow

from pipelines.common.tasks import load_rows


@flow(name="weather-forecast-archive")
def archive_forecast(model: str = "gfs", horizon_hours: int = 72):
    """Archive the latest forecast run."""
    load_rows("weather", f"forecast_{model}", [])
