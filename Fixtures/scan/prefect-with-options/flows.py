from prefect import flow


@flow(name="base", retries=1, version="1")
def base_flow(x: int = 1):
    """Base flow."""


fast = base_flow.with_options(name="base-fast", retries=0)
quiet = fast.with_options(description="Quiet variant", log_prints=False)
