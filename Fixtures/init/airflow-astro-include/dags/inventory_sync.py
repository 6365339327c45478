from airflow.sdk import DAG, task

from include.warehouse import STORES

with DAG("inventory_sync", schedule="@hourly", tags=["inventory"]):

    @task
    def sync(store: str):
        # Runs on the worker, where include/ must be importable too.
        from include.warehouse import count_items

        return count_items(store)

    sync.expand(store=STORES)
