"""Tasks every pipeline shares (imported as pipelines.common.tasks, from the repository root)."""
from prefect import task


@task(retries=2)
def load_rows(dataset: str, table: str, rows: list, mode: str = "append") -> int:
    print(f"{mode} {len(rows)} rows into {dataset}.{table}")
    return len(rows)


@task
def read_secret(path: str) -> dict:
    return {"path": path}
