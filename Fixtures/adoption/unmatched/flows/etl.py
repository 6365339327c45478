from prefect import flow


@flow(name="etl-daily")
def etl_daily(source: str, limit: int = 500):
    """Load the daily extract."""
    print(source, limit)


def make_flow(name):
    @flow(name=name)
    def dynamic():
        pass

    return dynamic
