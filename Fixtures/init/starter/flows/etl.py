from prefect import flow


@flow(name="etl-daily")
def etl_daily(limit: int = 100):
    pass
