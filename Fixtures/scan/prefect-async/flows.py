from prefect import flow


@flow
async def fetch_all(urls: list[str]):
    """Fetch every URL concurrently."""


@flow
def sync_one():
    pass
