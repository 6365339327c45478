from prefect import flow


@flow
def etl_daily_run():
    pass


@flow(name=None)
def explicit_none_name():
    pass
