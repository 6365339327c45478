"""The registry of clinics and their opening hours."""
from prefect import flow

from pipelines.common.tasks import load_rows


@flow(name="health-clinics-registry", log_prints=True)
def health__clinics_registry(registry_url: str = "https://registry.example/api", page_size: int = 500):
    load_rows("health_raw", "clinics", [], "overwrite")
