from prefect import flow


@flow(name="etl-daily", description="Reads a/b & writes c > d")
def etl():
    pass
