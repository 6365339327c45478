"""Shipments and their status changes from the carrier APIs."""
from prefect import flow

from pipelines.common.tasks import load_rows

CARRIERS = ["dhl", "ups"]


@flow(name="logistics-shipments", log_prints=True, retries=1)
def sync_shipments(carriers: list[str] = CARRIERS, since_hours: int = 24, full_refresh: bool = False):
    for carrier in carriers:
        load_rows("logistics_raw", f"shipments_{carrier}", [], "overwrite" if full_refresh else "append")
