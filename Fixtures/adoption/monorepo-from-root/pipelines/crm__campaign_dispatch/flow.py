"""Sends a message template to the contacts a query selects."""
from prefect import flow

from pipelines.common.tasks import read_secret


@flow(name="crm-campaign-dispatch", log_prints=True)
def dispatch_campaign(
    template_id: int = 0,
    campaign_name: str = "",
    query: str = "",
    chunk_size: int = 1000,
    whitelist: dict = {},
    test_mode: bool = True,
    secret_path: str = "/messaging",
):
    read_secret(secret_path)
    print(template_id, campaign_name, chunk_size, test_mode)
