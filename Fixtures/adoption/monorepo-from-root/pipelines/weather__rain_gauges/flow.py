"""Rain gauge readings: precipitation every five minutes."""
from prefect import flow

from pipelines.common.tasks import load_rows


@flow(log_prints=True)
def weather__rain_gauges(
    dataset_id: str = "weather",
    table_id_rain: str = "rain_gauge_rate",
    table_id_meteo: str = "meteorology",
    dump_mode_rain: str = "append",
    dump_mode_meteo: str = "append",
    materialize_after_dump: bool = False,
):
    load_rows(dataset_id, table_id_rain, [], dump_mode_rain)
    load_rows(dataset_id, table_id_meteo, [], dump_mode_meteo)
