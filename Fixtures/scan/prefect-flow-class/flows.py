from prefect import Flow


def extract(source: str) -> None:
    """Extract rows."""


extract_flow = Flow(extract, name="extract-rows", retries=2)
