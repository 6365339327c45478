from prefect import flow

from pipelines.common.tasks import load_rows, read_secret


@flow(name="crm-contacts-sync")
def crm__contacts_sync(source: str = "salesforce", updated_since_days: int = 1, dataset_id: str = "crm_raw"):
    """Contacts changed in the CRM."""
    read_secret(f"/{source}")
    load_rows(dataset_id, "contacts", [])
