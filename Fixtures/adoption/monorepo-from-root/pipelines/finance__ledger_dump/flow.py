"""Dumps tables of the ledger database, one table per scheduled run."""
from typing import Optional

from prefect import flow

from pipelines.common.tasks import load_rows, read_secret


@flow(log_prints=True)
def finance__ledger_dump(
    db_host: str = "db_host",
    db_port: str = "5432",
    db_database: str = "ledger",
    secret_path: str = "/ledger",
    dataset_id: str = "ledger_raw",
    table_id: str = "table_id",
    execute_query: str = "select 1",
    dump_mode: str = "overwrite",
    partition_columns: Optional[str] = None,
    batch_size: int = 50000,
):
    read_secret(secret_path)
    load_rows(dataset_id, table_id, [], dump_mode)
