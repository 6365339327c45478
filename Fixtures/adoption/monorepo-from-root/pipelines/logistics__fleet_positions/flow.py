from prefect import flow

from pipelines.common.tasks import load_rows


@flow
def logistics__fleet_positions(window_minutes: int = 2, dataset_id: str = "logistics_raw"):
    """GPS positions of the fleet in the last minutes."""
    load_rows(dataset_id, "fleet_positions", [])
